/**
 * Our OCI distribution client (the distribution spec's pull, push and content-discovery
 * endpoints), on Node's fetch.
 *
 *   const registry = createRegistryClient({ githubToken, log });
 *   const repo = registry.repository('ghcr.io/acme/app');
 *   const head = await repo.headManifest('1.2.3');
 *
 * One client holds one login and token cache per registry: every repository of a registry
 * shares them, so a push of five tags to ghcr.io asks for a token once per scope. Every method
 * retries transient failures itself (see retry.ts) and fails with a RegistryError that names
 * the operation, the registry's answer and what to do.
 */
import { Readable } from 'node:stream';
import { TAG_GRAMMAR, TAG_PATTERN } from '../plan/reference.js';
import { spawnExec, type Exec } from '../exec.js';
import { HostAuth } from './auth.js';
import { CredentialStore, type RegistryCredentials, type UserPassword } from './credentials.js';
import { DIGEST_GRAMMAR, Digester, checkDigest, digestOf, isDigest } from './digest.js';
import { BlobSourceError, RegistryError, hintFor } from './errors.js';
import {
  type HttpContext,
  type Operation,
  type RegistryStats,
  discard,
  networkError,
  readBody,
  statusError,
} from './http.js';
import { isRepositoryPath, parseReference, repositoryName } from './reference.js';
import {
  Attempts,
  type RetryOptions,
  type RetryPolicy,
  retryPolicy,
  withRetries,
} from './retry.js';
import { SecretMask } from './secrets.js';
import { HostSession, type SendRequest } from './transport.js';
import { BlobSource } from './upload.js';
import {
  type ImageReference,
  MANIFEST_ACCEPT,
  type ManifestHead,
  type RawManifest,
  type RegistryLog,
  type Repository,
} from './types.js';

export type { RegistryStats } from './http.js';

export interface RegistryClientOptions {
  /**
   * Logins by registry as in image names (`ghcr.io`, `docker.io`, `127.0.0.1:5000`; a scheme
   * or path is ignored, as in Docker's config). They win over the Docker config.
   */
  readonly credentials?: Readonly<Record<string, UserPassword>>;
  /** The login for ghcr.io when nothing else has one (the action's `github-token`). */
  readonly githubToken?: string;
  /** The user name sent with the github-token (default `x-access-token`). */
  readonly githubActor?: string;
  /** The directory of Docker's `config.json` (default $DOCKER_CONFIG, then ~/.docker). */
  readonly dockerConfigDir?: string;
  /** Environment for DOCKER_CONFIG, HOME, and the credential helpers' PATH (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Runs `docker-credential-*` helpers (default spawnExec). */
  readonly exec?: Exec;
  readonly retries?: RetryOptions;
  /** Blobs larger than this go up in PATCHes of this size (default 32 MiB). */
  readonly chunkSize?: number;
  /** Tags asked for per page of the tag list (default 1000, the most distribution 3 allows). */
  readonly tagPageSize?: number;
  readonly log?: RegistryLog;
  /** The fetch to use (default the global one); for a proxy-aware dispatcher, not for mocks. */
  readonly fetch?: typeof fetch;
  /** Called once with each secret the client learns, before it could appear anywhere (core.setSecret). */
  readonly onSecret?: (secret: string) => void;
  /** The clock for token lifetimes (default Date.now). */
  readonly now?: () => number;
  readonly userAgent?: string;
}

export interface RegistryClient {
  /** A repository (a tag or digest in `ref` is kept in `.ref` and otherwise ignored). */
  repository(ref: ImageReference | string): Repository;
  /** What went over the wire so far, for all repositories. */
  readonly stats: Readonly<RegistryStats>;
  /** `text` with every secret this client knows replaced by `***`. */
  redact(text: string): string;
}

