/**
 * One HTTP exchange and what can go wrong with it, shared by the token service and the
 * registry: counting, the debug log, turning thrown fetch errors and failed statuses into
 * RegistryErrors that say whether a retry may help.
 */
import { BlobSourceError, RegistryError, parseErrorBody } from './errors.js';
import { parseRetryAfter } from './retry.js';
import type { SecretMask } from './secrets.js';
import type { RegistryLog, TransferStats } from './types.js';

export interface RegistryStats extends TransferStats {
  /** Blob bytes received (verified or not). */
  blobBytesReceived: number;
  /** Tries after the first, over all operations. */
  retries: number;
}

export interface HttpContext {
  readonly fetch: typeof fetch;
  readonly log: RegistryLog;
  readonly mask: SecretMask;
  readonly stats: RegistryStats;
  readonly userAgent: string;
  readonly now: () => number;
}

/** What the caller is doing, for messages: its name and what to do about a failed status. */
export interface Operation {
  /** "PUT manifest 1.2.3 in 127.0.0.1:5000/acme/app". */
  readonly name: string;
  readonly registry: string;
  readonly hint: (status: number, codes: readonly string[]) => string;
}

const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  // 5xx other than "not implemented" / "version not supported" may pass; those never will.
  return RETRY_STATUSES.has(status) || (status >= 500 && status !== 501 && status !== 505);
}

/** A URL for the log: no query, which may hold a storage signature or upload state. */
export function displayUrl(url: URL): string {
  return `${url.origin}${url.pathname}${url.search === '' ? '' : '?…'}`;
}

/** Connection failures that a retry cannot fix: no such host, a certificate or TLS problem. */
function permanentNetworkCode(code: string): boolean {
  return (
    code === 'ENOTFOUND' ||
    code.startsWith('CERT_') ||
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.startsWith('UNABLE_TO_') ||
    code.includes('SELF_SIGNED') ||
    code === 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH'
  );
}

/** The innermost cause and its code: fetch wraps socket errors in "TypeError: fetch failed". */
function rootCause(error: unknown): { code: string | undefined; text: string; found?: Error } {
  let e: unknown = error;
  for (let depth = 0; depth < 5; depth++) {
    if (e instanceof RegistryError || e instanceof BlobSourceError)
      return { code: undefined, text: e.message, found: e };
    const cause = (e as { cause?: unknown } | undefined)?.cause;
    if (cause === undefined || cause === null) break;
    e = cause;
  }
  const code = (e as { code?: unknown } | undefined)?.code;
  // Not `instanceof Error`: an error from another realm (a VM context) is an Error too.
  const own = (e as { message?: unknown } | undefined)?.message;
  const message = typeof own === 'string' ? own : String(e);
  return typeof code === 'string'
    ? { code, text: `${code}: ${message}` }
    : { code: undefined, text: message };
}

/**
 * A thrown fetch or body error as a RegistryError; errors of our own making that surfaced
 * through fetch (the upload body's BlobSourceError) come back as they were.
 */
export function networkError(op: Operation, url: URL, error: unknown, mask: SecretMask): Error {
  const root = rootCause(error);
  if (root.found) return root.found;
  const permanent = root.code !== undefined && permanentNetworkCode(root.code);
  return new RegistryError({
    registry: op.registry,
    operation: op.name,
    problem: `the connection to ${url.origin} failed (${mask.redact(root.text)})`,
    hint: permanent
      ? `Check the registry name, its certificate and the network (a proxy or firewall).`
      : `Check that ${url.host} is reachable; the connection was dropped or refused.`,
    retryable: !permanent,
    cause: error,
  });
}

/** What fetch takes as a body (BodyInit is not a global in the node types). */
export type RequestBody = NonNullable<RequestInit['body']>;

export interface FetchInit {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: RequestBody;
}

