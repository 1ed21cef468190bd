/**
 * Floating tags judged again, image by image, against the registry's own tag list: the rule
 * the push step applies whatever git knew at plan time.
 */
import { describe, expect, it } from '@jest/globals';
import {
  GUARDED_KINDS,
  type LatestMode,
  type PlannedTag,
  tagsForImage,
} from '../../src/plan/tags.js';
import { parseVersion } from '../../src/plan/version.js';

const exact = (name: string): PlannedTag => ({ name, kind: 'version' });

function decide(
  version: string,
  registry: string[],
  latest: LatestMode = 'auto',
  extra: PlannedTag[] = [],
): string[] {
  const v = parseVersion(version);
  if (!v) throw new Error(`bad version ${version}`);
  const planned: PlannedTag[] = [exact(v.semver.version), ...extra];
  return tagsForImage(planned, v, latest, registry, (t) => parseVersion(t)).tags.map((t) => t.name);
}

describe('tagsForImage', () => {
  it.each<[string, string, string[], string[]]>([
    ['first release', '1.2.3', [], ['1.2.3', '1.2', '1', 'latest']],
    ['newer patch', '1.2.4', ['1.2.3', '1.2', '1', 'latest'], ['1.2.4', '1.2', '1', 'latest']],
    [
      'a backport moves only its minor line',
      '1.1.9',
      ['1.1.8', '1.2.4', '1.2', '1.1', '1', 'latest'],
      ['1.1.9', '1.1'],
    ],
    ['an old major line', '1.5.0', ['1.4.0', '2.0.0'], ['1.5.0', '1.5', '1']],
    [
      're-run of the newest',
      '1.2.4',
      ['1.2.4', '1.2', '1', 'latest'],
      ['1.2.4', '1.2', '1', 'latest'],
    ],
    ['a prerelease gets its exact tag only', '2.0.0-rc.1', ['1.2.4'], ['2.0.0-rc.1']],
    [
      'prereleases in the registry do not hold floating tags back',
      '1.3.0',
      ['1.2.4', '1.4.0-rc.1'],
      ['1.3.0', '1.3', '1', 'latest'],
    ],
    [
      'registry tags that are no versions are ignored',
      '1.0.0',
      ['dev-a1b2c3d', 'pr-12', 'edge', 'v9.9.9-is-not-a-version'],
      ['1.0.0', '1.0', '1', 'latest'],
    ],
    ['a v-prefixed registry tag still counts', '1.2.0', ['v1.3.0'], ['1.2.0', '1.2']],
  ])('%s', (_name, version, registry, expected) => {
    expect(decide(version, registry)).toEqual(expected);
  });

  it('latest: true forces latest on a stable backport, never on a prerelease', () => {
    expect(decide('1.1.9', ['1.2.4'], 'true')).toEqual(['1.1.9', '1.1', 'latest']);
    expect(decide('2.0.0-rc.1', [], 'true')).toEqual(['2.0.0-rc.1']);
  });

  it('latest: false keeps latest where it is', () => {
    expect(decide('3.0.0', ['1.0.0'], 'false')).toEqual(['3.0.0', '3.0', '3']);
  });

  it('keeps exact tags before floating ones', () => {
    const extra: PlannedTag[] = [
      { name: 'rmoa-client-a1b2c3d', kind: 'stage' },
      { name: 'edge', kind: 'extra' },
    ];
    expect(decide('1.0.0', [], 'auto', extra)).toEqual([
      '1.0.0',
      'rmoa-client-a1b2c3d',
      'edge',
      '1.0',
      '1',
      'latest',
    ]);
  });

  it('leaves the plan alone for a build that is no version', () => {
    const planned: PlannedTag[] = [{ name: 'dev-a1b2c3d', kind: 'stage' }];
    expect(
      tagsForImage(planned, undefined, 'auto', ['1.0.0'], (t) => parseVersion(t)).tags,
    ).toEqual(planned);
  });

  it('guards the tags that name one build, not the ones meant to move', () => {
    expect([...GUARDED_KINDS].sort()).toEqual(['ref', 'stage', 'version']);
  });
});
