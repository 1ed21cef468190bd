/**
 * Getting a buildx builder that can build every requested platform and export the gha cache.
 * The decisions are pure functions of `docker buildx inspect`'s text; `prepareBuildx` runs them.
 */
import type { Exec, ExecResult } from '../exec.js';
import { binfmtArch, hostPlatform, nativePlatforms, normalizePlatform } from './platforms.js';
import type { BuildLog } from './types.js';

export interface BuildxNode {
  readonly name: string;
  readonly status?: string;
  /** As listed, normalised; empty when the node was not running (buildx then prints none). */
  readonly platforms: readonly string[];
}

export interface BuildxBuilderInfo {
  readonly name: string;
  readonly driver: string;
  readonly nodes: readonly BuildxNode[];
}

/**
 * Reads the text of `docker buildx inspect`: `Name:` and `Driver:` of the builder, then a
 * `Nodes:` section in which each node starts again with `Name:`. Labels, GC policies and
 * features are indented and ignored.
 */
export function parseBuildxInspect(text: string): BuildxBuilderInfo {
  let name = '';
  let driver = '';
  const nodes: { name: string; status?: string; platforms: string[] }[] = [];
  let inNodes = false;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s/.test(raw)) continue;
    const m = /^([A-Za-z][A-Za-z ]*):\s*(.*)$/.exec(raw);
    if (!m) continue;
    const [, field = '', value = ''] = m;
    const v = value.trim();
    if (field === 'Nodes') {
      inNodes = true;
    } else if (!inNodes) {
      if (field === 'Name') name = v;
      else if (field === 'Driver') driver = v;
    } else if (field === 'Name') {
      nodes.push({ name: v, platforms: [] });
    } else {
      const node = nodes.at(-1);
      if (!node) continue;
      if (field === 'Status') node.status = v;
      else if (field === 'Platforms') {
        // `linux/arm64*`: the star marks platforms set by hand with `create --platform`.
        node.platforms = v
          .split(',')
          .map((p) => p.trim().replace(/\*$/, ''))
          .filter((p) => p !== '')
          .map(normalizePlatform);
      }
    }
  }
  return { name, driver, nodes };
}

export interface BuildxSetupPlan {
  /**
   * The `docker` driver builds one platform at a time and cannot export the gha cache: a
   * `docker-container` builder is made (or reused) for the build.
   */
  readonly createBuilder: boolean;
  /** Architectures to register QEMU for (`tonistiigi/binfmt --install a,b`); empty: none. */
  readonly qemu: readonly string[];
  /** Requested platforms no emulator can help with (not Linux), for the warning. */
  readonly unsupported: readonly string[];
}

/**
 * A platform needs QEMU when no node lists it. A node that was not running lists nothing; then
 * only what the host runs natively counts as supported.
 */
export function planBuildxSetup(
  info: BuildxBuilderInfo,
  requested: readonly string[],
  host: string = hostPlatform(),
): BuildxSetupPlan {
  const listed = info.nodes.flatMap((n) => n.platforms);
  const supported = new Set(listed.length > 0 ? listed : nativePlatforms(host));
  const qemu: string[] = [];
  const unsupported: string[] = [];
  for (const p of requested) {
    if (supported.has(normalizePlatform(p))) continue;
    const arch = binfmtArch(p);
    if (arch === undefined) unsupported.push(p);
    else if (!qemu.includes(arch)) qemu.push(arch);
  }
  return { createBuilder: info.driver === 'docker', qemu, unsupported };
}

/** The builder image-release makes when the current one uses the `docker` driver; reused later. */
export const BUILDER_NAME = 'image-release';

/** Pinned, so that a run registers the same emulators as the last one did. */
export const BINFMT_IMAGE = 'docker.io/tonistiigi/binfmt:qemu-v10.2.3-68';

export const BUILDX_HOW_TO =
  'add docker/setup-buildx-action before this step, install the buildx plugin (https://github.com/docker/buildx#installing, or the docker-buildx-plugin package), or set engine: buildah';

function firstLines(result: ExecResult, n = 3): string {
  const text = (result.stderr.trim() || result.stdout.trim())
    .split(/\r?\n/)
    .slice(0, n)
    .join(' / ');
  return text || `exit code ${result.code}`;
}

