/**
 * The buildx engine. No Docker daemon runs where these tests run, so the argument list is
 * table-tested, and the whole engine runs against `docker` scripts on PATH: one without the
 * buildx plugin (the how-to-fix error), none at all, and one that answers like docker with the
 * default builder of GitHub's runners and records what it was asked.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type BuildxArgsOptions,
  buildxArgs,
  buildxBuilder,
  csvField,
  csvRecord,
  ghaCacheProblem,
  parseBuildxMetadata,
} from '../../src/build/buildx.js';
import { BINFMT_IMAGE, BUILDER_NAME } from '../../src/build/buildx-setup.js';
import type { BuildLog, BuildRequest } from '../../src/build/types.js';
import { UsageError } from '../../src/errors.js';
import { spawnExec } from '../../src/exec.js';
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js';

afterAll(removeTempDirs);

const DIGEST = `sha256:${'a1'.repeat(32)}`;

const base: BuildRequest = {
  context: '.',
  platforms: ['linux/amd64', 'linux/arm64'],
  buildArgs: [],
  labels: [],
  annotations: [],
  secrets: [],
  cache: 'none',
  cacheScope: 'app-linux-amd64-linux-arm64',
  push: true,
  images: ['ghcr.io/acme/app'],
  tempDir: '/tmp/rt',
};
const opts: BuildxArgsOptions = {
  metadataFile: '/tmp/rt/w/metadata.json',
  secretFiles: [],
  ghaCache: false,
};
const OUT = 'type=image,name=ghcr.io/acme/app,push-by-digest=true,name-canonical=true,push=true';

describe('csvField', () => {
  it.each([
    ['name=ghcr.io/acme/app', 'name=ghcr.io/acme/app'],
    ['name=a,b', '"name=a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    [' lead', '" lead"'],
    ['', ''],
  ])('%j → %j', (field, expected) => {
    expect(csvField(field)).toBe(expected);
  });

  it('keeps every image of a name list in one field', () => {
    expect(csvRecord(['type=image', 'name=ghcr.io/a/b,docker.io/a/b', 'push=true'])).toBe(
      'type=image,"name=ghcr.io/a/b,docker.io/a/b",push=true',
    );
  });
});

describe('buildxArgs', () => {
  // prettier-ignore
  const cases: {
    name: string;
    request?: Partial<BuildRequest>;
    options?: Partial<BuildxArgsOptions>;
    expected: string[];
  }[] = [
    {
      name: 'the minimum: platforms, metadata file, push by digest, context last',
      expected: [
        'buildx', 'build', '--progress', 'plain', '--platform', 'linux/amd64,linux/arm64',
        '--metadata-file', '/tmp/rt/w/metadata.json', '--output', OUT, '.',
      ],
    },
    {
      name: 'two images: one quoted CSV field for the names',
      request: { images: ['ghcr.io/acme/app', 'docker.io/acme/app'] },
      expected: [
        'buildx', 'build', '--progress', 'plain', '--platform', 'linux/amd64,linux/arm64',
        '--metadata-file', '/tmp/rt/w/metadata.json',
        '--output',
        'type=image,"name=ghcr.io/acme/app,docker.io/acme/app",push-by-digest=true,name-canonical=true,push=true',
        '.',
      ],
    },
    {
      name: 'not pushing',
      request: { push: false },
      expected: [
        'buildx', 'build', '--progress', 'plain', '--platform', 'linux/amd64,linux/arm64',
        '--metadata-file', '/tmp/rt/w/metadata.json',
        '--output', 'type=image,name=ghcr.io/acme/app,push-by-digest=true,name-canonical=true,push=false',
        '.',
      ],
    },
    {
      name: 'not pushing and no image: a plain image output',
      request: { push: false, images: [] },
      expected: [
        'buildx', 'build', '--progress', 'plain', '--platform', 'linux/amd64,linux/arm64',
        '--metadata-file', '/tmp/rt/w/metadata.json', '--output', 'type=image,push=false', '.',
      ],
    },
    {
      name: 'everything',
      request: {
        context: 'server',
        file: 'server/Containerfile',
        target: 'runtime',
        buildArgs: [
          { key: 'VERSION', value: '1.2.3' },
          { key: 'LIST', value: 'a,b c' },
        ],
        labels: [{ key: 'org.opencontainers.image.description', value: 'An app, with "quotes"' }],
        annotations: [
          'manifest:org.opencontainers.image.version=1.2.3',
          'index:org.opencontainers.image.version=1.2.3',
        ],
        secrets: [{ id: 'npm_token', value: 'x' }],
        provenance: 'mode=max',
        sbom: 'true',
        sourceDateEpoch: '1700000000',
      },
      options: {
        builder: BUILDER_NAME,
        ghaCache: true,
        secretFiles: [{ id: 'npm_token', path: '/tmp/rt/w/secret-0' }],
      },
      expected: [
        'buildx', 'build', '--builder', 'image-release', '--progress', 'plain',
        '--platform', 'linux/amd64,linux/arm64',
        '--file', 'server/Containerfile', '--target', 'runtime',
        '--build-arg', 'VERSION=1.2.3', '--build-arg', 'LIST=a,b c',
        '--build-arg', 'SOURCE_DATE_EPOCH=1700000000',
        '--label', 'org.opencontainers.image.description=An app, with "quotes"',
        '--annotation', 'manifest:org.opencontainers.image.version=1.2.3',
        '--annotation', 'index:org.opencontainers.image.version=1.2.3',
        '--secret', 'id=npm_token,src=/tmp/rt/w/secret-0',
        '--cache-from', 'type=gha,scope=app-linux-amd64-linux-arm64',
        '--cache-to', 'type=gha,scope=app-linux-amd64-linux-arm64,mode=max,ignore-error=true',
        '--provenance', 'mode=max', '--sbom', 'true',
        '--metadata-file', '/tmp/rt/w/metadata.json',
        '--output', `${OUT},rewrite-timestamp=true`,
        'server',
      ],
    },
    {
      name: 'SOURCE_DATE_EPOCH already among the build args is not given twice',
      request: {
        platforms: ['linux/amd64'],
        buildArgs: [{ key: 'SOURCE_DATE_EPOCH', value: '1700000000' }],
        sourceDateEpoch: '1700000000',
      },
      expected: [
        'buildx', 'build', '--progress', 'plain', '--platform', 'linux/amd64',
        '--build-arg', 'SOURCE_DATE_EPOCH=1700000000',
        '--metadata-file', '/tmp/rt/w/metadata.json',
        '--output', `${OUT},rewrite-timestamp=true`, '.',
      ],
    },
    {
      name: 'a cache scope and a secret path with commas are quoted',
      request: { cacheScope: 'app,x', secrets: [{ id: 's', value: 'v' }] },
      options: { ghaCache: true, secretFiles: [{ id: 's', path: '/tmp/a,b/secret-0' }] },
      expected: [
        'buildx', 'build', '--progress', 'plain', '--platform', 'linux/amd64,linux/arm64',
        '--secret', 'id=s,"src=/tmp/a,b/secret-0"',
        '--cache-from', 'type=gha,"scope=app,x"',
        '--cache-to', 'type=gha,"scope=app,x",mode=max,ignore-error=true',
        '--metadata-file', '/tmp/rt/w/metadata.json', '--output', OUT, '.',
      ],
    },
    {
      name: 'a context and a file starting with - are not options',
      request: { context: '-ctx', file: '-Dockerfile' },
      expected: [
        'buildx', 'build', '--progress', 'plain', '--platform', 'linux/amd64,linux/arm64',
        '--file', './-Dockerfile',
        '--metadata-file', '/tmp/rt/w/metadata.json', '--output', OUT, './-ctx',
      ],
    },
  ];

  it.each(cases)('$name', ({ request, options, expected }) => {
    expect(buildxArgs({ ...base, ...request }, { ...opts, ...options })).toEqual(expected);
  });

  it('refuses to push without an image', () => {
    expect(() => buildxArgs({ ...base, images: [] }, opts)).toThrow(
      /push needs at least one image/,
    );
  });

  it('refuses a secret id that would break the option', () => {
    expect(() =>
      buildxArgs({ ...base, secrets: [{ id: 'a,src=/etc/passwd', value: '' }] }, opts),
    ).toThrow(UsageError);
  });
});

describe('parseBuildxMetadata', () => {
  it('reads the digest and the media type', () => {
    const text = JSON.stringify({
      'buildx.build.ref': 'image-release/image-release0/x',
      'containerimage.descriptor': {
        mediaType: 'application/vnd.oci.image.index.v1+json',
        digest: DIGEST,
        size: 1609,
      },
      'containerimage.digest': DIGEST,
    });
    expect(parseBuildxMetadata(text, 'm.json')).toEqual({
      digest: DIGEST,
      mediaType: 'application/vnd.oci.image.index.v1+json',
    });
  });

  it.each([
    ['not JSON', 'not json', /metadata file 'm.json' is not JSON/],
    ['no digest', '{}', /no valid containerimage.digest \(found undefined\)/],
    ['a bad digest', '{"containerimage.digest":"sha256:xyz"}', /no valid containerimage.digest/],
    ['a JSON array', '[]', /no valid containerimage.digest/],
  ])('%s is a clear error', (_, text, message) => {
    expect(() => parseBuildxMetadata(text, 'm.json')).toThrow(message);
  });
});

describe('ghaCacheProblem', () => {
  it.each([
    [{ ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'https://r/' }, undefined],
    [{ ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_CACHE_URL: 'https://c/' }, undefined],
    [{ ACTIONS_RESULTS_URL: 'https://r/' }, /needs ACTIONS_RUNTIME_TOKEN in/],
    [{}, /needs ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL/],
  ])('%j', (env, expected) => {
    const problem = ghaCacheProblem(env);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });
});

// ---- the engine against scripted `docker` programs ----

function recorder(): BuildLog & { infos: string[]; warnings: string[]; lines: string[] } {
  const infos: string[] = [];
  const warnings: string[] = [];
  const lines: string[] = [];
  return {
    infos,
    warnings,
    lines,
    info: (m) => infos.push(m),
    warning: (m) => warnings.push(m),
    output: (l) => lines.push(l),
  };
}

function fakeDocker(script: string): string {
  const dir = makeTempDir('image-release-fake-docker-');
  writeFileSync(join(dir, 'docker'), `#!/bin/sh\n${script}`);
  chmodSync(join(dir, 'docker'), 0o755);
  return dir;
}

const INSPECT = fileURLToPath(
  new URL('../fixtures/build/inspect-runner-default.txt', import.meta.url),
);

/**
 * Answers like docker with the runner's default builder: no builder named image-release yet,
 * `create` succeeds, and `buildx build` writes the metadata file. Every call's arguments go to
 * $CALLS one per line, a call ending with `--`; the build also records what it could see.
 */
