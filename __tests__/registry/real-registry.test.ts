/**
 * The client against a real registry: Debian's docker-registry (distribution 2.8) with htpasswd
 * logins (helpers/registry.ts). What we push is read back by us and by skopeo, byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createRegistryClient } from '../../src/registry/client.js';
import { RegistryError } from '../../src/registry/errors.js';
import { MEDIA_TYPES, type Repository } from '../../src/registry/types.js';
import { sha256 } from '../helpers/http-server.js';
import { type TestRegistry, startRegistry } from '../helpers/registry.js';
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(async () => {
  await registry.stop();
  removeTempDirs();
});

const CONFIG_TYPE = 'application/vnd.oci.image.config.v1+json';
const LAYER_TYPE = 'application/vnd.oci.image.layer.v1.tar+gzip';

function bytesOf(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function pieces(bytes: Buffer): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 16 * 1024) parts.push(bytes.subarray(i, i + 16 * 1024));
  return Readable.from(parts, { objectMode: false });
}

function descriptor(mediaType: string, bytes: Buffer) {
  return { mediaType, digest: sha256(bytes), size: bytes.length };
}

/** Every request the clients made, from their debug log: `PATCH http://…/uploads/… → 202`. */
const wire: string[] = [];

/** The client as the action runs it: logins from the Docker config the test registry wrote. */
function loggedIn(options: { chunkSize?: number; tagPageSize?: number } = {}) {
  return createRegistryClient({
    dockerConfigDir: registry.dockerConfig,
    env: {},
    retries: { tries: 2, baseDelayMs: 1 },
    log: { debug: (m) => wire.push(m), warning: (m) => wire.push(`warning: ${m}`) },
    ...options,
  });
}

function skopeoRaw(reference: string): Promise<string> {
  return registry.skopeo('inspect', ['--raw', `docker://${registry.host}/${reference}`]);
}

describe('without a login', () => {
  it('fails with a 401 that says how to log in', async () => {
    const client = createRegistryClient({
      dockerConfigDir: makeTempDir('image-release-no-config-'),
      env: {},
    });
    const error = (await client
      .repository(`${registry.host}/acme/app`)
      .listTags()
      .catch((e: unknown) => e)) as RegistryError;
    expect(error).toBeInstanceOf(RegistryError);
    expect(error.status).toBe(401);
    expect(error.message).toBe(
      `GET tags in ${registry.host}/acme/app failed: HTTP 401 Unauthorized (UNAUTHORIZED: authentication required). ` +
        `No credentials for ${registry.host} were found: log in with docker/login-action before this step, set the \`username\` and \`password\` inputs, or add the login to the Docker config (DOCKER_CONFIG or ~/.docker/config.json).`,
    );
  });

  it('with a wrong password, says whose login was refused and never shows it', async () => {
    const client = createRegistryClient({
      dockerConfigDir: makeTempDir('image-release-no-config-'),
      env: {},
      credentials: {
        [registry.host]: { username: registry.username, password: 'Wrong-Password-1' },
      },
    });
    const error = (await client
      .repository(`${registry.host}/acme/app`)
      .headManifest('1.0')
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      `HEAD manifest 1.0 in ${registry.host}/acme/app failed: HTTP 401 Unauthorized. ` +
        `${registry.host} refused the credentials from the username/password given for ${registry.host}: check that they are current and allowed to pull ${registry.host}/acme/app.`,
    );
    expect(error.message).not.toContain('Wrong-Password-1');
  });
});

