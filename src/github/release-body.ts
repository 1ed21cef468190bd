/**
 * What the release step and a dry run share: whether a build is released, under which git tag,
 * with which image sections, and the body drafted from local git alone. Nothing here reaches the
 * API, so the dry run and the preview load this without octokit.
 */
import type { EventContext } from '../event.js';
import { localChangelog } from '../git/log.js';
import type { Plan } from '../plan/plan.js';
import { isHighestStable, previousVersion, versionTags } from '../plan/previous.js';
import { type ReleaseDecision, decideRelease } from '../plan/release-mode.js';
import { type ImageRelease, composeReleaseBody, draftReleaseNotes } from '../plan/release-notes.js';
import { type Version, parseVersion } from '../plan/version.js';
import type { ImagesOutcome } from '../publish/images.js';
import type { Settings } from '../settings.js';

export interface ReleaseOutcome {
  /** Empty in a dry run. */
  readonly url: string;
  readonly id: string;
  readonly body: string;
  readonly tag: string;
  readonly outcome: 'created' | 'updated' | 'unchanged' | 'drafted';
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
export function imageReleases(plan: Plan, outcome: ImagesOutcome | undefined): ImageRelease[] {
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

export function makeLatest(plan: Plan, settings: Settings, tags: readonly string[]): boolean {
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
    readonly env: Readonly<Record<string, string | undefined>>;
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
