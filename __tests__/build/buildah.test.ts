/**
 * The buildah engine: its argument list table-tested, then real builds of a FROM scratch image
 * for linux/amd64 and linux/arm64 (COPY needs no emulator), read back from the OCI layout and
 * checked by skopeo. `.ci/run` installs buildah and skopeo; a machine without them fails here.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildahAnnotations,
  buildahBuildArgs,
  buildahBuilder,
  buildahEnv,
  platformMismatch,
} from '../../src/build/buildah.js';
import { readLayout, sha256Digest } from '../../src/build/layout.js';
import type { BuildLog, BuildRequest, LayoutResult } from '../../src/build/types.js';
import { UsageError } from '../../src/errors.js';
import { spawnExec } from '../../src/exec.js';
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js';

afterAll(removeTempDirs);

const base: BuildRequest = {
  context: '.',
  platforms: ['linux/amd64', 'linux/arm64'],
  buildArgs: [],
  labels: [],
  annotations: [],
  secrets: [],
  cache: 'gha',
  cacheScope: 'app',
  push: true,
  images: ['ghcr.io/acme/app'],
  tempDir: '/tmp/rt',
};
const LIST = 'localhost/image-release-0123456789ab';

describe('buildahBuildArgs', () => {
  // prettier-ignore
  const cases: { name: string; request?: Partial<BuildRequest>; expected: string[] }[] = [
    {
      name: 'the minimum',
      expected: [
        'build', '--format', 'oci', '--platform', 'linux/amd64,linux/arm64', '--manifest', LIST, '.',
      ],
    },
    {
      name: 'everything; index annotations are left for the layout, cache and push ignored',
      request: {
        context: 'server',
        file: 'server/Containerfile',
        target: 'runtime',
        buildArgs: [{ key: 'VERSION', value: '1.2.3' }, { key: 'LIST', value: 'a,b c' }],
        labels: [{ key: 'org.opencontainers.image.title', value: 'app, "the" app' }],
        annotations: [
          'manifest:org.opencontainers.image.version=1.2.3',
          'index:org.opencontainers.image.version=1.2.3',
          'manifest-descriptor:com.example.d=1',
          'org.opencontainers.image.url=https://example.com/a=b',
        ],
        secrets: [{ id: 'npm_token', value: 'x' }],
        sourceDateEpoch: '1700000000',
        provenance: 'mode=max',
      },
      expected: [
        'build', '--format', 'oci', '--platform', 'linux/amd64,linux/arm64', '--manifest', LIST,
        '--file', 'server/Containerfile', '--target', 'runtime',
        '--build-arg', 'VERSION=1.2.3', '--build-arg', 'LIST=a,b c',
        '--label', 'org.opencontainers.image.title=app, "the" app',
        '--annotation', 'org.opencontainers.image.version=1.2.3',
        '--annotation', 'org.opencontainers.image.url=https://example.com/a=b',
        '--secret', 'id=npm_token,src=/tmp/rt/w/secret-0',
        '--timestamp', '1700000000',
        'server',
      ],
    },
    {
      name: 'no platform: the host one',
      request: { platforms: [] },
      expected: ['build', '--format', 'oci', '--manifest', LIST, '.'],
    },
    {
      name: 'one platform; a context starting with - is not an option',
      request: { platforms: ['linux/arm64'], context: '-ctx' },
      expected: ['build', '--format', 'oci', '--platform', 'linux/arm64', '--manifest', LIST, './-ctx'],
    },
  ];

  it.each(cases)('$name', ({ request, expected }) => {
    const r = { ...base, ...request };
    const secretFiles = r.secrets.map((s, i) => ({ id: s.id, path: `/tmp/rt/w/secret-${i}` }));
    expect(buildahBuildArgs(r, { listName: LIST, secretFiles })).toEqual(expected);
  });

  it.each([
    [
      'a timestamp that is no number',
      { sourceDateEpoch: '2024-01-01' },
      /SOURCE_DATE_EPOCH: '2024-01-01' is not a number/,
    ],
    [
      'a platform-qualified annotation',
      { annotations: ['manifest[linux/amd64]:a=b'] },
      /drop \[linux\/amd64\] or use engine buildx/,
    ],
    [
      'an annotation without =',
      { annotations: ['index:novalue'] },
      /'index:novalue' is not of the form \[level:\]key=value/,
    ],
    [
      'a bad secret id',
      { secrets: [{ id: 'a,b', value: '' }] },
      /secret id 'a,b' may contain only/,
    ],
  ])('refuses %s', (_, request, message) => {
    const call = () =>
      buildahBuildArgs({ ...base, ...request }, { listName: LIST, secretFiles: [] });
    expect(call).toThrow(UsageError);
    expect(call).toThrow(message);
  });

  it('refuses a secret path with a comma, which buildah would split', () => {
    expect(() =>
      buildahBuildArgs(
        { ...base, secrets: [{ id: 's', value: 'v' }] },
        { listName: LIST, secretFiles: [{ id: 's', path: '/tmp/a,b/secret-0' }] },
      ),
    ).toThrow(/has a comma in its path/);
  });
});

describe('buildahAnnotations', () => {
  it('groups by level, the last line winning; no level means manifest', () => {
    expect(
      buildahAnnotations([
        'manifest,index:k=1',
        'index:k=2',
        'plain=x',
        'index-descriptor:d=y',
        'notalevel:key=v',
      ]),
    ).toEqual({
      manifest: { k: '1', plain: 'x', 'notalevel:key': 'v' },
      index: { k: '2' },
      'manifest-descriptor': {},
      'index-descriptor': { d: 'y' },
    });
  });
});

describe('buildahEnv', () => {
  it('sets chroot isolation in a container unless the environment chose one', () => {
    expect(buildahEnv({ PATH: '/bin' }, true)).toEqual({
      PATH: '/bin',
      BUILDAH_ISOLATION: 'chroot',
    });
    expect(buildahEnv({ BUILDAH_ISOLATION: 'oci' }, true)).toEqual({ BUILDAH_ISOLATION: 'oci' });
    expect(buildahEnv({ PATH: '/bin' }, false)).toEqual({ PATH: '/bin' });
  });

  it('keeps STORAGE_DRIVER and the rest for buildah to read', () => {
    expect(buildahEnv({ STORAGE_DRIVER: 'vfs', HOME: '/root' }, true)).toMatchObject({
      STORAGE_DRIVER: 'vfs',
      HOME: '/root',
    });
  });
});

describe('platformMismatch', () => {
  it.each([
    [['linux/amd64', 'linux/arm64'], ['linux/arm64', 'linux/amd64'], undefined],
    [['linux/arm64/v8'], ['linux/arm64'], undefined],
    [
      ['linux/amd64', 'linux/arm64'],
      ['linux/amd64'],
      'asked for linux/amd64, linux/arm64 but the manifest list holds linux/amd64',
    ],
    [['linux/amd64'], [], 'asked for linux/amd64 but the manifest list holds nothing'],
  ])('%j built as %j', (requested, built, expected) => {
    expect(platformMismatch(requested, built)).toBe(expected);
  });
});

// ---- real builds ----

const OCI = 'org.opencontainers.image';

function recorder(): BuildLog & { warnings: string[]; lines: string[] } {
  const warnings: string[] = [];
  const lines: string[] = [];
  return {
    warnings,
    lines,
    info: () => {},
    warning: (m) => warnings.push(m),
    output: (l) => lines.push(l),
  };
}

function buildah(args: string[]): string {
  return execFileSync('buildah', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A workspace with a FROM scratch Dockerfile copying `hello.txt` with the given content. */
