/**
 * When a copy or a tag round fails, nothing of it runs on after the failure is reported: the
 * action then removes the layout its uploads read from, and reports which tags it applied.
 * Against a real registry (helpers/registry.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planRelease } from '../../src/plan/plan.js';
import { copyImage } from '../../src/publish/copy.js';
import { applyTags, preflight } from '../../src/publish/publish.js';
import { layoutSource } from '../../src/publish/source.js';
import {
  BlobSourceError,
  MEDIA_TYPES,
  RegistryError,
  createRegistryClient,
} from '../../src/registry/index.js';
import { type TestRegistry, startRegistry } from '../helpers/registry.js';
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js';

let registry: TestRegistry;

beforeAll(async () => {
  registry = await startRegistry();
}, 30_000);

afterAll(async () => {
  await registry.stop();
  removeTempDirs();
});

function client() {
  return createRegistryClient({
    credentials: {
      [registry.host]: { username: registry.username, password: registry.password },
    },
    dockerConfigDir: makeTempDir('image-release-no-config-'),
    env: {},
    retries: { tries: 2, baseDelayMs: 1 },
  });
}

const blobPath = (dir: string, digest: string) =>
  join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length));

/** A one-platform layout: a config and layers of the given sizes, random each time. */
function layout(layerSizes: readonly number[]) {
  const dir = makeTempDir('image-release-failure-');
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = (bytes: Buffer, mediaType: string) => {
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    writeFileSync(blobPath(dir, digest), bytes);
    return { mediaType, digest, size: bytes.length };
  };
  const config = put(
    Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', nonce: Math.random() })),
    'application/vnd.oci.image.config.v1+json',
  );
  const layers = layerSizes.map((size) =>
    put(randomBytes(size), 'application/vnd.oci.image.layer.v1.tar+gzip'),
  );
  const manifest = put(
    Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociManifest, config, layers }),
    ),
    MEDIA_TYPES.ociManifest,
  );
  return { dir, digest: manifest.digest, config, layers };
}

describe('a failed copy', () => {
  it('waits for the uploads in flight and starts no more', async () => {
    const image = layout([16, 8 << 20, 8 << 20, 8 << 20, 8 << 20]);
    const [missing, ...big] = image.layers.map((l) => l.digest) as [string, ...string[]];
    rmSync(blobPath(image.dir, missing));
    const repo = client().repository(`${registry.host}/failure/copy`);

    const failed = await copyImage(layoutSource(image.dir), image.digest, repo).catch(
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(BlobSourceError);
    // Four at a time: the config, the missing layer and the first two big ones start together.
    // The copy fails only once those two are complete; the third big one may have been started
    // before the failure (when the config was done first), the fourth never.
    const present = await Promise.all(big.map((b) => repo.hasBlob(b)));
    expect([present[0], present[1], present[3]]).toEqual([true, true, false]);
    expect(await repo.hasBlob(image.config.digest)).toBe(true);
  });
});

describe('a failed tag round', () => {
  it('lets every image finish the round, and starts no later one', async () => {
    const image = layout([16]);
    const source = layoutSource(image.dir);
    const c = client();
    // The first image's repository lacks the content, so its first tag is refused at once;
    // the second has it and a dozen exact tags to put in the same round.
    const images = [`${registry.host}/failure/empty`, `${registry.host}/failure/full`];
    const empty = c.repository(images[0] as string);
    const full = c.repository(images[1] as string);
    await copyImage(source, image.digest, full);
    const extraTags = Array.from({ length: 10 }, (_, i) => `extra-${i}`);
    const plan = planRelease(
      {
        images,
        latest: 'auto',
        stage: 'rc',
        extraTags,
        labels: [],
        annotations: [],
        buildArgs: [],
        platforms: ['linux/amd64'],
      },
      {
        event: {
          name: 'push',
          ref: 'refs/tags/v1.2.3',
          sha: 'a'.repeat(40),
          commitTime: '2026-01-02T03:04:05Z',
          repository: { owner: 'acme', name: 'app', htmlUrl: 'https://github.com/acme/app' },
        },
        publishedTags: [],
        now: new Date(0),
      },
    );
    const checked = await preflight(
      [
        { image: images[0] as string, repo: empty },
        { image: images[1] as string, repo: full },
      ],
      plan,
      { latest: 'auto', overwrite: false, expected: { kind: 'digest', digest: image.digest } },
    );
    const m = await source.manifest(image.digest);
    const failed = await applyTags(
      checked,
      () => image.digest,
      () => Promise.resolve(m),
      false,
    ).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(RegistryError);
    expect((await full.listTags()).sort()).toEqual(['1.2.3', ...extraTags, 'rc-aaaaaaa'].sort());
    expect(await empty.listTags()).toEqual([]);
  });
});
