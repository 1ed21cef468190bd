/**
 * The buildah engine: daemonless, rootless or root. `buildah build --manifest` builds every
 * platform into a local manifest list, `buildah manifest push --all oci:<dir>` exports it as an
 * OCI image layout, and the publish step uploads that by digest with our registry client —
 * buildah itself pushes nothing, so no tag is written outside the publish step's guards.
 *
 * Storage: no `--storage-driver` is passed. buildah takes STORAGE_DRIVER from the environment and
 * otherwise its storage.conf: overlay as root, and rootless on the kernels GitHub's runners have
 * (native rootless overlay since Linux 5.13, else fuse-overlayfs when installed). Forcing one
 * would break a machine whose storage was made with the other ("database configuration
 * mismatch"); `STORAGE_DRIVER=vfs` is the slow fallback that works everywhere.
 *
 * Isolation: inside a container (Docker's /.dockerenv, Podman's /run/.containerenv) RUN steps
 * cannot make the namespaces buildah's default isolation needs, so BUILDAH_ISOLATION=chroot is
 * set there unless the environment sets it.
 *
 * Layer cache: `--layers` is not passed. buildah 1.28's layer cache does not key on the target
 * platform for steps whose base is the same on every platform (`FROM scratch`, or
 * `FROM --platform=$BUILDPLATFORM`): with `--layers`, a linux/amd64,linux/arm64 build reused the
 * arm64 image for amd64 and left a one-platform list. BUILDAH_LAYERS=true turns it on anyway;
 * the platform check after the build catches that failure.
 *
 * Annotations: `manifest` through `buildah build --annotation`; `index`, `manifest-descriptor`
 * and `index-descriptor` by rewriting the exported index (layout.ts `editLayoutIndex`), since
 * buildah 1.28 has no `manifest annotate --index`. A platform-qualified annotation
 * (`manifest[linux/amd64]:…`) is refused: one build annotates every platform alike.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Exec } from '../exec.js';
import { type AnnotationsByLevel, annotationsByLevel, parseAnnotation } from './annotations.js';
import { safePath, tail } from './buildx.js';
import { editLayoutIndex, readLayout } from './layout.js';
import {
  hostPlatform,
  normalizePlatform,
  platformString,
  platformsWithoutEmulator,
} from './platforms.js';
import type { BuildLog, BuildRequest, Builder, BuilderDeps, LayoutResult } from './types.js';
import { type SecretFile, checkSecretIds, makeWorkDir } from './workdir.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The annotations of a request by level, refusing what buildah cannot do. */
export function buildahAnnotations(lines: readonly string[]): AnnotationsByLevel {
  const parsed = lines.map(parseAnnotation);
  for (const [i, a] of parsed.entries()) {
    if (a.platform !== undefined) {
      throw new UsageError(
        'annotations',
        `'${lines[i] ?? ''}': engine buildah annotates every platform alike; drop [${a.platform}] or use engine buildx`,
      );
    }
  }
  return annotationsByLevel(parsed);
}

export interface BuildahArgsOptions {
  /** The local manifest list the platforms are built into; unique per run. */
  readonly listName: string;
  readonly secretFiles: readonly SecretFile[];
}

/** The arguments of `buildah` for the build; pure. The context comes last. */
export function buildahBuildArgs(request: BuildRequest, options: BuildahArgsOptions): string[] {
  checkSecretIds(request.secrets);
  const annotations = buildahAnnotations(request.annotations);
  // BUILDAH_FORMAT=docker would make Docker v2 manifests, which carry no annotations.
  const args = ['build', '--format', 'oci'];
  if (request.platforms.length > 0) args.push('--platform', request.platforms.join(','));
  args.push('--manifest', options.listName);
  if (request.file !== undefined) args.push('--file', safePath(request.file));
  if (request.target !== undefined) args.push('--target', request.target);
  for (const { key, value } of request.buildArgs) args.push('--build-arg', `${key}=${value}`);
  for (const { key, value } of request.labels) args.push('--label', `${key}=${value}`);
  for (const [key, value] of Object.entries(annotations.manifest)) {
    args.push('--annotation', `${key}=${value}`);
  }
  for (const { id, path } of options.secretFiles) {
    // buildah splits this option at every comma and knows no quoting.
    if (path.includes(',')) {
      throw new UsageError(
        'RUNNER_TEMP',
        `the secret file '${path}' has a comma in its path, which buildah's --secret cannot take; use a temp directory without commas`,
      );
    }
    args.push('--secret', `id=${id},src=${path}`);
  }
  if (request.sourceDateEpoch !== undefined) {
    if (!/^[0-9]+$/.test(request.sourceDateEpoch)) {
      throw new UsageError(
        'SOURCE_DATE_EPOCH',
        `'${request.sourceDateEpoch}' is not a number of seconds since 1970`,
      );
    }
    args.push('--timestamp', request.sourceDateEpoch);
  }
  args.push(safePath(request.context));
  return args;
}

