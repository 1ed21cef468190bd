import { UsageError } from './errors.js';

/** What the planner needs to know about the repository; all of it comes from the event payload. */
export interface RepositoryInfo {
  readonly owner: string;
  readonly name: string;
  readonly htmlUrl: string;
  readonly description?: string;
  /** SPDX id; GitHub's `NOASSERTION` (licence not recognised) is left out. */
  readonly license?: string;
}

/** The triggering event reduced to the facts the planner uses. */
export interface EventContext {
  /** `push`, `pull_request`, `workflow_dispatch`, `release`, `schedule`, … */
  readonly name: string;
  /** The full git ref, e.g. `refs/tags/v1.2.3`, `refs/heads/main`, `refs/pull/7/merge`. */
  readonly ref: string;
  /** Full sha of the commit the image is built from (for a pull request: its head, not the merge). */
  readonly sha: string;
  /** Commit time as given by the payload, if it has one (ISO 8601 with any offset). */
  readonly commitTime?: string;
  readonly repository: RepositoryInfo;
  readonly pullRequest?: number;
  /** `release` events: the release's tag. */
  readonly releaseTag?: string;
  /** `release` events: the release is marked as a pre-release on GitHub. */
  readonly releasePrerelease?: boolean;
  /** `workflow_dispatch` events: the `version` input of the dispatch, if it has one. */
  readonly dispatchVersion?: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown): Json => (isObject(v) ? v : {});

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

function missing(what: string, fix: string): UsageError {
  return new UsageError('event payload', `${what}. ${fix}`);
}

/**
 * Reads the runner's environment and the webhook payload. Pure: the caller reads
 * `GITHUB_EVENT_PATH`, so tests feed recorded payloads straight in.
 */
export function parseEvent(
  env: Readonly<Record<string, string | undefined>>,
  payload: unknown,
): EventContext {
  const name = str(env.GITHUB_EVENT_NAME);
  if (!name) {
    throw new UsageError(
      'GITHUB_EVENT_NAME',
      'is not set; run inside GitHub Actions or set it to the event to plan for',
    );
  }
  const p = obj(payload);
  const repo = obj(p.repository);
  const [envOwner, envName] = (str(env.GITHUB_REPOSITORY) ?? '').split('/');
  const owner = str(obj(repo.owner).login) ?? str(envOwner);
  const repoName = str(repo.name) ?? str(envName);
  if (!owner || !repoName) {
    throw missing(
      'has no `repository` (owner and name), and GITHUB_REPOSITORY is not set',
      'Pass the webhook payload GitHub sends (GITHUB_EVENT_PATH) or set GITHUB_REPOSITORY=owner/name',
    );
  }
  const server = (str(env.GITHUB_SERVER_URL) ?? 'https://github.com').replace(/\/+$/, '');
  const spdx = str(obj(repo.license).spdx_id);
  const description = str(repo.description);
  const repository: RepositoryInfo = {
    owner,
    name: repoName,
    htmlUrl: str(repo.html_url) ?? `${server}/${owner}/${repoName}`,
    ...(description !== undefined && { description }),
    ...(spdx !== undefined && spdx !== 'NOASSERTION' && { license: spdx }),
  };

  let ref = str(env.GITHUB_REF) ?? str(p.ref) ?? '';
  let sha = str(env.GITHUB_SHA) ?? str(p.after) ?? str(obj(p.head_commit).id);
  let commitTime: string | undefined;
  let pullRequest: number | undefined;
  let releaseTag: string | undefined;
  let releasePrerelease: boolean | undefined;
  let dispatchVersion: string | undefined;

  switch (name) {
    case 'push': {
      // On a deletion the runner's GITHUB_SHA is some other commit; only the payload tells.
      if (p.deleted === true || (typeof p.after === 'string' && /^0+$/.test(p.after))) {
        throw missing(
          `the push deleted ${ref || 'its ref'}, so there is nothing to build`,
          'Skip such runs with `if: github.event.deleted != true` on the step',
        );
      }
      commitTime = str(obj(p.head_commit).timestamp);
      if (!ref)
        throw missing('a push event has no `ref`', 'Set GITHUB_REF or pass the push payload');
      break;
    }
    case 'pull_request':
    case 'pull_request_target': {
      const pr = obj(p.pull_request);
      const number = typeof p.number === 'number' ? p.number : pr.number;
      const head = str(obj(pr.head).sha);
      // A number that is no positive integer would make a tag like `pr-1e+21`.
      if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1 || !head) {
        throw missing(
          `a ${name} event has no \`pull_request.number\` (a positive integer) and \`pull_request.head.sha\``,
          'Pass the pull_request payload GitHub sends',
        );
      }
      pullRequest = number;
      // The runner's GITHUB_SHA is the merge commit GitHub made; the image is named after the
      // commit the author pushed, which is the PR head.
      sha = head;
      if (!ref) ref = `refs/pull/${number}/merge`;
      break;
    }
    case 'release': {
      const tag = str(obj(p.release).tag_name);
      if (!tag)
        throw missing(
          'a release event has no `release.tag_name`',
          'Pass the release payload GitHub sends',
        );
      releaseTag = tag;
      releasePrerelease = obj(p.release).prerelease === true;
      if (!ref) ref = `refs/tags/${tag}`;
      break;
    }
    case 'workflow_dispatch': {
      const inputs = obj(p.inputs);
      const v = inputs.version;
      dispatchVersion = typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
      break;
    }
    default:
      break;
  }
  if (!sha || !SHA.test(sha) || /^0+$/.test(sha)) {
    throw missing(
      `no commit sha found (GITHUB_SHA is ${sha === undefined ? 'not set' : `'${sha}'`})`,
      'Set GITHUB_SHA to the full 40-character commit sha',
    );
  }
  return {
    name,
    ref,
    sha,
    repository,
    ...(commitTime !== undefined && { commitTime }),
    ...(pullRequest !== undefined && { pullRequest }),
    ...(releaseTag !== undefined && { releaseTag }),
    ...(releasePrerelease !== undefined && { releasePrerelease }),
    ...(dispatchVersion !== undefined && { dispatchVersion }),
  };
}
