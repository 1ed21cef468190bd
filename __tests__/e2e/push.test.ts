/**
 * End-to-end against real parts: the built action builds with buildah, pushes to Debian's
 * docker-registry (htpasswd auth, login in a Docker config file) with our client, and skopeo
 * checks what arrived. One repository walks through a release history, as a team would.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitRepo } from '../helpers/git.js';
import { dispatchPayload, pullRequestPayload, pushPayload } from '../helpers/payloads.js';
import { type RecordingProxy, startProxy } from '../helpers/proxy.js';
import { type TestRegistry, startRegistry } from '../helpers/registry.js';
import { type ActionResult, type ActionRun, outputLines, runAction } from '../helpers/runner.js';
import { removeTempDirs } from '../helpers/tmp.js';

const PLATFORMS = 'linux/amd64,linux/arm64';
const OCI = 'org.opencontainers.image';

let registry: TestRegistry;
let proxy: RecordingProxy;
let repo: GitRepo;
let image: string;

/** Docker config with the login for the registry and for the proxy in front of it. */
function dockerConfig(dir: string): string {
  const auth = Buffer.from(`${registry.username}:${registry.password}`).toString('base64');
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ auths: { [registry.host]: { auth }, [proxy.host]: { auth } } }),
  );
  return dir;
}

function skopeo([command, ...args]: string[]): Promise<string> {
  return registry.skopeo(command ?? '', args);
}

