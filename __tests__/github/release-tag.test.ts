/** The git tag a release gets, for every way a version reaches the action. */
import { describe, expect, it } from '@jest/globals';
import { parseEvent } from '../../src/event.js';
import { releaseTag } from '../../src/github/release-body.js';
import { planRelease } from '../../src/plan/plan.js';

const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

function tagFor(
  event: { name: string; ref: string; payload?: Record<string, unknown> },
  options: { version?: string; tagPrefix?: string },
  tagNames: string[],
): string {
  const ctx = parseEvent(
    {
      GITHUB_EVENT_NAME: event.name,
      GITHUB_REF: event.ref,
      GITHUB_SHA: SHA,
      GITHUB_REPOSITORY: 'acme/app',
    },
    { repository: { name: 'app', owner: { login: 'acme' } }, ...event.payload },
  );
  const plan = planRelease(
    {
      images: [],
      latest: 'auto',
      extraTags: [],
      labels: [],
      annotations: [],
      buildArgs: [],
      platforms: ['linux/amd64'],
      ...options,
    },
    { event: ctx, publishedTags: tagNames, now: new Date(0) },
  );
  return releaseTag(plan, ctx, options.tagPrefix, tagNames);
}

const push = (tag: string) => ({ name: 'push', ref: `refs/tags/${tag}` });
const dispatch = (ref: string, version: string) => ({
  name: 'workflow_dispatch',
  ref,
  payload: { inputs: { version } },
});

describe('releaseTag', () => {
  it.each<[string, string, string]>([
    ['a pushed tag, as it is', tagFor(push('V.1.2.3'), {}, ['V.1.2.3']), 'V.1.2.3'],
    [
      'a release event, its tag',
      tagFor(
        { name: 'release', ref: 'refs/tags/v2.0.0', payload: { release: { tag_name: 'v2.0.0' } } },
        {},
        [],
      ),
      'v2.0.0',
    ],
    [
      'a dispatch on the tag of that version, that tag',
      tagFor(dispatch('refs/tags/v1.4.0', '1.4.0'), {}, ['v1.4.0']),
      'v1.4.0',
    ],
    [
      'a version typed bare in a v-tag repository gets the v',
      tagFor(dispatch('refs/heads/main', '1.4.0'), {}, ['v1.2.0', 'v1.3.0', '0.9.0']),
      'v1.4.0',
    ],
    [
      'a version typed bare in a bare-tag repository stays bare',
      tagFor(dispatch('refs/heads/main', '1.4.0'), {}, ['1.3.0']),
      '1.4.0',
    ],
    [
      'a version typed with a prefix keeps it',
      tagFor(dispatch('refs/heads/main', 'v1.4.0'), {}, ['1.3.0']),
      'v1.4.0',
    ],
    [
      'a tag that already names the version is reused',
      tagFor(dispatch('refs/heads/main', '1.4.0'), {}, ['V1.4.0']),
      'V1.4.0',
    ],
    [
      'with a tag-prefix, the prefix and the bare version',
      tagFor(dispatch('refs/heads/main', 'v2.0.0'), { tagPrefix: 'server-v' }, ['server-v1.0.0']),
      'server-v2.0.0',
    ],
    [
      'the version input on a branch push',
      tagFor({ name: 'push', ref: 'refs/heads/main' }, { version: '3.1.0' }, ['v3.0.0']),
      'v3.1.0',
    ],
    [
      'a custom version is its own tag',
      tagFor(dispatch('refs/heads/main', 'hotfix-123'), {}, ['v1.0.0']),
      'hotfix-123',
    ],
  ])('%s', (_name, got, expected) => {
    expect(got).toBe(expected);
  });
});
