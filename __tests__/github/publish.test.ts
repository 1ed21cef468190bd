/**
 * publishRelease through the real octokit client against the local GitHub stand-in: create as a
 * draft then publish, idempotent re-runs, two images from two jobs, foreign releases refused or
 * taken over, release events, drafts, prereleases, backports, races with another job, immutable
 * releases, and a 3,000-commit range under the body cap.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { UsageError } from '../../src/errors.js';
import { createReleaseApi } from '../../src/github/octokit.js';
import { type PublishRequest, publishRelease } from '../../src/github/publish.js';
import type { ReleaseApi } from '../../src/github/release-api.js';
import {
  BODY_LIMIT,
  type ImageRelease,
  composeReleaseBody,
  draftReleaseNotes,
  renderImageSection,
} from '../../src/plan/release-notes.js';
import { FakeGitHub } from '../helpers/github.js';
import { History, PEOPLE } from '../helpers/history.js';

const SHA = 'c'.repeat(40);
const SERVER: ImageRelease = {
  image: 'ghcr.io/acme/server',
  version: '1.2.3',
  tags: ['1.2.3', '1.2', '1', 'latest'],
  platforms: ['linux/amd64', 'linux/arm64'],
  digest: `sha256:${'1'.repeat(64)}`,
};
const BUILDER: ImageRelease = {
  image: 'ghcr.io/acme/builder',
  version: '1.2.3',
  tags: ['1.2.3', 'latest'],
  platforms: ['linux/amd64'],
  digest: `sha256:${'2'.repeat(64)}`,
};

const history = new History();
history.commit('Add the server (#1)', { author: PEOPLE.alice });
history.commit('Fix the builder (#2)', { author: PEOPLE.bob });
const NOTES = draftReleaseNotes({
  repositoryUrl: 'https://github.com/acme/app',
  tag: 'v1.2.3',
  previousTag: 'v1.2.2',
  commits: history.commits(),
});

function request(overrides: Partial<PublishRequest> = {}): PublishRequest {
  return {
    tag: 'v1.2.3',
    sha: SHA,
    prerelease: false,
    makeLatest: true,
    draft: false,
    overwrite: false,
    body: { notes: NOTES, images: [SERVER] },
    ...overrides,
  };
}

let fake: FakeGitHub;

/** One run of the action: its own client, as each job has. */
async function run(overrides: Partial<PublishRequest> = {}, api?: ReleaseApi) {
  const client =
    api ??
    (await createReleaseApi({
      token: 'ghs_test',
      owner: 'acme',
      repo: 'app',
      apiUrl: fake.url,
      waitUnitMs: 5,
    }));
  return publishRelease(client, request(overrides));
}

const writes = () =>
  fake.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
const bodyOf = (tag = 'v1.2.3') => fake.byTag(tag)[0]?.body ?? '';

beforeEach(async () => {
  fake = await FakeGitHub.start();
});
afterEach(async () => {
  await fake.close();
});

