/**
 * Retries and the final error messages: 429 with Retry-After, 5xx, a reset connection, a body
 * cut short, a registry that is not there; each message names the registry, the operation,
 * what happened and what to do.
 */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { type RegistryClientOptions, createRegistryClient } from '../../src/registry/client.js';
import { RegistryError } from '../../src/registry/errors.js';
import { backoffDelay, parseRetryAfter, retryPolicy } from '../../src/registry/retry.js';
import { MEDIA_TYPES } from '../../src/registry/types.js';
import { FakeRegistry, type FakeRegistryOptions, faults } from '../helpers/fake-registry.js';
import { freePort } from '../helpers/registry.js';
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js';

afterAll(removeTempDirs);

const running: FakeRegistry[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function setup(options: FakeRegistryOptions = {}, clientOptions: RegistryClientOptions = {}) {
  const registry = await FakeRegistry.start({ auth: 'none', ...options });
  running.push(registry);
  const debug: string[] = [];
  const client = createRegistryClient({
    dockerConfigDir: makeTempDir('image-release-no-config-'),
    env: {},
    retries: { tries: 3, baseDelayMs: 1 },
    log: { debug: (m) => debug.push(m), warning: () => undefined },
    ...clientOptions,
  });
  return { registry, client, debug, repo: client.repository(`${registry.host}/acme/app`) };
}

const manifest = Buffer.from(
  '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}',
);
const isManifestGet = (r: { method: string; path: string }) =>
  r.method === 'GET' && r.path.includes('/manifests/');

describe('Retry-After and backoff', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('doubles with ±25 % jitter, waits at least Retry-After, and never more than the cap', () => {
    const policy = retryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });
    expect(backoffDelay(policy, 1, undefined, () => 0)).toBe(75);
    expect(backoffDelay(policy, 1, undefined, () => 1)).toBe(125);
    expect(backoffDelay(policy, 3, undefined, () => 0.5)).toBe(400);
    expect(backoffDelay(policy, 10, undefined, () => 0.5)).toBe(1000);
    expect(backoffDelay(policy, 1, 700, () => 0.5)).toBe(700);
    expect(backoffDelay(policy, 1, 60_000, () => 0.5)).toBe(1000);
  });

  it('waits as long as a 429 says', async () => {
    const { registry, repo, client } = await setup(
      {},
      { retries: { tries: 2, baseDelayMs: 1, maxDelayMs: 5000 } },
    );
    registry.putManifest('acme/app', '1.0', MEDIA_TYPES.ociManifest, manifest);
    registry.fault(isManifestGet, faults.status(429, { 'retry-after': '1' }));
    const started = Date.now();
    expect(Buffer.from((await repo.getManifest('1.0'))?.bytes ?? []).equals(manifest)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(client.stats.retries).toBe(1);
  });
});

describe('transient failures are retried', () => {
  it('5xx, then success', async () => {
    const { registry, repo, client } = await setup();
    registry.putManifest('acme/app', '1.0', MEDIA_TYPES.ociManifest, manifest);
    registry.fault(isManifestGet, faults.status(502), 1);
    registry.fault(isManifestGet, faults.status(503), 1);
    expect((await repo.getManifest('1.0'))?.digest).toMatch(/^sha256:/);
    expect(client.stats.retries).toBe(2);
    expect(client.stats.requests).toBe(3);
  });

  it('a reset connection, then success', async () => {
    const { registry, repo } = await setup();
    registry.putManifest('acme/app', '1.0', MEDIA_TYPES.ociManifest, manifest);
    registry.fault(isManifestGet, faults.reset());
    expect(Buffer.from((await repo.getManifest('1.0'))?.bytes ?? []).equals(manifest)).toBe(true);
  });

  it('a body cut short, then success', async () => {
    const { registry, repo } = await setup();
    registry.putManifest('acme/app', '1.0', MEDIA_TYPES.ociManifest, manifest);
    registry.fault(
      isManifestGet,
      faults.truncate(manifest, 10, { 'content-type': MEDIA_TYPES.ociManifest }),
    );
    expect(Buffer.from((await repo.getManifest('1.0'))?.bytes ?? []).equals(manifest)).toBe(true);
  });

  it('a failed PUT is sent again with the same bytes', async () => {
    const { registry, repo } = await setup();
    registry.fault((r) => r.method === 'PUT', faults.reset());
    await repo.putManifest('1.0', { mediaType: MEDIA_TYPES.ociManifest, bytes: manifest });
    const puts = registry.requests.filter((r) => r.method === 'PUT');
    expect(puts.at(-1)?.body?.equals(manifest)).toBe(true);
    expect(registry.manifest('acme/app', '1.0')?.bytes.equals(manifest)).toBe(true);
  });

  it('a token service failure is retried as well', async () => {
    const { registry, repo } = await setup({ auth: 'bearer' });
    registry.fault((r) => r.path.startsWith('/token'), faults.status(503));
    expect(await repo.listTags()).toEqual([]);
    expect(registry.tokenRequests).toHaveLength(1);
  });
});