const SCRIPTED = String.raw`
for a in "$@"; do printf '%s\n' "$a" >> "$CALLS"; done
echo -- >> "$CALLS"
case "$1 $2" in
  "buildx version") echo "github.com/docker/buildx v0.30.1 0123456"; exit 0 ;;
  "buildx inspect")
    if [ -n "$4" ]; then echo "ERROR: no builder \"$4\" found" >&2; exit 1; fi
    cat "$INSPECT"; exit 0 ;;
  "buildx create") echo image-release; exit 0 ;;
  "run --privileged") echo "installing: arm64 OK"; exit 0 ;;
  "buildx build")
    meta=""
    while [ $# -gt 0 ]; do
      case "$1" in
        --metadata-file) meta="$2"; shift ;;
        --secret) src="${'$'}{2#*src=}"; stat -c 'secret %a' "$src" >> "$SEEN"; cat "$src" >> "$SEEN"; echo >> "$SEEN"; shift ;;
      esac
      shift
    done
    echo "token=$ACTIONS_RUNTIME_TOKEN results=$ACTIONS_RESULTS_URL" >> "$SEEN"
    echo "#1 [internal] load build definition from Dockerfile"
    echo "#9 DONE 0.1s" >&2
    if [ "$FAIL" = 1 ]; then echo "ERROR: failed to solve: process did not complete successfully" >&2; exit 1; fi
    printf '{"containerimage.digest":"%s","containerimage.descriptor":{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"%s","size":1609}}' "$DIGEST" "$DIGEST" > "$meta"
    exit 0 ;;
esac
echo "unexpected call: $*" >&2
exit 1
`;