describe('publishRelease', () => {
  it('creates the release as a draft with the whole body, then publishes it as latest', async () => {
    const result = await run();
    expect(result.outcome).toBe('created');
    expect(fake.calls()).toEqual([
      'GET /repos/acme/app/releases/tags/v1.2.3',
      'GET /repos/acme/app/releases',
      'POST /repos/acme/app/releases',
      `PATCH /repos/acme/app/releases/${result.release.id}`,
      `GET /repos/acme/app/releases/${result.release.id}`,
    ]);
    const body = composeReleaseBody(undefined, { notes: NOTES, images: [SERVER] });
    expect(fake.requests[2]?.body).toEqual({
      tag_name: 'v1.2.3',
      target_commitish: SHA,
      name: 'v1.2.3',
      body,
      draft: true,
      prerelease: false,
    });
    expect(fake.requests[3]?.body).toEqual({ draft: false, make_latest: 'true' });
    expect(fake.byTag('v1.2.3')).toMatchObject([{ draft: false, prerelease: false, body }]);
    expect(result.body).toBe(body);
    expect(result.release).toMatchObject({
      tagName: 'v1.2.3',
      draft: false,
      htmlUrl: 'https://github.com/acme/app/releases/tag/v1.2.3',
    });
    expect(result.log).toEqual([
      `created the draft release v1.2.3 (id ${result.release.id})`,
      'published https://github.com/acme/app/releases/tag/v1.2.3',
    ]);
  });

  it('is idempotent: two runs make one release with the same body, and the second writes nothing', async () => {
    const first = await run();
    const before = writes().length;
    const second = await run();
    expect(second.outcome).toBe('unchanged');
    expect(writes()).toHaveLength(before);
    expect(fake.byTag('v1.2.3')).toHaveLength(1);
    expect(bodyOf()).toBe(first.body);
    expect(second.body).toBe(first.body);
    expect(second.release.id).toBe(first.release.id);
  });

  it('takes a body GitHub stored with CRLF line ends for the same body', async () => {
    fake.crlfBodies = true;
    await run();
    expect(bodyOf()).toContain('\r\n');
    const before = writes().length;
    expect((await run()).outcome).toBe('unchanged');
    expect(writes()).toHaveLength(before);
    const both = await run({ body: { notes: NOTES, images: [BUILDER] } });
    expect(both.outcome).toBe('updated');
  });

  it('keeps both images when two jobs release one each', async () => {
    await run({ body: { notes: NOTES, images: [SERVER] } });
    const second = await run({ body: { notes: NOTES, images: [BUILDER] } });
    expect(second.outcome).toBe('updated');
    expect(fake.byTag('v1.2.3')).toHaveLength(1);
    expect(bodyOf()).toContain(renderImageSection(SERVER));
    expect(bodyOf()).toContain(renderImageSection(BUILDER));
    // The first job re-run leaves the second image's section alone.
    const again = await run({ body: { notes: NOTES, images: [SERVER] } });
    expect(again.outcome).toBe('unchanged');
  });

  it('keeps a maintainer’s edits to a release it made', async () => {
    const first = await run();
    const id = first.release.id;
    const stored = fake.releases.get(id);
    if (!stored) throw new Error('no release');
    stored.body = `Read this first.\r\n\r\n${stored.body ?? ''}\r\n\r\nThanks to everyone!`;
    await run({
      body: { notes: NOTES, images: [{ ...SERVER, digest: `sha256:${'3'.repeat(64)}` }] },
    });
    expect(bodyOf().startsWith('Read this first.\r\n\r\n')).toBe(true);
    expect(bodyOf().endsWith('\r\n\r\nThanks to everyone!')).toBe(true);
    expect(bodyOf()).toContain(`@sha256:${'3'.repeat(64)}`);
  });

  it('refuses a published release it did not make, saying how to proceed', async () => {
    fake.seed({ tag_name: 'v1.2.3', body: 'Hand-written notes' });
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      "release: the release v1.2.3 (https://github.com/acme/app/releases/tag/v1.2.3) exists and was not made by image-release, so it is left as it is. Set overwrite: true to replace its notes with image-release's (they are printed to the log first), run on its release event to add the images to its notes, or delete it",
    );
    expect(writes()).toEqual([]);
    expect(bodyOf()).toBe('Hand-written notes');
  });

  it('replaces a foreign release’s notes with overwrite: true, and hands back the old ones', async () => {
    fake.seed({ tag_name: 'v1.2.3', body: 'Hand-written notes', prerelease: true });
    const result = await run({ overwrite: true });
    expect(result.outcome).toBe('updated');
    expect(result.replacedBody).toBe('Hand-written notes');
    expect(bodyOf()).toBe(composeReleaseBody(undefined, { notes: NOTES, images: [SERVER] }));
    expect(fake.byTag('v1.2.3')[0]?.prerelease).toBe(false);
    // From then on it is ours: a re-run changes nothing.
    expect((await run()).outcome).toBe('unchanged');
  });

  it('adds its sections to the release whose event started the run, leaving its flags alone', async () => {
    fake.seed({ tag_name: 'v1.2.3', body: 'Our big release!', prerelease: true, name: 'Big' });
    const result = await run({ triggeredByRelease: true });
    expect(result.outcome).toBe('updated');
    expect(bodyOf().startsWith('Our big release!\n\n<!-- image-release:notes-begin -->')).toBe(
      true,
    );
    expect(fake.byTag('v1.2.3')[0]).toMatchObject({ prerelease: true, name: 'Big', draft: false });
    const patch = fake.requests.find((r) => r.method === 'PATCH');
    expect(Object.keys(patch?.body ?? {})).toEqual(['body']);
  });

  it('takes over a draft someone prepared (release-drafter), keeping its text, and publishes it', async () => {
    const id = fake.seed({ tag_name: 'v1.2.3', body: 'Drafted highlights', draft: true });
    const result = await run();
    expect(result.release.id).toBe(id);
    expect(fake.byTag('v1.2.3')).toHaveLength(1);
    expect(fake.byTag('v1.2.3')[0]?.draft).toBe(false);
    expect(bodyOf().startsWith('Drafted highlights\n\n')).toBe(true);
    expect(fake.requests.find((r) => r.method === 'PATCH')?.body).toMatchObject({
      draft: false,
      make_latest: 'true',
    });
  });

  it('finishes a draft an interrupted run left', async () => {
    fake.seed({
      tag_name: 'v1.2.3',
      draft: true,
      body: composeReleaseBody(undefined, { notes: NOTES, images: [SERVER] }),
    });
    const result = await run();
    expect(result.outcome).toBe('updated');
    expect(fake.byTag('v1.2.3')).toHaveLength(1);
    expect(fake.byTag('v1.2.3')[0]?.draft).toBe(false);
  });

  it('marks a prerelease as such and never as latest', async () => {
    await run({ tag: 'v2.0.0-rc.1', prerelease: true, makeLatest: true });
    expect(fake.byTag('v2.0.0-rc.1')[0]?.prerelease).toBe(true);
    expect(fake.requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      draft: false,
      make_latest: 'false',
    });
  });

  it('does not take "Latest" for a backport', async () => {
    await run({ tag: 'v1.1.9', makeLatest: false });
    expect(fake.requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      draft: false,
      make_latest: 'false',
    });
  });

  it('leaves the release a draft with release: draft, run after run', async () => {
    const first = await run({ draft: true });
    expect(first.release.draft).toBe(true);
    expect(writes()).toEqual(['POST /repos/acme/app/releases']);
    const second = await run({ draft: true, body: { notes: NOTES, images: [BUILDER] } });
    expect(second.release.draft).toBe(true);
    expect(fake.releases.size).toBe(1);
    expect(bodyOf()).toContain(renderImageSection(BUILDER));
    expect(fake.requests.some((r) => 'make_latest' in r.body)).toBe(false);
  });

  it('publishes the whole body before the release becomes immutable', async () => {
    fake.immutableReleases = true;
    const result = await run();
    expect(result.release.immutable).toBe(true);
    const created = fake.requests.find((r) => r.method === 'POST' && r.path.endsWith('/releases'));
    expect(created?.body.draft).toBe(true);
    expect(created?.body.body).toBe(result.body);
    // Publishing touches nothing but the draft flag and the latest mark.
    expect(fake.requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      draft: false,
      make_latest: 'true',
    });
  });

  it('merges into a release another job created between its look and its create (422 already_exists)', async () => {
    let once = true;
    fake.onRequest = (r) => {
      if (once && r.method === 'POST' && r.path.endsWith('/releases')) {
        once = false;
        fake.seed({
          tag_name: 'v1.2.3',
          body: composeReleaseBody(undefined, { notes: NOTES, images: [BUILDER] }),
        });
      }
    };
    // The draft is created beside the other job's release, and publishing it collides.
    const result = await run();
    expect(result.outcome).toBe('updated');
    expect(fake.byTag('v1.2.3')).toHaveLength(1);
    expect(bodyOf()).toContain(renderImageSection(SERVER));
    expect(bodyOf()).toContain(renderImageSection(BUILDER));
    expect(result.log).toContain('a release of v1.2.3 was created meanwhile; merging into it');
  });

  it('writes again when another job rewrote the release right after it', async () => {
    await run({ body: { notes: NOTES, images: [BUILDER] } });
    let clobbered = false;
    fake.onRequest = (r) => {
      // The other job read the body before our write and writes its version after it.
      if (!clobbered && r.method === 'GET' && /\/releases\/\d+$/.test(r.path)) {
        clobbered = true;
        const stored = [...fake.releases.values()][0];
        if (stored)
          stored.body = composeReleaseBody(undefined, { notes: NOTES, images: [BUILDER] });
      }
    };
    const result = await run({ body: { notes: NOTES, images: [SERVER] } });
    expect(clobbered).toBe(true);
    expect(result.log).toContain(
      'another job rewrote the release of v1.2.3 meanwhile; merging again',
    );
    expect(bodyOf()).toContain(renderImageSection(SERVER));
    expect(bodyOf()).toContain(renderImageSection(BUILDER));
  });

  it('keeps a 3,000-commit range under the cap, with the link to the full changelog', async () => {
    const big = new History();
    for (let i = 0; i < 3000; i++) {
      big.commit(`Improve module ${i} so that the changelog has something to say (#${i + 10})`, {
        author: { name: `Contributor ${i % 500}`, email: `c${i % 500}@example.com` },
      });
    }
    const notes = draftReleaseNotes({
      repositoryUrl: 'https://github.com/acme/app',
      tag: 'v1.2.3',
      previousTag: 'v1.2.2',
      commits: big.commits(),
    });
    await run({ body: { notes, images: [SERVER, BUILDER] } });
    const body = bodyOf();
    expect(body.length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(body).toMatch(
      /- … and \d+ more changes: see the \[full changelog\]\(https:\/\/github\.com\/acme\/app\/compare\/v1\.2\.2\.\.\.v1\.2\.3\)/,
    );
    expect(body).toContain(
      '**Full Changelog**: https://github.com/acme/app/compare/v1.2.2...v1.2.3',
    );
    expect(body).toContain(renderImageSection(SERVER));
    expect(body).toContain(renderImageSection(BUILDER));
  });

  it('surfaces an API failure naming the call', async () => {
    fake.inject({
      method: 'GET',
      path: /releases\/tags/,
      status: 401,
      body: { message: 'Bad credentials' },
    });
    await expect(run()).rejects.toThrow(
      'GitHub API: get the release of tag v1.2.3 failed with 401: Bad credentials (the token is not valid: check github-token)',
    );
  });
});
