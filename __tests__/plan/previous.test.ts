/**
 * Which tag a release's changelog starts from, and whether the release may be "Latest": one
 * table each, over tag lists as a checkout has them (prefixes mixed, prereleases, backports).
 */
import { describe, expect, it } from '@jest/globals';
import { isHighestStable, previousVersion } from '../../src/plan/previous.js';
import { parseVersion } from '../../src/plan/version.js';

function version(tag: string, prefix?: string) {
  const v = parseVersion(tag, prefix);
  if (!v) throw new Error(`test setup: ${tag} is no version`);
  return v;
}

interface PreviousCase {
  readonly name: string;
  readonly version: string;
  readonly tags: readonly string[];
  readonly prefix?: string;
  /** The tag name expected, or undefined for a first release. */
  readonly expected: string | undefined;
}

const HISTORY = [
  'v1.0.0',
  'v1.1.0',
  'v1.2.0-rc.1',
  'v1.2.0',
  'v1.2.1',
  'v2.0.0-beta.1',
  'v2.0.0-rc.1',
];

const previousCases: PreviousCase[] = [
  {
    name: 'a patch: the stable version before it',
    version: 'v1.2.2',
    tags: HISTORY,
    expected: 'v1.2.1',
  },
  {
    name: 'a stable after prereleases of itself: the stable before, not the last prerelease',
    version: 'v2.0.0',
    tags: HISTORY,
    expected: 'v1.2.1',
  },
  {
    name: 'a prerelease: the highest version below, prerelease or not',
    version: 'v2.0.0-rc.2',
    tags: HISTORY,
    expected: 'v2.0.0-rc.1',
  },
  {
    name: 'a first prerelease of a line: the stable before',
    version: 'v3.0.0-alpha.1',
    tags: [...HISTORY, 'v2.0.0'],
    expected: 'v2.0.0',
  },
  {
    name: 'a prerelease below every stable but one',
    version: 'v1.2.0-rc.2',
    tags: HISTORY,
    expected: 'v1.2.0-rc.1',
  },
  {
    name: 'a backport: precedence decides, not what was tagged last',
    version: 'v1.1.1',
    tags: [...HISTORY, 'v2.0.0'],
    expected: 'v1.1.0',
  },
  {
    name: 'the tag itself is not its own previous',
    version: 'v1.2.1',
    tags: HISTORY,
    expected: 'v1.2.0',
  },
  {
    name: 'a first release',
    version: 'v0.1.0',
    tags: ['v0.1.0', 'latest', 'nightly'],
    expected: undefined,
  },
  { name: 'no tags at all', version: 'v1.0.0', tags: [], expected: undefined },
  {
    name: 'tags that are no versions are ignored',
    version: 'v1.0.1',
    tags: ['release1', 'v1.0', 'v1.0.0', 'v01.0.0', 'latest'],
    expected: 'v1.0.0',
  },
  {
    name: 'the same version tagged twice: the one written like this version',
    version: 'v1.2.3',
    tags: ['1.2.2', 'v1.2.2', 'V1.2.2'],
    expected: 'v1.2.2',
  },
  {
    name: 'the same version tagged twice, written unlike both: the first by name',
    version: 'V.1.2.3',
    tags: ['v1.2.2', '1.2.2'],
    expected: '1.2.2',
  },
  {
    name: 'build metadata does not count in precedence',
    version: 'v1.2.4',
    tags: ['v1.2.3+build.7', 'v1.2.2'],
    expected: 'v1.2.3+build.7',
  },
  {
    name: 'tag-prefix: only the same namespace',
    version: 'server-v2.3.4',
    prefix: 'server-v',
    tags: [
      'server-v2.3.3',
      'client-v2.3.3',
      'v2.3.3',
      'server-v2.4.0',
      'server-v2.3.4-rc.1',
      '2.3.3',
    ],
    expected: 'server-v2.3.3',
  },
  {
    name: 'tag-prefix: none of the namespace',
    version: 'server-v1.0.0',
    prefix: 'server-v',
    tags: ['client-v0.9.0', 'v0.9.0'],
    expected: undefined,
  },
  {
    name: 'no tag-prefix: another component’s prefixed tags are no versions',
    version: 'v1.0.1',
    tags: ['server-v1.0.0', 'client-v1.0.0'],
    expected: undefined,
  },
];

describe('previousVersion', () => {
  it.each(previousCases)('$name', (c) => {
    const previous = previousVersion(version(c.version, c.prefix), c.tags, c.prefix);
    expect(previous?.source).toBe(c.expected);
  });

  it('does not depend on the order of the tags', () => {
    const shuffled = [...HISTORY].reverse();
    expect(previousVersion(version('v2.0.0'), shuffled)?.source).toBe('v1.2.1');
  });
});

interface LatestCase {
  readonly name: string;
  readonly version: string;
  readonly tags: readonly string[];
  readonly prefix?: string;
  readonly expected: boolean;
}

const latestCases: LatestCase[] = [
  { name: 'the newest stable', version: 'v1.3.0', tags: HISTORY, expected: true },
  { name: 'the same version again (a re-run)', version: 'v1.2.1', tags: HISTORY, expected: true },
  { name: 'a backport', version: 'v1.1.1', tags: HISTORY, expected: false },
  { name: 'a prerelease, even the newest', version: 'v3.0.0-rc.1', tags: HISTORY, expected: false },
  { name: 'newer prereleases do not count', version: 'v1.2.2', tags: HISTORY, expected: true },
  { name: 'a first release', version: 'v0.1.0', tags: [], expected: true },
  {
    name: 'another namespace does not count',
    version: 'server-v1.0.0',
    prefix: 'server-v',
    tags: ['client-v9.0.0', 'v9.0.0'],
    expected: true,
  },
];

describe('isHighestStable', () => {
  it.each(latestCases)('$name', (c) => {
    expect(isHighestStable(version(c.version, c.prefix), c.tags, c.prefix)).toBe(c.expected);
  });
});