/** The environment for buildah: the caller's, plus chroot isolation inside a container. */
export function buildahEnv(env: Env, inContainer: boolean): Env {
  if (!inContainer || env.BUILDAH_ISOLATION) return env;
  return { ...env, BUILDAH_ISOLATION: 'chroot' };
}

function runningInContainer(env: Env): boolean {
  return existsSync('/.dockerenv') || existsSync('/run/.containerenv') || Boolean(env.container);
}

function registeredBinfmt(): string[] {
  try {
    return readdirSync('/proc/sys/fs/binfmt_misc');
  } catch {
    return [];
  }
}

/** The exact set check: a missing or extra platform is a wrong image, not a partial success. */
export function platformMismatch(
  requested: readonly string[],
  built: readonly string[],
): string | undefined {
  const want = [...new Set(requested.map(normalizePlatform))].sort();
  const got = [...built].map(normalizePlatform).sort();
  if (want.join(',') === got.join(',')) return undefined;
  return `asked for ${want.join(', ')} but the manifest list holds ${got.join(', ') || 'nothing'}`;
}

async function run(
  exec: Exec,
  args: string[],
  options: { env: Env; cwd?: string; log: BuildLog },
): Promise<{ code: number; stderr: string }> {
  const r = await exec('buildah', args, {
    env: options.env,
    ...(options.cwd !== undefined && { cwd: options.cwd }),
    onLine: (line) => options.log.output(line),
  });
  if (r.spawnError) {
    throw new Error(
      r.spawnError.code === 'ENOENT'
        ? 'engine buildah: buildah is not installed (not on PATH). Install it (sudo apt-get install -y buildah; the ubuntu runners of GitHub have it), or set engine: buildx'
        : `engine buildah: buildah cannot be started (${r.spawnError.message})`,
    );
  }
  return r;
}

async function runBuild(
  deps: BuilderDeps,
  request: BuildRequest,
  log: BuildLog,
): Promise<LayoutResult> {
  const env = buildahEnv(deps.env, runningInContainer(deps.env));
  const version = await run(deps.exec, ['--version'], { env, log });
  if (version.code !== 0) {
    throw new Error(`engine buildah: 'buildah --version' failed: ${tail(version.stderr, 2)}`);
  }

  // Settings that mean something to buildx only. cache defaults to gha, so that one is no warning.
  if (request.cache === 'gha') {
    log.info('engine buildah keeps no layer cache between runs: cache: gha applies to buildx only');
  }
  for (const [name, value] of [
    ['provenance', request.provenance],
    ['sbom', request.sbom],
  ] as const) {
    if (value !== undefined) {
      log.warning(
        `engine buildah makes no attestations: ${name}: ${value} is ignored (engine buildx makes them)`,
      );
    }
  }

  const noEmulator = platformsWithoutEmulator(
    request.platforms,
    hostPlatform(),
    registeredBinfmt(),
  );
  if (noEmulator.length > 0) {
    log.warning(
      `No QEMU emulator is registered for ${noEmulator.join(', ')}: RUN steps for them will fail with 'exec format error' (COPY-only stages are fine). Add docker/setup-qemu-action before this step, or install qemu-user-static`,
    );
  }

  const annotations = buildahAnnotations(request.annotations);
  const before = await localImageIds(deps.exec, env);
  const listName = `localhost/image-release-${randomBytes(6).toString('hex')}`;
  const work = await makeWorkDir(request.tempDir, 'image-release-buildah-');
  let layoutDir: string | undefined;
  let ok = false;
  try {
    const secretFiles = await work.writeSecrets(request.secrets);
    const args = buildahBuildArgs(request, { listName, secretFiles });
    const built = await run(deps.exec, args, { env, cwd: deps.cwd, log });
    if (built.code !== 0) {
      throw new Error(
        `buildah: the build failed (exit code ${built.code}); the build log above shows the failing step. Last lines:\n${tail(built.stderr)}`,
      );
    }
    layoutDir = await mkdtemp(join(resolve(request.tempDir), 'image-release-oci-'));
    if (layoutDir.includes(':')) {
      throw new UsageError(
        'RUNNER_TEMP',
        `'${layoutDir}' has a ':' in its path, which buildah's oci: transport reads as a tag; use a temp directory without one`,
      );
    }
    const pushed = await run(
      deps.exec,
      ['manifest', 'push', '--all', '--format', 'oci', '--quiet', listName, `oci:${layoutDir}`],
      { env, log },
    );
    if (pushed.code !== 0) {
      throw new Error(
        `buildah: exporting the manifest list to the OCI layout '${layoutDir}' failed (exit code ${pushed.code}):\n${tail(pushed.stderr)}`,
      );
    }
    const descriptor = await editLayoutIndex(layoutDir, {
      platformOrder: request.platforms,
      annotations: annotations.index,
      childAnnotations: annotations['manifest-descriptor'],
      descriptorAnnotations: annotations['index-descriptor'],
    });
    const layout = await readLayout(layoutDir);
    // No platforms: buildah builds the host's, and there is nothing to compare with.
    const mismatch =
      request.platforms.length === 0
        ? undefined
        : platformMismatch(
            request.platforms,
            layout.manifests.map((m) =>
              m.descriptor.platform ? platformString(m.descriptor.platform) : '?',
            ),
          );
    if (mismatch !== undefined) {
      throw new Error(
        `buildah: ${mismatch}. With BUILDAH_LAYERS=true, buildah 1.28 can reuse one platform's cached image for another: unset it and build again`,
      );
    }
    ok = true;
    return {
      kind: 'layout',
      dir: layoutDir,
      digest: descriptor.digest,
      mediaType: descriptor.mediaType,
    };
  } finally {
    await work.remove();
    try {
      await cleanUp(
        deps.exec,
        env,
        { listName, layoutDir: ok ? layoutDir : undefined, before },
        log,
      );
    } catch (e) {
      // A failed clean-up must not hide the build's own error or fail a good build.
      log.warning(`buildah: clean-up after the build failed: ${(e as Error).message}`);
    }
    if (!ok && layoutDir !== undefined) await rm(layoutDir, { recursive: true, force: true });
  }
}

