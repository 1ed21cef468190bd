/**
 * End-to-end: the built action pushes with buildah to the real registry, then makes the GitHub
 * release through the real octokit client against a local server that speaks the REST shapes
 * (GITHUB_API_URL points at it). The changelog comes from a real git history.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GitRepo } from '../helpers/git.js';
import { FakeGitHub } from '../helpers/github.js';
import { pushPayload } from '../helpers/payloads.js';
import { type TestRegistry, startRegistry } from '../helpers/registry.js';
import { type ActionResult, outputLines, runAction } from '../helpers/runner.js';
import { removeTempDirs } from '../helpers/tmp.js';

let registry: TestRegistry;
let github: FakeGitHub;
let repo: GitRepo;
let server: string;
let builder: string;

function succeeded(result: ActionResult): void {
  if (result.code !== 0) throw new Error(`the action failed:\n${result.stdout}\n${result.stderr}`);
}

function run(tag: string, inputs: Record<string, string> = {}) {
  return async (sha: string): Promise<ActionResult> =>
    runAction({
      event: 'push',
      payload: pushPayload(`refs/tags/${tag}`, sha, '2024-03-01T00:00:00Z'),
      inputs: {
        images: server,
        engine: 'buildah',
        platforms: 'linux/amd64,linux/arm64',
        cache: 'none',
        ...inputs,
      },
      env: { DOCKER_CONFIG: registry.dockerConfig, GITHUB_API_URL: github.url },
      cwd: repo.dir,
    });
}

beforeAll(async () => {
  registry = await startRegistry();
  github = await FakeGitHub.start();
  server = `${registry.host}/acme/server`;
  builder = `${registry.host}/acme/builder`;
  repo = await GitRepo.init();
  await repo.commitFiles(
    { Dockerfile: 'FROM scratch\nCOPY app.txt /app.txt\n', 'app.txt': '1.0.0\n' },
    'Start the server',
    '2024-01-01T00:00:00Z',
  );
  await repo.tag('v1.0.0');
  await repo.commitFiles({ 'app.txt': 'a\n' }, 'Add health checks (#12)', '2024-02-01T00:00:00Z');
  await repo.commitFiles({ 'app.txt': 'b\n' }, 'Fix the port (#13)', '2024-02-02T00:00:00Z');
  await repo.commitFiles(
    { 'app.txt': 'c\n' },
    'Bump alpine from 3.19 to 3.20',
    '2024-02-03T00:00:00Z',
  );
  await repo.tag('v1.1.0');
}, 60_000);

afterAll(async () => {
  await github.close();
  await registry.stop();
  removeTempDirs();
});

describe('the GitHub release of a tag push', () => {
  let first: ActionResult;

  it('a dry run drafts the body from local git, with no API call', async () => {
    const result = await run('v1.1.0', { 'dry-run': 'true' })(await repo.revParse('HEAD'));
    succeeded(result);
    expect(github.requests).toEqual([]);
    const body = result.outputs['release-body'] ?? '';
    expect(body).toContain('Add health checks');
    expect(body).toContain('compare/v1.0.0...v1.1.0');
    expect(body).toContain(`docker pull ${server}:1.1.0`);
    expect(body).not.toContain('@sha256:');
    expect(result.outputs['release-url']).toBe('');
  });

  it('creates the release after the push: changelog, compare link, pull by tag and digest', async () => {
    first = await run('v1.1.0')(await repo.revParse('HEAD'));
    succeeded(first);
    const releases = github.byTag('v1.1.0');
    expect(releases).toHaveLength(1);
    const release = releases[0];
    expect(release?.draft).toBe(false);
    expect(release?.prerelease).toBe(false);
    expect(release?.name).toBe('v1.1.0');
    const body = release?.body ?? '';
    expect(first.outputs['release-body']).toBe(body);
    expect(first.outputs['release-id']).toBe(String(release?.id));
    expect(first.outputs['release-url']).toMatch(/\/releases\/tag\/v1\.1\.0$/);
    expect(body).toMatch(/Add health checks.*#12/);
    expect(body).toMatch(/Fix the port.*#13/);
    expect(body).toContain(
      '**Full Changelog**: https://github.com/Codertocat/Hello-World/compare/v1.0.0...v1.1.0',
    );
    expect(body).toContain(`docker pull ${server}:1.1.0`);
    expect(body).toContain(`docker pull ${server}@${first.outputs.digest ?? ''}`);
    expect(body).toContain(`<!-- image-release:begin ${server} -->`);
    expect(first.summary).toContain(first.outputs['release-url'] ?? '');
    // Created as a draft, then published: immutable releases get the whole body first.
    const writes = github.requests.filter(
      (r) => r.method !== 'GET' && !r.path.endsWith('/generate-notes'),
    );
    expect(writes.map((r) => [r.method, r.body.draft])).toEqual([
      ['POST', true],
      ['PATCH', false],
    ]);
  });

  it('a re-run leaves one release with the same body', async () => {
    const again = await run('v1.1.0')(await repo.revParse('HEAD'));
    succeeded(again);
    expect(github.byTag('v1.1.0')).toHaveLength(1);
    expect(again.outputs['release-body']).toBe(first.outputs['release-body']);
  });

  it('a second image from another run gets its own section next to the first', async () => {
    const other = await run('v1.1.0', { images: builder })(await repo.revParse('HEAD'));
    succeeded(other);
    const body = github.byTag('v1.1.0')[0]?.body ?? '';
    expect(body).toContain(`<!-- image-release:begin ${server} -->`);
    expect(body).toContain(`<!-- image-release:begin ${builder} -->`);
    expect(body).toContain(`docker pull ${builder}@${other.outputs.digest ?? ''}`);
    expect(github.byTag('v1.1.0')).toHaveLength(1);
  });

  it('refuses a published release it did not make, saying how to proceed', async () => {
    const sha = await repo.commitFiles({ 'app.txt': 'd\n' }, 'Two', '2024-04-01T00:00:00Z');
    await repo.tag('v2.0.0');
    github.seed({ tag_name: 'v2.0.0', body: 'Hand-written notes.' });
    const result = await run('v2.0.0')(sha);
    expect(result.code).toBe(1);
    const errors = result.lines.filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('overwrite: true');
    expect(github.byTag('v2.0.0')[0]?.body).toBe('Hand-written notes.');
    // The images are out: their outputs and summary are there for the steps that follow.
    expect(result.outputs.digest).toMatch(/^sha256:/);
    expect(outputLines(result.outputs.tags)).toContain(`${server}:2.0.0`);
    expect(result.outputs['release-url']).toBe('');
    expect(result.summary).toContain(`docker pull ${server}:2.0.0`);
  });

  it('makes no release when nothing was pushed', async () => {
    const sha = await repo.commitFiles({ 'app.txt': 'e\n' }, 'Three', '2024-05-01T00:00:00Z');
    await repo.tag('v3.0.0');
    const before = github.requests.length;
    const result = await run('v3.0.0', { push: 'false' })(sha);
    succeeded(result);
    expect(github.requests.length).toBe(before);
    expect(
      result.lines.some((l) =>
        /^::warning::No GitHub release for 3\.0\.0: nothing was pushed/.test(l),
      ),
    ).toBe(true);
  });
});
