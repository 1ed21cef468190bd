/**
 * End-to-end: the built dist/index.js, run as the GitHub runner runs it (INPUT_ variables,
 * payload file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), in real git repositories.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GitRepo } from '../helpers/git.js';
import {
  EXAMPLE_IMAGE,
  dispatchPayload,
  example,
  field,
  pullRequestPayload,
  pushPayload,
} from '../helpers/payloads.js';
import {
  type ActionResult,
  DEFAULT_JOB_TOKEN,
  actionInputDefaults,
  outputLines,
  parseFileCommands,
  runAction,
} from '../helpers/runner.js';
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js';

afterAll(removeTempDirs);

const OUTPUT_NAMES = [
  'version',
  'tags',
  'tag-names',
  'labels',
  'annotations',
  'build-args',
  'prerelease',
  'digest',
  'image-refs',
  'platforms',
  'release-url',
  'release-id',
  'release-body',
  'json',
];
const JSON_KEYS = [
  'version',
  'prerelease',
  'tags',
  'tag-names',
  'labels',
  'annotations',
  'build-args',
  'images',
  'platforms',
  'created',
  'revision',
  'digest',
  'image-refs',
  'release-url',
  'release-id',
];
const OCI = 'org.opencontainers.image';

/** The json output, checked to agree with every other output. */
function jsonAgrees(result: ActionResult): Record<string, unknown> {
  const { outputs } = result;
  expect(Object.keys(outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
  const json = JSON.parse(outputs.json ?? '') as Record<string, unknown>;
  expect(Object.keys(json).sort()).toEqual([...JSON_KEYS].sort());
  expect(json.version).toBe(outputs.version);
  expect(json.prerelease).toBe(outputs.prerelease === 'true');
  expect(json.tags).toEqual(outputLines(outputs.tags));
  expect(json['tag-names']).toEqual(outputLines(outputs['tag-names']));
  expect(json.digest).toBe(outputs.digest);
  expect(json['image-refs']).toEqual(outputLines(outputs['image-refs']));
  expect((json.platforms as string[]).join(',')).toBe(outputs.platforms);
  expect(
    Object.entries(json.labels as Record<string, string>).map(([k, v]) => `${k}=${v}`),
  ).toEqual(outputLines(outputs.labels));
  expect(json.annotations).toEqual(outputLines(outputs.annotations));
  expect(
    Object.entries(json['build-args'] as Record<string, string>).map(([k, v]) => `${k}=${v}`),
  ).toEqual(outputLines(outputs['build-args']));
  // Every image carries every tag name, image by image.
  const images = json.images as string[];
  const names = json['tag-names'] as string[];
  expect(json.tags).toEqual(images.flatMap((image) => names.map((n) => `${image}:${n}`)));
  expect((json.labels as Record<string, string>)[`${OCI}.created`]).toBe(json.created);
  expect((json.labels as Record<string, string>)[`${OCI}.revision`]).toBe(json.revision);
  return json;
}

function succeeded(result: ActionResult): void {
  if (result.code !== 0) throw new Error(`exit ${result.code}\n${result.stdout}\n${result.stderr}`);
  expect(result.stderr).toBe('');
  expect(result.lines.filter((l) => l.startsWith('::error::'))).toEqual([]);
}

const names = (result: ActionResult) => outputLines(result.outputs['tag-names']);

describe('a tag push of v1.2.3 (dry run)', () => {
  let result: ActionResult;
  let sha: string;

  beforeAll(async () => {
    const repo = await GitRepo.init();
    await repo.commit('initial', '2024-05-01T10:00:00+02:00');
    sha = await repo.commit('release 1.2.3', '2024-05-06T07:08:09+02:00');
    await repo.tag('v1.2.3', 'HEAD', 'Release 1.2.3', '2024-05-06T07:10:00+02:00');
    const payload = pushPayload('refs/tags/v1.2.3', sha, '2024-05-06T07:08:09+02:00');
    Object.assign(field(payload, 'repository'), {
      description: 'My first repository on GitHub.',
      license: { key: 'mit', spdx_id: 'MIT' },
    });
    result = await runAction({
      event: 'push',
      payload,
      inputs: { 'dry-run': 'true' },
      cwd: repo.dir,
    });
  });

  it('succeeds with every output set once', () => {
    succeeded(result);
    // The runner keeps hyphens in the variable names.
    expect(result.env).toMatchObject({
      'INPUT_DRY-RUN': 'true',
      'INPUT_TAG-PREFIX': '',
      'INPUT_GITHUB-TOKEN': DEFAULT_JOB_TOKEN,
      INPUT_LATEST: 'auto',
    });
    expect(Object.keys(result.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
  });

  it('fans out to 1.2.3, 1.2, 1 and latest on ghcr.io/<owner>/<repo>, lowercased', () => {
    expect(result.outputs.version).toBe('1.2.3');
    expect(result.outputs.prerelease).toBe('false');
    expect(names(result)).toEqual(['1.2.3', '1.2', '1', 'latest']);
    expect(outputLines(result.outputs.tags)).toEqual([
      `${EXAMPLE_IMAGE}:1.2.3`,
      `${EXAMPLE_IMAGE}:1.2`,
      `${EXAMPLE_IMAGE}:1`,
      `${EXAMPLE_IMAGE}:latest`,
    ]);
  });

  it('labels the image with the sorted OCI labels from the payload', () => {
    const labels = outputLines(result.outputs.labels);
    expect(labels).toEqual([
      `${OCI}.created=2024-05-06T05:08:09Z`,
      `${OCI}.description=My first repository on GitHub.`,
      `${OCI}.licenses=MIT`,
      `${OCI}.revision=${sha}`,
      `${OCI}.source=https://github.com/Codertocat/Hello-World`,
      `${OCI}.title=Hello-World`,
      `${OCI}.url=https://github.com/Codertocat/Hello-World`,
      `${OCI}.version=1.2.3`,
    ]);
    expect(labels).toEqual([...labels].sort());
  });

  it('annotates the manifest and the index with the same keys', () => {
    const annotations = outputLines(result.outputs.annotations);
    const labels = outputLines(result.outputs.labels);
    expect(annotations).toEqual([
      ...labels.map((l) => `manifest:${l}`),
      ...labels.map((l) => `index:${l}`),
    ]);
  });

  it('passes the version, commit and commit time as build args', () => {
    expect(outputLines(result.outputs['build-args'])).toEqual([
      'VERSION=1.2.3',
      `GIT_COMMIT=${sha}`,
      'BUILD_TIME=2024-05-06T05:08:09Z',
      `SOURCE_DATE_EPOCH=${Date.parse('2024-05-06T05:08:09Z') / 1000}`,
    ]);
  });

  it('has a json output that agrees with the others', () => {
    const json = jsonAgrees(result);
    expect(json).toMatchObject({
      version: '1.2.3',
      prerelease: false,
      images: [EXAMPLE_IMAGE],
      platforms: ['linux/amd64', 'linux/arm64'],
      created: '2024-05-06T05:08:09Z',
      revision: sha,
    });
  });

  it('writes the outputs as heredoc blocks and logs the plan in a group', () => {
    expect(result.outputFile).toMatch(/^version<<ghadelimiter_/);
    expect(result.lines).toContain('::group::Plan: 1.2.3 (4 tags × 1 images)');
    expect(result.lines).toContain('::endgroup::');
    // The workspace has no version tag but v1.2.3: the plan says how to give it the full list.
    const notices = result.lines.filter((l) => l.startsWith('::notice::'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/No version tags besides v1\.2\.3 .*fetch-depth: 0/);
    expect(result.summary).toMatch(/^### image-release plan \(dry run\): <code>1\.2\.3<\/code>/);
  });
});

describe('floating tags are judged against the checkout’s git tags', () => {
  let repo: GitRepo;
  beforeAll(async () => {
    repo = await GitRepo.init();
    await repo.commit('1.1.8', '2024-01-01T00:00:00Z');
    await repo.tag('v1.1.8');
    await repo.commit('1.2.4', '2024-02-01T00:00:00Z');
    await repo.tag('v1.2.4', 'HEAD', 'Release 1.2.4', '2024-02-01T00:00:00Z');
    // A fresh clone has its tags packed; the hotfix tag below stays loose.
    await repo.packRefs();
    await repo.checkout('v1.1.8');
  });

  it('a backport v1.1.9 moves 1.1 but neither 1 nor latest', async () => {
    const sha = await repo.commit('hotfix 1.1.9', '2024-03-01T00:00:00Z');
    await repo.tag('v1.1.9');
    const result = await runAction({
      event: 'push',
      payload: pushPayload('refs/tags/v1.1.9', sha, '2024-03-01T00:00:00Z'),
      inputs: { 'dry-run': 'true' },
      cwd: repo.dir,
    });
    succeeded(result);
    expect(names(result)).toEqual(['1.1.9', '1.1']);
    expect(outputLines(result.outputs.tags)).toEqual([
      `${EXAMPLE_IMAGE}:1.1.9`,
      `${EXAMPLE_IMAGE}:1.1`,
    ]);
    expect(result.stdout).toContain('1: not moved, 1.2.4 is newer than 1.1.9');
    jsonAgrees(result);
  });

  it('a prerelease v2.0.0-rc.1 gets only its exact tag', async () => {
    await repo.checkout('v1.2.4');
    const sha = await repo.commit('2.0.0-rc.1', '2024-04-01T00:00:00Z');
    await repo.tag('v2.0.0-rc.1');
    const result = await runAction({
      event: 'push',
      payload: pushPayload('refs/tags/v2.0.0-rc.1', sha, '2024-04-01T00:00:00Z'),
      inputs: { 'dry-run': 'true', latest: 'true' },
      cwd: repo.dir,
    });
    succeeded(result);
    expect(result.outputs.version).toBe('2.0.0-rc.1');
    expect(result.outputs.prerelease).toBe('true');
    expect(names(result)).toEqual(['2.0.0-rc.1']);
    expect(result.lines.some((l) => /^::warning::latest: true is ignored/.test(l))).toBe(true);
    expect(jsonAgrees(result).prerelease).toBe(true);
  });

  it('with tag-prefix, only that component’s tags count', async () => {
    await repo.checkout('v1.2.4');
    await repo.tag('client-v9.0.0');
    await repo.tag('server-v1.0.0');
    const sha = await repo.commit('server 1.0.1', '2024-05-01T00:00:00Z');
    await repo.tag('server-v1.0.1');
    const result = await runAction({
      event: 'push',
      payload: pushPayload('refs/tags/server-v1.0.1', sha, '2024-05-01T00:00:00Z'),
      inputs: { 'dry-run': 'true', 'tag-prefix': 'server-v' },
      cwd: repo.dir,
    });
    succeeded(result);
    expect(names(result)).toEqual(['1.0.1', '1.0', '1', 'latest']);
  });
});

describe('a published release', () => {
  it('takes its version from release.tag_name and its commit time from git', async () => {
    const repo = await GitRepo.init();
    await repo.commit('initial', '2024-01-01T00:00:00Z');
    await repo.tag('v0.0.1');
    const sha = await repo.commit('0.1.0', '2024-02-02T02:02:02Z');
    await repo.tag('v0.1.0');
    const payload = example('release', { action: 'published' });
    field(payload, 'release').tag_name = 'v0.1.0';
    const result = await runAction({
      event: 'release',
      payload,
      ref: 'refs/tags/v0.1.0',
      sha,
      inputs: { 'dry-run': 'true' },
      cwd: repo.dir,
    });
    succeeded(result);
    expect(names(result)).toEqual(['0.1.0', '0.1', '0', 'latest']);
    expect(jsonAgrees(result).created).toBe('2024-02-02T02:02:02Z');
  });
});

describe('builds that are no release', () => {
  let repo: GitRepo;
  let sha: string;
  beforeAll(async () => {
    repo = await GitRepo.init();
    await repo.commit('initial', '2024-06-01T00:00:00Z');
    await repo.tag('v1.3.0');
    sha = await repo.commit('work on main', '2024-06-02T12:00:00Z');
  });

  it('a branch push is tagged dev-<sha7>', async () => {
    const result = await runAction({
      event: 'push',
      payload: pushPayload('refs/heads/main', sha, '2024-06-02T12:00:00Z'),
      inputs: { 'dry-run': 'true' },
      cwd: repo.dir,
    });
    succeeded(result);
    expect(result.outputs.version).toBe(`dev-${sha.slice(0, 7)}`);
    expect(names(result)).toEqual([`dev-${sha.slice(0, 7)}`]);
    expect(result.outputs.prerelease).toBe('false');
    jsonAgrees(result);
  });

  it('a schedule event, whose payload names no repository, uses GITHUB_REPOSITORY', async () => {
    const result = await runAction({
      event: 'schedule',
      payload: { schedule: '0 3 * * 1', workflow: '.github/workflows/nightly.yml' },
      ref: 'refs/heads/main',
      sha,
      repository: 'Acme/Nightly-App',
      inputs: { 'dry-run': 'true' },
      cwd: repo.dir,
    });
    succeeded(result);
    expect(outputLines(result.outputs.tags)).toEqual([
      `ghcr.io/acme/nightly-app:dev-${sha.slice(0, 7)}`,
    ]);
    expect(outputLines(result.outputs.labels)).toContain(
      `${OCI}.source=https://github.com/Acme/Nightly-App`,
    );
    expect(jsonAgrees(result).created).toBe('2024-06-02T12:00:00Z');
  });

  it('stage replaces dev: <stage>-<sha7>', async () => {
    const result = await runAction({
      event: 'push',
      payload: pushPayload('refs/heads/main', sha, '2024-06-02T12:00:00Z'),
      inputs: { 'dry-run': 'true', stage: 'rmoa-client' },
      cwd: repo.dir,
    });
    succeeded(result);
    expect(result.outputs.version).toBe(`rmoa-client-${sha.slice(0, 7)}`);
    expect(names(result)).toEqual([`rmoa-client-${sha.slice(0, 7)}`]);
  });

  it('the version input hotfix-123 is published as itself only', async () => {
    const result = await runAction({
      event: 'push',
      payload: pushPayload('refs/heads/main', sha, '2024-06-02T12:00:00Z'),
      inputs: { 'dry-run': 'true', version: 'hotfix-123' },
      cwd: repo.dir,
    });
    succeeded(result);
    expect(result.outputs.version).toBe('hotfix-123');
    expect(names(result)).toEqual(['hotfix-123']);
    expect(result.outputs.prerelease).toBe('false');
    expect(outputLines(result.outputs['build-args'])[0]).toBe('VERSION=hotfix-123');
  });

  it('workflow_dispatch with inputs.version 1.4.0 fans out', async () => {
    const result = await runAction({
      event: 'workflow_dispatch',
      payload: dispatchPayload({ version: '1.4.0' }),
      ref: 'refs/heads/main',
      sha,
      inputs: { 'dry-run': 'true' },
      cwd: repo.dir,
    });
    succeeded(result);
    expect(result.outputs.version).toBe('1.4.0');
    // The recorded dispatch payloads belong to octo-org/octo-repo.
    expect(outputLines(result.outputs.tags)).toEqual([
      'ghcr.io/octo-org/octo-repo:1.4.0',
      'ghcr.io/octo-org/octo-repo:1.4',
      'ghcr.io/octo-org/octo-repo:1',
      'ghcr.io/octo-org/octo-repo:latest',
    ]);
    jsonAgrees(result);
  });

  it('several images, separated by commas and newlines, each get every tag', async () => {
    const result = await runAction({
      event: 'push',
      payload: pushPayload('refs/heads/main', sha, '2024-06-02T12:00:00Z'),
      inputs: {
        'dry-run': 'true',
        version: 'v1.3.1',
        images: 'ghcr.io/acme/app, docker.io/acme/app\n\nquay.io/acme/app-mirror\n',
      },
      cwd: repo.dir,
    });
    succeeded(result);
    const tagNames = ['1.3.1', '1.3', '1', 'latest'];
    expect(names(result)).toEqual(tagNames);
    const images = ['ghcr.io/acme/app', 'docker.io/acme/app', 'quay.io/acme/app-mirror'];
    expect(outputLines(result.outputs.tags)).toEqual(
      images.flatMap((i) => tagNames.map((t) => `${i}:${t}`)),
    );
    expect(jsonAgrees(result).images).toEqual(images);
  });

  it('labels, annotations and build-args keep commas and "=" in values', async () => {
    const result = await runAction({
      event: 'push',
      payload: pushPayload('refs/heads/main', sha, '2024-06-02T12:00:00Z'),
      inputs: {
        'dry-run': 'true',
        labels: `${OCI}.description=Widgets, gadgets, and a=b\ncom.example.list=x,y,z`,
        annotations: `index:${OCI}.description=Index only, with a=b`,
        'build-args': 'VERSION=custom\nNODE_OPTIONS=--max-old-space-size=4096,--enable-source-maps',
        platforms: 'linux/amd64\nlinux/arm/v7',
      },
      cwd: repo.dir,
    });
    succeeded(result);
    const labels = outputLines(result.outputs.labels);
    expect(labels).toContain(`${OCI}.description=Widgets, gadgets, and a=b`);
    expect(labels).toContain('com.example.list=x,y,z');
    expect(labels).toEqual([...labels].sort());
    const annotations = outputLines(result.outputs.annotations);
    expect(annotations).toContain(`index:${OCI}.description=Index only, with a=b`);
    expect(annotations.filter((a) => a.startsWith(`manifest:${OCI}.description=`))).toEqual([]);
    expect(outputLines(result.outputs['build-args'])).toEqual([
      'VERSION=custom',
      `GIT_COMMIT=${sha}`,
      'BUILD_TIME=2024-06-02T12:00:00Z',
      `SOURCE_DATE_EPOCH=${Date.parse('2024-06-02T12:00:00Z') / 1000}`,
      'NODE_OPTIONS=--max-old-space-size=4096,--enable-source-maps',
    ]);
    const json = jsonAgrees(result);
    expect((json.labels as Record<string, string>)['com.example.list']).toBe('x,y,z');
    expect(json.platforms).toEqual(['linux/amd64', 'linux/arm/v7']);
  });
});

describe('a pull request', () => {
  it('is tagged pr-<n>, and a stage tag uses the sha7 of the PR head, not the merge', async () => {
    const repo = await GitRepo.init();
    await repo.commit('base', '2024-07-01T00:00:00Z');
    await repo.branch('feature');
    await repo.checkout('feature');
    const head = await repo.commit('feature work', '2024-07-02T09:30:00+02:00');
    await repo.checkout('main');
    await repo.commit('main moves on', '2024-07-03T00:00:00Z');
    const merge = await repo.merge('feature', 'Merge feature into main', '2024-07-04T00:00:00Z');
    const result = await runAction({
      event: 'pull_request',
      payload: pullRequestPayload(7, head),
      ref: 'refs/pull/7/merge',
      sha: merge,
      inputs: { 'dry-run': 'true', stage: 'rmoa-client' },
      cwd: repo.dir,
    });
    succeeded(result);
    expect(result.outputs.version).toBe('pr-7');
    expect(names(result)).toEqual(['pr-7', `rmoa-client-${head.slice(0, 7)}`]);
    const json = jsonAgrees(result);
    expect(json.revision).toBe(head);
    // The payload has no commit time: git's committer time of the head commit is used.
    expect(json.created).toBe('2024-07-02T07:30:00Z');
    expect(outputLines(result.outputs['build-args'])).toContain(`GIT_COMMIT=${head}`);
  });
});

describe('the job summary', () => {
  it('is a markdown table of tags and labels with everything HTML-escaped', async () => {
    const repo = await GitRepo.init();
    const sha = await repo.commit('release', '2024-08-01T00:00:00Z');
    await repo.tag('v1.2.3');
    const payload = pushPayload('refs/tags/v1.2.3', sha, '2024-08-01T00:00:00Z');
    field(payload, 'repository').description = `Hello <script>alert("x")</script> & 'co'`;
    const result = await runAction({
      event: 'push',
      payload,
      inputs: {
        'dry-run': 'true',
        labels: 'com.example.note=<img src=x onerror=alert(1)> | not a cell',
      },
      cwd: repo.dir,
    });
    succeeded(result);
    const { summary } = result;
    expect(summary).toContain('| Image | Tag | Kind |');
    for (const [tag, kind] of [
      ['1.2.3', 'version'],
      ['1.2', 'minor'],
      ['1', 'major'],
      ['latest', 'latest'],
    ]) {
      expect(summary).toContain(
        `| <code>${EXAMPLE_IMAGE}</code> | <code>${tag}</code> | ${kind} |`,
      );
    }
    expect(summary).toContain('| Label | Value |');
    expect(summary).toContain(
      `| <code>${OCI}.description</code> | Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39; |`,
    );
    expect(summary).toContain(
      '| <code>com.example.note</code> | &lt;img src=x onerror=alert(1)&gt; &#124; not a cell |',
    );
    expect(summary).not.toMatch(/<script|<img/i);
    // The outputs are data, not HTML: they keep the values as given.
    expect(outputLines(result.outputs.labels)).toContain(
      `${OCI}.description=Hello <script>alert("x")</script> & 'co'`,
    );
  });
});

describe('the commit time', () => {
  it('comes from git for the commit GITHUB_SHA names when the payload has none', async () => {
    const repo = await GitRepo.init();
    const sha = await repo.commit('built commit', '2021-06-15T08:09:10+02:00');
    await repo.commit('a later commit', '2023-01-01T00:00:00Z');
    const result = await runAction({
      event: 'workflow_dispatch',
      payload: dispatchPayload(),
      ref: 'refs/heads/main',
      sha,
      inputs: { 'dry-run': 'true' },
      cwd: repo.dir,
    });
    succeeded(result);
    const json = jsonAgrees(result);
    expect(json.created).toBe('2021-06-15T06:09:10Z');
    expect(json.version).toBe(`dev-${sha.slice(0, 7)}`);
    expect(outputLines(result.outputs['build-args'])).toEqual([
      `VERSION=dev-${sha.slice(0, 7)}`,
      `GIT_COMMIT=${sha}`,
      'BUILD_TIME=2021-06-15T06:09:10Z',
      'SOURCE_DATE_EPOCH=1623737350',
    ]);
    expect(result.stdout).toContain('created:    2021-06-15T06:09:10Z (from git)');
    expect(result.lines.filter((l) => l.startsWith('::warning::'))).toEqual([]);
  });
});

describe('bad inputs fail before any output is written', () => {
  let repo: GitRepo;
  let sha: string;
  beforeAll(async () => {
    repo = await GitRepo.init();
    sha = await repo.commit('release', '2024-09-01T00:00:00Z');
    await repo.tag('v1.2.3');
  });

  it.each([
    [
      'images',
      { images: 'ghcr.io/Acme/App' },
      /^::error::images: 'ghcr\.io\/Acme\/App'.*'acme\/app'/,
    ],
    ['latest', { latest: 'maybe' }, /^::error::latest: 'maybe' is not one of auto, true, false$/],
    [
      'platforms',
      { platforms: 'linux-amd64' },
      /^::error::platforms: 'linux-amd64' is not of the form/,
    ],
    ['labels', { labels: 'novalue' }, /^::error::labels: 'novalue' is not of the form KEY=value/],
    ['dry-run', { 'dry-run': 'yes' }, /^::error::dry-run: 'yes' is not a boolean/],
  ])('%s', async (_input, inputs, message) => {
    const result = await runAction({
      event: 'push',
      payload: pushPayload('refs/tags/v1.2.3', sha, '2024-09-01T00:00:00Z'),
      inputs: { 'dry-run': 'true', ...inputs },
      cwd: repo.dir,
    });
    expect(result.code).toBe(1);
    const errors = result.lines.filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    expect(result.outputFile).toBe('');
    expect(result.summary).toBe('');
  });

  it('a pull_request payload without pull_request', async () => {
    const payload = pullRequestPayload(7, sha);
    delete payload.pull_request;
    const result = await runAction({
      event: 'pull_request',
      payload,
      ref: 'refs/pull/7/merge',
      sha,
      inputs: { 'dry-run': 'true' },
      cwd: repo.dir,
    });
    expect(result.code).toBe(1);
    const errors = result.lines.filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^::error::event payload: .*`pull_request\.number`/);
    expect(result.outputFile).toBe('');
    expect(result.summary).toBe('');
  });
});

describe('the github token', () => {
  const TOKEN = 'ghs_secretvalue123';
  let repo: GitRepo;
  let sha: string;
  beforeAll(async () => {
    repo = await GitRepo.init();
    sha = await repo.commit('release', '2024-10-01T00:00:00Z');
    await repo.tag('v1.2.3');
  });

  it.each([
    ['a good run', {}],
    ['a run that fails on a bad input', { latest: 'maybe' }],
  ])('is masked before anything else is printed, and never shown: %s', async (_, inputs) => {
    const result = await runAction({
      event: 'push',
      payload: pushPayload('refs/tags/v1.2.3', sha, '2024-10-01T00:00:00Z'),
      inputs: { 'dry-run': 'true', 'github-token': TOKEN, ...inputs },
      cwd: repo.dir,
    });
    expect(result.lines[0]).toBe(`::add-mask::${TOKEN}`);
    expect(result.stdout.split(TOKEN)).toHaveLength(2);
    expect(result.stderr).not.toContain(TOKEN);
    expect(result.outputFile).not.toContain(TOKEN);
    expect(result.summary).not.toContain(TOKEN);
  });

  it('the default, ${{ github.token }}, is masked as well', async () => {
    const result = await runAction({
      event: 'push',
      payload: pushPayload('refs/tags/v1.2.3', sha, '2024-10-01T00:00:00Z'),
      inputs: { 'dry-run': 'true' },
      cwd: repo.dir,
    });
    succeeded(result);
    expect(result.lines[0]).toBe(`::add-mask::${DEFAULT_JOB_TOKEN}`);
    expect(result.outputFile).not.toContain(DEFAULT_JOB_TOKEN);
  });
});

describe('dry-run: false on a runner without the engine', () => {
  let repo: GitRepo;
  let sha: string;
  /** A PATH that has git and nothing else of this machine's (node is started by its path). */
  let bare: string;
  beforeAll(async () => {
    repo = await GitRepo.init();
    sha = await repo.commit('release', '2024-11-01T00:00:00Z');
    await repo.tag('v1.2.3');
    bare = makeTempDir('image-release-path-');
    const git = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    symlinkSync(git, join(bare, 'git'));
  });

  const release = (inputs: Record<string, string>, path: string) =>
    runAction({
      event: 'push',
      payload: pushPayload('refs/tags/v1.2.3', sha, '2024-11-01T00:00:00Z'),
      inputs,
      env: { PATH: path },
      cwd: repo.dir,
    });

  function failedWith(result: ActionResult, pattern: RegExp): void {
    expect(result.code).toBe(1);
    const errors = result.lines.filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(pattern);
    expect(result.outputFile).toBe('');
  }

  it('no docker: says to install Docker or use engine: buildah, before any registry is asked', async () => {
    const result = await release({}, bare);
    failedWith(result, /engine buildx: the docker CLI is not installed.*engine: buildah/);
  });

  it('docker without the buildx plugin: says how to get buildx', async () => {
    const dir = makeTempDir('image-release-path-');
    symlinkSync(join(bare, 'git'), join(dir, 'git'));
    // What the docker CLI answers when the buildx plugin is not installed.
    writeFileSync(
      join(dir, 'docker'),
      '#!/bin/sh\necho "docker: \'buildx\' is not a docker command." >&2\nexit 1\n',
      { mode: 0o755 },
    );
    const result = await release({}, `${dir}:/bin:/usr/bin`);
    failedWith(result, /buildx plugin is missing.*setup-buildx-action/);
  });

  it('a release without a token fails before anything is built', async () => {
    const result = await release({ 'github-token': '' }, bare);
    failedWith(result, /^::error::github-token: the GitHub release needs a token/);
  });

  it('no buildah: says to install it or use engine: buildx', async () => {
    const result = await release({ engine: 'buildah' }, bare);
    failedWith(result, /engine buildah: buildah is not installed.*apt-get install -y buildah/);
  });
});

describe('a workspace that is no git repository', () => {
  let workspace: string;
  let env: Record<string, string>;
  beforeAll(() => {
    workspace = makeTempDir('image-release-nogit-');
    // Keep git from finding a repository above the workspace.
    env = { GIT_CEILING_DIRECTORIES: dirname(workspace) };
  });
  const SHA = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';

  it('plans a tag push, taking the version as the newest', async () => {
    const result = await runAction({
      event: 'push',
      payload: pushPayload('refs/tags/v1.2.3', SHA, '2019-05-15T15:20:41Z'),
      inputs: { 'dry-run': 'true' },
      env,
      cwd: workspace,
    });
    succeeded(result);
    expect(names(result)).toEqual(['1.2.3', '1.2', '1', 'latest']);
    expect(result.stdout).toContain('no published versions found');
    expect(jsonAgrees(result).created).toBe('2019-05-15T15:20:41Z');
  });

  it('falls back to the clock, with a warning, when nothing knows the commit time', async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const result = await runAction({
      event: 'workflow_dispatch',
      payload: dispatchPayload({ version: '2.0.0' }),
      ref: 'refs/heads/main',
      sha: SHA,
      inputs: { 'dry-run': 'true' },
      env,
      cwd: workspace,
    });
    const after = Date.now();
    succeeded(result);
    const created = Date.parse(String(jsonAgrees(result).created));
    expect(created).toBeGreaterThanOrEqual(before);
    expect(created).toBeLessThanOrEqual(after);
    expect(result.lines.some((l) => /^::warning::The commit time is neither/.test(l))).toBe(true);
  });
});

describe('the helpers of these tests', () => {
  it('read every input of action.yml with its default', () => {
    expect(Object.fromEntries(actionInputDefaults())).toEqual({
      images: '',
      version: '',
      'tag-prefix': '',
      stage: '',
      latest: 'auto',
      'extra-tags': '',
      labels: '',
      annotations: '',
      'build-args': '',
      platforms: 'linux/amd64,linux/arm64',
      engine: 'buildx',
      context: '.',
      file: '',
      target: '',
      secrets: '',
      cache: 'gha',
      provenance: '',
      sbom: '',
      push: 'auto',
      overwrite: 'false',
      'promote-from': '',
      release: 'auto',
      username: '',
      password: '',
      'dry-run': 'false',
      'github-token': DEFAULT_JOB_TOKEN,
    });
  });

  it('reads heredoc blocks and name=value lines', () => {
    expect(parseFileCommands('a<<EOF\nx\n\ny=z\nEOF\nb=1=2\n')).toEqual({
      a: 'x\n\ny=z',
      b: '1=2',
    });
  });
  it('rejects an unterminated block and a repeated name', () => {
    expect(() => parseFileCommands('a<<EOF\nx\n')).toThrow(/not terminated/);
    expect(() => parseFileCommands('a=1\na<<EOF\n2\nEOF\n')).toThrow(/set twice/);
  });
});
