/**
 * Reading and rewriting OCI image layouts made here byte by byte, so that every digest is known:
 * what readLayout returns, what it refuses, and that an edited index is a new, consistent blob.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blobPath, editLayoutIndex, readLayout, sha256Digest } from '../../src/build/layout.js';
import type { Descriptor } from '../../src/registry/types.js';
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js';

afterAll(removeTempDirs);

const INDEX = 'application/vnd.oci.image.index.v1+json';
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const CONFIG = 'application/vnd.oci.image.config.v1+json';
const LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';

function put(dir: string, mediaType: string, content: string | Buffer): Descriptor {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  const digest = sha256Digest(bytes);
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(blobPath(dir, digest), bytes);
  return { mediaType, digest, size: bytes.length };
}

function image(dir: string, arch: string, layer: Descriptor): Descriptor {
  const config = put(dir, CONFIG, JSON.stringify({ architecture: arch, os: 'linux' }));
  const manifest = put(
    dir,
    MANIFEST,
    JSON.stringify({ schemaVersion: 2, mediaType: MANIFEST, config, layers: [layer] }),
  );
  return { ...manifest, platform: { os: 'linux', architecture: arch } };
}

/** The descriptor index.json gives a lone manifest: no platform. */
function withoutPlatform(d: Descriptor): Descriptor {
  return { mediaType: d.mediaType, digest: d.digest, size: d.size };
}

function writeIndexJson(dir: string, top: Descriptor): void {
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion": "1.0.0"}');
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [top] }));
}

/** A layout as buildah leaves it: arm64 listed before amd64, one layer shared by both. */
function makeLayout(): { dir: string; top: Descriptor; children: Descriptor[]; layer: Descriptor } {
  const dir = makeTempDir('image-release-layout-');
  const layer = put(dir, LAYER, Buffer.from([0x1f, 0x8b, 1, 2, 3]));
  const children = [image(dir, 'arm64', layer), image(dir, 'amd64', layer)];
  const top = put(
    dir,
    INDEX,
    JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests: children }),
  );
  writeIndexJson(dir, top);
  return { dir, top, children, layer };
}

const json = (bytes: Uint8Array) =>
  JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, unknown>;

describe('readLayout', () => {
  it('reads the index, its manifests and each blob once', async () => {
    const { dir, top, children, layer } = makeLayout();
    const layout = await readLayout(dir);
    expect(layout.descriptor).toEqual(top);
    expect(sha256Digest(layout.bytes)).toBe(top.digest);
    expect(layout.manifests.map((m) => m.descriptor)).toEqual(children);
    expect(layout.manifests.map((m) => m.layers.map((l) => l.digest))).toEqual([
      [layer.digest],
      [layer.digest],
    ]);
    // Two configs and the shared layer.
    expect(layout.blobs).toHaveLength(3);
    expect(layout.blobs.map((b) => b.path)).toEqual(
      [layout.manifests[0]?.config.digest, layer.digest, layout.manifests[1]?.config.digest].map(
        (d) => blobPath(dir, d ?? ''),
      ),
    );
  });

  it('reads a lone manifest as one manifest', async () => {
    const dir = makeTempDir('image-release-layout-');
    const layer = put(dir, LAYER, 'layer');
    const top = withoutPlatform(image(dir, 'amd64', layer));
    writeIndexJson(dir, top);
    const layout = await readLayout(dir);
    expect(layout.descriptor).toEqual(top);
    expect(layout.manifests).toHaveLength(1);
    expect(layout.blobs).toHaveLength(2);
  });

  it.each([
    [
      'a missing layer',
      ({ dir, layer }: ReturnType<typeof makeLayout>) => rmSync(blobPath(dir, layer.digest)),
      /the blob sha256:\w+ of sha256:\w+ is missing/,
    ],
    [
      'an index that does not hash to its digest',
      ({ dir, top }: ReturnType<typeof makeLayout>) =>
        writeFileSync(blobPath(dir, top.digest), ' '.repeat(top.size)),
      /does not hash to its digest/,
    ],
    [
      'a manifest of the wrong size',
      ({ dir, children }: ReturnType<typeof makeLayout>) =>
        writeFileSync(blobPath(dir, children[0]?.digest ?? ''), '{}'),
      /has 2 bytes, its descriptor says/,
    ],
    [
      'two images in index.json',
      ({ dir, top }: ReturnType<typeof makeLayout>) =>
        writeFileSync(
          join(dir, 'index.json'),
          JSON.stringify({ schemaVersion: 2, manifests: [top, top] }),
        ),
      /index.json must name exactly one image \(it names 2\)/,
    ],
    [
      'no index.json',
      ({ dir }: ReturnType<typeof makeLayout>) => rmSync(join(dir, 'index.json')),
      /cannot read .*index.json/,
    ],
    [
      'a digest that is a path',
      ({ dir }: ReturnType<typeof makeLayout>) =>
        writeFileSync(
          join(dir, 'index.json'),
          JSON.stringify({
            manifests: [{ mediaType: INDEX, digest: 'sha256:../../etc/passwd', size: 1 }],
          }),
        ),
      /index.json manifests\[0\] is not a descriptor/,
    ],
  ])('refuses %s, naming the layout', async (_, spoil, message) => {
    const layout = makeLayout();
    spoil(layout);
    await expect(readLayout(layout.dir)).rejects.toThrow(message);
    await expect(readLayout(layout.dir)).rejects.toThrow(`OCI layout '${layout.dir}'`);
  });
});

