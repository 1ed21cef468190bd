import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { parseEvent } from '../event.js';
import { type LocalCheckout, localGit } from '../git/history.js';
import { planRelease } from '../plan/plan.js';
import { parseVersion } from '../plan/version.js';
import { planJson } from '../report/outputs.js';
import { planText } from '../report/summary.js';
import { readSettings } from '../settings.js';

export const USAGE = `Usage: image-release-preview [options]

Plans the release of the local checkout as the action would for an event: version, tags,
labels, annotations and build-args. Nothing is built, pushed or sent anywhere.

Event (default: a push of the tag on HEAD if it is a version, else of the current branch):
  --event NAME         push, pull_request, workflow_dispatch, release, schedule
  --ref REF            refs/tags/v1.2.3, refs/heads/main, v1.2.3, main, refs/pull/12/merge
  --pr NUMBER          pull request number (ref default: refs/pull/NUMBER/merge)
  --repository O/R     owner/name (default: from the origin remote)
Inputs (as in action.yml):
  --images LIST  --version V  --tag-prefix P  --stage S  --latest auto|true|false
  --extra-tags LIST  --labels K=V  --annotations K=V  --build-args K=V  --platforms LIST
  (--labels, --annotations and --build-args may be repeated)
Output:
  --json               the action's json output instead of text
  --notes              the GitHub release notes a release of this version would get, drafted
                       from local git (no API call, no fetch; digests unknown)
  -C, --cwd DIR        the checkout to read (default: the current directory)
  -h, --help`;

/** owner/name from the common remote URL forms (https, ssh, scp-like), or undefined. */
export function repositoryFromRemote(
  url: string,
): { owner: string; name: string; server: string } | undefined {
  const m =
    /^(?:https?|ssh|git):\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(.+?)\/([^/]+?)(?:\.git)?\/?$/.exec(
      url,
    ) ?? /^(?:[^@]+@)?([^:/]+):(.+?)\/([^/]+?)(?:\.git)?\/?$/.exec(url);
  if (!m) return undefined;
  const [, host, owner, name] = m as unknown as [string, string, string, string];
  return { owner, name, server: `https://${host}` };
}

async function defaultRef(git: LocalCheckout, tagPrefix: string | undefined): Promise<string> {
  const version = (await git.tagsAt('HEAD')).find((t) => parseVersion(t, tagPrefix) !== undefined);
  if (version) return `refs/tags/${version}`;
  const branch = await git.branch();
  return branch ? `refs/heads/${branch}` : 'HEAD';
}

/**
 * A short ref is a tag when the checkout has that tag or it reads as a version (previewing a
 * release before tagging it), else a branch.
 */
function normaliseRef(ref: string, tags: readonly string[], tagPrefix: string | undefined): string {
  if (ref.startsWith('refs/')) return ref;
  if (tags.includes(ref) || parseVersion(ref, tagPrefix)) return `refs/tags/${ref}`;
  return `refs/heads/${ref}`;
}

const EVENTS = [
  'push',
  'pull_request',
  'pull_request_target',
  'workflow_dispatch',
  'release',
  'schedule',
  'merge_group',
  'repository_dispatch',
];

function eventFor(ref: string): string {
  return /^refs\/pull\/\d+\//.test(ref) ? 'pull_request' : 'push';
}

/** The flags an event needs, checked here so that errors name a flag, not a payload field. */
function checkEventFlags(event: string, ref: string, pr: string | undefined): void {
  if (!EVENTS.includes(event)) {
    throw new UsageError('--event', `'${event}' is not one of ${EVENTS.join(', ')}`);
  }
  const isPr = event === 'pull_request' || event === 'pull_request_target';
  if (isPr && pr === undefined) {
    throw new UsageError('--pr', `a ${event} event needs the pull request number: add --pr N`);
  }
  if (!isPr && pr !== undefined) {
    throw new UsageError('--pr', `goes with --event pull_request (the event is ${event})`);
  }
  if (event === 'release' && !ref.startsWith('refs/tags/')) {
    throw new UsageError('--ref', `a release event needs the release's tag: add --ref v1.2.3`);
  }
}

