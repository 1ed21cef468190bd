/**
 * The buildx engine: `docker buildx build` pushes every platform and the index by digest to
 * every image (no tag), and reports the digest in its metadata file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isLoopback, parseReference } from '../registry/reference.js';
import { checkBuildx, prepareBuildx } from './buildx-setup.js';
import type { BuildLog, BuildRequest, Builder, BuilderDeps, RegistryResult } from './types.js';
import { type SecretFile, checkSecretIds, makeWorkDir } from './workdir.js';

/**
 * One field of buildx's comma-separated option values (`--output`, `--secret`, `--cache-to`),
 * which buildx reads as a CSV record: a field holding a comma or a quote is quoted whole, inner
 * quotes doubled. `"name=a,b"` is one field; `name="a,b"` would not be.
 */
export function csvField(field: string): string {
  return /[",\r\n]/.test(field) || /^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * buildx's gha cache talks to the Actions cache service with the runner's token and URL, which
 * the runner gives node actions (and which buildx inherits from us). Outside Actions they are
 * missing and `type=gha` fails the build, so the cache is skipped with a warning instead.
 */
export function ghaCacheProblem(env: Env): string | undefined {
  const missing: string[] = [];
  if (!env.ACTIONS_RUNTIME_TOKEN) missing.push('ACTIONS_RUNTIME_TOKEN');
  if (!env.ACTIONS_RESULTS_URL && !env.ACTIONS_CACHE_URL) missing.push('ACTIONS_RESULTS_URL');
  if (missing.length === 0) return undefined;
  return `cache: gha needs ${missing.join(' and ')} in the environment, which the Actions runner gives actions; not set here (not running in GitHub Actions?), so the build runs without a cache`;
}

export interface BuildxArgsOptions {
  /** Absolute path buildx writes its metadata JSON to. */
  readonly metadataFile: string;
  readonly secretFiles: readonly SecretFile[];
  /** Whether to read and write the gha cache (request.cache === 'gha' and the env allows). */
  readonly ghaCache: boolean;
  /** `--builder`; undefined: the current builder. */
  readonly builder?: string;
}

/** A relative path starting with '-' would be read as an option. */
export function safePath(path: string): string {
  return path.startsWith('-') ? `./${path}` : path;
}

function outputOption(request: BuildRequest): string {
  const fields = ['type=image'];
  if (request.images.length > 0) {
    fields.push(`name=${request.images.join(',')}`, 'push-by-digest=true', 'name-canonical=true');
  }
  fields.push(`push=${request.push}`);
  // Without it BuildKit keeps the files' own times in the layers, and a rebuild differs.
  if (request.sourceDateEpoch !== undefined) fields.push('rewrite-timestamp=true');
  return csvRecord(fields);
}

/** The arguments of `docker` for the build; pure. The context comes last. */
export function buildxArgs(request: BuildRequest, options: BuildxArgsOptions): string[] {
  if (request.push && request.images.length === 0) {
    throw new Error('buildx: push needs at least one image name');
  }
  checkSecretIds(request.secrets);
  const args = ['buildx', 'build'];
  if (options.builder !== undefined) args.push('--builder', options.builder);
  args.push('--progress', 'plain');
  if (request.platforms.length > 0) args.push('--platform', request.platforms.join(','));
  if (request.file !== undefined) args.push('--file', safePath(request.file));
  if (request.target !== undefined) args.push('--target', request.target);
  for (const { key, value } of request.buildArgs) args.push('--build-arg', `${key}=${value}`);
  if (
    request.sourceDateEpoch !== undefined &&
    !request.buildArgs.some((a) => a.key === 'SOURCE_DATE_EPOCH')
  ) {
    // BuildKit takes the epoch for created times from this build argument.
    args.push('--build-arg', `SOURCE_DATE_EPOCH=${request.sourceDateEpoch}`);
  }
  for (const { key, value } of request.labels) args.push('--label', `${key}=${value}`);
  for (const line of request.annotations) args.push('--annotation', line);
  for (const { id, path } of options.secretFiles) {
    args.push('--secret', csvRecord([`id=${id}`, `src=${path}`]));
  }
  if (options.ghaCache) {
    args.push('--cache-from', csvRecord(['type=gha', `scope=${request.cacheScope}`]));
    // ignore-error: a full or unreachable cache must not fail a build that succeeded.
    args.push(
      '--cache-to',
      csvRecord(['type=gha', `scope=${request.cacheScope}`, 'mode=max', 'ignore-error=true']),
    );
  }
  if (request.provenance !== undefined) args.push('--provenance', request.provenance);
  if (request.sbom !== undefined) args.push('--sbom', request.sbom);
  args.push('--metadata-file', options.metadataFile);
  args.push('--output', outputOption(request));
  args.push(safePath(request.context));
  return args;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** The digest and media type buildx wrote to its metadata file. */
export function parseBuildxMetadata(
  text: string,
  file: string,
): Omit<RegistryResult, 'kind' | 'pushed'> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(
      `buildx: the metadata file '${file}' is not JSON (${(e as Error).message}); this buildx may be too old, update it (docker/setup-buildx-action)`,
      { cause: e },
    );
  }
  const meta = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const digest = meta['containerimage.digest'];
  if (typeof digest !== 'string' || !DIGEST.test(digest)) {
    throw new Error(
      `buildx: the metadata file '${file}' has no valid containerimage.digest (found ${JSON.stringify(digest)}); the build did not produce an image, or this buildx is too old (update it with docker/setup-buildx-action)`,
    );
  }
  const descriptor = meta['containerimage.descriptor'];
  const mediaType =
    typeof descriptor === 'object' && descriptor !== null
      ? (descriptor as Record<string, unknown>).mediaType
      : undefined;
  return { digest, ...(typeof mediaType === 'string' && { mediaType }) };
}

/** The last lines of a failed command's stderr, for the error message. */
export function tail(text: string, n = 5): string {
  const lines = text
    .trim()
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  return lines.slice(-n).join('\n');
}

async function runBuild(
  deps: BuilderDeps,
  request: BuildRequest,
  log: BuildLog,
): Promise<RegistryResult> {
  const { exec } = deps;
  const prepared = await prepareBuildx(
    exec,
    deps.env,
    request.platforms,
    log,
    undefined,
    request.push && request.images.some(pushesToLoopback),
  );
  let ghaCache = false;
  if (request.cache === 'gha') {
    const problem = ghaCacheProblem(deps.env);
    if (problem === undefined) ghaCache = true;
    else log.warning(problem);
  }
  const work = await makeWorkDir(request.tempDir, 'image-release-buildx-');
  try {
    const metadataFile = join(work.path, 'metadata.json');
    const secretFiles = await work.writeSecrets(request.secrets);
    const args = buildxArgs(request, {
      metadataFile,
      secretFiles,
      ghaCache,
      ...(prepared.builder !== undefined && { builder: prepared.builder }),
    });
    // The whole environment, so that buildx finds the runner's cache token and URL.
    const r = await exec('docker', args, {
      cwd: deps.cwd,
      env: deps.env,
      onLine: (line) => log.output(line),
    });
    if (r.code !== 0) {
      throw new Error(
        `buildx: the build failed (exit code ${r.code}); the build log above shows the failing step. Last lines:\n${tail(r.stderr)}`,
      );
    }
    let text: string;
    try {
      text = await readFile(metadataFile, 'utf8');
    } catch (e) {
      throw new Error(
        `buildx: the build succeeded but wrote no metadata file '${metadataFile}' (${(e as Error).message}); update buildx (docker/setup-buildx-action)`,
        { cause: e },
      );
    }
    return { kind: 'registry', ...parseBuildxMetadata(text, metadataFile), pushed: request.push };
  } finally {
    await work.remove();
  }
}

/** `localhost:5000/app`, `127.0.0.1:5000/app`, `[::1]:5000/app`: a registry on this machine. */
function pushesToLoopback(image: string): boolean {
  try {
    return isLoopback(parseReference(image).registry);
  } catch {
    return false;
  }
}

export function buildxBuilder(deps: BuilderDeps): Builder {
  return {
    engine: 'buildx',
    async check() {
      await checkBuildx(deps.exec, deps.env);
    },
    build: (request, log) => runBuild(deps, request, log),
  };
}
