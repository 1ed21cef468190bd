/**
 * The release step: the GitHub release of a version build, after its images are out. Drafts
 * the changelog from local git (fetching what a shallow checkout lacks), asks the API for logins
 * and first-time contributors, and creates or updates the release with this step's image
 * sections. Loaded by main only when a release is made or drafted.
 */
import type { EventContext } from '../event.js';
import { localChangelog } from '../git/log.js';
import type { Plan } from '../plan/plan.js';
import { isHighestStable, previousVersion, versionTags } from '../plan/previous.js';
import { type Version, parseVersion } from '../plan/version.js';
import { type ReleaseDecision, decideRelease } from '../plan/release-mode.js';
import {
  type ImageRelease,
  type ReleaseNotes,
  composeReleaseBody,
  draftReleaseNotes,
} from '../plan/release-notes.js';
import type { ImagesOutcome } from '../publish/images.js';
import type { Runner } from '../runner.js';
import type { Settings } from '../settings.js';

export interface ReleaseOutcome {
  /** Empty in a dry run. */
  readonly url: string;
  readonly id: string;
  readonly body: string;
  readonly tag: string;
  readonly outcome: 'created' | 'updated' | 'unchanged' | 'drafted';
}

export interface ReleaseContext {
  readonly runner: Runner;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export function releaseDecision(plan: Plan, settings: Settings): ReleaseDecision {
  return decideRelease(settings.release, {
    versionSource: plan.versionSource,
    semver: plan.semver !== undefined,
    version: plan.version,
  });
}

/**
 * The git tag of the release. A pushed or released tag is used as it is. A version typed in
 * (input or dispatch) is matched to the tag that already names it, if any (a dispatch on
 * `refs/tags/v1.4.0`, or a tag pushed before); else it is written the way this repository writes
 * its tags: `<tag-prefix>X.Y.Z` with a prefix set, the prefix typed if one was, else the prefix of
 * the highest version tag (`v`), so that `1.4.0` typed in a `v*` repository makes `v1.4.0`.
 */
export function releaseTag(
  plan: Plan,
  event: EventContext,
  tagPrefix: string | undefined,
  tagNames: readonly string[],
): string {
  if (plan.versionSource === 'release' && event.releaseTag !== undefined) return event.releaseTag;
  const refTag = event.ref.startsWith('refs/tags/')
    ? event.ref.slice('refs/tags/'.length)
    : undefined;
  if (plan.versionSource === 'tag' && refTag !== undefined) return refTag;
  const v = plan.semver;
  if (v === undefined) return plan.version;
  const same = (name: string) => {
    const parsed = parseVersion(name, tagPrefix);
    return parsed !== undefined && parsed.semver.compare(v.semver) === 0;
  };
  if (refTag !== undefined && same(refTag)) return refTag;
  const existing = tagNames.find(same);
  if (existing !== undefined) return existing;
  if (tagPrefix !== undefined) return `${tagPrefix}${v.semver.version}`;
  if (v.prefix !== '') return v.source;
  const highest = versionTags(tagNames).reduce<Version | undefined>(
    (best, t) => (best === undefined || t.semver.compare(best.semver) > 0 ? t : best),
    undefined,
  );
  return `${highest?.prefix ?? ''}${v.semver.version}`;
}

/** One section per image: what was pushed, or what is planned when nothing was. */
function imageReleases(plan: Plan, outcome: ImagesOutcome | undefined): ImageRelease[] {
  if (outcome?.pushed) {
    return outcome.images.map((i) => ({
      image: i.image,
      version: plan.version,
      tags: i.tags,
      platforms: i.platforms.length > 0 ? i.platforms : plan.platforms,
      digest: i.digest,
    }));
  }
  return plan.images.map((image) => ({
    image,
    version: plan.version,
    tags: plan.tags.map((t) => t.name),
    platforms: plan.platforms,
  }));
}

function makeLatest(plan: Plan, settings: Settings, tags: readonly string[]): boolean {
  if (plan.semver === undefined || plan.prerelease || settings.latest === 'false') return false;
  if (settings.latest === 'true') return true;
  return isHighestStable(plan.semver, tags, settings.tagPrefix);
}

/** The release body drafted from local git alone: no API call, no fetch, no digests. */
export async function draftReleaseBody(
  plan: Plan,
  settings: Settings,
  event: EventContext,
  ctx: {
    readonly cwd: string;
    readonly env: ReleaseContext['env'];
    readonly notice: (message: string) => void;
  },
): Promise<ReleaseOutcome | undefined> {
  if (!releaseDecision(plan, settings).release) return undefined;
  const source = localChangelog(ctx.cwd, { env: ctx.env, offline: true });
  const { names } = await source.tagNames();
  const tag = releaseTag(plan, event, settings.tagPrefix, names);
  const previous = plan.semver
    ? previousVersion(plan.semver, names, settings.tagPrefix)
    : undefined;
  const range = await source.commits(plan.sha, previous?.source);
  if (!range.ok) ctx.notice(`Release notes: ${range.problem}`);
  const notes = range.ok
    ? draftReleaseNotes({
        repositoryUrl: event.repository.htmlUrl,
        tag,
        ...(previous !== undefined && { previousTag: previous.source }),
        commits: range.commits,
        truncated: range.truncated,
      })
    : undefined;
  const body = composeReleaseBody(undefined, {
    ...(notes !== undefined && { notes }),
    images: imageReleases(plan, undefined),
  });
  return { url: '', id: '', body, tag, outcome: 'drafted' };
}

/** Creates or updates the release; throws with what to do when it cannot. */
export async function publishReleaseStep(
  plan: Plan,
  settings: Settings,
  event: EventContext,
  images: ImagesOutcome | undefined,
  ctx: ReleaseContext,
): Promise<ReleaseOutcome | undefined> {
  const { runner, env } = ctx;
  const decision = releaseDecision(plan, settings);
  if (!decision.release) {
    if (settings.release !== 'auto' && settings.release !== 'false')
      runner.warning(`No GitHub release: ${decision.reason}.`);
    else runner.info(`No GitHub release: ${decision.reason}.`);
    return undefined;
  }
  runner.startGroup(`GitHub release of ${plan.version}`);
  try {
    const source = localChangelog(ctx.cwd, { env });
    const tags = await source.tagNames();
    for (const n of tags.notes) runner.info(n);
    if (tags.problem !== undefined) runner.info(tags.problem);
    const tag = releaseTag(plan, event, settings.tagPrefix, tags.names);
    runner.info(`Release tag: ${tag}`);
    const previous = plan.semver
      ? previousVersion(plan.semver, tags.names, settings.tagPrefix)
      : undefined;
    runner.info(
      previous !== undefined
        ? `Changes since ${previous.source}`
        : 'No earlier version: a first release lists the whole history',
    );
    // Without the full tag list, the previous version and the highest one are guesses: a
    // backport must not take "Latest", and a changelog must not start at the first commit.
    const partial = tags.problem !== undefined;
    if (partial) {
      runner.warning(
        `Not all tags are known (${tags.problem}), so this release is not marked Latest${previous === undefined ? ' and its changelog is left as it was' : ''}. Check out with fetch-depth: 0 to give them.`,
      );
    }
    const range = await source.commits(plan.sha, previous?.source);
    for (const n of range.notes) runner.info(n);
    if (!range.ok) runner.info(`${range.problem}; reading the commits from the API instead`);

    const { createReleaseApi } = await import('./octokit.js');
    const { apiChangelog } = await import('./changelog.js');
    const { publishRelease } = await import('./publish.js');
    const api = await createReleaseApi({
      token: settings.githubToken,
      owner: event.repository.owner,
      repo: event.repository.name,
      ...(env.GITHUB_API_URL !== undefined && { apiUrl: env.GITHUB_API_URL }),
      log: (m) => runner.info(m),
    });
    const fromApi = await apiChangelog(api, {
      tag,
      sha: plan.sha,
      ...(previous !== undefined && { previousTag: previous.source }),
      withCommits: !range.ok,
    });
    for (const p of fromApi.problems) runner.info(`Release notes without: ${p}`);
    const commits = range.ok ? range.commits : fromApi.commits;
    let notes: ReleaseNotes | undefined;
    if (partial && previous === undefined) {
      notes = undefined;
    } else if (commits !== undefined) {
      notes = draftReleaseNotes({
        repositoryUrl: event.repository.htmlUrl,
        tag,
        ...(previous !== undefined && { previousTag: previous.source }),
        commits,
        truncated: range.ok ? range.truncated : fromApi.truncated,
        enrichment: fromApi.enrichment,
      });
    } else {
      runner.warning(
        'Neither local git nor the API gave the commits of this release: its changelog is left as it was. Check out with fetch-depth: 0 to give git the history.',
      );
    }
    const result = await publishRelease(api, {
      tag,
      sha: plan.sha,
      prerelease: plan.prerelease,
      makeLatest: !partial && makeLatest(plan, settings, tags.names),
      draft: decision.draft,
      overwrite: settings.overwrite,
      triggeredByRelease: event.name === 'release',
      body: { ...(notes !== undefined && { notes }), images: imageReleases(plan, images) },
    });
    for (const line of result.log) runner.info(line);
    if (result.replacedBody !== undefined) {
      runner.info('The notes overwrite: true replaced (GitHub keeps no copy):');
      runner.verbatim(result.replacedBody);
    }
    return {
      url: result.release.htmlUrl,
      id: String(result.release.id),
      body: result.body,
      tag,
      outcome: result.outcome,
    };
  } finally {
    runner.endGroup();
  }
}
