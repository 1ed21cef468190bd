import type { SemVer } from 'semver';
import { type Version, versionTag } from './version.js';

/** Why a tag is in the plan; the build-and-push step applies `exact` tags before floating ones. */
export type TagKind = 'version' | 'ref' | 'stage' | 'pr' | 'extra' | 'minor' | 'major' | 'latest';

export interface PlannedTag {
  readonly name: string;
  readonly kind: TagKind;
}

export const FLOATING_KINDS: ReadonlySet<TagKind> = new Set(['minor', 'major', 'latest']);

/** Whether `latest` is decided by the version (auto) or forced on or off. */
export type LatestMode = 'auto' | 'true' | 'false';

export interface FloatingDecision {
  readonly minor: boolean;
  readonly major: boolean;
  readonly latest: boolean;
  /** What each floating tag was judged against, for the log: e.g. `1.2: highest published 1.2.4`. */
  readonly reasons: readonly string[];
}

/**
 * Floating tags move only forwards: `X.Y` is planned only when this version is at least the
 * highest published stable `X.Y.*`, `X` likewise, `latest` only when it is at least the highest
 * published stable version. Prereleases never move a floating tag because `1.2` is a promise of
 * stability. Equal versions count as forwards so that re-running a release is idempotent.
 */
export function decideFloating(version: Version, published: readonly SemVer[]): FloatingDecision {
  if (version.prerelease) {
    return { minor: false, major: false, latest: false, reasons: ['prerelease: exact tag only'] };
  }
  const v = version.semver;
  const stable = published.filter((p) => p.prerelease.length === 0);
  const highest = (line: SemVer[]): SemVer | undefined =>
    line.reduce<SemVer | undefined>(
      (max, p) => (max === undefined || p.compare(max) > 0 ? p : max),
      undefined,
    );
  const judge = (label: string, line: SemVer[]): [boolean, string] => {
    const top = highest(line);
    if (top === undefined)
      return [true, `${label}: no published version, ${v.version} is the newest`];
    const forwards = v.compare(top) >= 0;
    return [
      forwards,
      forwards
        ? `${label}: ${v.version} >= highest published ${top.version}`
        : `${label}: not moved, ${top.version} is newer than ${v.version}`,
    ];
  };
  const [minor, minorWhy] = judge(
    `${v.major}.${v.minor}`,
    stable.filter((p) => p.major === v.major && p.minor === v.minor),
  );
  const [major, majorWhy] = judge(
    `${v.major}`,
    stable.filter((p) => p.major === v.major),
  );
  const [latest, latestWhy] = judge('latest', stable);
  return { minor, major, latest, reasons: [minorWhy, majorWhy, latestWhy] };
}

export function versionTags(version: Version, floating: FloatingDecision): PlannedTag[] {
  const v = version.semver;
  const tags: PlannedTag[] = [{ name: versionTag(version), kind: 'version' }];
  if (floating.minor) tags.push({ name: `${v.major}.${v.minor}`, kind: 'minor' });
  if (floating.major) tags.push({ name: `${v.major}`, kind: 'major' });
  return tags;
}

/**
 * Exact tags first, floating ones after, duplicates dropped (the first kind wins), so that the
 * push step can tag in this order and a failure part-way never leaves a floating tag ahead.
 */
export function orderTags(tags: readonly PlannedTag[]): PlannedTag[] {
  const seen = new Set<string>();
  const exact: PlannedTag[] = [];
  const floating: PlannedTag[] = [];
  for (const tag of tags) {
    if (seen.has(tag.name)) continue;
    seen.add(tag.name);
    (FLOATING_KINDS.has(tag.kind) ? floating : exact).push(tag);
  }
  const rank: Record<string, number> = { minor: 0, major: 1, latest: 2 };
  floating.sort((a, b) => (rank[a.kind] ?? 0) - (rank[b.kind] ?? 0));
  return [...exact, ...floating];
}

/**
 * Tags that name one build for good and are never moved by accident: the version (`1.2.3`,
 * `hotfix-123`), a pushed git tag, and `<stage>-<sha7>`. `pr-12` and extra tags (`edge`) are
 * meant to follow new pushes, so they are not guarded, only ordered before the floating ones.
 */
export const GUARDED_KINDS: ReadonlySet<TagKind> = new Set(['version', 'ref', 'stage']);

export interface ImageTagDecision {
  readonly tags: readonly PlannedTag[];
  /** How each floating tag was judged against this registry's tags, for the log. */
  readonly reasons: readonly string[];
}

/**
 * The tags to apply to one image, with floating tags judged again against that image's own
 * tag list in its registry: what git knew at plan time may lag behind what was published.
 * Registry tags carry no prefix (`1.2.3`), so they are read with the default version forms.
 */
export function tagsForImage(
  planned: readonly PlannedTag[],
  version: Version | undefined,
  latestMode: LatestMode,
  registryTags: readonly string[],
  parse: (tag: string) => Version | undefined,
): ImageTagDecision {
  const exact = planned.filter((t) => !FLOATING_KINDS.has(t.kind));
  if (version === undefined) {
    // No semver version: only `latest: true` can add a floating tag, as the planner decided.
    return { tags: orderTags(planned), reasons: [] };
  }
  const published = registryTags
    .map(parse)
    .filter((v): v is Version => v !== undefined)
    .map((v) => v.semver);
  const floating = decideFloating(version, published);
  const tags = [...exact];
  const v = version.semver;
  if (floating.minor) tags.push({ name: `${v.major}.${v.minor}`, kind: 'minor' });
  if (floating.major) tags.push({ name: `${v.major}`, kind: 'major' });
  const latest =
    latestMode === 'true' ? !version.prerelease : latestMode === 'false' ? false : floating.latest;
  if (latest) tags.push({ name: 'latest', kind: 'latest' });
  return { tags: orderTags(tags), reasons: floating.reasons };
}
