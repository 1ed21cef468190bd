/**
 * Image references (`[registry/]path[:tag][@digest]`) as Docker reads them: the name grammar is
 * the planner's (src/plan/reference.ts), so a name the settings accepted is a name we can reach.
 */
import {
  PATH_COMPONENT_SOURCE,
  TAG_GRAMMAR,
  TAG_PATTERN,
  imageNameProblem,
  splitDomain,
} from '../plan/reference.js';
import { DIGEST_GRAMMAR, isDigest } from './digest.js';
import type { ImageReference } from './types.js';

export const DOCKER_HUB = 'docker.io';
/** Docker Hub's API is not served at docker.io itself. */
export const DOCKER_HUB_API = 'registry-1.docker.io';
/** The key Docker keeps Docker Hub's login under, in config.json and for credential helpers. */
export const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/';

const DOCKER_HUB_ALIASES = new Set([DOCKER_HUB, 'index.docker.io']);

export class InvalidReferenceError extends Error {
  constructor(
    readonly reference: string,
    why: string,
  ) {
    super(
      `'${reference}' is not a valid image reference: ${why}. Expected [registry/]name[:tag][@digest], e.g. ghcr.io/acme/app:1.2.3 or alpine@sha256:…`,
    );
    this.name = 'InvalidReferenceError';
  }
}

/**
 * Docker talks plain http to loopback registries without being told to (they cannot be reached
 * from elsewhere, so nobody can listen in); everything else must be https.
 */
export function isLoopback(host: string): boolean {
  const hostname = /^\[[^\]]*\]/.exec(host)?.[0] ?? host.replace(/:\d+$/, '');
  if (hostname === 'localhost') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)) return true;
  if (hostname.startsWith('[')) {
    try {
      return new URL(`http://${hostname}`).hostname === '[::1]';
    } catch {
      return false;
    }
  }
  return false;
}

/** The reference for `registry` (as in an image name) and `repository`, Docker Hub's defaults applied. */
export function repositoryReference(registry: string, repository: string): ImageReference {
  const host = registry.toLowerCase();
  if (DOCKER_HUB_ALIASES.has(host)) {
    return {
      registry: DOCKER_HUB,
      apiHost: DOCKER_HUB_API,
      repository: repository.includes('/') ? repository : `library/${repository}`,
      scheme: 'https:',
    };
  }
  return {
    registry: host,
    apiHost: host,
    repository,
    scheme: isLoopback(host) ? 'http:' : 'https:',
  };
}

/**
 * Parses `alpine`, `ghcr.io/acme/app:1.2.3`, `127.0.0.1:5000/app@sha256:…`,
 * `name:tag@digest`. The registry is lowercased (host names are case-insensitive, and the token
 * cache and the Docker config are keyed by it). Throws InvalidReferenceError saying what is wrong.
 */
export function parseReference(text: string): ImageReference {
  if (text === '') throw new InvalidReferenceError(text, 'it is empty');
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isDigest(digest)) {
      throw new InvalidReferenceError(
        text,
        `'${digest}' is not a digest; expected ${DIGEST_GRAMMAR}`,
      );
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_PATTERN.test(tag)) {
      throw new InvalidReferenceError(text, `the tag '${tag}' does not match ${TAG_GRAMMAR}`);
    }
  }
  const problem = imageNameProblem(rest);
  if (problem !== undefined) throw new InvalidReferenceError(text, problem);
  const [registry, path] = splitDomain(rest);
  const ref = repositoryReference(registry ?? DOCKER_HUB, path);
  return { ...ref, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) };
}

const REPOSITORY_PATH = new RegExp(`^${PATH_COMPONENT_SOURCE}(?:/${PATH_COMPONENT_SOURCE})*$`);

/** Whether `text` is a repository path without a registry: `acme/app`, `library/alpine`. */
export function isRepositoryPath(text: string): boolean {
  return text.length <= 255 && REPOSITORY_PATH.test(text);
}

/** `registry/repository`, as messages name a repository: `docker.io/library/alpine`. */
export function repositoryName(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}`;
}

/** The full reference, `registry/repository[:tag][@digest]`. */
export function formatReference(ref: ImageReference): string {
  return `${repositoryName(ref)}${ref.tag === undefined ? '' : `:${ref.tag}`}${ref.digest === undefined ? '' : `@${ref.digest}`}`;
}

/**
 * The key a registry's login is found under: Docker's config keys may carry a scheme and a path
 * (`https://index.docker.io/v1/`), and Docker Hub has several names.
 */
export function registryKey(text: string): string {
  const host =
    text
      .trim()
      .toLowerCase()
      .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
      .split('/')[0] ?? '';
  return host === 'index.docker.io' || host === DOCKER_HUB_API ? DOCKER_HUB : host;
}