describe('final errors', () => {
  it('say the operation, the status, the registry error, the tries and what to do', async () => {
    const { registry, repo, debug } = await setup();
    registry.fault(
      (r) => r.method === 'HEAD',
      faults.status(
        503,
        { 'content-type': 'application/json' },
        '{"errors":[{"code":"UNAVAILABLE","message":"try later"}]}',
      ),
      3,
    );
    const error = (await repo.headManifest('1.0').catch((e: unknown) => e)) as RegistryError;
    expect(error).toBeInstanceOf(RegistryError);
    // A HEAD answer has no body, so only the status is known.
    expect(error.message).toBe(
      `HEAD manifest 1.0 in ${registry.host}/acme/app failed: HTTP 503 Service Unavailable (tried 3 times). ${registry.host} failed on its side: run again later, or check the registry's status.`,
    );
    expect(error).toMatchObject({
      status: 503,
      tries: 3,
      registry: registry.host,
      operation: `HEAD manifest 1.0 in ${registry.host}/acme/app`,
    });
    expect(debug.filter((m) => m.includes('Trying again in'))).toHaveLength(2);
  });

  it('map the registry error JSON into the message', async () => {
    const { registry, repo } = await setup();
    registry.fault(
      isManifestGet,
      faults.status(
        503,
        { 'content-type': 'application/json' },
        '{"errors":[{"code":"UNAVAILABLE","message":"try later"},{"code":"TOOMANYREQUESTS"}]}',
      ),
      3,
    );
    await expect(repo.getManifest('1.0')).rejects.toThrow(
      `GET manifest 1.0 in ${registry.host}/acme/app failed: HTTP 503 Service Unavailable (UNAVAILABLE: try later; TOOMANYREQUESTS) (tried 3 times).`,
    );
  });

  it('a 429 to the end asks to wait or log in', async () => {
    const { registry, repo } = await setup();
    registry.fault(
      (r) => r.path.includes('/tags/list'),
      faults.status(429, { 'retry-after': '0' }),
      3,
    );
    await expect(repo.listTags()).rejects.toThrow(
      `GET tags in ${registry.host}/acme/app failed: HTTP 429 Too Many Requests (tried 3 times). ${registry.host} is limiting the rate of requests: run again later, or log in (Docker Hub limits anonymous pulls more).`,
    );
  });

  it('are not retried for a 4xx that will not change', async () => {
    const { registry, repo, client } = await setup();
    registry.fault(
      (r) => r.method === 'PUT',
      faults.status(
        400,
        { 'content-type': 'application/json' },
        '{"errors":[{"code":"MANIFEST_BLOB_UNKNOWN","message":"blob unknown to registry"}]}',
      ),
    );
    await expect(
      repo.putManifest('1.2.3', { mediaType: MEDIA_TYPES.ociIndex, bytes: manifest }),
    ).rejects.toThrow(
      `PUT manifest 1.2.3 in ${registry.host}/acme/app failed: HTTP 400 Bad Request (MANIFEST_BLOB_UNKNOWN: blob unknown to registry). The registry lacks a blob or manifest this one references: push those first (the platform manifests before their index).`,
    );
    expect(client.stats.retries).toBe(0);
  });

  it('a 403 says who may not do what', async () => {
    const { registry, repo } = await setup({}, { credentials: {} });
    registry.fault(
      (r) => r.method === 'PUT',
      faults.status(
        403,
        { 'content-type': 'application/json' },
        '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}',
      ),
    );
    const error = (await repo
      .putManifest('1.0', { mediaType: MEDIA_TYPES.ociManifest, bytes: manifest })
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      `PUT manifest 1.0 in ${registry.host}/acme/app failed: HTTP 403 Forbidden (DENIED: requested access to the resource is denied). ` +
        `An anonymous client may not push ${registry.host}/acme/app: grant it push access, or log in with docker/login-action before this step, set the \`username\` and \`password\` inputs, or add the login to the Docker config (DOCKER_CONFIG or ~/.docker/config.json).`,
    );
  });

  it('a 404 repository on push says so', async () => {
    const { registry, repo } = await setup();
    registry.fault(
      (r) => r.method === 'PUT',
      faults.status(
        404,
        { 'content-type': 'application/json' },
        '{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}',
      ),
    );
    await expect(
      repo.putManifest('1.0', { mediaType: MEDIA_TYPES.ociManifest, bytes: manifest }),
    ).rejects.toThrow(
      `failed: HTTP 404 Not Found (NAME_UNKNOWN: repository name not known to registry). The repository ${registry.host}/acme/app does not exist: check the image name`,
    );
  });

  it('a registry that is not there: the connection, the cause, the tries', async () => {
    const port = await freePort();
    const client = createRegistryClient({
      dockerConfigDir: makeTempDir('image-release-no-config-'),
      env: {},
      retries: { tries: 2, baseDelayMs: 1 },
    });
    await expect(client.repository(`127.0.0.1:${port}/acme/app`).listTags()).rejects.toThrow(
      `GET tags in 127.0.0.1:${port}/acme/app failed: the connection to http://127.0.0.1:${port} failed (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}) (tried 2 times). Check that 127.0.0.1:${port} is reachable; the connection was dropped or refused.`,
    );
  });

  it('a redirect loop ends', async () => {
    const { registry, repo } = await setup();
    registry.fault(
      isManifestGet,
      faults.status(302, { location: '/v2/acme/app/manifests/1.0' }),
      10,
    );
    await expect(repo.getManifest('1.0')).rejects.toThrow(
      `GET manifest 1.0 in ${registry.host}/acme/app failed: more than 5 redirects, the last to ${registry.origin}.`,
    );
  });
});
