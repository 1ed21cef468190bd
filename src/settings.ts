import { UsageError } from './errors.js';
import type { PlanOptions } from './plan/plan.js';
import {
  ANNOTATION_LEVELS,
  type Annotation,
  type AnnotationLevel,
  type KeyValue,
} from './plan/labels.js';
import { PLATFORM_FORM, platformProblem } from './plan/platform.js';
import { TAG_GRAMMAR, imageNameProblem, isValidTag } from './plan/reference.js';
import { RELEASE_MODES, type ReleaseMode } from './plan/release-mode.js';
import type { LatestMode } from './plan/tags.js';

export type Engine = 'buildx' | 'buildah';
export type PushMode = 'auto' | 'true' | 'false';
export type CacheMode = 'gha' | 'none';

/** Every input of the action, read and checked once; nothing else reads inputs. */
export interface Settings extends PlanOptions {
  /** `dry-run`: plan and report only, with no network and no token needed. */
  readonly dryRun: boolean;
  /** `github-token`; masked in the log as soon as it is read. */
  readonly githubToken: string;
  /** `engine`: buildx (default) or buildah, for runners without a Docker daemon. */
  readonly engine: Engine;
  /** `context`, relative to the workspace; `.` by default. */
  readonly context: string;
  /** `file`: the Dockerfile; by default the engine's own (`<context>/Dockerfile`). */
  readonly file?: string;
  readonly target?: string;
  /** `secrets`: build secrets `id=value`; every value is masked as soon as it is read. */
  readonly secrets: readonly KeyValue[];
  readonly cache: CacheMode;
  /** `provenance` and `sbom`, passed to buildx as given; unset leaves buildx's default. */
  readonly provenance?: string;
  readonly sbom?: string;
  /** `push`: auto pushes on every event but pull_request. */
  readonly push: PushMode;
  /** `overwrite`: allow replacing a version tag that holds other content. */
  readonly overwrite: boolean;
  /** `promote-from`: a tag or digest in the first image's repository to copy instead of building. */
  readonly promoteFrom?: string;
  /** `release`: the GitHub release of a version build (auto: semver versions). */
  readonly release: ReleaseMode;
  /** `username` and `password` for the images' registries; the password is masked. */
  readonly username?: string;
  readonly password?: string;
}

/** Reads one input by its action.yml name; '' when it is not set. */
export type InputReader = (name: string) => string;

export const DEFAULT_PLATFORMS = ['linux/amd64', 'linux/arm64'] as const;

