/**
 * An in-memory OCI registry with a Docker token service, small enough to read in one go, for
 * the protocol cases a real registry cannot be made to show on demand: a token that expires,
 * an insufficient_scope challenge, a redirect to storage on another host, a 429 with
 * Retry-After, a reset connection, a cut body. Faults are queued with `fault()` and hit
 * requests after authentication (the token service's requests too).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type RecordedRequest,
  type TestHttpServer,
  sha256,
  startHttpServer,
} from './http-server.js';

export interface FakeRegistryOptions {
  /** How clients log in: a token service at /token (default), Basic, or not at all. */
  readonly auth?: 'bearer' | 'basic' | 'none';
  /** Accepted logins, user → password. */
  readonly users?: Readonly<Record<string, string>>;
  /** Accepted OAuth2 refresh tokens (identity tokens), token → user. */
  readonly refreshTokens?: Readonly<Record<string, string>>;
  /** Sent as the token's expires_in; left out when undefined. */
  readonly expiresIn?: number;
  /** The field the token is sent in (default `token`). */
  readonly tokenField?: 'token' | 'access_token';
  /** Whether anonymous clients get pull tokens (default true). */
  readonly anonymousPull?: boolean;
  /** More scopes a request needs than its repository's (e.g. to provoke insufficient_scope). */
  readonly extraScopes?: (method: string, path: string) => readonly string[];
  /** Where blob GETs are redirected to (another server); undefined serves them here. */
  readonly blobRedirect?: (digest: string) => string | undefined;
  /** Upload Locations as absolute URLs (default relative); both carry a `_state` query. */
  readonly absoluteLocations?: boolean;
  /** Answers Range requests for blobs with the whole blob (200). */
  readonly ignoreRange?: boolean;
}

export interface TokenRequest {
  readonly method: string;
  readonly scopes: readonly string[];
  readonly service: string | null;
  readonly authorization: string | undefined;
  readonly form: URLSearchParams | undefined;
}

type Fault = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

interface Manifest {
  readonly mediaType: string;
  readonly bytes: Buffer;
}

export class FakeRegistry {
  readonly tokenRequests: TokenRequest[] = [];
  /** Upload sessions still open: started and neither completed nor cancelled. */
  readonly uploads = new Map<string, { repo: string; parts: Buffer[] }>();
  private readonly blobs = new Map<string, Map<string, Buffer>>();
  private readonly manifests = new Map<string, Map<string, Manifest>>();
  private readonly tokens = new Map<string, string[]>();
  private readonly faults: {
    match: (r: RecordedRequest) => boolean;
    action: Fault;
    times: number;
  }[] = [];
  private server!: TestHttpServer;
  private nextId = 1;

  private constructor(private readonly options: FakeRegistryOptions) {}

  static async start(options: FakeRegistryOptions = {}): Promise<FakeRegistry> {
    const registry = new FakeRegistry(options);
    registry.server = await startHttpServer((req, res, body, recorded) =>
      registry.handle(req, res, body, recorded),
    );
    return registry;
  }

  get host(): string {
    return this.server.host;
  }

  get origin(): string {
    return this.server.origin;
  }

  /** Every request, token service included, in order. */
  get requests(): RecordedRequest[] {
    return this.server.requests;
  }

