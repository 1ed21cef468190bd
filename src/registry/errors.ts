/**
 * Errors of the registry client. Every message names the operation and the repository ("PUT
 * manifest 1.2.3 in 127.0.0.1:5000/acme/app"), says what went wrong (status, the registry's own
 * error codes, or the connection failure) and what to do. Secrets never reach these messages:
 * they are built from our own words and from registry text that went through the SecretMask.
 */

export interface RegistryErrorInit {
  readonly registry: string;
  readonly operation: string;
  /** What went wrong, without the operation: "HTTP 401 Unauthorized (UNAUTHORIZED: …)". */
  readonly problem: string;
  /** What to do about it. */
  readonly hint?: string | undefined;
  readonly status?: number | undefined;
  readonly codes?: readonly string[] | undefined;
  /** Whether trying again may succeed (429, 5xx, connection failures, a truncated body). */
  readonly retryable?: boolean | undefined;
  /** The wait the registry asked for (Retry-After), in milliseconds. */
  readonly retryAfterMs?: number | undefined;
  readonly tries?: number | undefined;
  readonly cause?: unknown;
}

export class RegistryError extends Error {
  readonly registry: string;
  readonly operation: string;
  readonly status: number | undefined;
  /** The registry's error codes (`MANIFEST_UNKNOWN`, `DENIED`, …), when it sent any. */
  readonly codes: readonly string[];
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  /** How many times the operation was tried before giving up. */
  readonly tries: number;

  constructor(private readonly init: RegistryErrorInit) {
    const tries = init.tries ?? 1;
    const tried = tries > 1 ? ` (tried ${tries} times)` : '';
    super(
      `${init.operation} failed: ${init.problem}${tried}.${init.hint ? ` ${init.hint}` : ''}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.name = 'RegistryError';
    this.registry = init.registry;
    this.operation = init.operation;
    this.status = init.status;
    this.codes = init.codes ?? [];
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.tries = tries;
  }

  /** The same error, saying how many tries were made. */
  withTries(tries: number): RegistryError {
    return tries === this.tries ? this : new RegistryError({ ...this.init, tries });
  }
}

/** A failure of the caller's content (a stream of the wrong size): no retry can fix it. */
export class BlobSourceError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BlobSourceError';
  }
}

export interface RegistryErrorBody {
  readonly codes: string[];
  /** `CODE: message; CODE: message`, or a short plain-text body; '' when there is nothing useful. */
  readonly text: string;
}

/** The `{"errors":[{code,message,detail}]}` body of a failed response, made readable. */
export function parseErrorBody(body: string, contentType: string | null): RegistryErrorBody {
  try {
    const parsed = JSON.parse(body) as { errors?: unknown };
    if (Array.isArray(parsed.errors)) {
      const codes: string[] = [];
      const texts: string[] = [];
      for (const e of parsed.errors as unknown[]) {
        if (typeof e !== 'object' || e === null) continue;
        const { code, message } = e as { code?: unknown; message?: unknown };
        const c = typeof code === 'string' ? code : 'UNKNOWN';
        codes.push(c);
        texts.push(typeof message === 'string' && message !== '' ? `${c}: ${message}` : c);
      }
      return { codes, text: texts.join('; ') };
    }
  } catch {
    // not JSON: maybe a short text from a proxy
  }
  const trimmed = body.trim();
  // An HTML error page from a proxy says nothing the status does not.
  if (trimmed === '' || /html/i.test(contentType ?? '') || trimmed.startsWith('<')) {
    return { codes: [], text: '' };
  }
  return { codes: [], text: trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed };
}

export interface HintContext {
  readonly registry: string;
  /** `registry/repository`. */
  readonly name: string;
  readonly access: 'pull' | 'push';
  /** Where the credentials came from ("the Docker config …"); undefined when none were found. */
  readonly credentials: string | undefined;
  /** What a 404 means here: "manifest 1.2.3", "blob sha256:…". */
  readonly target?: string;
}

const LOGIN_WAYS =
  'log in with docker/login-action before this step, set the `username` and `password` inputs, or add the login to the Docker config (DOCKER_CONFIG or ~/.docker/config.json)';

/** What to do about a failed response, from its status and the registry's error codes. */
export function hintFor(status: number, codes: readonly string[], ctx: HintContext): string {
  const ghcr =
    ctx.registry === 'ghcr.io'
      ? ' For ghcr.io, the workflow needs `permissions: packages: write` for pushes, and a package made by another repository must grant this repository access.'
      : '';
  if (status === 401) {
    return ctx.credentials === undefined
      ? `No credentials for ${ctx.registry} were found: ${LOGIN_WAYS}.${ghcr}`
      : `${ctx.registry} refused the credentials from ${ctx.credentials}: check that they are current and allowed to ${ctx.access} ${ctx.name}.${ghcr}`;
  }
  if (status === 403 || codes.includes('DENIED')) {
    const who =
      ctx.credentials === undefined ? 'An anonymous client' : `The login from ${ctx.credentials}`;
    return `${who} may not ${ctx.access} ${ctx.name}: grant it ${ctx.access} access${ctx.credentials === undefined ? `, or ${LOGIN_WAYS}` : ''}.${ghcr}`;
  }
  if (status === 404) {
    if (codes.includes('NAME_UNKNOWN')) {
      return `The repository ${ctx.name} does not exist: check the image name (some registries need a repository created before the first push).`;
    }
    return `${ctx.target ?? 'It'} is not in ${ctx.name}: check the name, the tag or the digest.`;
  }
  if (status === 429) {
    return `${ctx.registry} is limiting the rate of requests: run again later, or log in (Docker Hub limits anonymous pulls more).`;
  }
  if (status >= 500) {
    return `${ctx.registry} failed on its side: run again later, or check the registry's status.`;
  }
  if (codes.includes('MANIFEST_BLOB_UNKNOWN') || codes.includes('BLOB_UNKNOWN')) {
    return 'The registry lacks a blob or manifest this one references: push those first (the platform manifests before their index).';
  }
  if (codes.includes('DIGEST_INVALID')) {
    return 'The content sent does not hash to its digest: the source changed while it was read, or the digest is wrong.';
  }
  if (codes.includes('TAG_INVALID') || codes.includes('MANIFEST_INVALID')) {
    return 'The registry rejected the manifest: check that it is valid for its media type.';
  }
  if (status === 405 || codes.includes('UNSUPPORTED')) {
    return `${ctx.registry} does not support this operation (a read-only mirror or a registry without this API).`;
  }
  return `Check the request against the registry's documentation.`;
}
