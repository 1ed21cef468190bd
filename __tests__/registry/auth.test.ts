/**
 * Authentication against a local registry with a Docker token service (helpers/fake-registry):
 * the token exchange, its cache and lifetime, insufficient_scope, Basic, identity tokens, and
 * what a refused login looks like.
 */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeScopes, parseChallenges } from '../../src/registry/auth.js';
import { type RegistryClientOptions, createRegistryClient } from '../../src/registry/client.js';
import { MEDIA_TYPES } from '../../src/registry/types.js';
import { FakeRegistry, type FakeRegistryOptions, faults } from '../helpers/fake-registry.js';
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js';

afterAll(removeTempDirs);

const running: FakeRegistry[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function start(options: FakeRegistryOptions = {}) {
  const registry = await FakeRegistry.start(options);
  running.push(registry);
  return registry;
}

/** A client that sees no Docker config but the one given, and retries fast. */
function client(options: RegistryClientOptions = {}) {
  return createRegistryClient({
    dockerConfigDir: makeTempDir('image-release-no-config-'),
    env: {},
    retries: { tries: 2, baseDelayMs: 1 },
    ...options,
  });
}

const USERS = { ci: 'pw-Secret-1' };
const manifest = Buffer.from(
  JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociManifest }),
);

describe('parseChallenges', () => {
  it.each([
    [
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://auth.docker.io/token',
            service: 'registry.docker.io',
            scope: 'repository:library/alpine:pull',
          },
        },
      ],
    ],
    [
      'Bearer realm="https://ghcr.io/token", service="ghcr.io", scope="repository:a/b:pull,push", error="insufficient_scope"',
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://ghcr.io/token',
            service: 'ghcr.io',
            scope: 'repository:a/b:pull,push',
            error: 'insufficient_scope',
          },
        },
      ],
    ],
    [
      'Basic realm="Registry Realm", BEARER Realm=https://x/token,Service=x',
      [
        { scheme: 'basic', params: { realm: 'Registry Realm' } },
        { scheme: 'bearer', params: { realm: 'https://x/token', service: 'x' } },
      ],
    ],
    ['Bearer realm="a\\"b\\\\c"', [{ scheme: 'bearer', params: { realm: 'a"b\\c' } }]],
    ['Basic', [{ scheme: 'basic', params: {} }]],
    ['', []],
  ])('%s', (header, expected) => expect(parseChallenges(header)).toEqual(expected));
});

describe('mergeScopes', () => {
  it('merges the actions of one resource and sorts', () => {
    expect(
      mergeScopes([
        'repository:b:pull',
        'repository:a:push',
        'repository:a:pull',
        'repository:b:pull',
        'repository:c:pull repository:c:delete',
        '',
      ]),
    ).toEqual(['repository:a:pull,push', 'repository:b:pull', 'repository:c:delete,pull']);
  });
  it('keeps a resource name with colons whole', () => {
    expect(
      mergeScopes(['repository(plugin):host:5000/x:pull', 'repository(plugin):host:5000/x:push']),
    ).toEqual(['repository(plugin):host:5000/x:pull,push']);
  });
});

