import SemVer from 'semver/classes/semver.js';

/** A release version read from a git tag, a release or a dispatch input. */
export interface Version {
  /** The string it was read from, e.g. `v1.2.3`, `server-v2.0.0-rc.1`, `V.1.3.0`. */
  readonly source: string;
  /** The prefix in front of the semver part, e.g. `v`, `V.`, `server-v`, or ''. */
  readonly prefix: string;
  /** Parsed semver; its `version` has no build metadata, which a tag cannot carry. */
  readonly semver: SemVer;
  readonly prerelease: boolean;
}

/** The prefixes recognised when no `tag-prefix` is set; longest first so `V.` wins over `V`. */
const DEFAULT_PREFIXES = ['V.', 'v', 'V', ''] as const;

/**
 * Strict semver: three numeric parts, no leading zeros. `semver`'s own parser also takes a
 * leading `v`, `=` and white space, which must not count here because the prefix is ours to
 * judge, so the first character has to be a digit.
 */
function parseStrictSemver(text: string): SemVer | undefined {
  if (!/^[0-9]/.test(text) || /\s/.test(text)) return undefined;
  try {
    return new SemVer(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads a version from a tag name. With `tagPrefix` set only `<tagPrefix><semver>` counts (a
 * monorepo's `server-v2.3.4`), so another component's tags are never taken for ours.
 */
export function parseVersion(name: string, tagPrefix?: string): Version | undefined {
  const prefixes = tagPrefix !== undefined ? [tagPrefix] : DEFAULT_PREFIXES;
  for (const prefix of prefixes) {
    if (!name.startsWith(prefix)) continue;
    const semver = parseStrictSemver(name.slice(prefix.length));
    if (semver) return { source: name, prefix, semver, prerelease: semver.prerelease.length > 0 };
  }
  return undefined;
}

/** `X.Y.Z[-pre]`: the form used in tags and outputs; build metadata is dropped. */
export function versionTag(version: Version): string {
  return version.semver.version;
}

export const VERSION_FORMS = 'X.Y.Z, vX.Y.Z, VX.Y.Z or V.X.Y.Z (optionally -prerelease, +build)';