const MANIFEST_LIMIT = 4 * 1024 * 1024;
const TAG_LIST_LIMIT = 32 * 1024 * 1024;
const OCTET_STREAM = 'application/octet-stream';
const NO_LOG: RegistryLog = { debug: () => undefined, warning: () => undefined };
/** Content types that say nothing about the manifest: the body's own `mediaType` tells. */
const GENERIC_TYPES = new Set(['', 'application/json', 'text/plain', OCTET_STREAM]);

export function createRegistryClient(options: RegistryClientOptions = {}): RegistryClient {
  const stats: RegistryStats = { requests: 0, blobBytesSent: 0, blobBytesReceived: 0, retries: 0 };
  const mask = new SecretMask(options.onSecret);
  const log = options.log ?? NO_LOG;
  const http: HttpContext = {
    fetch: options.fetch ?? globalThis.fetch,
    log: {
      debug: (m) => log.debug(mask.redact(m)),
      warning: (m) => log.warning(mask.redact(m)),
    },
    mask,
    stats,
    userAgent: options.userAgent ?? 'image-release',
    now: options.now ?? Date.now,
  };
  const store = new CredentialStore({
    credentials: options.credentials,
    githubToken: options.githubToken,
    githubActor: options.githubActor,
    dockerConfigDir: options.dockerConfigDir,
    env: options.env ?? process.env,
    exec: options.exec ?? spawnExec,
    log: http.log,
    mask,
  });
  const settings: RepositorySettings = {
    http,
    policy: retryPolicy(options.retries),
    chunkSize: Math.max(1, Math.floor(options.chunkSize ?? 32 * 1024 * 1024)),
    tagPageSize: Math.max(1, Math.floor(options.tagPageSize ?? 1000)),
  };
  // Tokens and logins are per registry: docker.io and index.docker.io share one session.
  const sessions = new Map<string, { session: HostSession; source: () => string | undefined }>();
  const sessionFor = (ref: ImageReference) => {
    let entry = sessions.get(ref.registry);
    if (!entry) {
      let found: RegistryCredentials | undefined;
      const credentials = async () => (found = await store.get(ref.registry));
      const origin = new URL(`${ref.scheme}//${ref.apiHost}`).origin;
      const auth = new HostAuth({ http, origin, credentials, clientId: http.userAgent });
      entry = { session: new HostSession(http, auth, origin), source: () => found?.source };
      sessions.set(ref.registry, entry);
    }
    return entry;
  };
  return {
    stats,
    redact: (text) => mask.redact(text),
    repository(ref) {
      const parsed = typeof ref === 'string' ? parseReference(ref) : ref;
      const { session, source } = sessionFor(parsed);
      return new RegistryRepository(parsed, session, settings, source);
    },
  };
}

interface RepositorySettings {
  readonly http: HttpContext;
  readonly policy: RetryPolicy;
  readonly chunkSize: number;
  readonly tagPageSize: number;
}

function checkManifestReference(reference: string): void {
  if (!TAG_PATTERN.test(reference) && !isDigest(reference)) {
    throw new Error(
      `'${reference}' is neither a tag (${TAG_GRAMMAR}) nor a digest (${DIGEST_GRAMMAR})`,
    );
  }
}

function contentType(res: Response): string {
  return (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
}

/** The manifest's media type: the Content-Type, unless it is a generic one and the body says. */
function manifestMediaType(res: Response, bytes: Uint8Array): string {
  const type = contentType(res);
  if (!GENERIC_TYPES.has(type)) return type;
  try {
    const own = (JSON.parse(Buffer.from(bytes).toString('utf8')) as { mediaType?: unknown })
      .mediaType;
    if (typeof own === 'string' && own !== '') return own;
  } catch {
    // not JSON; keep what the header said
  }
  return type;
}

/** `url` with one more query parameter, the query it already has kept byte for byte. */
function withQuery(url: URL, name: string, value: string): URL {
  const out = new URL(url);
  out.search = `${url.search === '' ? '?' : `${url.search}&`}${name}=${encodeURIComponent(value)}`;
  return out;
}

/** The `rel="next"` target of a Link header, resolved against the page that sent it. */
export function nextLink(header: string | null, base: URL): URL | undefined {
  if (!header) return undefined;
  for (const m of header.matchAll(/<([^>]*)>([^,<]*)/g)) {
    for (const param of (m[2] ?? '').split(';')) {
      const rel = /^\s*rel\s*=\s*"?([^"]*)"?\s*$/i.exec(param);
      if (rel && (rel[1] ?? '').split(/\s+/).includes('next')) return new URL(m[1] ?? '', base);
    }
  }
  return undefined;
}

