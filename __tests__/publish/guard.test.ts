/**
 * The guard and the tagging rounds against the real registry: conflicts are refused with a
 * message that says what exists and how to proceed, re-runs of the same commit are accepted, and
 * a tag pushed by someone else between guard and tagging stops the run with nothing moved.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseEvent } from '../../src/event.js';
import { type Plan, planRelease } from '../../src/plan/plan.js';
import { copyImage } from '../../src/publish/copy.js';
import {
  type GuardedTag,
  TagConflictError,
  guardTags,
  revisionOf,
} from '../../src/publish/guard.js';
import { releaseImages } from '../../src/publish/images.js';
import { applyTags, indexPlatforms, preflight } from '../../src/publish/publish.js';
import { layoutSource } from '../../src/publish/source.js';
import { type RegistryClient, createRegistryClient } from '../../src/registry/index.js';
import type { Repository } from '../../src/registry/types.js';
import { type TestLayout, writeLayout } from '../helpers/oci-layout.js';
import { type TestRegistry, startRegistry } from '../helpers/registry.js';
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js';

const SHA1 = '1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const SHA2 = '2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const v = (name: string): GuardedTag => ({ name, names: 'version' });

let registry: TestRegistry;
let client: RegistryClient;

beforeAll(async () => {
  registry = await startRegistry();
  client = createRegistryClient({
    dockerConfigDir: registry.dockerConfig,
    env: {},
    retries: { tries: 2, baseDelayMs: 1 },
  });
}, 30_000);

afterAll(async () => {
  await registry.stop();
  removeTempDirs();
});

function layout(content: string, revision: string, version?: string): TestLayout {
  return writeLayout(makeTempDir('image-release-layout-'), {
    content,
    revision,
    ...(version !== undefined && { version }),
  });
}

/** The plan of a tag push of `version` at `sha`, for `images`. */
function plan(version: string, sha: string, images: string[], stage?: string): Plan {
  const event = parseEvent(
    {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: `refs/tags/v${version}`,
      GITHUB_SHA: sha,
      GITHUB_REPOSITORY: 'acme/app',
    },
    {
      ref: `refs/tags/v${version}`,
      after: sha,
      repository: { name: 'app', owner: { login: 'acme' } },
    },
  );
  return planRelease(
    {
      images,
      latest: 'auto',
      extraTags: [],
      labels: [],
      annotations: [],
      buildArgs: [],
      platforms: ['linux/amd64', 'linux/arm64'],
      ...(stage !== undefined && { stage }),
    },
    { event, publishedTags: [], now: new Date('2024-01-01T00:00:00Z') },
  );
}

/** Publishes a layout under a version's tags the way the action does after a buildah build. */
async function publishLayout(
  repoName: string,
  version: string,
  sha: string,
  content: string,
  overwrite = false,
) {
  const image = `${registry.host}/${repoName}`;
  const built = layout(content, sha, version);
  return releaseImages(
    plan(version, sha, [image]),
    true,
    { latest: 'auto', overwrite },
    {
      repository: (name) => client.repository(name),
      build: () => Promise.resolve({ kind: 'layout', dir: built.dir, digest: built.digest }),
      info: () => {},
    },
  );
}

async function tags(repo: Repository): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of (await repo.listTags()).sort()) {
    out[t] = (await repo.headManifest(t))?.digest ?? '';
  }
  return out;
}