/** The digest a tag resolves to, computed from the raw manifest skopeo fetched. */
async function digestOf(tag: string): Promise<string> {
  const raw = await skopeo(['inspect', '--raw', `docker://${registry.host}/acme/app:${tag}`]);
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

async function tagsNow(): Promise<Record<string, string>> {
  const { Tags } = JSON.parse(
    await skopeo(['list-tags', `docker://${registry.host}/acme/app`]),
  ) as { Tags: string[] };
  const out: Record<string, string> = {};
  for (const tag of Tags.sort()) out[tag] = await digestOf(tag);
  return out;
}

/** A run of the built action in the test repository, building with buildah, releasing nothing. */
function publishRun(run: Omit<ActionRun, 'cwd' | 'env'>): Promise<ActionResult> {
  return runAction({
    ...run,
    inputs: {
      images: image,
      engine: 'buildah',
      platforms: PLATFORMS,
      cache: 'none',
      release: 'false',
      ...run.inputs,
    },
    env: { DOCKER_CONFIG: registry.dockerConfig },
    cwd: repo.dir,
  });
}

async function release(
  ref: string,
  content: string,
  date: string,
  inputs: Record<string, string> = {},
): Promise<{ result: ActionResult; sha: string }> {
  const sha = await repo.commitFiles({ 'app.txt': content }, `release ${ref}`, date);
  if (ref.startsWith('refs/tags/')) await repo.tag(ref.slice('refs/tags/'.length));
  const result = await publishRun({ event: 'push', payload: pushPayload(ref, sha, date), inputs });
  return { result, sha };
}

function succeeded(result: ActionResult): void {
  if (result.code !== 0) throw new Error(`the action failed:\n${result.stdout}\n${result.stderr}`);
}

beforeAll(async () => {
  registry = await startRegistry();
  proxy = await startProxy(registry.host);
  dockerConfig(registry.dockerConfig);
  image = `${registry.host}/acme/app`;
  repo = await GitRepo.init();
  await repo.commitFiles(
    {
      Dockerfile: 'FROM scratch\nCOPY app.txt /app.txt\n',
      '.dockerignore': '.git\n',
    },
    'Dockerfile',
    '2024-01-01T00:00:00Z',
  );
}, 60_000);

afterAll(async () => {
  await proxy.close();
  await registry.stop();
  removeTempDirs();
});

describe('a release history against a real registry', () => {
  let first: string;

  it('v1.2.3 pushes a two-platform index under 1.2.3, 1.2, 1 and latest', async () => {
    const { result, sha } = await release('refs/tags/v1.2.3', 'one\n', '2024-02-01T00:00:00Z');
    succeeded(result);
    first = result.outputs.digest ?? '';
    expect(first).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(outputLines(result.outputs.tags)).toEqual(
      ['1.2.3', '1.2', '1', 'latest'].map((t) => `${image}:${t}`),
    );
    expect(outputLines(result.outputs['image-refs'])).toEqual([`${image}@${first}`]);
    expect(result.outputs.platforms).toBe(PLATFORMS);
    expect(await tagsNow()).toEqual({ '1': first, '1.2': first, '1.2.3': first, latest: first });

    const index = JSON.parse(await skopeo(['inspect', '--raw', `docker://${image}:1.2.3`])) as {
      manifests: { platform: { architecture: string } }[];
    };
    expect(index.manifests.map((m) => m.platform.architecture).sort()).toEqual(['amd64', 'arm64']);
    for (const arch of ['amd64', 'arm64']) {
      const config = JSON.parse(
        await skopeo([
          'inspect',
          '--override-os',
          'linux',
          '--override-arch',
          arch,
          '--config',
          `docker://${image}:1.2.3`,
        ]),
      ) as { architecture: string; config: { Labels: Record<string, string> } };
      expect(config.architecture).toBe(arch);
      expect(config.config.Labels[`${OCI}.version`]).toBe('1.2.3');
      expect(config.config.Labels[`${OCI}.revision`]).toBe(sha);
    }
    expect(result.summary).toContain(`docker pull ${image}:1.2.3`);
    expect(result.summary).toContain(`docker pull ${image}@${first}`);
    // The mask command itself carries the secret to the runner, which never prints it.
    expect(result.lines).toContain(`::add-mask::${registry.password}`);
    const printed = result.lines.filter((l) => !l.startsWith('::add-mask::')).join('\n');
    expect(printed).not.toContain(registry.password);
    expect(result.stderr).not.toContain(registry.password);
  });

  it('re-running the same release succeeds and moves nothing', async () => {
    const sha = await repo.revParse('HEAD');
    const result = await publishRun({
      event: 'push',
      payload: pushPayload('refs/tags/v1.2.3', sha, '2024-02-01T00:00:00Z'),
    });
    succeeded(result);
    expect(result.outputs.digest).toBe(first);
    expect(await tagsNow()).toEqual({ '1': first, '1.2': first, '1.2.3': first, latest: first });
  });

  it('a second 1.2.3 with other content is refused before building, and nothing moves', async () => {
    await repo.git(['tag', '-d', 'v1.2.3']);
    const { result } = await release('refs/tags/v1.2.3', 'changed\n', '2024-02-02T00:00:00Z');
    expect(result.code).toBe(1);
    const errors = result.lines.filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${image}:1.2.3`);
    expect(errors[0]).toContain('overwrite: true');
    expect(result.stdout).not.toContain('Build with buildah');
    expect(result.outputFile).toBe('');
    expect(await tagsNow()).toEqual({ '1': first, '1.2': first, '1.2.3': first, latest: first });
  });

  it('1.2.4 moves 1.2, 1 and latest', async () => {
    const { result } = await release('refs/tags/v1.2.4', 'two\n', '2024-03-01T00:00:00Z');
    succeeded(result);
    const second = result.outputs.digest ?? '';
    expect(second).not.toBe(first);
    expect(await tagsNow()).toEqual({
      '1': second,
      '1.2': second,
      '1.2.3': first,
      '1.2.4': second,
      latest: second,
    });
  });

  it('a later 1.1.9 moves only 1.1', async () => {
    const before = await tagsNow();
    const { result } = await release('refs/tags/v1.1.9', 'backport\n', '2024-04-01T00:00:00Z');
    succeeded(result);
    const backport = result.outputs.digest ?? '';
    expect(outputLines(result.outputs['tag-names'])).toEqual(['1.1.9', '1.1']);
    expect(await tagsNow()).toEqual({ ...before, '1.1': backport, '1.1.9': backport });
  });

  it('promotion copies a branch build to its version tags without uploading a blob', async () => {
    const proxied = `${proxy.host}/acme/app`;
    const { result: dev, sha } = await release(
      'refs/heads/main',
      'candidate\n',
      '2024-05-01T00:00:00Z',
      {
        images: proxied,
      },
    );
    succeeded(dev);
    const devTag = `dev-${sha.slice(0, 7)}`;
    expect(outputLines(dev.outputs['tag-names'])).toEqual([devTag]);
    const candidate = dev.outputs.digest ?? '';

    // main moves on before the tested build is promoted.
    const head = await repo.commitFiles({ 'later.txt': 'x\n' }, 'later', '2024-05-02T00:00:00Z');
    proxy.reset();
    const promoted = await publishRun({
      event: 'workflow_dispatch',
      payload: dispatchPayload({ version: '2.0.0' }),
      ref: 'refs/heads/main',
      sha: head,
      inputs: { images: proxied, 'promote-from': devTag },
    });
    succeeded(promoted);
    expect(promoted.outputs.digest).toBe(candidate);
    // Published as what the image is: the commit it was built from, not the dispatch's HEAD.
    expect((JSON.parse(promoted.outputs.json ?? '{}') as { revision: string }).revision).toBe(sha);
    expect(promoted.stdout).toContain(`was built from commit ${sha.slice(0, 7)}`);
    expect(proxy.blobBytes()).toBe(0);
    expect(proxy.requests.filter((r) => r.path.includes('/blobs/'))).toEqual([]);
    expect(promoted.stdout).not.toContain('Build with buildah');
    const tags = await tagsNow();
    for (const t of ['2.0.0', '2.0', '2', 'latest']) expect(tags[t]).toBe(candidate);
    expect(tags[devTag]).toBe(candidate);
  });

  it('a pull request builds but pushes nothing', async () => {
    const before = await tagsNow();
    const sha = await repo.commitFiles(
      { 'app.txt': 'pr\n' },
      'a pull request',
      '2024-06-01T00:00:00Z',
    );
    const result = await publishRun({
      event: 'pull_request',
      payload: pullRequestPayload(7, sha),
      ref: 'refs/pull/7/merge',
      sha,
    });
    succeeded(result);
    expect(result.stdout).toContain('Build with buildah');
    expect(result.outputs.digest).toMatch(/^sha256:/);
    expect(result.outputs['image-refs']).toBe('');
    expect(outputLines(result.outputs.tags)).toEqual([`${image}:pr-7`]);
    expect(result.summary).toContain('nothing was pushed');
    expect(await tagsNow()).toEqual(before);
  });
});