/** Fails with the how-to when the docker CLI or its buildx plugin is missing; returns the version. */
export async function checkBuildx(
  exec: Exec,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string> {
  const r = await exec('docker', ['buildx', 'version'], { env });
  if (r.spawnError) {
    const why =
      r.spawnError.code === 'ENOENT'
        ? 'is not installed (not on PATH)'
        : `cannot be started (${r.spawnError.message})`;
    throw new Error(
      `engine buildx: the docker CLI ${why}. Install Docker (GitHub's ubuntu runners have it), or set engine: buildah to build without Docker`,
    );
  }
  if (r.code !== 0) {
    throw new Error(
      `engine buildx: 'docker buildx version' failed, so the buildx plugin is missing (${firstLines(r)}). To fix: ${BUILDX_HOW_TO}`,
    );
  }
  return r.stdout.trim();
}

export interface PreparedBuildx {
  /** Passed to `buildx build --builder`; undefined: the current builder. */
  readonly builder?: string;
}

/**
 * Checks buildx, inspects (and starts) the current builder, registers QEMU for platforms it
 * cannot run, and swaps a `docker` driver builder for a `docker-container` one. The current
 * builder is left as it was (no `--use`): later steps of the job keep the builder they chose.
 */
export async function prepareBuildx(
  exec: Exec,
  env: Readonly<Record<string, string | undefined>>,
  platforms: readonly string[],
  log: BuildLog,
  host: string = hostPlatform(),
  hostNetwork = false,
): Promise<PreparedBuildx> {
  log.info(`buildx: ${await checkBuildx(exec, env)}`);
  const inspect = await exec('docker', ['buildx', 'inspect', '--bootstrap'], { env });
  if (inspect.code !== 0) {
    throw new Error(
      `engine buildx: 'docker buildx inspect --bootstrap' failed (${firstLines(inspect)}). Check that the Docker daemon runs ('docker info'), or set engine: buildah`,
    );
  }
  const current = parseBuildxInspect(inspect.stdout);
  const plan = planBuildxSetup(current, platforms, host);
  log.info(
    `buildx builder '${current.name}' (driver ${current.driver || 'unknown'}) lists ${current.nodes.flatMap((n) => n.platforms).join(', ') || 'no platforms'}`,
  );
  if (plan.unsupported.length > 0) {
    log.warning(
      `buildx builder '${current.name}' does not list ${plan.unsupported.join(', ')}, and QEMU emulates Linux platforms only; the build may fail for them`,
    );
  }
  // Before the new builder starts: BuildKit finds the emulators when it starts.
  if (plan.qemu.length > 0) {
    log.info(
      `Registering QEMU for ${plan.qemu.join(', ')} (the builder does not run them natively)`,
    );
    const r = await exec(
      'docker',
      ['run', '--privileged', '--rm', BINFMT_IMAGE, '--install', plan.qemu.join(',')],
      { env, onLine: (line) => log.output(line) },
    );
    if (r.code !== 0) {
      throw new Error(
        `engine buildx: registering QEMU for ${plan.qemu.join(', ')} failed (${firstLines(r)}). Add docker/setup-qemu-action before this step, or build only platforms the builder lists`,
      );
    }
  }
  if (!plan.createBuilder) return {};

  const existing = await exec('docker', ['buildx', 'inspect', '--bootstrap', BUILDER_NAME], {
    env,
  });
  if (existing.code === 0) {
    if (parseBuildxInspect(existing.stdout).driver === 'docker-container') {
      log.info(`Using the docker-container builder '${BUILDER_NAME}' made by an earlier run`);
      return { builder: BUILDER_NAME };
    }
  }
  log.info(
    `The current builder uses the docker driver, which builds one platform at a time and cannot export the gha cache: creating the docker-container builder '${BUILDER_NAME}'`,
  );
  // BuildKit in its own container cannot reach a registry on the runner's loopback unless it
  // shares the host's network, as docker/setup-buildx-action users do for a local registry.
  const created = await exec(
    'docker',
    [
      'buildx',
      'create',
      '--name',
      BUILDER_NAME,
      '--driver',
      'docker-container',
      ...(hostNetwork ? ['--driver-opt', 'network=host'] : []),
      '--bootstrap',
    ],
    { env, onLine: (line) => log.output(line) },
  );
  if (created.code !== 0) {
    // Another job on this machine may have created it a moment ago.
    const raced = await exec('docker', ['buildx', 'inspect', '--bootstrap', BUILDER_NAME], { env });
    if (raced.code === 0 && parseBuildxInspect(raced.stdout).driver === 'docker-container') {
      return { builder: BUILDER_NAME };
    }
    throw new Error(
      `engine buildx: 'docker buildx create --name ${BUILDER_NAME} --driver docker-container' failed (${firstLines(created)}). Remove a broken builder of that name with 'docker buildx rm ${BUILDER_NAME}', or add docker/setup-buildx-action before this step`,
    );
  }
  return { builder: BUILDER_NAME };
}