function calls(file: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n').slice(0, -1)) {
    if (line === '--') {
      out.push(current);
      current = [];
    } else current.push(line);
  }
  return out;
}

describe('buildxBuilder', () => {
  it('without the buildx plugin fails with how to get it', async () => {
    const bin = fakeDocker(
      `if [ "$1 $2" = "buildx version" ]; then echo "docker: 'buildx' is not a docker command." >&2; echo "See 'docker --help'" >&2; exit 1; fi\nexit 0\n`,
    );
    const tempDir = makeTempDir();
    const builder = buildxBuilder({
      exec: spawnExec,
      env: { PATH: `${bin}:/usr/bin:/bin` },
      cwd: tempDir,
    });
    const error = await builder.build({ ...base, tempDir }, recorder()).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain("'buildx' is not a docker command.");
    expect(error?.message).toContain('docker/setup-buildx-action');
    expect(error?.message).toContain('buildx plugin');
    expect(error?.message).toContain('engine: buildah');
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('without docker fails saying so', async () => {
    const empty = makeTempDir();
    const builder = buildxBuilder({ exec: spawnExec, env: { PATH: empty }, cwd: empty });
    await expect(builder.build({ ...base, tempDir: empty }, recorder())).rejects.toThrow(
      /the docker CLI is not installed \(not on PATH\).*engine: buildah/,
    );
  });

  it('with a daemon that does not answer, says to check it', async () => {
    const bin = fakeDocker(
      `case "$1 $2" in "buildx version") echo v0.30.1; exit 0;; esac\necho "ERROR: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2\nexit 1\n`,
    );
    const tempDir = makeTempDir();
    const builder = buildxBuilder({
      exec: spawnExec,
      env: { PATH: `${bin}:/usr/bin:/bin` },
      cwd: tempDir,
    });
    await expect(builder.build({ ...base, tempDir }, recorder())).rejects.toThrow(
      /'docker buildx inspect --bootstrap' failed \(ERROR: Cannot connect to the Docker daemon.*Check that the Docker daemon runs/,
    );
  });

  function scripted(extraEnv: Record<string, string> = {}) {
    const bin = fakeDocker(SCRIPTED);
    const work = makeTempDir();
    const env = {
      PATH: `${bin}:/usr/bin:/bin`,
      CALLS: join(work, 'calls'),
      SEEN: join(work, 'seen'),
      INSPECT,
      DIGEST,
      ...extraEnv,
    };
    const tempDir = join(work, 'runner-temp');
    return { env, work, tempDir, builder: buildxBuilder({ exec: spawnExec, env, cwd: work }) };
  }

  it('on the runner default builder: QEMU, a docker-container builder, the build with cache and secrets', async () => {
    const { env, tempDir, builder } = scripted({
      ACTIONS_RUNTIME_TOKEN: 'runtime-token',
      ACTIONS_RESULTS_URL: 'https://results.example/',
    });
    const log = recorder();
    const result = await builder.build(
      {
        ...base,
        tempDir,
        cache: 'gha',
        secrets: [
          { id: 'npm_token', value: 'npm-secret' },
          { id: 'pip', value: 'pip-secret' },
        ],
      },
      log,
    );
    expect(result).toEqual({
      kind: 'registry',
      digest: DIGEST,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      pushed: true,
    });
    const all = calls(env.CALLS);
    expect(all.map((c) => c.slice(0, 3).join(' '))).toEqual([
      'buildx version',
      'buildx inspect --bootstrap',
      `run --privileged --rm`,
      `buildx inspect --bootstrap`,
      'buildx create --name',
      'buildx build --builder',
    ]);
    expect(all[2]).toEqual(['run', '--privileged', '--rm', BINFMT_IMAGE, '--install', 'arm64']);
    expect(all[3]).toEqual(['buildx', 'inspect', '--bootstrap', BUILDER_NAME]);
    expect(all[4]).toEqual([
      'buildx',
      'create',
      '--name',
      BUILDER_NAME,
      '--driver',
      'docker-container',
      '--bootstrap',
    ]);
    const build = all[5] ?? [];
    expect(build.slice(0, 3)).toEqual(['buildx', 'build', '--builder']);
    expect(build).toContain(
      'type=gha,scope=app-linux-amd64-linux-arm64,mode=max,ignore-error=true',
    );
    expect(build.at(-1)).toBe('.');
    // The build saw 0600 secret files with the values, and the runner's cache credentials.
    expect(readFileSync(env.SEEN, 'utf8')).toBe(
      'secret 600\nnpm-secret\nsecret 600\npip-secret\ntoken=runtime-token results=https://results.example/\n',
    );
    // Secret files and the metadata file are gone; the temp directory itself stays.
    expect(readdirSync(tempDir)).toEqual([]);
    expect(log.lines).toEqual(
      expect.arrayContaining([
        'installing: arm64 OK',
        '#1 [internal] load build definition from Dockerfile',
        '#9 DONE 0.1s',
      ]),
    );
    expect(log.warnings).toEqual([]);
  });

  it('pushing to a registry on this machine gives the new builder the host network', async () => {
    const { env, tempDir, builder } = scripted();
    await builder.build({ ...base, tempDir, images: ['127.0.0.1:5000/acme/app'] }, recorder());
    const create = calls(env.CALLS).find((c) => c[1] === 'create') ?? [];
    expect(create).toEqual([
      'buildx',
      'create',
      '--name',
      BUILDER_NAME,
      '--driver',
      'docker-container',
      '--driver-opt',
      'network=host',
      '--bootstrap',
    ]);
  });

  it('outside Actions, cache: gha is skipped with a warning', async () => {
    const { env, tempDir, builder } = scripted();
    const log = recorder();
    await builder.build({ ...base, tempDir, cache: 'gha', platforms: ['linux/amd64'] }, log);
    const build = calls(env.CALLS).at(-1) ?? [];
    expect(build.some((a) => a.startsWith('type=gha'))).toBe(false);
    expect(log.warnings).toEqual([expect.stringMatching(/cache: gha needs ACTIONS_RUNTIME_TOKEN/)]);
    // amd64 alone needs no QEMU.
    expect(calls(env.CALLS).some((c) => c[0] === 'run')).toBe(false);
  });

  it('a failed build names the failure and removes the secret files', async () => {
    const { tempDir, builder } = scripted({ FAIL: '1' });
    await expect(
      builder.build({ ...base, tempDir, secrets: [{ id: 's', value: 'v' }] }, recorder()),
    ).rejects.toThrow(/buildx: the build failed \(exit code 1\).*\n.*failed to solve/s);
    expect(existsSync(tempDir)).toBe(true);
    expect(readdirSync(tempDir)).toEqual([]);
  });
});
