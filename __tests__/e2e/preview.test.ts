/**
 * End-to-end: the built preview bin (dist/preview/index.js) in real git repositories, and its
 * --json output side by side with the action's json output for the same commit.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { basename, dirname } from 'node:path';
import { GitRepo } from '../helpers/git.js';
import { outputLines, runAction, runPreview } from '../helpers/runner.js';
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js';

afterAll(removeTempDirs);

type Json = Record<string, unknown>;
const OCI = 'org.opencontainers.image';
const WIDGET = 'ghcr.io/acme/widget';

function parseJson(stdout: string): Json {
  return JSON.parse(stdout) as Json;
}

describe('in a checkout whose HEAD carries the tag v1.2.3', () => {
  let repo: GitRepo;
  let sha: string;
  beforeAll(async () => {
    repo = await GitRepo.init();
    await repo.commit('1.1.0', '2024-01-01T00:00:00Z');
    await repo.tag('v1.1.0');
    sha = await repo.commit('1.2.3', '2024-02-03T04:05:06+01:00');
    await repo.tag('v1.2.3', 'HEAD', 'Release 1.2.3', '2024-02-03T05:00:00+01:00');
    await repo.addRemote('origin', 'https://github.com/Acme/Widget.git');
  });

  it('plans that version by default, in text', async () => {
    const r = await runPreview([], repo.dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('event:      push refs/tags/v1.2.3');
    expect(lines).toContain('version:    1.2.3');
    expect(lines).toContain(`commit:     ${sha}`);
    expect(lines).toContain('created:    2024-02-03T03:05:06Z (from git)');
    for (const tag of ['1.2.3', '1.2', '1', 'latest'])
      expect(lines).toContain(`  ${WIDGET}:${tag}`);
  });

  it('--json has the shape and values of the action’s json output for the same commit', async () => {
    const r = await runPreview(['--json'], repo.dir);
    expect(r.code).toBe(0);
    const preview = parseJson(r.stdout);

    const action = await runAction({
      event: 'push',
      payload: {
        ref: 'refs/tags/v1.2.3',
        after: sha,
        repository: {
          name: 'Widget',
          full_name: 'Acme/Widget',
          owner: { login: 'Acme' },
          html_url: 'https://github.com/Acme/Widget',
        },
      },
      inputs: { 'dry-run': 'true' },
      cwd: repo.dir,
    });
    expect(action.code).toBe(0);
    const fromAction = parseJson(action.outputs.json ?? '');
    expect(Object.keys(preview)).toEqual(Object.keys(fromAction));
    expect(preview).toEqual(fromAction);
    expect(preview).toMatchObject({
      version: '1.2.3',
      prerelease: false,
      tags: [`${WIDGET}:1.2.3`, `${WIDGET}:1.2`, `${WIDGET}:1`, `${WIDGET}:latest`],
      'tag-names': ['1.2.3', '1.2', '1', 'latest'],
      images: [WIDGET],
      platforms: ['linux/amd64', 'linux/arm64'],
      created: '2024-02-03T03:05:06Z',
      revision: sha,
    });
    expect((preview.labels as Json)[`${OCI}.source`]).toBe('https://github.com/Acme/Widget');
    expect(Array.isArray(preview.annotations)).toBe(true);
    expect(preview['build-args']).toEqual({
      VERSION: '1.2.3',
      GIT_COMMIT: sha,
      BUILD_TIME: '2024-02-03T03:05:06Z',
      SOURCE_DATE_EPOCH: String(Date.parse('2024-02-03T03:05:06Z') / 1000),
    });
    expect(outputLines(action.outputs['tag-names'])).toEqual(preview['tag-names']);
  });

  it('--notes prints the release notes the action would draft in a dry run', async () => {
    const r = await runPreview(['--notes'], repo.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- 1\\.2.3 by E2E Author'); // '1.' escaped: it would start a list
    expect(r.stdout).toContain(
      '**Full Changelog**: https://github.com/Acme/Widget/compare/v1.1.0...v1.2.3',
    );
    expect(r.stdout).toContain(`docker pull ${WIDGET}:1.2.3`);
    const action = await runAction({
      event: 'push',
      payload: {
        ref: 'refs/tags/v1.2.3',
        after: sha,
        repository: {
          name: 'Widget',
          owner: { login: 'Acme' },
          html_url: 'https://github.com/Acme/Widget',
        },
      },
      inputs: { 'dry-run': 'true' },
      cwd: repo.dir,
    });
    expect(action.outputs['release-body']).toBe(r.stdout.replace(/\n$/, ''));
  });

  it('--notes on a branch says there is no release', async () => {
    const r = await runPreview(['--ref', 'main', '--notes'], repo.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no GitHub release: dev-[0-9a-f]{7} is no version build/);
  });

  it('--ref main --stage rmoa-client plans a branch build', async () => {
    const r = await runPreview(['--ref', 'main', '--stage', 'rmoa-client', '--json'], repo.dir);
    expect(r.code).toBe(0);
    const json = parseJson(r.stdout);
    expect(json.version).toBe(`rmoa-client-${sha.slice(0, 7)}`);
    expect(json['tag-names']).toEqual([`rmoa-client-${sha.slice(0, 7)}`]);
  });

  it('--ref v1.1.0 finds the tag by its short name', async () => {
    const r = await runPreview(['--ref', 'v1.1.0'], repo.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^event: {6}push refs\/tags\/v1\.1\.0\n/);
    expect(r.stdout).toContain('version:    1.1.0\n');
  });

  it('--ref v9.9.9 previews a version not tagged yet as a push of that tag', async () => {
    const r = await runPreview(['--ref', 'v9.9.9'], repo.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^event: {6}push refs\/tags\/v9\.9\.9\n/);
    expect(r.stdout).toContain('version:    9.9.9\n');
  });

  it('--event pull_request --pr 7 plans pr-7, not the tag on HEAD', async () => {
    const r = await runPreview(['--event', 'pull_request', '--pr', '7', '--json'], repo.dir);
    expect(r.code).toBe(0);
    const json = parseJson(r.stdout);
    expect(json.version).toBe('pr-7');
    expect(json['tag-names']).toEqual(['pr-7']);
    expect(json.revision).toBe(sha);
  });

  it('--repository acme/app overrides the origin remote', async () => {
    const r = await runPreview(['--repository', 'acme/app', '--json'], repo.dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const json = parseJson(r.stdout);
    expect(json.images).toEqual(['ghcr.io/acme/app']);
    expect((json.labels as Json)[`${OCI}.source`]).toBe('https://github.com/acme/app');
  });

  it.each([
    [['--latest', 'maybe'], /^error: latest: 'maybe' is not one of auto, true, false\n$/],
    [['--images', 'ghcr.io/Acme/App'], /^error: images: 'ghcr\.io\/Acme\/App'/],
    [['--pr', 'abc'], /^error: --pr: 'abc'/],
    [['--repository', 'acme'], /^error: --repository: 'acme' is not of the form owner\/name/],
    [['--event', 'bogus'], /^error: --event: 'bogus' is not one of push, pull_request, /],
    [
      ['--event', 'pull_request'],
      /^error: --pr: a pull_request event needs the pull request number/,
    ],
    [
      ['--pr', '4', '--ref', 'v1.2.3'],
      /^error: --pr: goes with --event pull_request \(the event is push\)/,
    ],
    [
      ['--event', 'release', '--ref', 'main'],
      /^error: --ref: a release event needs the release's tag/,
    ],
  ])('a bad flag value %j exits 1 with an error naming it', async (args, message) => {
    const r = await runPreview(args, repo.dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('an unknown flag exits 2 with the usage', async () => {
    const r = await runPreview(['--bogus'], repo.dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("'--bogus'");
    expect(r.stderr).toContain('Usage: image-release-preview [options]');
  });

  it('--help prints the usage and exits 0', async () => {
    const r = await runPreview(['--help'], repo.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: image-release-preview \[options\]/);
  });
});

describe('the repository comes from the origin remote', () => {
  it.each([
    'https://github.com/Acme/Widget.git',
    'https://github.com/Acme/Widget',
    'git@github.com:Acme/Widget.git',
    'ssh://git@github.com/Acme/Widget.git',
    'https://x-access-token:s3cretvalue@github.com/Acme/Widget.git',
  ])('%s gives ghcr.io/acme/widget', async (url) => {
    const repo = await GitRepo.init();
    await repo.commit('work', '2024-03-01T00:00:00Z');
    await repo.addRemote('origin', url);
    const r = await runPreview(['--json'], repo.dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const json = parseJson(r.stdout);
    expect(json.images).toEqual([WIDGET]);
    expect((json.labels as Json)[`${OCI}.source`]).toBe('https://github.com/Acme/Widget');
    expect(r.stdout).not.toContain('s3cretvalue');
  });

  it('without a remote, it says so and names the repository after the directory', async () => {
    const repo = await GitRepo.init();
    const sha = await repo.commit('work', '2024-03-01T00:00:00Z');
    const r = await runPreview(['--json'], repo.dir);
    expect(r.code).toBe(0);
    const name = basename(repo.dir);
    expect(r.stderr).toContain(`the repository is taken as local/${name} (set --repository)`);
    const json = parseJson(r.stdout);
    expect(json.images).toEqual([`ghcr.io/local/${name}`.toLowerCase()]);
    expect(json.version).toBe(`dev-${sha.slice(0, 7)}`);
  });
});

describe('outside a git checkout', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = makeTempDir('image-release-nogit-');
    env = { GIT_CEILING_DIRECTORIES: dirname(dir) };
  });

  it('exits 1 with a message naming --cwd, run inside it', async () => {
    const r = await runPreview([], dir, env);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: --cwd: '.*' is not a git checkout/);
  });

  it('exits 1 with a message naming --cwd, pointed at it', async () => {
    const repo = await GitRepo.init();
    await repo.commit('work', '2024-03-01T00:00:00Z');
    const r = await runPreview(['--cwd', dir], repo.dir, env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: --cwd: '${dir}' is not a git checkout with a commit; run the preview inside one or pass --cwd\n`,
    );
  });

  it('-C points it at a checkout from elsewhere', async () => {
    const repo = await GitRepo.init();
    await repo.commit('work', '2024-03-01T00:00:00Z');
    await repo.tag('v3.0.0');
    await repo.addRemote('origin', 'git@github.com:Acme/Widget.git');
    const r = await runPreview(['-C', repo.dir, '--json'], dir, env);
    expect(r.code).toBe(0);
    expect(parseJson(r.stdout)['tag-names']).toEqual(['3.0.0', '3.0', '3', 'latest']);
  });
});
