import { type Version, parseVersion } from './version.js';

/**
 * The version tags among `tagNames`, read in the namespace of `tagPrefix` (a monorepo's
 * `server-v`), so another component's tags never count.
 */
export function versionTags(tagNames: readonly string[], tagPrefix?: string): Version[] {
  const versions: Version[] = [];
  for (const name of tagNames) {
    const version = parseVersion(name, tagPrefix);
    if (version) versions.push(version);
  }
  return versions;
}

/**
 * Of tags naming the same version (`v1.2.3` and `1.2.3`), the one written like `like`; failing
 * that the first by name, so that the answer does not depend on the order git lists tags in.
 */
function better(a: Version, b: Version, like: Version): Version {
  const aLike = a.prefix === like.prefix;
  const bLike = b.prefix === like.prefix;
  if (aLike !== bLike) return aLike ? a : b;
  return a.source <= b.source ? a : b;
}

/**
 * The version the changelog of `version` starts from. For a stable version: the highest stable
 * version below it, so that `2.0.0` lists everything since `1.9.0` and not only what came after
 * `2.0.0-rc.3`. For a prerelease: the highest version below it, stable or not, so that `rc.2`
 * lists what changed since `rc.1`. A backport (`1.1.9` after `1.2.4`) gets `1.1.8`: precedence,
 * not tag date, decides. Undefined for a first release.
 */
export function previousVersion(
  version: Version,
  tagNames: readonly string[],
  tagPrefix?: string,
): Version | undefined {
  let best: Version | undefined;
  for (const candidate of versionTags(tagNames, tagPrefix)) {
    if (!version.prerelease && candidate.prerelease) continue;
    if (candidate.semver.compare(version.semver) >= 0) continue;
    if (best === undefined) {
      best = candidate;
      continue;
    }
    const order = candidate.semver.compare(best.semver);
    if (order > 0) best = candidate;
    else if (order === 0) best = better(candidate, best, version);
  }
  return best;
}

/**
 * Whether `version` is the highest stable version among itself and `tagNames`: only then may its
 * GitHub release be marked "Latest", so that a backport released after a newer line does not take
 * the mark away from it. Equal counts as highest, so that re-running a release keeps the mark.
 */
export function isHighestStable(
  version: Version,
  tagNames: readonly string[],
  tagPrefix?: string,
): boolean {
  if (version.prerelease) return false;
  return versionTags(tagNames, tagPrefix).every(
    (other) => other.prerelease || other.semver.compare(version.semver) <= 0,
  );
}
