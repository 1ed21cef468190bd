import { afterAll, describe, expect, it } from '@jest/globals';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dockerConfigWithLogins } from '../../src/build/docker-config.js';
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js';

afterAll(removeTempDirs);

const b64 = (s: string) => Buffer.from(s).toString('base64');

function userConfig(config: unknown): string {
  const dir = makeTempDir('image-release-docker-');
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  mkdirSync(join(dir, 'buildx'));
  mkdirSync(join(dir, 'cli-plugins'));
  return dir;
}

describe('dockerConfigWithLogins', () => {
  it('adds username/password for Docker Hub under its config key, keeps the rest linked', () => {
    const user = userConfig({
      auths: { 'https://index.docker.io/v1/': { auth: b64('old:old') }, 'quay.io': { auth: 'x' } },
      credHelpers: { 'docker.io': 'desktop', 'gcr.io': 'gcloud' },
      currentContext: 'ci',
    });
    const parent = makeTempDir();
    const out = dockerConfigWithLogins(
      { DOCKER_CONFIG: user },
      [{ registry: 'docker.io', username: 'bot', password: 'pw', override: true }],
      parent,
    );
    expect(out.warnings).toEqual([]);
    const dir = out.dir ?? '';
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({
      auths: { 'quay.io': { auth: 'x' }, 'https://index.docker.io/v1/': { auth: b64('bot:pw') } },
      credHelpers: { 'gcr.io': 'gcloud' },
      currentContext: 'ci',
    });
    expect(lstatSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
    expect(readlinkSync(join(dir, 'buildx'))).toBe(join(user, 'buildx'));
    expect(readlinkSync(join(dir, 'cli-plugins'))).toBe(join(user, 'cli-plugins'));
    // The user's own config is untouched.
    const own = JSON.parse(readFileSync(join(user, 'config.json'), 'utf8')) as {
      auths: Record<string, unknown>;
    };
    expect(own.auths['quay.io']).toEqual({ auth: 'x' });
  });

  it('leaves the config alone when it already has a login for ghcr.io', () => {
    const user = userConfig({ auths: { 'ghcr.io': { auth: b64('me:pat') } } });
    const out = dockerConfigWithLogins(
      { DOCKER_CONFIG: user },
      [{ registry: 'ghcr.io', username: 'x-access-token', password: 'tok', override: false }],
      makeTempDir(),
    );
    expect(out.dir).toBeUndefined();
  });

  it('adds the github-token for ghcr.io when there is no config at all', () => {
    const home = makeTempDir();
    const out = dockerConfigWithLogins(
      { HOME: home },
      [{ registry: 'ghcr.io', username: 'octocat', password: 'tok', override: false }],
      makeTempDir(),
    );
    expect(JSON.parse(readFileSync(join(out.dir ?? '', 'config.json'), 'utf8'))).toEqual({
      auths: { 'ghcr.io': { auth: b64('octocat:tok') } },
      credHelpers: {},
    });
  });

  it('warns that a credential store may shadow the added login', () => {
    const user = userConfig({ credsStore: 'desktop' });
    const out = dockerConfigWithLogins(
      { DOCKER_CONFIG: user },
      [{ registry: 'ghcr.io', username: 'u', password: 'p', override: true }],
      makeTempDir(),
    );
    expect(out.warnings).toEqual([expect.stringContaining("credential store 'desktop'")]);
  });
});