export class RegistryRepository implements Repository {
  private readonly name: string;
  private readonly pull: readonly string[];
  private readonly push: readonly string[];

  constructor(
    readonly ref: ImageReference,
    private readonly session: HostSession,
    private readonly settings: RepositorySettings,
    private readonly credentialSource: () => string | undefined,
  ) {
    this.name = repositoryName(ref);
    this.pull = [`repository:${ref.repository}:pull`];
    this.push = [`repository:${ref.repository}:pull,push`];
  }

  async headManifest(reference: string): Promise<ManifestHead | undefined> {
    checkManifestReference(reference);
    const op = this.op(`HEAD manifest ${reference}`, 'pull', `Manifest ${reference}`);
    const head = await this.retry(async () => {
      const res = await this.send(op, {
        method: 'HEAD',
        url: this.url(`manifests/${reference}`),
        headers: { accept: MANIFEST_ACCEPT.join(', ') },
        scopes: this.pull,
      });
      await discard(res);
      if (res.status === 404) return undefined;
      if (res.status !== 200) throw await statusError(this.settings.http, op, res);
      const header = res.headers.get('docker-content-digest') ?? '';
      const digest = isDigest(header) ? header : isDigest(reference) ? reference : undefined;
      const size = Number(res.headers.get('content-length') ?? NaN);
      const mediaType = contentType(res);
      if (isDigest(reference) && digest !== reference) {
        throw this.mismatch(
          op,
          `the registry says manifest ${reference} has digest ${digest ?? '?'}`,
        );
      }
      // Without a digest, a size or a specific type, only the manifest itself can tell.
      if (digest === undefined || !Number.isSafeInteger(size) || GENERIC_TYPES.has(mediaType))
        return 'get';
      return { mediaType, digest, size };
    });
    if (head !== 'get') return head;
    const manifest = await this.getManifest(reference);
    return (
      manifest && {
        mediaType: manifest.mediaType,
        digest: manifest.digest,
        size: manifest.bytes.length,
      }
    );
  }

  async getManifest(reference: string): Promise<RawManifest | undefined> {
    checkManifestReference(reference);
    const op = this.op(`GET manifest ${reference}`, 'pull', `Manifest ${reference}`);
    const url = this.url(`manifests/${reference}`);
    return this.retry(async () => {
      const res = await this.send(op, {
        method: 'GET',
        url,
        headers: { accept: MANIFEST_ACCEPT.join(', ') },
        scopes: this.pull,
      });
      if (res.status === 404) {
        await discard(res);
        return undefined;
      }
      if (res.status !== 200) throw await statusError(this.settings.http, op, res);
      const bytes = await readBody(res, MANIFEST_LIMIT, op, url, this.settings.http.mask);
      const digest = digestOf(bytes, isDigest(reference) ? reference : undefined);
      if (isDigest(reference) && digest !== reference) {
        throw this.mismatch(op, `the bytes received hash to ${digest}`);
      }
      const header = res.headers.get('docker-content-digest') ?? '';
      if (isDigest(header) && digestOf(bytes, header) !== header) {
        throw this.mismatch(
          op,
          `the bytes received do not hash to the Docker-Content-Digest ${header}`,
        );
      }
      return { mediaType: manifestMediaType(res, bytes), digest, bytes };
    });
  }