/** IDs of the images in local storage, as `sha256:<hex>`; undefined when buildah cannot list them. */
async function localImageIds(exec: Exec, env: Env): Promise<Set<string> | undefined> {
  const r = await exec('buildah', ['images', '--all', '--quiet', '--no-trunc'], { env });
  if (r.code !== 0) return undefined;
  return new Set(
    r.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== ''),
  );
}

/**
 * Removes the manifest list and the images built into it, so that runs on one machine do not
 * pile up images. The images are found by their config digests, which buildah uses as image
 * IDs. Reproducible builds give equal images equal IDs, so an image that was in storage before
 * the build (a developer's own tag of the same content) is kept. After a failed build only the
 * list is removed.
 */
async function cleanUp(
  exec: Exec,
  env: Env,
  built: {
    readonly listName: string;
    readonly layoutDir: string | undefined;
    readonly before: ReadonlySet<string> | undefined;
  },
  log: BuildLog,
): Promise<void> {
  const quiet = { env };
  const list = await exec('buildah', ['manifest', 'rm', built.listName], quiet);
  if (list.code !== 0 && !/not known|unknown|not found/i.test(list.stderr)) {
    log.warning(
      `buildah: could not remove the manifest list ${built.listName}: ${tail(list.stderr, 2)}`,
    );
  }
  if (built.layoutDir === undefined || built.before === undefined) return;
  const layout = await readLayout(built.layoutDir);
  const ids = [...new Set(layout.manifests.map((m) => m.config.digest))].filter(
    (id) => !built.before?.has(id),
  );
  if (ids.length === 0) return;
  const r = await exec('buildah', ['rmi', ...ids], quiet);
  if (r.code !== 0) {
    log.warning(
      `buildah: could not remove the built images ${ids.join(', ')}: ${tail(r.stderr, 2)}`,
    );
  }
}

export function buildahBuilder(deps: BuilderDeps): Builder {
  return {
    engine: 'buildah',
    async check() {
      const quiet: BuildLog = { info: () => {}, warning: () => {}, output: () => {} };
      const env = buildahEnv(deps.env, runningInContainer(deps.env));
      const version = await run(deps.exec, ['--version'], { env, log: quiet });
      if (version.code !== 0) {
        throw new Error(`engine buildah: 'buildah --version' failed: ${tail(version.stderr, 2)}`);
      }
    },
    build: (request, log) => runBuild(deps, request, log),
  };
}
