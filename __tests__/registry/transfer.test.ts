/**
 * Manifests, blobs and tags against the local registry (helpers/fake-registry): what goes over
 * the wire (Accept, Content-Type, upload Locations and Content-Range) and what comes back.
 */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import {
  type RegistryClientOptions,
  createRegistryClient,
  nextLink,
} from '../../src/registry/client.js';
import { BlobSourceError } from '../../src/registry/errors.js';
import { MANIFEST_ACCEPT, MEDIA_TYPES } from '../../src/registry/types.js';
import { FakeRegistry, type FakeRegistryOptions, faults } from '../helpers/fake-registry.js';
import { type TestHttpServer, sha256, startHttpServer } from '../helpers/http-server.js';
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js';

afterAll(removeTempDirs);

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const USERS = { ci: 'pw-Secret-2' };

async function setup(options: FakeRegistryOptions = {}, clientOptions: RegistryClientOptions = {}) {
  const registry = await FakeRegistry.start({ users: USERS, ...options });
  closers.push(() => registry.close());
  const client = createRegistryClient({
    dockerConfigDir: makeTempDir('image-release-no-config-'),
    env: {},
    retries: { tries: 3, baseDelayMs: 1 },
    credentials: { [registry.host]: { username: 'ci', password: USERS.ci } },
    ...clientOptions,
  });
  return { registry, client, repo: client.repository(`${registry.host}/acme/app`) };
}

/** A stream of `bytes` in pieces of `piece` bytes, as a file read would give. */
function streamOf(bytes: Buffer, piece = 7): Readable {
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += piece) pieces.push(bytes.subarray(i, i + piece));
  return Readable.from(pieces, { objectMode: false });
}

function bytesOf(length: number, seed = 1): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

const image = Buffer.from(
  JSON.stringify(
    { schemaVersion: 2, mediaType: MEDIA_TYPES.ociManifest, config: {}, layers: [] },
    null,
    3,
  ),
);

describe('manifests', () => {
  it('puts, heads and gets a manifest byte for byte, by tag and by digest', async () => {
    const { registry, repo } = await setup();
    const digest = await repo.putManifest('1.2.3', {
      mediaType: MEDIA_TYPES.ociManifest,
      bytes: image,
    });
    expect(digest).toBe(sha256(image));
    const put = registry.requests.find(
      (r) => r.method === 'PUT' && r.headers.authorization !== undefined,
    );
    expect(put?.headers['content-type']).toBe(MEDIA_TYPES.ociManifest);
    expect(put?.body?.equals(image)).toBe(true);

    expect(await repo.headManifest('1.2.3')).toEqual({
      mediaType: MEDIA_TYPES.ociManifest,
      digest,
      size: image.length,
    });
    for (const reference of ['1.2.3', digest]) {
      const got = await repo.getManifest(reference);
      expect(got?.mediaType).toBe(MEDIA_TYPES.ociManifest);
      expect(got?.digest).toBe(digest);
      expect(Buffer.from(got?.bytes ?? []).equals(image)).toBe(true);
    }
    const gets = registry.requests.filter(
      (r) => (r.method === 'GET' || r.method === 'HEAD') && r.path.includes('/manifests/'),
    );
    for (const get of gets) expect(get.headers.accept).toBe(MANIFEST_ACCEPT.join(', '));
  });

  it('puts under its own digest', async () => {
    const { registry, repo } = await setup();
    const digest = sha256(image);
    expect(await repo.putManifest(digest, { mediaType: MEDIA_TYPES.ociIndex, bytes: image })).toBe(
      digest,
    );
    expect(registry.manifest('acme/app', digest)?.mediaType).toBe(MEDIA_TYPES.ociIndex);
    await expect(
      repo.putManifest(`sha256:${'0'.repeat(64)}`, {
        mediaType: MEDIA_TYPES.ociIndex,
        bytes: image,
      }),
    ).rejects.toThrow(`the manifest's bytes hash to ${digest}, not to the digest it is put under`);
  });

  it('answers undefined for a tag or digest that is not there', async () => {
    const { repo } = await setup();
    expect(await repo.headManifest('nope')).toBeUndefined();
    expect(await repo.getManifest('nope')).toBeUndefined();
    expect(await repo.getManifest(sha256(image))).toBeUndefined();
  });

  it('refuses what is neither a tag nor a digest, before any request', async () => {
    const { registry, repo } = await setup();
    await expect(repo.getManifest('a/b')).rejects.toThrow("'a/b' is neither a tag");
    await expect(repo.headManifest('sha256:abc')).rejects.toThrow("'sha256:abc' is neither a tag");
    expect(registry.requests).toEqual([]);
  });

  it('checks the bytes against a digest reference and Docker-Content-Digest, retrying a bad copy', async () => {
    const { registry, repo } = await setup();
    const digest = registry.putManifest('acme/app', '1.0', MEDIA_TYPES.ociManifest, image);
    const other = Buffer.from('{"schemaVersion":2}');
    const isGet = (r: { method: string; path: string }) =>
      r.method === 'GET' && r.path.includes('/manifests/');
    registry.fault(
      isGet,
      faults.status(
        200,
        { 'content-type': MEDIA_TYPES.ociManifest, 'docker-content-digest': digest },
        other.toString(),
      ),
    );
    expect((await repo.getManifest('1.0'))?.digest).toBe(digest);
    registry.fault(
      isGet,
      faults.status(200, { 'content-type': MEDIA_TYPES.ociManifest }, other.toString()),
      3,
    );
    await expect(repo.getManifest(digest)).rejects.toThrow(
      `GET manifest ${digest} in ${registry.host}/acme/app failed: the bytes received hash to ${sha256(other)} (tried 3 times). The registry's copy is damaged`,
    );
  });

  it('takes the media type from the body when the Content-Type is generic', async () => {
    const { registry, repo } = await setup();
    const index = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests: [] }),
    );
    registry.putManifest('acme/app', '1.0', 'application/json', index);
    expect((await repo.getManifest('1.0'))?.mediaType).toBe(MEDIA_TYPES.ociIndex);
    expect(await repo.headManifest('1.0')).toEqual({
      mediaType: MEDIA_TYPES.ociIndex,
      digest: sha256(index),
      size: index.length,
    });
  });
});