describe('editLayoutIndex', () => {
  it('orders the children, adds annotations at each level, and keeps the layout consistent', async () => {
    const { dir, top, children } = makeLayout();
    const edited = await editLayoutIndex(dir, {
      platformOrder: ['linux/amd64', 'linux/arm64'],
      annotations: { 'org.opencontainers.image.description': 'An app' },
      childAnnotations: { 'com.example.kind': 'runtime' },
      descriptorAnnotations: { 'org.opencontainers.image.ref.name': '1.2.3' },
    });
    expect(edited.digest).not.toBe(top.digest);
    expect(edited.annotations).toEqual({ 'org.opencontainers.image.ref.name': '1.2.3' });
    // The old index blob is gone, index.json names the new one, and everything reads back.
    expect(existsSync(blobPath(dir, top.digest))).toBe(false);
    const layout = await readLayout(dir);
    expect(layout.descriptor).toEqual(edited);
    const index = json(layout.bytes);
    expect(index.annotations).toEqual({ 'org.opencontainers.image.description': 'An app' });
    expect(layout.manifests.map((m) => m.descriptor)).toEqual(
      [children[1], children[0]].map((c) => ({
        ...c,
        annotations: { 'com.example.kind': 'runtime' },
      })),
    );
    expect(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'))).toEqual({
      schemaVersion: 2,
      manifests: [edited],
    });
    expect(existsSync(join(dir, 'index.json.tmp'))).toBe(false);
  });

  it('gives one digest for both orders buildah may list the platforms in', async () => {
    const a = makeLayout();
    const b = makeLayout();
    // b as if arm64 had finished last.
    const reversed = [...b.children].reverse();
    const top = put(
      b.dir,
      INDEX,
      JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests: reversed }),
    );
    writeIndexJson(b.dir, top);
    const order = ['linux/amd64', 'linux/arm64'];
    const da = await editLayoutIndex(a.dir, { platformOrder: order });
    const db = await editLayoutIndex(b.dir, { platformOrder: order });
    expect(da.digest).toBe(db.digest);
  });

  it('is idempotent, and leaves an index it need not change alone', async () => {
    const { dir } = makeLayout();
    const order = ['linux/amd64', 'linux/arm64'];
    const once = await editLayoutIndex(dir, { platformOrder: order, annotations: { a: 'b' } });
    const indexJson = readFileSync(join(dir, 'index.json'), 'utf8');
    const twice = await editLayoutIndex(dir, { platformOrder: order, annotations: { a: 'b' } });
    expect(twice).toEqual(once);
    expect(readFileSync(join(dir, 'index.json'), 'utf8')).toBe(indexJson);
  });

  it('refuses a layout holding a lone manifest', async () => {
    const dir = makeTempDir('image-release-layout-');
    const top = withoutPlatform(image(dir, 'amd64', put(dir, LAYER, 'layer')));
    writeIndexJson(dir, top);
    await expect(editLayoutIndex(dir, { annotations: { a: 'b' } })).rejects.toThrow(
      /names application\/vnd.oci.image.manifest.v1\+json, not an image index/,
    );
  });
});