/** Lines, without blank ones and `#` comments. */
function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** For values that never hold a comma (names, tags, platforms): newlines and commas separate. */
function list(value: string): string[] {
  return lines(value)
    .flatMap((l) => l.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function keyValue(input: string, line: string, example: string): KeyValue {
  const eq = line.indexOf('=');
  const key = eq === -1 ? '' : line.slice(0, eq).trim();
  if (eq === -1 || key === '' || /\s/.test(key)) {
    throw new UsageError(
      input,
      `'${line}' is not of the form KEY=value (one per line, e.g. '${example}'); values may contain '=' and ','`,
    );
  }
  return { key, value: line.slice(eq + 1) };
}

function keyValues(input: string, value: string, example: string): KeyValue[] {
  return lines(value).map((line) => keyValue(input, line, example));
}

const LEVEL_PREFIX = new RegExp(
  `^((?:${ANNOTATION_LEVELS.join('|')})(?:,(?:${ANNOTATION_LEVELS.join('|')}))*):(.*)$`,
);

function annotations(value: string): Annotation[] {
  return lines(value).map((line) => {
    const m = LEVEL_PREFIX.exec(line);
    const kv = keyValue(
      'annotations',
      m ? (m[2] as string) : line,
      'org.opencontainers.image.description=My app',
    );
    return m ? { ...kv, levels: (m[1] as string).split(',') as AnnotationLevel[] } : kv;
  });
}

function boolean(input: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new UsageError(input, `'${value}' is not a boolean; use true or false`);
}

/** A git tag prefix: characters a git ref may hold, as `git check-ref-format` would accept. */
function tagPrefix(value: string): string | undefined {
  if (value === '') return undefined;
  if (
    !/^[A-Za-z0-9][A-Za-z0-9._+/-]*$/.test(value) ||
    value.includes('..') ||
    value.includes('//')
  ) {
    throw new UsageError(
      'tag-prefix',
      `'${value}' cannot start a git tag; start with a letter or digit, then use letters, digits, '.', '_', '+', '/', '-', with no '..' or '//' (e.g. 'server-v' for tags like server-v1.2.3)`,
    );
  }
  return value;
}

function stage(value: string): string | undefined {
  if (value === '') return undefined;
  // `<stage>-<sha7>` must stay within the 128 characters of a tag.
  if (!isValidTag(`${value}-abcdef0`) || value.length > 120) {
    throw new UsageError(
      'stage',
      `'${value}' cannot form a tag '<stage>-<sha7>'; use at most 120 letters, digits, '_', '.', '-', not starting with '.' or '-' (e.g. 'rmoa-client')`,
    );
  }
  return value;
}

function latest(value: string): LatestMode {
  if (value === '') return 'auto';
  const v = value.toLowerCase();
  if (v === 'auto' || v === 'true' || v === 'false') return v;
  throw new UsageError('latest', `'${value}' is not one of auto, true, false`);
}

function images(value: string): string[] {
  if (value === '') return [];
  const names = list(value);
  if (names.length === 0) {
    throw new UsageError(
      'images',
      'the list is empty; give at least one image name (e.g. ghcr.io/acme/app) or leave the input unset for ghcr.io/<owner>/<repo>',
    );
  }
  for (const name of names) {
    const problem = imageNameProblem(name);
    if (problem) {
      throw new UsageError(
        'images',
        `'${name}' is not a valid image name: ${problem}. Expected [registry/]path, e.g. ghcr.io/acme/app`,
      );
    }
  }
  return [...new Set(names)];
}

function extraTags(value: string): string[] {
  const tags = list(value);
  for (const tag of tags) {
    if (!isValidTag(tag)) {
      throw new UsageError('extra-tags', `'${tag}' is not a valid tag; expected ${TAG_GRAMMAR}`);
    }
    // As an extra tag, `latest` would bypass the rules of the `latest` input: it would reach
    // prereleases and move backwards on a release of an older line.
    if (tag === 'latest') {
      throw new UsageError(
        'extra-tags',
        "'latest' is decided by the `latest` input (auto, true or false), not by extra-tags; remove it and set latest: true to force it",
      );
    }
  }
  return [...new Set(tags)];
}

function platforms(value: string): string[] {
  if (value === '') return [...DEFAULT_PLATFORMS];
  const entries = list(value);
  if (entries.length === 0)
    throw new UsageError('platforms', `the list is empty; expected ${PLATFORM_FORM}`);
  for (const entry of entries) {
    const problem = platformProblem(entry);
    if (problem) throw new UsageError('platforms', problem);
  }
  return [...new Set(entries)];
}

function oneOf<T extends string>(
  input: string,
  value: string,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === '') return fallback;
  const v = value.toLowerCase();
  const found = allowed.find((a) => a === v);
  if (found === undefined) {
    throw new UsageError(input, `'${value}' is not one of ${allowed.join(', ')}`);
  }
  return found;
}

function optional(value: string): string | undefined {
  return value === '' ? undefined : value;
}

function secrets(value: string, onSecret: (secret: string) => void): KeyValue[] {
  // Masked before parsing, so that an error quoting a malformed line prints no secret.
  for (const line of lines(value)) onSecret(line);
  const read = keyValues('secrets', value, 'NPM_TOKEN=${{ secrets.NPM_TOKEN }}');
  for (const s of read) onSecret(s.value);
  for (const s of read) {
    // buildx and buildah take the id into `--secret id=…,src=…`: a comma or `=` would split it.
    if (!/^[A-Za-z0-9_.-]+$/.test(s.key)) {
      throw new UsageError(
        'secrets',
        `the secret id '${s.key}' may hold only letters, digits, '_', '.', '-' (it is what RUN --mount=type=secret,id=… names)`,
      );
    }
  }
  return read;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;

function promoteFrom(value: string): string | undefined {
  if (value === '') return undefined;
  const v = value.startsWith('@') ? value.slice(1) : value;
  if (DIGEST.test(v) || isValidTag(v)) return v;
  throw new UsageError(
    'promote-from',
    `'${value}' is neither a tag (${TAG_GRAMMAR}) nor a digest (sha256: and 64 hex digits) in the first image's repository; e.g. dev-a1b2c3d`,
  );
}

function version(value: string): string | undefined {
  // Checked against the tag grammar by the planner, which also knows the tag prefix.
  return value === '' ? undefined : value;
}

/**
 * Reads every input. Throws a UsageError naming the first bad input; `onSecret` is called with
 * the token before anything else can print it.
 */
export function readSettings(
  input: InputReader,
  onSecret: (secret: string) => void = () => {},
): Settings {
  const githubToken = input('github-token');
  onSecret(githubToken);
  const prefix = tagPrefix(input('tag-prefix'));
  const v = version(input('version'));
  const s = stage(input('stage'));
  const password = optional(input('password'));
  if (password !== undefined) onSecret(password);
  const username = optional(input('username'));
  if ((username === undefined) !== (password === undefined)) {
    throw new UsageError(
      username === undefined ? 'username' : 'password',
      'username and password go together: set both, or neither to use the Docker config (docker/login-action) and github-token for ghcr.io',
    );
  }
  const file = optional(input('file'));
  const target = optional(input('target'));
  const provenance = optional(input('provenance'));
  const sbom = optional(input('sbom'));
  const promote = promoteFrom(input('promote-from'));
  return {
    images: images(input('images')),
    ...(v !== undefined && { version: v }),
    ...(prefix !== undefined && { tagPrefix: prefix }),
    ...(s !== undefined && { stage: s }),
    latest: latest(input('latest')),
    extraTags: extraTags(input('extra-tags')),
    labels: keyValues('labels', input('labels'), 'org.opencontainers.image.vendor=Acme'),
    annotations: annotations(input('annotations')),
    buildArgs: keyValues('build-args', input('build-args'), 'NODE_VERSION=24'),
    platforms: platforms(input('platforms')),
    dryRun: boolean('dry-run', input('dry-run'), false),
    githubToken,
    engine: oneOf('engine', input('engine'), ['buildx', 'buildah'], 'buildx'),
    context: input('context') || '.',
    ...(file !== undefined && { file }),
    ...(target !== undefined && { target }),
    secrets: secrets(input('secrets'), onSecret),
    cache: oneOf('cache', input('cache'), ['gha', 'none'], 'gha'),
    ...(provenance !== undefined && { provenance }),
    ...(sbom !== undefined && { sbom }),
    push: oneOf('push', input('push'), ['auto', 'true', 'false'], 'auto'),
    overwrite: boolean('overwrite', input('overwrite'), false),
    release: oneOf('release', input('release'), RELEASE_MODES, 'auto'),
    ...(promote !== undefined && { promoteFrom: promote }),
    ...(username !== undefined && { username }),
    ...(password !== undefined && { password }),
  };
}
