import type { VersionSource } from './plan.js';

/** The `release` input. */
export type ReleaseMode = 'auto' | 'true' | 'false' | 'draft';

export const RELEASE_MODES: readonly ReleaseMode[] = ['auto', 'true', 'false', 'draft'];

export interface ReleaseDecision {
  /** Create or update the GitHub release. */
  readonly release: boolean;
  /** Create it as a draft and leave it so. */
  readonly draft: boolean;
  /** Why, for the log; for a mode that asked for a release and gets none, worth a warning. */
  readonly reason: string;
}

/**
 * Whether this run makes a GitHub release. Only version builds do (a tag push, a release event, a
 * version typed in); `auto` only for semver versions, since a release creates its tag and a
 * `hotfix-123` typed in is not always meant to become one; `true` and `draft` for any version.
 */
export function decideRelease(
  mode: ReleaseMode,
  build: {
    readonly versionSource: VersionSource;
    readonly semver: boolean;
    readonly version: string;
  },
): ReleaseDecision {
  const none = (reason: string): ReleaseDecision => ({
    release: false,
    draft: false,
    reason,
  });
  if (mode === 'false') return none('release is false');
  if (build.versionSource === 'none') {
    return none(
      `${build.version} is no version build (a branch, a pull request or a tag that is no version), and only versions are released${mode === 'auto' ? '' : `; release: ${mode} is ignored`}`,
    );
  }
  if (mode === 'auto' && !build.semver) {
    return none(
      `${build.version} is no semver version; set release: true to release it (its tag is created at this commit)`,
    );
  }
  return {
    release: true,
    draft: mode === 'draft',
    reason: `release is ${mode} and ${build.version} is a version`,
  };
}