describe('guardTags', () => {
  let repo: Repository;
  let first: string;
  beforeAll(async () => {
    const outcome = await publishLayout('acme/guard', '1.0.0', SHA1, 'one');
    first = outcome.digest ?? '';
    repo = client.repository(`${registry.host}/acme/guard`);
  });

  it('reads the revision from the first platform config of an index', async () => {
    expect(await revisionOf(repo, first)).toBe(SHA1);
  });

  it('refuses a version tag built from another commit, saying how to proceed', async () => {
    const attempt = guardTags(
      repo,
      'app',
      [v('1.0.0')],
      { kind: 'build', sha: SHA2, version: '1.0.0' },
      false,
    );
    await expect(attempt).rejects.toBeInstanceOf(TagConflictError);
    await expect(attempt).rejects.toThrow(
      new RegExp(
        `app:1\\.0\\.0 \\(sha256:[a-f0-9]{12}\\) already exists, built from commit 1111111 as 1\\.0\\.0, and this run builds commit 2222222 as 1\\.0\\.0\\..*overwrite: true`,
      ),
    );
  });

  it('accepts the same commit (a re-run) and names the digest to complete', async () => {
    const r = await guardTags(
      repo,
      'app',
      [v('1.0.0'), v('9.9.9')],
      { kind: 'build', sha: SHA1, version: '1.0.0' },
      false,
    );
    expect(r.published).toBe(first);
    expect(r.existing.get('9.9.9')).toBeUndefined();
  });

  it('for a promotion, compares digests', async () => {
    const same = await guardTags(
      repo,
      'app',
      [v('1.0.0')],
      { kind: 'digest', digest: first },
      false,
    );
    expect(same.published).toBe(first);
    const other = `sha256:${'0'.repeat(64)}`;
    await expect(
      guardTags(repo, 'app', [v('1.0.0')], { kind: 'digest', digest: other }, false),
    ).rejects.toThrow(/on other content than the promoted sha256:000000000000/);
  });

  it('lets overwrite: true through', async () => {
    const r = await guardTags(
      repo,
      'app',
      [v('1.0.0')],
      { kind: 'build', sha: SHA2, version: '1.0.0' },
      true,
    );
    expect(r.published).toBeUndefined();
  });

  it('a fresh tag is no conflict', async () => {
    const r = await guardTags(
      repo,
      'app',
      [v('2.0.0')],
      { kind: 'build', sha: SHA2, version: '2.0.0' },
      false,
    );
    expect(r.published).toBeUndefined();
    expect([...r.existing]).toEqual([['2.0.0', undefined]]);
  });
});