describe('blob uploads', () => {
  it('uploads a small blob monolithically: POST, then PUT to the Location with its query kept', async () => {
    const { registry, repo, client } = await setup({}, { chunkSize: 100 });
    const blob = bytesOf(100);
    const digest = sha256(blob);
    let opened = 0;
    await repo.uploadBlob(digest, blob.length, () => {
      opened++;
      return streamOf(blob);
    });
    expect(opened).toBe(1);
    expect(registry.blob('acme/app', digest)?.equals(blob)).toBe(true);
    const calls = registry.apiCalls().filter((c, i, all) => all.indexOf(c) === i);
    expect(calls).toEqual([
      `HEAD /v2/acme/app/blobs/${digest}`,
      'POST /v2/acme/app/blobs/uploads/',
      expect.stringMatching(
        new RegExp(
          `^PUT /v2/acme/app/blobs/uploads/u\\d+\\?_state=s\\d+&digest=sha256%3A${digest.slice(7)}$`,
        ),
      ),
    ]);
    const put = registry.requests.find((r) => r.method === 'PUT');
    expect(put?.headers['content-length']).toBe('100');
    expect(put?.headers['content-type']).toBe('application/octet-stream');
    expect(client.stats.blobBytesSent).toBe(100);
    expect(registry.uploads.size).toBe(0);
    // The HEAD before the upload already asks for push: one token for the whole upload.
    expect(registry.tokenRequests.map((t) => t.scopes)).toEqual([
      ['repository:acme/app:pull,push'],
    ]);
  });

  it.each([false, true])(
    'uploads a bigger blob in PATCHes with Content-Range, following each Location (absolute: %s)',
    async (absoluteLocations) => {
      const { registry, repo, client } = await setup({ absoluteLocations }, { chunkSize: 10 });
      const blob = bytesOf(25);
      const digest = sha256(blob);
      await repo.uploadBlob(digest, blob.length, () => streamOf(blob, 4));
      expect(registry.blob('acme/app', digest)?.equals(blob)).toBe(true);
      const writes = registry.requests.filter((r) => r.method === 'PATCH' || r.method === 'PUT');
      expect(
        writes.map((r) => [
          r.method,
          r.headers['content-range'],
          r.headers['content-length'],
          r.bodyLength,
        ]),
      ).toEqual([
        ['PATCH', '0-9', '10', 10],
        ['PATCH', '10-19', '10', 10],
        ['PATCH', '20-24', '5', 5],
        ['PUT', undefined, '0', 0],
      ]);
      // Each request went to the Location the one before it was given.
      const states = writes.map((r) => /_state=(s\d+)/.exec(r.path)?.[1]);
      expect(new Set(states).size).toBe(4);
      expect(writes.at(-1)?.path).toMatch(/&digest=sha256%3A[0-9a-f]{64}$/);
      expect(client.stats.blobBytesSent).toBe(25);
    },
  );

  it('does not upload a blob the repository has', async () => {
    const { registry, repo } = await setup();
    const blob = bytesOf(10);
    const digest = registry.putBlob('acme/app', blob);
    await repo.uploadBlob(digest, blob.length, () => {
      throw new Error('not to be opened');
    });
    expect(registry.apiCalls().filter((c) => !c.startsWith('HEAD'))).toEqual([]);
  });

  it('starts over from open() when a chunk fails, closing the broken session', async () => {
    const { registry, repo, client } = await setup({}, { chunkSize: 10 });
    const blob = bytesOf(25);
    const digest = sha256(blob);
    let patches = 0;
    registry.fault((r) => r.method === 'PATCH' && ++patches === 2, faults.status(503));
    let opened = 0;
    await repo.uploadBlob(digest, blob.length, () => {
      opened++;
      return streamOf(blob);
    });
    expect(opened).toBe(2);
    expect(registry.blob('acme/app', digest)?.equals(blob)).toBe(true);
    expect(registry.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect(registry.uploads.size).toBe(0);
    expect(client.stats.retries).toBe(1);
  });

  it.each([
    [10, 'monolithic'],
    [4, 'chunked'],
  ])('reports content of the wrong size or digest as the caller’s (%s, %s)', async (chunkSize) => {
    const { registry, repo } = await setup({}, { chunkSize });
    const blob = bytesOf(10);
    const digest = sha256(blob);
    const short = repo.uploadBlob(digest, 10, () => streamOf(blob.subarray(0, 8)));
    await expect(short).rejects.toThrow(BlobSourceError);
    await expect(short).rejects.toThrow(
      `the content of blob ${digest} ended after 8 bytes, but its size was given as 10`,
    );
    await expect(
      repo.uploadBlob(digest, 10, () => streamOf(Buffer.concat([blob, blob]))),
    ).rejects.toThrow(`the content of blob ${digest} is longer than its given size of 10 bytes`);
    const changed = bytesOf(10, 2);
    await expect(repo.uploadBlob(digest, 10, () => streamOf(changed))).rejects.toThrow(
      `upload of blob ${digest} to ${registry.host}/acme/app: the content of blob ${digest} hashes to ${sha256(changed)}: the digest is wrong, or the content changed while it was read`,
    );
    const failing = repo.uploadBlob(digest, 10, () => {
      const s = new Readable({ read: () => s.destroy(new Error('EIO: disk on fire')) });
      return s;
    });
    await expect(failing).rejects.toThrow(
      `reading the content of blob ${digest} failed: EIO: disk on fire`,
    );
    // No retry can fix the caller's content: one session each, every one closed.
    expect(
      registry.requests.filter((r) => r.method === 'POST' && r.headers.authorization),
    ).toHaveLength(4);
    expect(registry.uploads.size).toBe(0);
  });

  it.each([
    [4, 'chunked'],
    [100, 'monolithic'],
  ])(
    'content that fails before it is read fails the upload, not the process (%s, %s)',
    async (chunkSize) => {
      const { registry, repo } = await setup({}, { chunkSize });
      const digest = sha256(bytesOf(10));
      // As a file removed before its first read: the stream fails on its own, before the first
      // PATCH (which waits for its connection) asks for the body.
      const failing = () => {
        const stream = new Readable({ read: () => undefined });
        setImmediate(() => stream.destroy(new Error('ENOENT: no such file or directory')));
        return stream;
      };
      await expect(repo.uploadBlob(digest, 10, failing)).rejects.toThrow(
        `reading the content of blob ${digest} failed: ENOENT: no such file or directory`,
      );
      expect(registry.uploads.size).toBe(0);
    },
  );

  it('a file that is gone fails the upload with the reason', async () => {
    const { repo } = await setup({}, { chunkSize: 4 });
    const missing = join(makeTempDir('image-release-gone-'), 'layer.tar.gz');
    const digest = sha256(bytesOf(10));
    await expect(repo.uploadBlob(digest, 10, () => createReadStream(missing))).rejects.toThrow(
      `reading the content of blob ${digest} failed: ENOENT: no such file or directory`,
    );
  });

  it('streams a blob larger than a chunk without holding it', async () => {
    const { registry, repo } = await setup({}, { chunkSize: 256 * 1024 });
    const blob = bytesOf(3 * 1024 * 1024 + 5);
    const digest = sha256(blob);
    await repo.uploadBlob(digest, blob.length, () => streamOf(blob, 64 * 1024));
    expect(registry.blob('acme/app', digest)?.equals(blob)).toBe(true);
    expect(registry.requests.filter((r) => r.method === 'PATCH')).toHaveLength(13);
  });
});

describe('mounts', () => {
  it('mounts from another repository (201)', async () => {
    const { registry, repo } = await setup();
    const digest = registry.putBlob('acme/base', bytesOf(12));
    expect(await repo.mountBlob(digest, 'acme/base')).toBe(true);
    expect(registry.apiCalls().at(-1)).toBe(
      `POST /v2/acme/app/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=acme%2Fbase`,
    );
  });

  it('closes the session a declined mount opened (202) and answers false', async () => {
    const { registry, repo } = await setup();
    const digest = sha256(bytesOf(12));
    expect(await repo.mountBlob(digest, 'acme/base')).toBe(false);
    expect(registry.apiCalls().at(-1)).toMatch(
      /^DELETE \/v2\/acme\/app\/blobs\/uploads\/u\d+\?_state=/,
    );
    expect(registry.uploads.size).toBe(0);
  });

  it('a mount the login may not make is declined, not an error', async () => {
    const { registry, repo } = await setup();
    const digest = registry.putBlob('acme/base', bytesOf(12));
    registry.fault(
      (r) => r.method === 'POST' && r.path.includes('mount='),
      faults.status(403, { 'content-type': 'application/json' }, '{"errors":[{"code":"DENIED"}]}'),
    );
    expect(await repo.mountBlob(digest, 'acme/base')).toBe(false);
  });

  it('refuses a source that is not a repository path', async () => {
    const { registry, repo } = await setup();
    await expect(repo.mountBlob(sha256(bytesOf(1)), `${registry.host}/acme/base`)).rejects.toThrow(
      `mountBlob in ${registry.host}/acme/app: '${registry.host}/acme/base' is not a repository path; give it without the registry, e.g. acme/base`,
    );
  });

  it('a mount from the repository itself is a HEAD', async () => {
    const { registry, repo } = await setup();
    const digest = registry.putBlob('acme/app', bytesOf(12));
    expect(await repo.mountBlob(digest, 'acme/app')).toBe(true);
    expect(registry.apiCalls().every((c) => c.startsWith('HEAD'))).toBe(true);
  });
});

describe('blob downloads', () => {
  let storage: TestHttpServer;
  async function startStorage(blobs: Map<string, Buffer>) {
    storage = await startHttpServer((req, res) => {
      const bytes = blobs.get(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
      res.writeHead(bytes ? 200 : 404, { 'content-length': bytes?.length ?? 0 });
      res.end(bytes);
    });
    closers.push(() => storage.close());
    return storage;
  }

  it('streams a blob and checks it', async () => {
    const { registry, repo, client } = await setup();
    const blob = bytesOf(200_000);
    const digest = registry.putBlob('acme/app', blob);
    expect((await buffer(await repo.getBlob(digest))).equals(blob)).toBe(true);
    expect(await repo.hasBlob(digest)).toBe(true);
    expect(await repo.hasBlob(sha256(Buffer.from('x')))).toBe(false);
    expect(client.stats.blobBytesReceived).toBe(200_000);
  });

  it('follows a redirect to storage on another host without the Authorization header', async () => {
    const blob = bytesOf(5000);
    const digest = sha256(blob);
    const s = await startStorage(new Map([[digest, blob]]));
    const { registry, repo } = await setup({
      blobRedirect: (d) => `${s.origin}/${d}?X-Amz-Signature=abc`,
    });
    registry.putBlob('acme/app', blob);
    expect((await buffer(await repo.getBlob(digest))).equals(blob)).toBe(true);
    const registryGet = registry.requests.filter(
      (r) => r.method === 'GET' && r.path.includes('/blobs/'),
    );
    expect(registryGet.at(-1)?.headers.authorization).toMatch(/^Bearer /);
    expect(s.requests).toHaveLength(1);
    expect(s.requests[0]?.headers.authorization).toBeUndefined();
    expect(s.requests[0]?.path).toBe(`/${digest}?X-Amz-Signature=abc`);
  });

  it('a blob HEAD answered with a redirect means the blob is there', async () => {
    const { registry, repo } = await setup();
    const digest = sha256(bytesOf(3));
    registry.fault(
      (r) => r.method === 'HEAD',
      faults.status(307, { location: 'http://127.0.0.1:9/nowhere' }),
    );
    expect(await repo.hasBlob(digest)).toBe(true);
  });

  it.each([false, true])(
    'resumes a download cut mid-way (server ignores Range: %s)',
    async (ignoreRange) => {
      const { registry, repo, client } = await setup({ ignoreRange });
      const blob = bytesOf(100_000);
      const digest = registry.putBlob('acme/app', blob);
      registry.fault(
        (r) => r.method === 'GET' && r.path.includes('/blobs/'),
        faults.truncate(blob, 40_000, { 'content-type': 'application/octet-stream' }),
      );
      expect((await buffer(await repo.getBlob(digest))).equals(blob)).toBe(true);
      const gets = registry.requests.filter(
        (r) => r.method === 'GET' && r.path.includes('/blobs/') && r.headers.authorization,
      );
      expect(gets.map((r) => r.headers.range)).toEqual([undefined, 'bytes=40000-']);
      expect(client.stats.retries).toBe(1);
    },
  );

  it('a download dropped half-way lets go of its connection', async () => {
    const { registry, repo } = await setup();
    const blob = bytesOf(2_000_000);
    const digest = registry.putBlob('acme/app', blob);
    const stream = await repo.getBlob(digest);
    let received = 0;
    for await (const chunk of stream) {
      received += (chunk as Buffer).length;
      break;
    }
    expect(received).toBeGreaterThan(0);
    expect(stream.destroyed).toBe(true);
    expect((await buffer(await repo.getBlob(digest))).equals(blob)).toBe(true);
  });

  it('fails the stream when the bytes do not match the digest', async () => {
    const { registry, repo } = await setup();
    const blob = bytesOf(1000);
    const digest = registry.putBlob('acme/app', blob);
    const bad = bytesOf(1000, 9);
    registry.fault(
      (r) => r.method === 'GET' && r.path.includes('/blobs/'),
      faults.status(200, { 'content-length': '1000' }, bad.toString('latin1')),
    );
    await expect(buffer(await repo.getBlob(digest))).rejects.toThrow(
      `GET blob ${digest} in ${registry.host}/acme/app failed: the 1000 bytes received hash to`,
    );
  });

  it('rejects a blob that is not there, saying which', async () => {
    const { registry, repo } = await setup();
    const digest = sha256(Buffer.from('missing'));
    await expect(repo.getBlob(digest)).rejects.toThrow(
      `GET blob ${digest} in ${registry.host}/acme/app failed: HTTP 404 Not Found (BLOB_UNKNOWN: blob unknown to registry). Blob ${digest} is not in ${registry.host}/acme/app: check the name, the tag or the digest.`,
    );
  });
});

describe('tags', () => {
  it('follows Link pagination with n', async () => {
    const { registry, repo } = await setup({}, { tagPageSize: 3 });
    const tags = ['1', '1.0', '1.0.0', '1.1', '1.1.0', 'dev-abc', 'latest'];
    for (const tag of tags) registry.putManifest('acme/app', tag, MEDIA_TYPES.ociManifest, image);
    expect(await repo.listTags()).toEqual(tags);
    const pages = registry.requests.filter(
      (r) => r.path.includes('/tags/list') && r.headers.authorization,
    );
    expect(pages.map((r) => r.path)).toEqual([
      '/v2/acme/app/tags/list?n=3',
      '/v2/acme/app/tags/list?n=3&last=1.0.0',
      '/v2/acme/app/tags/list?n=3&last=dev-abc',
    ]);
  });

  it('lets the registry choose the page size when it refuses ours', async () => {
    const { registry, repo } = await setup({}, { tagPageSize: 5000 });
    registry.putManifest('acme/app', 'a', MEDIA_TYPES.ociManifest, image);
    registry.fault(
      (r) => r.path.includes('/tags/list?n=5000'),
      faults.status(
        400,
        { 'content-type': 'application/json' },
        '{"errors":[{"code":"PAGINATION_NUMBER_INVALID"}]}',
      ),
    );
    expect(await repo.listTags()).toEqual(['a']);
    expect(registry.apiCalls().at(-1)).toBe('GET /v2/acme/app/tags/list');
  });

  it('is [] for a repository that does not exist', async () => {
    const { repo } = await setup();
    expect(await repo.listTags()).toEqual([]);
  });

  it('parses Link headers', () => {
    const base = new URL('https://r.example/v2/a/tags/list?n=2');
    expect(nextLink('</v2/a/tags/list?n=2&last=b>; rel="next"', base)?.href).toBe(
      'https://r.example/v2/a/tags/list?n=2&last=b',
    );
    expect(nextLink('<https://other.example/p?x=1>; rel=next', base)?.href).toBe(
      'https://other.example/p?x=1',
    );
    expect(nextLink('</first>; rel="first", </next>; title="a"; rel="prev next"', base)?.href).toBe(
      'https://r.example/next',
    );
    expect(nextLink('</prev>; rel="prev"', base)).toBeUndefined();
    expect(nextLink(null, base)).toBeUndefined();
  });
});