  /** The requests to the registry API (not the token service), as `METHOD path`. */
  apiCalls(): string[] {
    return this.requests
      .filter((r) => r.path.startsWith('/v2/'))
      .map((r) => `${r.method} ${r.path}`);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** The next `times` requests that `match` (after authentication) get `action` instead. */
  fault(match: (r: RecordedRequest) => boolean, action: Fault, times = 1): void {
    this.faults.push({ match, action, times });
  }

  putBlob(repo: string, bytes: Buffer): string {
    const digest = sha256(bytes);
    this.repoBlobs(repo).set(digest, bytes);
    return digest;
  }

  blob(repo: string, digest: string): Buffer | undefined {
    return this.blobs.get(repo)?.get(digest);
  }

  putManifest(repo: string, reference: string, mediaType: string, bytes: Buffer): string {
    const digest = sha256(bytes);
    const map = this.manifests.get(repo) ?? new Map<string, Manifest>();
    map.set(digest, { mediaType, bytes });
    if (!reference.startsWith('sha256:')) map.set(reference, { mediaType, bytes });
    this.manifests.set(repo, map);
    return digest;
  }

  manifest(repo: string, reference: string): Manifest | undefined {
    return this.manifests.get(repo)?.get(reference);
  }

  private repoBlobs(repo: string): Map<string, Buffer> {
    let map = this.blobs.get(repo);
    if (!map) {
      map = new Map();
      this.blobs.set(repo, map);
    }
    return map;
  }

  private takeFault(recorded: RecordedRequest): Fault | undefined {
    const fault = this.faults.find((f) => f.times > 0 && f.match(recorded));
    if (!fault) return undefined;
    fault.times--;
    return fault.action;
  }

  private handle(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    recorded: RecordedRequest,
  ): void {
    const url = new URL(recorded.path, this.origin);
    if (url.pathname === '/token') {
      const fault = this.takeFault(recorded);
      if (fault) {
        fault(req, res, body);
        return;
      }
      this.token(req, res, body, url);
      return;
    }
    const route =
      /^\/v2\/(.+?)\/(manifests\/[^/]+|blobs\/uploads\/[^/]*|blobs\/[^/]+|tags\/list)$/.exec(
        url.pathname,
      );
    const repo = route?.[1] ?? '';
    const method = req.method ?? 'GET';
    const needed = [
      `repository:${repo}:${method === 'GET' || method === 'HEAD' ? 'pull' : 'pull,push'}`,
    ];
    const from = url.searchParams.get('from');
    if (url.searchParams.has('mount') && from !== null) needed.push(`repository:${from}:pull`);
    needed.push(...(this.options.extraScopes?.(method, recorded.path) ?? []));
    if (!this.authorized(req, res, needed)) return;
    const fault = this.takeFault(recorded);
    if (fault) {
      fault(req, res, body);
      return;
    }
    if (!route) {
      sendError(res, 404, 'NAME_UNKNOWN', `no route for ${url.pathname}`);
      return;
    }
    const [kind, rest = ''] = splitOnce(route[2] ?? '', '/');
    if (kind === 'manifests') {
      this.manifestRoute(req, res, body, repo, rest);
      return;
    }
    if (kind === 'tags') {
      this.tagList(res, repo, url);
      return;
    }
    if (rest.startsWith('uploads/')) {
      this.uploadRoute(req, res, body, repo, rest.slice('uploads/'.length), url);
      return;
    }
    this.blobRoute(req, res, repo, rest);
  }

  private authorized(req: IncomingMessage, res: ServerResponse, needed: string[]): boolean {
    const auth = this.options.auth ?? 'bearer';
    const header = req.headers.authorization;
    if (auth === 'none') return true;
    if (auth === 'basic') {
      if (header !== undefined && this.basicUser(header) !== undefined) return true;
      res.writeHead(401, {
        'www-authenticate': 'Basic realm="fake registry"',
        'content-type': 'application/json',
      });
      res.end(
        JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }),
      );
      return false;
    }
    const granted = header?.startsWith('Bearer ') ? this.tokens.get(header.slice(7)) : undefined;
    const missing = needed.filter((scope) => !granted || !grants(granted, scope));
    if (missing.length === 0) return true;
    const error = granted ? ',error="insufficient_scope"' : '';
    res.writeHead(401, {
      'www-authenticate': `Bearer realm="${this.origin}/token",service="fake",scope="${needed.join(' ')}"${error}`,
      'content-type': 'application/json',
    });
    res.end(
      JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }),
    );
    return false;
  }

  private basicUser(header: string): string | undefined {
    if (!header.startsWith('Basic ')) return undefined;
    const [user, password] = splitOnce(
      Buffer.from(header.slice(6), 'base64').toString('utf8'),
      ':',
    );
    return this.options.users?.[user] !== undefined && this.options.users[user] === password
      ? user
      : undefined;
  }

  private token(req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL): void {
    const form = req.method === 'POST' ? new URLSearchParams(body.toString('utf8')) : undefined;
    const scopes = form
      ? (form.get('scope') ?? '').split(' ').filter(Boolean)
      : url.searchParams.getAll('scope');
    this.tokenRequests.push({
      method: req.method ?? '',
      scopes,
      service: form ? form.get('service') : url.searchParams.get('service'),
      authorization: req.headers.authorization,
      form,
    });
    let user: string | undefined;
    if (form) {
      user = this.options.refreshTokens?.[form.get('refresh_token') ?? ''];
      if (user === undefined || form.get('grant_type') !== 'refresh_token') {
        sendError(res, 401, 'UNAUTHORIZED', 'invalid refresh token');
        return;
      }
    } else if (req.headers.authorization !== undefined) {
      user = this.basicUser(req.headers.authorization);
      if (user === undefined) {
        sendError(res, 401, 'UNAUTHORIZED', 'invalid username or password');
        return;
      }
    }
    const anonymousPull = this.options.anonymousPull ?? true;
    const granted = scopes.flatMap((scope) => {
      if (user !== undefined) return [scope];
      if (!anonymousPull) return [];
      const last = scope.lastIndexOf(':');
      return scope
        .slice(last + 1)
        .split(',')
        .includes('pull')
        ? [`${scope.slice(0, last)}:pull`]
        : [];
    });
    const token = `tok-${this.nextId++}`;
    this.tokens.set(token, granted);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        [this.options.tokenField ?? 'token']: token,
        ...(this.options.expiresIn !== undefined && { expires_in: this.options.expiresIn }),
        issued_at: new Date().toISOString(),
      }),
    );
  }

  private manifestRoute(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    repo: string,
    reference: string,
  ): void {
    if (req.method === 'PUT') {
      const mediaType = req.headers['content-type'];
      if (mediaType === undefined) {
        sendError(res, 400, 'MANIFEST_INVALID', 'no Content-Type');
        return;
      }
      const digest = this.putManifest(repo, reference, mediaType, body);
      res.writeHead(201, {
        'docker-content-digest': digest,
        location: `/v2/${repo}/manifests/${digest}`,
      });
      return void res.end();
    }
    const found = this.manifest(repo, reference);
    if (!found) {
      sendError(res, 404, 'MANIFEST_UNKNOWN', 'manifest unknown');
      return;
    }
    res.writeHead(200, {
      'content-type': found.mediaType,
      'content-length': found.bytes.length,
      'docker-content-digest': sha256(found.bytes),
    });
    res.end(req.method === 'HEAD' ? undefined : found.bytes);
  }

  private blobRoute(req: IncomingMessage, res: ServerResponse, repo: string, digest: string): void {
    const bytes = this.blob(repo, digest);
    if (!bytes) {
      sendError(res, 404, 'BLOB_UNKNOWN', 'blob unknown to registry');
      return;
    }
    const redirect = req.method === 'GET' ? this.options.blobRedirect?.(digest) : undefined;
    if (redirect !== undefined) {
      res.writeHead(307, { location: redirect });
      return void res.end();
    }
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range && !this.options.ignoreRange && req.method === 'GET') {
      const start = Number(range[1]);
      res.writeHead(206, {
        'content-length': bytes.length - start,
        'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}`,
        'content-type': 'application/octet-stream',
      });
      return void res.end(bytes.subarray(start));
    }
    res.writeHead(200, {
      'content-length': bytes.length,
      'content-type': 'application/octet-stream',
      'docker-content-digest': digest,
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  }

  private uploadLocation(repo: string, id: string): string {
    const path = `/v2/${repo}/blobs/uploads/${id}?_state=s${this.nextId++}`;
    return this.options.absoluteLocations ? `${this.origin}${path}` : path;
  }

  private uploadRoute(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    repo: string,
    id: string,
    url: URL,
  ): void {
    if (req.method === 'POST') {
      const mount = url.searchParams.get('mount');
      const from = url.searchParams.get('from');
      const source = mount !== null && from !== null ? this.blob(from, mount) : undefined;
      if (mount !== null && source) {
        this.repoBlobs(repo).set(mount, source);
        res.writeHead(201, {
          location: `/v2/${repo}/blobs/${mount}`,
          'docker-content-digest': mount,
        });
        return void res.end();
      }
      const newId = `u${this.nextId++}`;
      this.uploads.set(newId, { repo, parts: [] });
      res.writeHead(202, { location: this.uploadLocation(repo, newId), range: '0-0' });
      return void res.end();
    }
    const upload = this.uploads.get(id);
    if (!upload || upload.repo !== repo) {
      sendError(res, 404, 'BLOB_UPLOAD_UNKNOWN', 'upload unknown');
      return;
    }
    if (!url.searchParams.get('_state')) {
      sendError(res, 400, 'BLOB_UPLOAD_INVALID', 'the _state query was lost');
      return;
    }
    const size = upload.parts.reduce((n, p) => n + p.length, 0);
    if (req.method === 'DELETE') {
      this.uploads.delete(id);
      res.writeHead(204);
      return void res.end();
    }
    if (req.method === 'PATCH') {
      const range = /^(\d+)-(\d+)$/.exec(req.headers['content-range'] ?? '');
      if (range && Number(range[1]) !== size) {
        res.writeHead(416, { range: `0-${size - 1}` });
        return void res.end();
      }
      upload.parts.push(body);
      res.writeHead(202, {
        location: this.uploadLocation(repo, id),
        range: `0-${size + body.length - 1}`,
      });
      return void res.end();
    }
    if (req.method === 'PUT') {
      upload.parts.push(body);
      const bytes = Buffer.concat(upload.parts);
      const digest = url.searchParams.get('digest');
      if (digest !== sha256(bytes)) {
        sendError(res, 400, 'DIGEST_INVALID', 'provided digest did not match uploaded content');
        return;
      }
      this.uploads.delete(id);
      this.repoBlobs(repo).set(digest, bytes);
      res.writeHead(201, {
        location: `/v2/${repo}/blobs/${digest}`,
        'docker-content-digest': digest,
      });
      return void res.end();
    }
    sendError(res, 405, 'UNSUPPORTED', 'method not allowed');
  }

  private tagList(res: ServerResponse, repo: string, url: URL): void {
    const map = this.manifests.get(repo);
    if (!map) {
      sendError(res, 404, 'NAME_UNKNOWN', 'repository name not known to registry');
      return;
    }
    const all = [...map.keys()].filter((k) => !k.startsWith('sha256:')).sort();
    const last = url.searchParams.get('last');
    const n = Number(url.searchParams.get('n') ?? all.length);
    const rest = last === null ? all : all.filter((t) => t > last);
    const page = rest.slice(0, n);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (rest.length > n) {
      headers.link = `</v2/${repo}/tags/list?n=${n}&last=${encodeURIComponent(page.at(-1) ?? '')}>; rel="next"`;
    }
    res.writeHead(200, headers);
    res.end(JSON.stringify({ name: repo, tags: page }));
  }
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}