function workspace(content: string): string {
  const dir = makeTempDir('image-release-buildah-');
  mkdirSync(join(dir, 'app'));
  writeFileSync(
    join(dir, 'app', 'Containerfile'),
    'FROM scratch\nARG VERSION\nCOPY hello.txt /hello.txt\nLABEL stage=final\n',
  );
  writeFileSync(join(dir, 'app', 'hello.txt'), content);
  return dir;
}

function request(tempDir: string): BuildRequest {
  return {
    ...base,
    context: 'app',
    file: 'app/Containerfile',
    buildArgs: [{ key: 'VERSION', value: '1.2.3' }],
    labels: [
      { key: `${OCI}.version`, value: '1.2.3' },
      { key: `${OCI}.description`, value: 'An app, with "quotes"' },
    ],
    annotations: [
      `manifest:${OCI}.description=An app, with "quotes"`,
      `manifest:${OCI}.version=1.2.3`,
      `index:${OCI}.description=An app, with "quotes"`,
      `index:${OCI}.version=1.2.3`,
      'manifest-descriptor:com.example.kind=runtime',
    ],
    secrets: [{ id: 'npm_token', value: 'not used by this Containerfile' }],
    sourceDateEpoch: '1700000000',
    tempDir,
  };
}

async function build(
  dir: string,
  r: BuildRequest = request(join(dir, 'rt')),
): Promise<LayoutResult> {
  const builder = buildahBuilder({ exec: spawnExec, env: process.env, cwd: dir });
  const result = await builder.build(r, recorder());
  if (result.kind !== 'layout') throw new Error('buildah returned no layout');
  return result;
}