/** One fetch, redirects not followed (the caller decides where credentials may go). */
export async function fetchOnce(
  http: HttpContext,
  op: Operation,
  url: URL,
  init: FetchInit,
): Promise<Response> {
  http.stats.requests++;
  const request: RequestInit = {
    method: init.method,
    headers: { 'user-agent': http.userAgent, ...init.headers },
    redirect: 'manual',
  };
  if (init.body !== undefined) {
    request.body = init.body;
    // Needed for a streamed body; harmless for the others.
    request.duplex = 'half';
  }
  let res: Response;
  try {
    res = await http.fetch(url, request);
  } catch (e) {
    http.log.debug(`${init.method} ${displayUrl(url)} failed`);
    throw networkError(op, url, e, http.mask);
  }
  http.log.debug(`${init.method} ${displayUrl(url)} → ${res.status}`);
  return res;
}

/** Drops a body we do not read, so that the connection can be reused. */
export async function discard(res: Response): Promise<void> {
  try {
    await res.body?.cancel();
  } catch {
    // already closed
  }
}

/**
 * Reads a whole body of at most `limit` bytes. A body cut short is a retryable error; one over
 * the limit is not (a registry serving a 100 MB "manifest" is not going to stop).
 */
export async function readBody(
  res: Response,
  limit: number,
  op: Operation,
  url: URL,
  mask: SecretMask,
): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > limit) {
    await discard(res);
    throw new RegistryError({
      registry: op.registry,
      operation: op.name,
      problem: `the response is ${declared} bytes, more than the ${limit} this client reads`,
      hint: 'Check that the reference names a manifest, not a blob.',
    });
  }
  const parts: Uint8Array[] = [];
  let length = 0;
  try {
    for await (const chunk of res.body ?? []) {
      const bytes = chunk as Uint8Array;
      length += bytes.length;
      if (length > limit) {
        await res.body?.cancel().catch(() => undefined);
        throw new RegistryError({
          registry: op.registry,
          operation: op.name,
          problem: `the response is more than the ${limit} bytes this client reads`,
          hint: 'Check that the reference names a manifest, not a blob.',
        });
      }
      parts.push(bytes);
    }
  } catch (e) {
    if (e instanceof RegistryError) throw e;
    throw networkError(op, url, e, mask);
  }
  const body = Buffer.concat(parts);
  if (!Number.isNaN(declared) && body.length !== declared) {
    throw new RegistryError({
      registry: op.registry,
      operation: op.name,
      problem: `the response ended after ${body.length} of ${declared} bytes`,
      hint: 'The connection was cut; check the network or proxy.',
      retryable: true,
    });
  }
  return body;
}

/** The error for a response with a status the caller did not expect. */
export async function statusError(
  http: HttpContext,
  op: Operation,
  res: Response,
  prefix = '',
): Promise<RegistryError> {
  let body = '';
  try {
    const bytes = await readBody(
      res,
      64 * 1024,
      op,
      new URL(res.url || 'http://unknown'),
      http.mask,
    );
    body = Buffer.from(bytes).toString('utf8');
  } catch {
    // the status says enough
  }
  const parsed = parseErrorBody(http.mask.redact(body), res.headers.get('content-type'));
  const statusText = res.statusText ? ` ${res.statusText}` : '';
  return new RegistryError({
    registry: op.registry,
    operation: op.name,
    problem: `${prefix}HTTP ${res.status}${statusText}${parsed.text ? ` (${parsed.text})` : ''}`,
    hint: op.hint(res.status, parsed.codes),
    status: res.status,
    codes: parsed.codes,
    retryable: isRetryableStatus(res.status),
    retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), http.now()),
  });
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Where a redirect points, resolved against the URL that answered; undefined if it is none. */
export function redirectTarget(res: Response, from: URL): URL | undefined {
  const location = res.headers.get('location');
  if (!REDIRECTS.has(res.status) || location === null) return undefined;
  return new URL(location, from);
}

/** The most redirects one request follows (Docker Hub and S3 use one or two). */
export const MAX_REDIRECTS = 5;
