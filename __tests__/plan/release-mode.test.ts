/** When a run makes a GitHub release: the `release` input against the kind of build. */
import { describe, expect, it } from '@jest/globals';
import type { VersionSource } from '../../src/plan/plan.js';
import { type ReleaseMode, decideRelease } from '../../src/plan/release-mode.js';

interface Case {
  readonly mode: ReleaseMode;
  readonly source: VersionSource;
  readonly semver: boolean;
  readonly version: string;
  readonly release: boolean;
  readonly draft?: boolean;
  readonly reason: RegExp;
}

const cases: Case[] = [
  {
    mode: 'auto',
    source: 'tag',
    semver: true,
    version: '1.2.3',
    release: true,
    reason: /release is auto and 1\.2\.3 is a version/,
  },
  {
    mode: 'auto',
    source: 'release',
    semver: true,
    version: '1.2.3',
    release: true,
    reason: /is a version/,
  },
  {
    mode: 'auto',
    source: 'dispatch',
    semver: true,
    version: '1.4.1',
    release: true,
    reason: /is a version/,
  },
  {
    mode: 'auto',
    source: 'input',
    semver: false,
    version: 'hotfix-123',
    release: false,
    reason: /hotfix-123 is no semver version; set release: true to release it/,
  },
  {
    mode: 'true',
    source: 'input',
    semver: false,
    version: 'hotfix-123',
    release: true,
    reason: /release is true/,
  },
  {
    mode: 'auto',
    source: 'none',
    semver: false,
    version: 'dev-abc1234',
    release: false,
    reason: /^dev-abc1234 is no version build .*only versions are released$/,
  },
  {
    mode: 'true',
    source: 'none',
    semver: false,
    version: 'pr-12',
    release: false,
    reason: /; release: true is ignored$/,
  },
  {
    mode: 'draft',
    source: 'tag',
    semver: true,
    version: '2.0.0-rc.1',
    release: true,
    draft: true,
    reason: /release is draft/,
  },
  {
    mode: 'draft',
    source: 'none',
    semver: false,
    version: 'dev-abc1234',
    release: false,
    reason: /release: draft is ignored/,
  },
  {
    mode: 'false',
    source: 'tag',
    semver: true,
    version: '1.2.3',
    release: false,
    reason: /^release is false$/,
  },
];

describe('decideRelease', () => {
  it.each(cases)('$mode, $source $version', (c) => {
    const d = decideRelease(c.mode, {
      versionSource: c.source,
      semver: c.semver,
      version: c.version,
    });
    expect(d.release).toBe(c.release);
    expect(d.draft).toBe(c.draft ?? false);
    expect(d.reason).toMatch(c.reason);
  });
});
