/**
 * Finding logins: real Docker config files in temporary directories, and a real credential
 * helper program (`docker-credential-testhelper`, a shell script on PATH) run through spawnExec.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnExec } from '../../src/exec.js';
import { CredentialStore, type UserPassword } from '../../src/registry/credentials.js';
import { SecretMask } from '../../src/registry/secrets.js';
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js';

afterAll(removeTempDirs);

const b64 = (s: string) => Buffer.from(s).toString('base64');

let bin: string;
let helperLog: string;

beforeAll(() => {
  bin = makeTempDir('image-release-helpers-');
  helperLog = join(bin, 'asked.log');
  // Answers like docker-credential-helpers: JSON for a known server, "not found" and exit 1 else.
  const helper = join(bin, 'docker-credential-testhelper');
  writeFileSync(
    helper,
    [
      '#!/bin/sh',
      'url=$(cat)',
      'printf "%s %s\\n" "$1" "$url" >> "$HELPER_LOG"',
      'case "$url" in',
      '  helped.example.com) printf \'{"ServerURL":"%s","Username":"helper-user","Secret":"helper-secret"}\' "$url" ;;',
      '  https://index.docker.io/v1/) printf \'{"Username":"hub-user","Secret":"hub-secret"}\' ;;',
      '  token.example.com) printf \'{"Username":"<token>","Secret":"refresh-me"}\' ;;',
      '  broken.example.com) echo "keychain locked" >&2; exit 3 ;;',
      '  *) echo "credentials not found in native keychain"; exit 1 ;;',
      'esac',
      '',
    ].join('\n'),
  );
  chmodSync(helper, 0o755);
});

interface Logged {
  debug: string[];
  warning: string[];
}

function store(
  config: unknown,
  extra: { credentials?: Record<string, UserPassword>; githubToken?: string } = {},
) {
  const dir = makeTempDir('image-release-docker-config-');
  if (config !== undefined) {
    writeFileSync(
      join(dir, 'config.json'),
      typeof config === 'string' ? config : JSON.stringify(config),
    );
  }
  const logged: Logged = { debug: [], warning: [] };
  const secrets: string[] = [];
  const s = new CredentialStore({
    ...extra,
    dockerConfigDir: dir,
    env: { PATH: `${bin}:${process.env.PATH ?? ''}`, HELPER_LOG: helperLog },
    exec: spawnExec,
    log: { debug: (m) => logged.debug.push(m), warning: (m) => logged.warning.push(m) },
    mask: new SecretMask((secret) => secrets.push(secret)),
  });
  return { store: s, logged, secrets, path: join(dir, 'config.json') };
}

function asked(): string[] {
  try {
    return readFileSync(helperLog, 'utf8').trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe('auths in config.json', () => {
  it('decodes `auth` and matches Docker Hub under its historical key', async () => {
    const {
      store: s,
      secrets,
      path,
    } = store({
      auths: { 'https://index.docker.io/v1/': { auth: b64('hub:pa:ss') } },
    });
    expect(await s.get('docker.io')).toEqual({
      kind: 'basic',
      username: 'hub',
      password: 'pa:ss',
      source: `the Docker config ${path}`,
    });
    expect(await s.get('index.docker.io')).toMatchObject({ username: 'hub' });
    expect(secrets).toContain('pa:ss');
  });

  it.each([
    ['127.0.0.1:5000', '127.0.0.1:5000'],
    ['http://127.0.0.1:5000', '127.0.0.1:5000'],
    ['https://registry.example.com/v2/', 'registry.example.com'],
    ['GHCR.io', 'ghcr.io'],
  ])('matches the key %s for %s', async (key, registry) => {
    const { store: s } = store({ auths: { [key]: { username: 'u', password: 'p' } } });
    expect(await s.get(registry)).toMatchObject({ kind: 'basic', username: 'u', password: 'p' });
  });

  it('reads identitytoken as a refresh token and registrytoken as a bearer token', async () => {
    const { store: s, secrets } = store({
      auths: {
        'id.example.com': { auth: b64('x:y'), identitytoken: 'refresh-1' },
        'bearer.example.com': { registrytoken: 'bearer-1' },
      },
    });
    expect(await s.get('id.example.com')).toMatchObject({
      kind: 'identity-token',
      token: 'refresh-1',
    });
    expect(await s.get('bearer.example.com')).toMatchObject({
      kind: 'registry-token',
      token: 'bearer-1',
    });
    expect(secrets).toEqual(expect.arrayContaining(['refresh-1', 'bearer-1']));
  });

  it('has nothing for an unknown registry, an empty entry, or a missing file', async () => {
    const { store: s } = store({ auths: { 'ghcr.io': {} } });
    expect(await s.get('ghcr.io')).toBeUndefined();
    expect(await s.get('quay.io')).toBeUndefined();
    const missing = store(undefined);
    expect(await missing.store.get('ghcr.io')).toBeUndefined();
    expect(missing.logged.warning).toEqual([]);
  });

  it('warns about a config that is not JSON, naming the file and the fix', async () => {
    const { store: s, logged, path } = store('{ "auths": ');
    expect(await s.get('ghcr.io')).toBeUndefined();
    expect(logged.warning).toHaveLength(1);
    expect(logged.warning[0]).toContain(path);
    expect(logged.warning[0]).toMatch(/not valid JSON.*fix the file or point DOCKER_CONFIG/);
  });

  it('warns about an `auth` that is not base64 user:password', async () => {
    const { store: s, logged } = store({ auths: { 'ghcr.io': { auth: b64('nocolon') } } });
    expect(await s.get('ghcr.io')).toBeUndefined();
    expect(logged.warning[0]).toMatch(/'auth' of ghcr.io is not base64 of 'user:password'/);
  });

  it('finds the config through DOCKER_CONFIG, then HOME', async () => {
    const dir = makeTempDir('image-release-docker-config-');
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ auths: { 'ghcr.io': { auth: b64('env:pw') } } }),
    );
    const base = {
      exec: spawnExec,
      log: { debug: () => undefined, warning: () => undefined },
      mask: new SecretMask(),
    };
    expect(
      await new CredentialStore({ ...base, env: { DOCKER_CONFIG: dir } }).get('ghcr.io'),
    ).toMatchObject({
      username: 'env',
    });
    const home = makeTempDir('image-release-home-');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(home, '.docker'));
    writeFileSync(
      join(home, '.docker', 'config.json'),
      JSON.stringify({ auths: { 'ghcr.io': { auth: b64('home:pw') } } }),
    );
    expect(
      await new CredentialStore({ ...base, env: { HOME: home } }).get('ghcr.io'),
    ).toMatchObject({
      username: 'home',
    });
  });
});

describe('credential helpers', () => {
  it('asks credHelpers[registry] with the server URL on stdin', async () => {
    const before = asked().length;
    const { store: s, secrets } = store({ credHelpers: { 'helped.example.com': 'testhelper' } });
    expect(await s.get('helped.example.com')).toEqual({
      kind: 'basic',
      username: 'helper-user',
      password: 'helper-secret',
      source: expect.stringContaining('docker-credential-testhelper') as unknown as string,
    });
    expect(asked().slice(before)).toEqual(['get helped.example.com']);
    expect(secrets).toContain('helper-secret');
  });

  it('asks for Docker Hub under https://index.docker.io/v1/', async () => {
    const { store: s } = store({ credsStore: 'testhelper' });
    expect(await s.get('docker.io')).toMatchObject({
      username: 'hub-user',
      password: 'hub-secret',
    });
  });

  it('reads the <token> user name as an identity token', async () => {
    const { store: s } = store({ credHelpers: { 'token.example.com': 'testhelper' } });
    expect(await s.get('token.example.com')).toMatchObject({
      kind: 'identity-token',
      token: 'refresh-me',
    });
  });

  it('falls back to auths when the store has nothing, quietly', async () => {
    const { store: s, logged } = store({
      credsStore: 'testhelper',
      auths: { 'other.example.com': { auth: b64('inline:pw') } },
    });
    expect(await s.get('other.example.com')).toMatchObject({ username: 'inline' });
    expect(logged.warning).toEqual([]);
    expect(logged.debug.join('\n')).toMatch(
      /docker-credential-testhelper has no login for other.example.com/,
    );
  });

  it('warns when a helper fails, with what it said, and carries on', async () => {
    const { store: s, logged } = store({
      credHelpers: { 'broken.example.com': 'testhelper' },
      auths: { 'broken.example.com': { auth: b64('inline:pw') } },
    });
    expect(await s.get('broken.example.com')).toMatchObject({ username: 'inline' });
    expect(logged.warning[0]).toMatch(
      /docker-credential-testhelper get .* failed with exit code 3 .*keychain locked/,
    );
  });

  it('warns when a helper is not installed, naming it and the fix', async () => {
    const { store: s, logged } = store({
      credsStore: 'nosuchhelper',
      auths: { 'ghcr.io': { auth: b64('inline:pw') } },
    });
    expect(await s.get('ghcr.io')).toMatchObject({ username: 'inline' });
    expect(logged.warning[0]).toMatch(
      /docker-credential-nosuchhelper \(credsStore in .*config.json\) is not on PATH.*install it or remove it/,
    );
  });

  it('refuses a helper name that is a path', async () => {
    const { store: s, logged } = store({ credHelpers: { 'ghcr.io': '../../bin/sh' } });
    expect(await s.get('ghcr.io')).toBeUndefined();
    expect(logged.warning[0]).toMatch(/is not a credential helper name/);
  });

  it('asks a helper once per registry', async () => {
    const before = asked().length;
    const { store: s } = store({ credHelpers: { 'helped.example.com': 'testhelper' } });
    await Promise.all([
      s.get('helped.example.com'),
      s.get('helped.example.com'),
      s.get('HELPED.example.com'),
    ]);
    expect(asked().length - before).toBe(1);
  });
});

describe('precedence', () => {
  it('explicit credentials win over the config and the github-token', async () => {
    const { store: s, secrets } = store(
      { auths: { 'ghcr.io': { auth: b64('config:pw') } } },
      {
        credentials: { 'https://ghcr.io': { username: 'given', password: 'given-pw' } },
        githubToken: 'gh-token',
      },
    );
    expect(await s.get('ghcr.io')).toEqual({
      kind: 'basic',
      username: 'given',
      password: 'given-pw',
      source: 'the username/password given for ghcr.io',
    });
    expect(secrets).toContain('given-pw');
  });

  it('the github-token is used for ghcr.io only, and only when nothing else has a login', async () => {
    const none = store(undefined, { githubToken: 'gh-token' });
    expect(await none.store.get('ghcr.io')).toEqual({
      kind: 'basic',
      username: 'x-access-token',
      password: 'gh-token',
      source: 'the github-token',
    });
    expect(await none.store.get('docker.io')).toBeUndefined();
    const configured = store(
      { auths: { 'ghcr.io': { auth: b64('config:pw') } } },
      { githubToken: 'gh-token' },
    );
    expect(await configured.store.get('ghcr.io')).toMatchObject({ username: 'config' });
  });

  it('credHelpers come before auths', async () => {
    const { store: s } = store({
      credHelpers: { 'helped.example.com': 'testhelper' },
      auths: { 'helped.example.com': { auth: b64('inline:pw') } },
    });
    expect(await s.get('helped.example.com')).toMatchObject({ username: 'helper-user' });
  });
});