describe('buildahBuilder (real buildah)', () => {
  let first: LayoutResult;
  let dir: string;

  it('builds both platforms into an OCI layout with labels and annotations', async () => {
    dir = workspace('hello\n');
    first = await build(dir);
    expect(first.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(first.dir.startsWith(join(dir, 'rt', 'image-release-oci-'))).toBe(true);
    // Only the layout is left in the temp directory: the secret files are gone.
    expect(readdirSync(join(dir, 'rt'))).toEqual([first.dir.slice(join(dir, 'rt').length + 1)]);

    const layout = await readLayout(first.dir);
    expect(layout.descriptor.digest).toBe(first.digest);
    expect(sha256Digest(layout.bytes)).toBe(first.digest);
    const index = JSON.parse(Buffer.from(layout.bytes).toString('utf8')) as {
      annotations: Record<string, string>;
      manifests: { platform: { architecture: string }; annotations: Record<string, string> }[];
    };
    // In the requested order, whichever platform buildah finished first.
    expect(index.manifests.map((m) => m.platform.architecture)).toEqual(['amd64', 'arm64']);
    expect(index.annotations).toEqual({
      [`${OCI}.description`]: 'An app, with "quotes"',
      [`${OCI}.version`]: '1.2.3',
    });
    for (const m of index.manifests)
      expect(m.annotations).toEqual({ 'com.example.kind': 'runtime' });

    for (const [i, m] of layout.manifests.entries()) {
      const manifest = JSON.parse(Buffer.from(m.bytes).toString('utf8')) as {
        annotations: Record<string, string>;
      };
      expect(manifest.annotations).toMatchObject({
        [`${OCI}.description`]: 'An app, with "quotes"',
        [`${OCI}.version`]: '1.2.3',
      });
      const config = JSON.parse(execFileSync('cat', [m.config.path], { encoding: 'utf8' })) as {
        architecture: string;
        created: string;
        config: { Labels: Record<string, string> };
      };
      expect(config.architecture).toBe(['amd64', 'arm64'][i]);
      expect(config.created).toBe('2023-11-14T22:13:20Z');
      expect(config.config.Labels).toMatchObject({
        [`${OCI}.version`]: '1.2.3',
        [`${OCI}.description`]: 'An app, with "quotes"',
        stage: 'final',
      });
    }

    // Another OCI tool reads the rewritten layout and finds the same index.
    const raw = execFileSync('skopeo', ['inspect', '--raw', `oci:${first.dir}`]);
    expect(sha256Digest(raw)).toBe(first.digest);

    // The local manifest list and the built images (their IDs are the config digests) are gone.
    const images = buildah(['images', '--all', '--no-trunc', '--format', '{{.ID}} {{.Name}}']);
    for (const m of layout.manifests) expect(images).not.toContain(m.config.digest);
    expect(images).not.toContain('localhost/image-release-');
  });

  it('builds the same sources to the same digest', async () => {
    const again = await build(workspace('hello\n'));
    expect(again.digest).toBe(first.digest);
    expect(again.dir).not.toBe(first.dir);
  });

  it('builds different content to a different digest', async () => {
    const other = await build(workspace('hello, world\n'));
    expect(other.digest).not.toBe(first.digest);
  });

  it('builds one platform into an index too', async () => {
    const d = workspace('one\n');
    const one = await build(d, { ...request(join(d, 'rt')), platforms: ['linux/arm64'] });
    const layout = await readLayout(one.dir);
    expect(layout.manifests.map((m) => m.descriptor.platform?.architecture)).toEqual(['arm64']);
  });

  it('keeps an equal image that was in storage before the build', async () => {
    const d = workspace('kept\n');
    const r = { ...request(join(d, 'rt')), platforms: ['linux/amd64'] };
    const list = `localhost/image-release-test-${process.pid}`;
    execFileSync('buildah', buildahBuildArgs(r, { listName: list, secretFiles: [] }), {
      cwd: d,
      stdio: 'ignore',
    });
    let id = '';
    try {
      const result = await build(d, r);
      id = (await readLayout(result.dir)).manifests[0]?.config.digest ?? '';
      expect(buildah(['images', '--all', '--quiet', '--no-trunc'])).toContain(id);
    } finally {
      buildah(['manifest', 'rm', list]);
      if (id) buildah(['rmi', id]);
    }
  });

  it('fails with the build error, and leaves no layout or secret behind', async () => {
    const d = workspace('x\n');
    writeFileSync(join(d, 'app', 'Containerfile'), 'FROM scratch\nCOPY missing.txt /\n');
    const tempDir = join(d, 'rt');
    await expect(build(d, request(tempDir))).rejects.toThrow(
      /buildah: the build failed \(exit code \d+\).*missing\.txt/s,
    );
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('without buildah on PATH says how to get it', async () => {
    const empty = makeTempDir();
    const builder = buildahBuilder({ exec: spawnExec, env: { PATH: empty }, cwd: empty });
    await expect(builder.build(request(join(empty, 'rt')), recorder())).rejects.toThrow(
      /buildah is not installed \(not on PATH\).*apt-get install -y buildah.*engine: buildx/,
    );
    expect(existsSync(join(empty, 'rt'))).toBe(false);
  });
});