export async function preview(
  argv: readonly string[],
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        event: { type: 'string' },
        ref: { type: 'string' },
        pr: { type: 'string' },
        repository: { type: 'string' },
        images: { type: 'string' },
        version: { type: 'string' },
        'tag-prefix': { type: 'string' },
        stage: { type: 'string' },
        latest: { type: 'string' },
        'extra-tags': { type: 'string' },
        labels: { type: 'string', multiple: true },
        annotations: { type: 'string', multiple: true },
        'build-args': { type: 'string', multiple: true },
        platforms: { type: 'string' },
        json: { type: 'boolean' },
        notes: { type: 'boolean' },
        cwd: { type: 'string', short: 'C' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    err(`${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    out(`${USAGE}\n`);
    return 0;
  }
  try {
    const input = (name: string): string => {
      const v = (values as Record<string, string | string[] | boolean | undefined>)[name];
      return (Array.isArray(v) ? v.join('\n') : typeof v === 'string' ? v : '').trim();
    };
    const settings = readSettings(input);
    if (values.pr !== undefined && !/^[1-9][0-9]*$/.test(values.pr)) {
      throw new UsageError('--pr', `'${values.pr}' is not a pull request number (e.g. 12)`);
    }
    if (values.repository !== undefined && !/^[^/\s]+\/[^/\s]+$/.test(values.repository)) {
      throw new UsageError('--repository', `'${values.repository}' is not of the form owner/name`);
    }
    const cwd = resolve(values.cwd ?? '.');
    const git = localGit(cwd);
    const sha = await git.resolve('HEAD');
    if (!sha)
      throw new UsageError(
        '--cwd',
        `'${cwd}' is not a git checkout with a commit; run the preview inside one or pass --cwd`,
      );

    const tags = await git.tags();
    // A pull request is built from its merge ref, as on GitHub, not from a tag on HEAD.
    const ref = values.ref
      ? normaliseRef(values.ref, tags, settings.tagPrefix)
      : values.pr !== undefined
        ? `refs/pull/${values.pr}/merge`
        : await defaultRef(git, settings.tagPrefix);
    const eventName = values.event ?? eventFor(ref);
    checkEventFlags(eventName, ref, values.pr);
    const remote = await git.remoteUrl('origin');
    const fromRemote = remote ? repositoryFromRemote(remote) : undefined;
    const [owner, name] = values.repository?.split('/') ?? [
      fromRemote?.owner ?? 'local',
      fromRemote?.name ?? basename(cwd),
    ];
    if (!values.repository && !fromRemote) {
      err(
        `note: no usable 'origin' remote; the repository is taken as ${owner}/${name} (set --repository)\n`,
      );
    }
    const prNumber = values.pr ?? /^refs\/pull\/(\d+)\//.exec(ref)?.[1];
    const tagName = ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined;
    const server = fromRemote?.server ?? 'https://github.com';
    const payload = {
      repository: { name, owner: { login: owner }, html_url: `${server}/${owner}/${name}` },
      ...(prNumber !== undefined && {
        number: Number(prNumber),
        pull_request: { number: Number(prNumber), head: { sha } },
      }),
      ...(eventName === 'release' && tagName !== undefined && { release: { tag_name: tagName } }),
    };
    const event = parseEvent(
      {
        GITHUB_EVENT_NAME: eventName,
        GITHUB_REF: ref,
        GITHUB_SHA: sha,
        GITHUB_REPOSITORY: `${owner}/${name}`,
        GITHUB_SERVER_URL: server,
      },
      payload,
    );
    const gitCommitTime = await git.commitTime('HEAD');
    const plan = planRelease(settings, {
      event,
      publishedTags: tags,
      ...(gitCommitTime !== undefined && { gitCommitTime }),
      now: new Date(),
    });
    for (const w of plan.warnings) err(`warning: ${w}\n`);
    for (const n of plan.notices) err(`note: ${n}\n`);
    if (values.notes) {
      // Loaded only here: the plan alone needs neither git log nor the notes renderer.
      const { draftReleaseBody, releaseDecision } = await import('../github/release-body.js');
      const drafted = await draftReleaseBody(plan, settings, event, {
        cwd,
        env: process.env,
        notice: (m) => err(`note: ${m}\n`),
      });
      if (drafted === undefined) {
        err(`note: no GitHub release: ${releaseDecision(plan, settings).reason}\n`);
        return 0;
      }
      out(`${drafted.body}\n`);
      return 0;
    }
    out(
      values.json
        ? `${JSON.stringify(planJson(plan), null, 2)}\n`
        : `event:      ${eventName} ${ref}\n${planText(plan)}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