describe('Bearer token exchange', () => {
  it('answers the challenge with a token for its scope, sending the login to the realm', async () => {
    const registry = await start({ users: USERS });
    const repo = client({
      credentials: { [registry.host]: { username: 'ci', password: USERS.ci } },
    }).repository(`${registry.host}/acme/app`);
    expect(await repo.getManifest('1.0')).toBeUndefined();
    expect(registry.tokenRequests).toEqual([
      {
        method: 'GET',
        scopes: ['repository:acme/app:pull'],
        service: 'fake',
        authorization: `Basic ${Buffer.from(`ci:${USERS.ci}`).toString('base64')}`,
        form: undefined,
      },
    ]);
    const api = registry.requests.filter((r) => r.path.startsWith('/v2/'));
    expect(api.map((r) => r.headers.authorization)).toEqual([undefined, 'Bearer tok-1']);
  });

  it('caches tokens per scope; a push token also serves pulls', async () => {
    const registry = await start({ users: USERS });
    const repo = client({
      credentials: { [registry.host]: { username: 'ci', password: USERS.ci } },
    }).repository(`${registry.host}/acme/app`);
    await repo.headManifest('1.0');
    await repo.headManifest('1.1');
    expect(registry.tokenRequests.map((t) => t.scopes)).toEqual([['repository:acme/app:pull']]);
    await repo.putManifest('1.0', { mediaType: MEDIA_TYPES.ociManifest, bytes: manifest });
    await repo.putManifest('1.1', { mediaType: MEDIA_TYPES.ociManifest, bytes: manifest });
    await repo.getManifest('1.0');
    expect(registry.tokenRequests.map((t) => t.scopes)).toEqual([
      ['repository:acme/app:pull'],
      ['repository:acme/app:pull,push'],
    ]);
  });

  it('shares tokens between the repositories of one registry, not between registries', async () => {
    const one = await start({ users: USERS });
    const two = await start({ users: USERS });
    const c = client({
      credentials: {
        [one.host]: { username: 'ci', password: USERS.ci },
        [two.host]: { username: 'ci', password: USERS.ci },
      },
    });
    await c.repository(`${one.host}/acme/app`).listTags();
    await c.repository(`${one.host}/acme/app:1`).listTags();
    await c.repository(`${one.host}/acme/other`).listTags();
    await c.repository(`${two.host}/acme/app`).listTags();
    expect(one.tokenRequests.map((t) => t.scopes)).toEqual([
      ['repository:acme/app:pull'],
      ['repository:acme/other:pull'],
    ]);
    expect(two.tokenRequests).toHaveLength(1);
  });

  it.each([
    [undefined, 53_000, 55_000],
    [100, 89_000, 91_000],
  ])(
    'honours expires_in %s (60 s when not given), renewing at 90 %%',
    async (expiresIn, still, renewed) => {
      const registry = await start({ users: USERS, ...(expiresIn !== undefined && { expiresIn }) });
      let now = 1_000_000;
      const repo = client({
        credentials: { [registry.host]: { username: 'ci', password: USERS.ci } },
        now: () => now,
      }).repository(`${registry.host}/acme/app`);
      await repo.headManifest('1.0');
      now += still;
      await repo.headManifest('1.0');
      expect(registry.tokenRequests).toHaveLength(1);
      now += renewed - still;
      await repo.headManifest('1.0');
      expect(registry.tokenRequests).toHaveLength(2);
      // The renewed token went out at once: no 401 round trip.
      expect(
        registry.requests
          .filter((r) => r.path.startsWith('/v2/'))
          .map((r) => r.headers.authorization),
      ).toEqual([undefined, 'Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
    },
  );

  it('accepts access_token in place of token', async () => {
    const registry = await start({ tokenField: 'access_token' });
    expect(await client().repository(`${registry.host}/acme/app`).listTags()).toEqual([]);
  });

  it('asks again with more scopes on error="insufficient_scope"', async () => {
    const registry = await start({
      users: USERS,
      extraScopes: (_method, path) =>
        path.includes('/tags/list') ? ['repository:acme/other:pull'] : [],
    });
    registry.putManifest('acme/app', '1.0', MEDIA_TYPES.ociManifest, manifest);
    const repo = client({
      credentials: { [registry.host]: { username: 'ci', password: USERS.ci } },
    }).repository(`${registry.host}/acme/app`);
    await repo.headManifest('1.0');
    expect(await repo.listTags()).toEqual(['1.0']);
    expect(registry.tokenRequests.map((t) => t.scopes)).toEqual([
      ['repository:acme/app:pull'],
      ['repository:acme/app:pull', 'repository:acme/other:pull'],
    ]);
    const tagCalls = registry.requests.filter((r) => r.path.includes('/tags/list'));
    expect(tagCalls.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('asks for pull on the source repository of a mount', async () => {
    const registry = await start({ users: USERS });
    const digest = registry.putBlob('acme/base', Buffer.from('layer'));
    const repo = client({
      credentials: { [registry.host]: { username: 'ci', password: USERS.ci } },
    }).repository(`${registry.host}/acme/app`);
    expect(await repo.mountBlob(digest, 'acme/base')).toBe(true);
    expect(registry.tokenRequests.map((t) => t.scopes)).toEqual([
      ['repository:acme/app:pull,push', 'repository:acme/base:pull'],
    ]);
    expect(registry.blob('acme/app', digest)?.toString()).toBe('layer');
  });

  it('trades an identity token from the Docker config with an OAuth2 POST', async () => {
    const registry = await start({ refreshTokens: { 'refresh-xyz': 'ci' } });
    const dir = makeTempDir('image-release-docker-config-');
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        auths: {
          [registry.host]: {
            auth: Buffer.from('ci:').toString('base64'),
            identitytoken: 'refresh-xyz',
          },
        },
      }),
    );
    const repo = client({ dockerConfigDir: dir }).repository(`${registry.host}/acme/app`);
    await repo.putManifest('1.0', { mediaType: MEDIA_TYPES.ociManifest, bytes: manifest });
    const [request] = registry.tokenRequests;
    expect(request?.method).toBe('POST');
    expect(Object.fromEntries(request?.form ?? [])).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-xyz',
      client_id: 'image-release',
      service: 'fake',
      scope: 'repository:acme/app:pull,push',
    });
  });

  it('goes anonymous without a login: pulls work, a push fails saying how to log in', async () => {
    const registry = await start({ users: USERS });
    const repo = client().repository(`${registry.host}/acme/app`);
    expect(await repo.listTags()).toEqual([]);
    expect(registry.tokenRequests[0]?.authorization).toBeUndefined();
    const error = await repo
      .putManifest('1.0', { mediaType: MEDIA_TYPES.ociManifest, bytes: manifest })
      .catch((e: unknown) => e as Error);
    expect((error as Error).message).toBe(
      `PUT manifest 1.0 in ${registry.host}/acme/app failed: HTTP 401 Unauthorized (UNAUTHORIZED: authentication required). ` +
        `No credentials for ${registry.host} were found: log in with docker/login-action before this step, set the \`username\` and \`password\` inputs, or add the login to the Docker config (DOCKER_CONFIG or ~/.docker/config.json).`,
    );
  });

  it('a refused login names the token service and the source of the login, never the password', async () => {
    const registry = await start({ users: USERS });
    const secrets: string[] = [];
    const repo = client({
      credentials: { [registry.host]: { username: 'ci', password: 'wrong-Password' } },
      onSecret: (s) => secrets.push(s),
    }).repository(`${registry.host}/acme/app`);
    const error = (await repo.listTags().catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      `GET tags in ${registry.host}/acme/app (token from ${registry.origin}/token) failed: the token service answered HTTP 401 Unauthorized (UNAUTHORIZED: invalid username or password). ` +
        `${registry.host} refused the credentials from the username/password given for ${registry.host}: check that they are current and allowed to pull ${registry.host}/acme/app.`,
    );
    // The password, and the base64 of the login, which is as good as the password.
    expect(secrets).toEqual([
      'wrong-Password',
      Buffer.from('ci:wrong-Password').toString('base64'),
    ]);
  });

  it('scrubs secrets that the registry echoes back', async () => {
    const registry = await start({ users: USERS });
    registry.fault(
      (r) => r.method === 'GET' && r.path.includes('/manifests/'),
      faults.status(
        400,
        { 'content-type': 'application/json' },
        JSON.stringify({ errors: [{ code: 'DENIED', message: `bad password ${USERS.ci}` }] }),
      ),
    );
    const c = client({ credentials: { [registry.host]: { username: 'ci', password: USERS.ci } } });
    const error = (await c
      .repository(`${registry.host}/acme/app`)
      .getManifest('1.0')
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('DENIED: bad password ***');
    expect(error.message).not.toContain(USERS.ci);
    expect(c.redact(`x ${USERS.ci} y`)).toBe('x *** y');
  });
});

describe('Basic', () => {
  it('sends the login after the first challenge, and from then on with every request', async () => {
    const registry = await start({ auth: 'basic', users: USERS });
    const repo = client({
      credentials: { [registry.host]: { username: 'ci', password: USERS.ci } },
    }).repository(`${registry.host}/acme/app`);
    await repo.putManifest('1.0', { mediaType: MEDIA_TYPES.ociManifest, bytes: manifest });
    await repo.getManifest('1.0');
    await repo.listTags();
    const basic = `Basic ${Buffer.from(`ci:${USERS.ci}`).toString('base64')}`;
    expect(registry.requests.map((r) => r.headers.authorization)).toEqual([
      undefined,
      basic,
      basic,
      basic,
    ]);
  });

  it('reports a refused login with its source', async () => {
    const registry = await start({ auth: 'basic', users: USERS });
    const dir = makeTempDir('image-release-docker-config-');
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ auths: { [registry.host]: { username: 'ci', password: 'nope' } } }),
    );
    const error = (await client({ dockerConfigDir: dir })
      .repository(`${registry.host}/acme/app`)
      .hasBlob(`sha256:${'0'.repeat(64)}`)
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      `HEAD blob sha256:${'0'.repeat(64)} in ${registry.host}/acme/app failed: HTTP 401 Unauthorized. ` +
        `${registry.host} refused the credentials from the Docker config ${join(dir, 'config.json')}: check that they are current and allowed to pull ${registry.host}/acme/app.`,
    );
  });
});