  async putManifest(
    reference: string,
    manifest: { mediaType: string; bytes: Uint8Array },
  ): Promise<string> {
    checkManifestReference(reference);
    const digest = digestOf(manifest.bytes, isDigest(reference) ? reference : undefined);
    if (isDigest(reference) && digest !== reference) {
      throw new Error(
        `putManifest ${reference} in ${this.name}: the manifest's bytes hash to ${digest}, not to the digest it is put under`,
      );
    }
    const op = this.op(`PUT manifest ${reference}`, 'push', `Manifest ${reference}`);
    await this.retry(async () => {
      const res = await this.send(op, {
        method: 'PUT',
        url: this.url(`manifests/${reference}`),
        headers: { 'content-type': manifest.mediaType },
        body: () => manifest.bytes,
        scopes: this.push,
      });
      if (res.status < 200 || res.status > 299) {
        throw await statusError(this.settings.http, op, res);
      }
      await discard(res);
      this.checkStoredDigest(op, res, digest);
    });
    return digest;
  }

  hasBlob(digest: string): Promise<boolean> {
    checkDigest(digest, `hasBlob in ${this.name}`);
    return this.blobExists(digest, this.pull);
  }

  /** A HEAD with the scopes of what comes next: before an upload, one push token serves both. */
  private blobExists(digest: string, scopes: readonly string[]): Promise<boolean> {
    const op = this.op(`HEAD blob ${digest}`, 'pull', `Blob ${digest}`);
    return this.retry(async () => {
      const res = await this.send(
        op,
        { method: 'HEAD', url: this.url(`blobs/${digest}`), scopes },
        false,
      );
      await discard(res);
      if (res.status === 404) return false;
      // A redirect to storage means the registry has it; storage URLs signed for GET refuse a HEAD.
      if (res.status === 200 || (res.status >= 301 && res.status <= 308)) return true;
      throw await statusError(this.settings.http, op, res);
    });
  }

  async getBlob(digest: string): Promise<Readable> {
    checkDigest(digest, `getBlob in ${this.name}`);
    const op = this.op(`GET blob ${digest}`, 'pull', `Blob ${digest}`);
    const url = this.url(`blobs/${digest}`);
    const attempts = new Attempts(
      this.settings.policy,
      this.settings.http.log,
      () => this.settings.http.stats.retries++,
    );
    let first: BlobResponse | undefined;
    while (!first) {
      attempts.tries++;
      try {
        first = await this.openBlob(op, url, 0);
      } catch (e) {
        await attempts.failed(e);
      }
    }
    return Readable.from(this.blobBytes(digest, op, url, first, attempts), { objectMode: false });
  }

  async mountBlob(digest: string, fromRepository: string): Promise<boolean> {
    checkDigest(digest, `mountBlob in ${this.name}`);
    if (!isRepositoryPath(fromRepository)) {
      throw new Error(
        `mountBlob in ${this.name}: '${fromRepository}' is not a repository path; give it without the registry, e.g. acme/base`,
      );
    }
    if (fromRepository === this.ref.repository) return this.hasBlob(digest);
    const op = this.op(`mount blob ${digest} from ${fromRepository}`, 'push', `Blob ${digest}`);
    const url = this.url('blobs/uploads/');
    url.searchParams.set('mount', digest);
    url.searchParams.set('from', fromRepository);
    const mounted = this.retry(async () => {
      const res = await this.send(op, {
        method: 'POST',
        url,
        headers: { 'content-length': '0' },
        scopes: [...this.push, `repository:${fromRepository}:pull`],
      });
      if (res.status !== 201 && res.status !== 202) {
        throw await statusError(this.settings.http, op, res);
      }
      await discard(res);
      if (res.status === 201) return true;
      // The registry declined and opened an upload session instead: close it, not to leave it.
      const location = res.headers.get('location');
      if (location !== null) await this.cancelUpload(op, new URL(location, url));
      return false;
    });
    // A login that may not read the source is a declined mount: the upload that follows will
    // tell whether it may push.
    return mounted.catch((e: unknown) => {
      if (!(e instanceof RegistryError) || (e.status !== 401 && e.status !== 403)) throw e;
      this.settings.http.log.debug(`${e.message} Uploading instead.`);
      return false;
    });
  }