describe('with the login from the Docker config', () => {
  const config = (arch: string) =>
    Buffer.from(
      JSON.stringify({ architecture: arch, os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }),
    );
  const small = bytesOf(3000, 1);
  const big = bytesOf(300_000, 2);
  const manifests = ['amd64', 'arm64'].map((arch) => {
    const bytes = Buffer.from(
      JSON.stringify(
        {
          schemaVersion: 2,
          mediaType: MEDIA_TYPES.ociManifest,
          config: descriptor(CONFIG_TYPE, config(arch)),
          layers: [descriptor(LAYER_TYPE, small), descriptor(LAYER_TYPE, big)],
        },
        null,
        2,
      ),
    );
    return { arch, bytes, digest: sha256(bytes) };
  });
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociIndex,
      manifests: manifests.map((m) => ({
        ...descriptor(MEDIA_TYPES.ociManifest, m.bytes),
        platform: { os: 'linux', architecture: m.arch },
      })),
      annotations: { 'org.opencontainers.image.version': '1.2.3' },
    }),
  );
  let client: ReturnType<typeof loggedIn>;
  let repo: Repository;

  beforeAll(async () => {
    // Chunks of 64 KiB: the small layer goes up in one PUT, the big one in five PATCHes.
    client = loggedIn({ chunkSize: 64 * 1024 });
    repo = client.repository(`${registry.host}/acme/app`);
    for (const blob of [config('amd64'), config('arm64'), small, big]) {
      await repo.uploadBlob(sha256(blob), blob.length, () => pieces(blob));
    }
    // distribution 2.8 wants an index's manifests before the index.
    for (const m of manifests) {
      expect(
        await repo.putManifest(m.digest, { mediaType: MEDIA_TYPES.ociManifest, bytes: m.bytes }),
      ).toBe(m.digest);
    }
    for (const tag of ['1.2.3', '1.2', '1', 'latest']) {
      await repo.putManifest(tag, { mediaType: MEDIA_TYPES.ociIndex, bytes: index });
    }
  });

  it('stored every blob, monolithic and chunked, and serves it back', async () => {
    for (const blob of [small, big]) {
      expect(await repo.hasBlob(sha256(blob))).toBe(true);
      expect((await buffer(await repo.getBlob(sha256(blob)))).equals(blob)).toBe(true);
    }
    const sent = [config('amd64'), config('arm64'), small, big].reduce((n, b) => n + b.length, 0);
    expect(client.stats.blobBytesSent).toBe(sent);
    // 300,000 bytes in chunks of 64 KiB: five PATCHes, each accepted, then the closing PUT.
    expect(wire.filter((m) => m.startsWith('PATCH '))).toEqual(
      Array.from({ length: 5 }, () =>
        expect.stringMatching(/^PATCH http:\/\/.*\/v2\/acme\/app\/blobs\/uploads\/[^ ]+\?… → 202$/),
      ),
    );
    expect(wire.some((m) => m.startsWith('warning'))).toBe(false);
    expect(await repo.hasBlob(sha256(Buffer.from('never pushed')))).toBe(false);
  });

  it('does not upload a blob again', async () => {
    const before = client.stats.blobBytesSent;
    await repo.uploadBlob(sha256(big), big.length, () => pieces(big));
    expect(client.stats.blobBytesSent).toBe(before);
  });

  it('serves the index and its manifests byte for byte, by tag and by digest', async () => {
    const digest = sha256(index);
    expect(await repo.headManifest('1.2.3')).toEqual({
      mediaType: MEDIA_TYPES.ociIndex,
      digest,
      size: index.length,
    });
    for (const reference of ['1.2.3', 'latest', digest]) {
      const got = await repo.getManifest(reference);
      expect(got?.mediaType).toBe(MEDIA_TYPES.ociIndex);
      expect(got?.digest).toBe(digest);
      expect(Buffer.from(got?.bytes ?? []).equals(index)).toBe(true);
    }
    for (const m of manifests) {
      const got = await repo.getManifest(m.digest);
      expect(got?.mediaType).toBe(MEDIA_TYPES.ociManifest);
      expect(Buffer.from(got?.bytes ?? []).equals(m.bytes)).toBe(true);
    }
    expect(await repo.headManifest('9.9.9')).toBeUndefined();
    expect(await repo.getManifest('9.9.9')).toBeUndefined();
  });

  it('is what skopeo sees', async () => {
    expect(await skopeoRaw('acme/app:1.2.3')).toBe(index.toString());
    const first = manifests[0];
    expect(await skopeoRaw(`acme/app@${first?.digest ?? ''}`)).toBe(first?.bytes.toString());
  });

  it('lists the tags, paged or not; none for a repository that does not exist', async () => {
    expect((await repo.listTags()).sort()).toEqual(['1', '1.2', '1.2.3', 'latest']);
    expect(
      (
        await loggedIn({ tagPageSize: 2 }).repository(`${registry.host}/acme/app`).listTags()
      ).sort(),
    ).toEqual(['1', '1.2', '1.2.3', 'latest']);
    expect(await client.repository(`${registry.host}/acme/nothing-here`).listTags()).toEqual([]);
  });

  it('mounts a blob into another repository, and declines one the source lacks without leaving a session', async () => {
    const other = client.repository(`${registry.host}/acme/other`);
    expect(await other.hasBlob(sha256(big))).toBe(false);
    expect(await other.mountBlob(sha256(big), 'acme/app')).toBe(true);
    expect(await other.hasBlob(sha256(big))).toBe(true);
    expect((await buffer(await other.getBlob(sha256(big)))).equals(big)).toBe(true);
    expect(await other.mountBlob(sha256(Buffer.from('absent')), 'acme/app')).toBe(false);
    expect(wire.at(-1)).toMatch(/^DELETE http:\/\/.*\/v2\/acme\/other\/blobs\/uploads\/.* → 204$/);
  });

  it('a manifest whose blobs are missing is refused with what to push first', async () => {
    const orphan = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA_TYPES.ociManifest,
        config: descriptor(CONFIG_TYPE, Buffer.from('{"absent":true}')),
        layers: [],
      }),
    );
    await expect(
      repo.putManifest('orphan', { mediaType: MEDIA_TYPES.ociManifest, bytes: orphan }),
    ).rejects.toThrow(
      /^PUT manifest orphan in 127\.0\.0\.1:\d+\/acme\/app failed: HTTP 400 Bad Request \(MANIFEST_BLOB_UNKNOWN: .*\)\. The registry lacks a blob or manifest this one references: push those first/,
    );
  });
});