describe('releaseImages', () => {
  it('overwrite: true replaces a version tag and moves the floating ones', async () => {
    const a = await publishLayout('acme/overwrite', '1.0.0', SHA1, 'a');
    await expect(publishLayout('acme/overwrite', '1.0.0', SHA2, 'b')).rejects.toBeInstanceOf(
      TagConflictError,
    );
    const b = await publishLayout('acme/overwrite', '1.0.0', SHA2, 'b', true);
    expect(b.digest).not.toBe(a.digest);
    const repo = client.repository(`${registry.host}/acme/overwrite`);
    expect(await tags(repo)).toEqual({
      '1': b.digest,
      '1.0': b.digest,
      '1.0.0': b.digest,
      latest: b.digest,
    });
  });

  it('completes the tags of a half-finished release of the same commit without rebuilding', async () => {
    const image = `${registry.host}/acme/resume`;
    const repo = client.repository(image);
    const built = layout('resume', SHA1, '1.0.0');
    // A run that pushed and set only the exact tag before it died.
    await copyImage(layoutSource(built.dir), built.digest, repo);
    const m = await repo.getManifest(built.digest);
    await repo.putManifest('1.0.0', {
      mediaType: m?.mediaType ?? '',
      bytes: m?.bytes ?? new Uint8Array(),
    });
    let builds = 0;
    const rerun = await releaseImages(
      plan('1.0.0', SHA1, [image]),
      true,
      { latest: 'auto', overwrite: false },
      {
        repository: (name) => client.repository(name),
        build: () => {
          builds++;
          return Promise.reject(new Error('no build expected'));
        },
        info: () => {},
      },
    );
    expect(builds).toBe(0);
    expect(rerun.images[0]?.reused).toBe(true);
    expect(await tags(repo)).toEqual({
      '1': built.digest,
      '1.0': built.digest,
      '1.0.0': built.digest,
      latest: built.digest,
    });
  });

  it('builds a version on a commit whose stage tag a branch build holds, and moves that tag', async () => {
    const image = `${registry.host}/acme/staged`;
    const repo = client.repository(image);
    // The branch build of SHA1: rmoa-client-1111111, built as that version.
    const branch = layout('branch', SHA1, 'rmoa-client-1111111');
    await copyImage(layoutSource(branch.dir), branch.digest, repo);
    const m = await repo.getManifest(branch.digest);
    await repo.putManifest('rmoa-client-1111111', {
      mediaType: m?.mediaType ?? '',
      bytes: m?.bytes ?? new Uint8Array(),
    });
    const release = layout('release', SHA1, '1.2.3');
    let builds = 0;
    const outcome = await releaseImages(
      plan('1.2.3', SHA1, [image], 'rmoa-client'),
      true,
      { latest: 'auto', overwrite: false },
      {
        repository: (name) => client.repository(name),
        build: () => {
          builds++;
          return Promise.resolve({ kind: 'layout', dir: release.dir, digest: release.digest });
        },
        info: () => {},
      },
    );
    expect(builds).toBe(1);
    expect(outcome.images[0]?.reused).toBe(false);
    expect(await tags(repo)).toEqual({
      '1': release.digest,
      '1.2': release.digest,
      '1.2.3': release.digest,
      latest: release.digest,
      'rmoa-client-1111111': release.digest,
    });
  });

  it('refuses a stage tag that holds an image of another commit', async () => {
    const image = `${registry.host}/acme/staged-other`;
    const repo = client.repository(image);
    const other = layout('other', SHA2, 'rmoa-client-1111111');
    await copyImage(layoutSource(other.dir), other.digest, repo);
    const m = await repo.getManifest(other.digest);
    await repo.putManifest('rmoa-client-1111111', {
      mediaType: m?.mediaType ?? '',
      bytes: m?.bytes ?? new Uint8Array(),
    });
    await expect(
      releaseImages(
        plan('1.2.3', SHA1, [image], 'rmoa-client'),
        true,
        { latest: 'auto', overwrite: false },
        {
          repository: (name) => client.repository(name),
          build: () => Promise.reject(new Error('no build expected')),
          info: () => {},
        },
      ),
    ).rejects.toThrow(/staged-other:rmoa-client-1111111 .* built from commit 2222222/);
  });

  it('stops before tagging when someone else pushed the version meanwhile; nothing moves', async () => {
    const image = `${registry.host}/acme/race`;
    const repo = client.repository(image);
    const old = await publishLayout('acme/race', '1.0.0', SHA1, 'old');
    const p = plan('1.1.0', SHA2, [image]);
    const checked = await preflight([{ image, repo }], p, {
      latest: 'auto',
      overwrite: false,
      expected: { kind: 'build', sha: SHA2, version: '1.1.0' },
    });
    const ours = layout('ours', SHA2);
    const theirs = layout('theirs', SHA1);
    await copyImage(layoutSource(ours.dir), ours.digest, repo);
    // The other run: pushes its own 1.1.0 between our guard and our tagging.
    await copyImage(layoutSource(theirs.dir), theirs.digest, repo);
    const m = await repo.getManifest(theirs.digest);
    await repo.putManifest('1.1.0', {
      mediaType: m?.mediaType ?? '',
      bytes: m?.bytes ?? new Uint8Array(),
    });

    const attempt = applyTags(
      checked,
      () => ours.digest,
      (_p, d) => repo.getManifest(d).then((x) => x ?? Promise.reject(new Error('gone'))),
      false,
    );
    await expect(attempt).rejects.toThrow(
      /acme\/race:1\.1\.0 was pushed by someone else while this run was building/,
    );
    expect(await tags(repo)).toEqual({
      '1': old.digest,
      '1.0': old.digest,
      '1.0.0': old.digest,
      '1.1.0': theirs.digest,
      latest: old.digest,
    });
  });

  it('does not move a floating tag back when a newer version was released during the build', async () => {
    const image = `${registry.host}/acme/overlap`;
    const repo = client.repository(image);
    await publishLayout('acme/overlap', '1.2.2', SHA1, 'one-two-two');
    const slow = plan('1.2.3', SHA2, [image]);
    const checked = await preflight([{ image, repo }], slow, {
      latest: 'auto',
      overwrite: false,
      expected: { kind: 'build', sha: SHA2, version: '1.2.3' },
    });
    // 1.2.4 is released, floating tags and all, while 1.2.3 is still building.
    const newer = await publishLayout('acme/overlap', '1.2.4', SHA1, 'one-two-four');
    const built = layout('one-two-three', SHA2, '1.2.3');
    await copyImage(layoutSource(built.dir), built.digest, repo);
    const result = await applyTags(
      checked,
      () => built.digest,
      (_p, d) => repo.getManifest(d).then((x) => x ?? Promise.reject(new Error('gone'))),
      false,
    );
    expect(result[0]?.tags).toEqual(['1.2.3']);
    const now = await tags(repo);
    expect(now['1.2.3']).toBe(built.digest);
    for (const t of ['1.2', '1', 'latest']) expect(now[t]).toBe(newer.digest);
  });

  it('promotes to an image on another registry by streaming the blobs across', async () => {
    const other = await startRegistry();
    try {
      const both = createRegistryClient({
        credentials: {
          [registry.host]: { username: registry.username, password: registry.password },
          [other.host]: { username: other.username, password: other.password },
        },
        env: {},
        retries: { tries: 2, baseDelayMs: 1 },
      });
      const here = `${registry.host}/acme/cross`;
      const there = `${other.host}/acme/cross`;
      const dev = await publishLayout('acme/cross', '0.9.0', SHA1, 'cross');
      const outcome = await releaseImages(
        plan('1.0.0', SHA1, [here, there]),
        true,
        { latest: 'auto', overwrite: false, promoteFrom: '0.9.0' },
        {
          repository: (name) => both.repository(name),
          build: () => Promise.reject(new Error('no build expected')),
          info: () => {},
        },
      );
      expect(outcome.images.map((i) => [i.image, i.digest, i.platforms])).toEqual([
        [here, dev.digest, ['linux/amd64', 'linux/arm64']],
        [there, dev.digest, ['linux/amd64', 'linux/arm64']],
      ]);
      expect(await tags(both.repository(there))).toEqual({
        '1': dev.digest,
        '1.0': dev.digest,
        '1.0.0': dev.digest,
        latest: dev.digest,
      });
    } finally {
      await other.stop();
    }
  });

  it('tags every image with its own floating decision', async () => {
    const a = `${registry.host}/acme/multi-a`;
    const b = `${registry.host}/acme/multi-b`;
    // b already has 2.0.0; a has nothing.
    await publishLayout('acme/multi-b', '2.0.0', SHA1, 'b2');
    const built = layout('multi 1.5.0', SHA2);
    const outcome = await releaseImages(
      plan('1.5.0', SHA2, [a, b]),
      true,
      { latest: 'auto', overwrite: false },
      {
        repository: (name) => client.repository(name),
        build: () => Promise.resolve({ kind: 'layout', dir: built.dir, digest: built.digest }),
        info: () => {},
      },
    );
    expect(outcome.images.map((i) => [i.image, i.tags])).toEqual([
      [a, ['1.5.0', '1.5', '1', 'latest']],
      [b, ['1.5.0', '1.5', '1']],
    ]);
  });
});

describe('indexPlatforms', () => {
  it('lists the platforms of an index, attestations left out', () => {
    const bytes = Buffer.from(
      JSON.stringify({
        manifests: [
          { platform: { os: 'linux', architecture: 'arm', variant: 'v7' } },
          { platform: { os: 'linux', architecture: 'amd64' } },
          { platform: { os: 'unknown', architecture: 'unknown' } },
        ],
      }),
    );
    expect(
      indexPlatforms({ mediaType: 'application/vnd.oci.image.index.v1+json', digest: 'x', bytes }),
    ).toEqual(['linux/arm/v7', 'linux/amd64']);
  });
});