/** Whether the scopes of a token include `scope` (all of its actions). */
function grants(granted: readonly string[], scope: string): boolean {
  const last = scope.lastIndexOf(':');
  const resource = scope.slice(0, last);
  const actions = new Set(
    granted
      .filter((g) => g.slice(0, g.lastIndexOf(':')) === resource)
      .flatMap((g) => g.slice(g.lastIndexOf(':') + 1).split(',')),
  );
  return scope
    .slice(last + 1)
    .split(',')
    .every((a) => actions.has(a));
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ errors: [{ code, message }] }));
}

/** Faults for `FakeRegistry.fault`. */
export const faults = {
  status:
    (status: number, headers: Record<string, string> = {}, body = ''): Fault =>
    (_req, res) => {
      res.writeHead(status, headers);
      res.end(body);
    },
  /** Drops the connection without an answer (ECONNRESET / "other side closed" for the client). */
  reset: (): Fault => (req) => {
    req.socket.destroy();
  },
  /** Promises `bytes`, sends the first `keep` of them, and drops the connection. */
  truncate:
    (bytes: Buffer, keep: number, headers: Record<string, string> = {}): Fault =>
    (req, res) => {
      res.writeHead(200, { ...headers, 'content-length': bytes.length });
      res.write(bytes.subarray(0, keep), () => {
        setTimeout(() => req.socket.destroy(), 10);
      });
    },
};