  async uploadBlob(digest: string, size: number, open: () => Readable): Promise<void> {
    checkDigest(digest, `uploadBlob in ${this.name}`);
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new Error(`uploadBlob ${digest} in ${this.name}: the size ${size} is not a byte count`);
    }
    if (await this.blobExists(digest, this.push)) return;
    const op = this.op(`upload blob ${digest} (${size} bytes)`, 'push', `Blob ${digest}`);
    const source = new BlobSource(
      open,
      size,
      digest,
      (n) => (this.settings.http.stats.blobBytesSent += n),
    );
    try {
      await this.retry(() => this.uploadOnce(op, source));
    } finally {
      source.close();
    }
  }

  async listTags(): Promise<string[]> {
    const op = this.op('GET tags', 'pull', 'The tag list');
    let url: URL | undefined = this.url('tags/list');
    url.searchParams.set('n', String(this.settings.tagPageSize));
    const tags: string[] = [];
    const seen = new Set<string>();
    for (let page = 0; url !== undefined; page++) {
      if (seen.has(url.href)) break;
      seen.add(url.href);
      const pageUrl: URL = url;
      const result = await this.retry(async () => {
        const res = await this.send(op, {
          method: 'GET',
          url: pageUrl,
          headers: { accept: 'application/json' },
          scopes: this.pull,
        });
        if (res.status === 404) {
          await discard(res);
          return undefined;
        }
        if (res.status !== 200) {
          const error = await statusError(this.settings.http, op, res);
          // A registry with a lower page limit than ours: let it choose the page size.
          if (error.codes.includes('PAGINATION_NUMBER_INVALID') && pageUrl.searchParams.has('n')) {
            const next = new URL(pageUrl);
            next.searchParams.delete('n');
            return { tags: [], next };
          }
          throw error;
        }
        const body = await readBody(res, TAG_LIST_LIMIT, op, pageUrl, this.settings.http.mask);
        let list: unknown;
        try {
          list = (JSON.parse(Buffer.from(body).toString('utf8')) as { tags?: unknown }).tags;
        } catch {
          list = 'invalid';
        }
        if (list !== null && list !== undefined && !Array.isArray(list)) {
          throw new RegistryError({
            registry: this.ref.registry,
            operation: op.name,
            problem: 'the answer is not a tag list ({"tags": [...]})',
            hint: 'Check that the registry implements the OCI distribution API at this address.',
          });
        }
        const pageTags = ((list ?? []) as unknown[]).filter(
          (t): t is string => typeof t === 'string',
        );
        return { tags: pageTags, next: nextLink(res.headers.get('link'), pageUrl) };
      });
      if (result === undefined) {
        // The repository does not exist (yet): no tags. Gone after the first page is not that.
        if (page === 0) return [];
        throw new RegistryError({
          registry: this.ref.registry,
          operation: op.name,
          problem: `page ${page + 1} of the tag list was not found`,
          hint: 'The repository was deleted or changed while it was listed: run again.',
        });
      }
      tags.push(...result.tags);
      url = result.next;
    }
    return tags;
  }

  // --- the parts -----------------------------------------------------------------------------

  private async uploadOnce(op: Operation, source: BlobSource): Promise<void> {
    const { http, chunkSize } = this.settings;
    const start = this.url('blobs/uploads/');
    const res = await this.send(op, {
      method: 'POST',
      url: start,
      headers: { 'content-length': '0' },
      scopes: this.push,
    });
    if (res.status !== 202) throw await statusError(http, op, res);
    await discard(res);
    let location = this.location(op, res, start);
    try {
      let done: Response;
      if (source.size <= chunkSize) {
        done = await this.send(op, {
          method: 'PUT',
          url: withQuery(location, 'digest', source.digest),
          headers: { 'content-type': OCTET_STREAM, 'content-length': String(source.size) },
          body: () => source.whole(),
          scopes: this.push,
        });
      } else {
        // A registry may ask for bigger chunks (OCI-Chunk-Min-Length, distribution spec 1.1).
        const minimum = Number(res.headers.get('oci-chunk-min-length') ?? 0);
        const chunk = Math.max(chunkSize, Number.isSafeInteger(minimum) ? minimum : 0);
        source.reopen();
        for (let offset = 0; offset < source.size;) {
          const count = Math.min(chunk, source.size - offset);
          let sent = false;
          const patch = await this.send(op, {
            method: 'PATCH',
            url: location,
            headers: {
              'content-type': OCTET_STREAM,
              'content-length': String(count),
              'content-range': `${offset}-${offset + count - 1}`,
            },
            body: () => {
              if (sent)
                throw this.restart(
                  op,
                  'the registry asked for a login again in the middle of the upload',
                );
              sent = true;
              return source.take(count);
            },
            scopes: this.push,
          });
          if (patch.status !== 202) throw await statusError(http, op, patch);
          await discard(patch);
          const range = /^(?:bytes=)?0-(\d+)$/.exec(patch.headers.get('range') ?? '');
          if (range && Number(range[1]) !== offset + count - 1) {
            throw this.restart(
              op,
              `the registry has bytes 0-${range[1]} after a chunk ending at ${offset + count - 1}`,
            );
          }
          location = this.location(op, patch, location);
          offset += count;
        }
        await source.end();
        source.checkDigest();
        done = await this.send(op, {
          method: 'PUT',
          url: withQuery(location, 'digest', source.digest),
          headers: { 'content-length': '0' },
          scopes: this.push,
        });
      }
      if (done.status < 200 || done.status > 299) throw await statusError(http, op, done);
      await discard(done);
      this.checkStoredDigest(op, done, source.digest);
    } catch (e) {
      // A session that will not be completed is closed, not left for the registry to expire.
      await this.cancelUpload(op, location);
      // The caller's content failed (fetch reports it as a failed connection): no retry helps.
      if (source.failure) {
        throw new BlobSourceError(
          `upload of blob ${source.digest} to ${this.name}: ${source.failure.message}`,
          {
            cause: source.failure,
          },
        );
      }
      throw e;
    }
  }

  private async openBlob(op: Operation, url: URL, offset: number): Promise<BlobResponse> {
    const res = await this.send(op, {
      method: 'GET',
      url,
      // Offsets count stored bytes: no compression by a proxy on the way.
      headers: { 'accept-encoding': 'identity', ...(offset > 0 && { range: `bytes=${offset}-` }) },
      scopes: this.pull,
    });
    const length = Number(res.headers.get('content-length') ?? NaN);
    if (res.status === 200) {
      return { res, skip: offset, total: Number.isSafeInteger(length) ? length : undefined };
    }
    if (res.status === 206 && offset > 0) {
      const range = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(res.headers.get('content-range') ?? '');
      if (range && Number(range[1]) === offset) {
        return { res, skip: 0, total: range[2] === '*' ? undefined : Number(range[2]) };
      }
      await discard(res);
      throw this.restart(
        op,
        `the registry resumed at the wrong offset (${res.headers.get('content-range') ?? 'no Content-Range'})`,
      );
    }
    throw await statusError(this.settings.http, op, res);
  }

  /**
   * The blob's bytes as they arrive. A connection cut mid-way is resumed from the byte reached
   * (a Range request; a registry that ignores it resends everything and the start is skipped).
   * The digest is checked at the end: bytes already handed on cannot be taken back, so a
   * mismatch fails the stream.
   */
  private async *blobBytes(
    digest: string,
    op: Operation,
    url: URL,
    first: BlobResponse,
    attempts: Attempts,
  ): AsyncGenerator<Buffer> {
    const { http } = this.settings;
    const digester = new Digester(digest);
    let offset = 0;
    let current = first;
    for (;;) {
      try {
        let skip = current.skip;
        for await (const chunk of current.res.body ?? []) {
          let bytes = chunk as Uint8Array;
          if (skip > 0) {
            const dropped = Math.min(skip, bytes.length);
            skip -= dropped;
            bytes = bytes.subarray(dropped);
          }
          if (bytes.length === 0) continue;
          digester.update(bytes);
          offset += bytes.length;
          http.stats.blobBytesReceived += bytes.length;
          yield Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        }
        if (current.total !== undefined && offset < current.total) {
          throw this.restart(op, `the download ended after ${offset} of ${current.total} bytes`);
        }
        break;
      } catch (e) {
        let error: unknown = e instanceof RegistryError ? e : networkError(op, url, e, http.mask);
        for (;;) {
          await attempts.failed(error);
          attempts.tries++;
          try {
            current = await this.openBlob(op, url, offset);
            break;
          } catch (again) {
            error = again;
          }
        }
      }
    }
    const actual = digester.digest();
    if (actual !== digest) {
      throw new RegistryError({
        registry: this.ref.registry,
        operation: op.name,
        problem: `the ${offset} bytes received hash to ${actual}`,
        hint: "The registry's copy is damaged, or something between changed it: check any proxy, then report it to the registry.",
      });
    }
  }

  private send(op: Operation, req: SendRequest, followRedirects = true): Promise<Response> {
    return this.session.send(op, req, followRedirects);
  }

  private retry<T>(fn: () => Promise<T>): Promise<T> {
    const { policy, http } = this.settings;
    return withRetries(policy, http.log, () => http.stats.retries++, fn);
  }

  private url(path: string): URL {
    return new URL(`${this.session.origin}/v2/${this.ref.repository}/${path}`);
  }

  private op(what: string, access: 'pull' | 'push', target?: string): Operation {
    return {
      name: `${what} in ${this.name}`,
      registry: this.ref.registry,
      hint: (status, codes) =>
        hintFor(status, codes, {
          registry: this.ref.registry,
          name: this.name,
          access,
          credentials: this.credentialSource(),
          ...(target !== undefined && { target }),
        }),
    };
  }

  /** Where the upload goes on: the Location of `res`, relative or absolute. */
  private location(op: Operation, res: Response, base: URL): URL {
    const location = res.headers.get('location');
    if (location === null || location === '') {
      throw new RegistryError({
        registry: this.ref.registry,
        operation: op.name,
        problem: `HTTP ${res.status} without a Location for the upload`,
        hint: 'The registry does not follow the distribution API: report it to its operator.',
      });
    }
    return new URL(location, base);
  }

  private async cancelUpload(op: Operation, location: URL): Promise<void> {
    try {
      const res = await this.send(op, { method: 'DELETE', url: location, scopes: this.push });
      await discard(res);
    } catch (e) {
      this.settings.http.log.debug(
        `Closing the upload session failed (${(e as Error).message}); the registry will expire it.`,
      );
    }
  }

  private checkStoredDigest(op: Operation, res: Response, digest: string): void {
    const stored = res.headers.get('docker-content-digest') ?? '';
    if (isDigest(stored) && stored.split(':')[0] === digest.split(':')[0] && stored !== digest) {
      throw new RegistryError({
        registry: this.ref.registry,
        operation: op.name,
        problem: `the registry stored it as ${stored}, not ${digest}`,
        hint: 'The registry changed the content: check any proxy in between, or report it to the registry.',
      });
    }
  }

  /** A failure the next try may not repeat: the operation starts over. */
  private restart(op: Operation, problem: string): RegistryError {
    return new RegistryError({
      registry: this.ref.registry,
      operation: op.name,
      problem,
      hint: 'Check the network and any proxy in between.',
      retryable: true,
    });
  }

  private mismatch(op: Operation, problem: string): RegistryError {
    return new RegistryError({
      registry: this.ref.registry,
      operation: op.name,
      problem,
      hint: "The registry's copy is damaged, or something between changed it: check any proxy, then report it to the registry.",
      retryable: true,
    });
  }
}

interface BlobResponse {
  readonly res: Response;
  /** Bytes at the start to drop (a registry that answered a Range request with everything). */
  readonly skip: number;
  readonly total: number | undefined;
}
