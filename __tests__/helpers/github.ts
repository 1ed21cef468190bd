import { readFileSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the GitHub REST API, enough of it for releases: it keeps releases in
 * memory and answers with the recorded response shapes of __tests__/fixtures/github/ (see the
 * README there for their sources). Tests point the real octokit client at it (GITHUB_API_URL),
 * read what it was sent, and inject failures: 5xx, rate limits, secondary rate limits.
 */

type Json = Record<string, unknown>;

const FIXTURES = new URL('../fixtures/github/', import.meta.url);
function fixture(name: string): Json {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as Json;
}
const RELEASE = fixture('release.json');
const HEADERS = fixture('release-headers.json') as Record<string, string>;
const VALIDATION_FAILED = fixture('validation-failed.json');
const NOT_FOUND = fixture('not-found.json');
const GENERATED = fixture('generate-notes.json');
const COMPARE = fixture('compare.json');
export const RATE_LIMIT_BODY = fixture('rate-limit.json');
export const SECONDARY_RATE_LIMIT_BODY = fixture('secondary-rate-limit.json');

export interface StoredRelease {
  id: number;
  tag_name: string;
  target_commitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  immutable?: boolean;
}

export interface RecordedRequest {
  readonly method: string;
  /** Without the GHES `/api/v3` prefix, without the query. */
  readonly path: string;
  readonly prefix: string;
  readonly query: URLSearchParams;
  readonly body: Json;
  readonly authorization: string | undefined;
}

export interface Fault {
  readonly method: string;
  readonly path: RegExp;
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Json;
  /** How many matching requests get this answer; 1 by default. */
  times?: number;
}

/** A commit as the compare API lists it, built on the recorded shape. */
export function apiCommit(c: {
  sha: string;
  parents: readonly string[];
  name: string;
  email: string;
  message: string;
  login?: string;
  bot?: boolean;
}): Json {
  const template = (COMPARE.commits as Json[])[0] as Json;
  const commit = template.commit as Json;
  const person = { name: c.name, email: c.email, date: '2024-01-01T00:00:00Z' };
  const user =
    c.login === undefined
      ? null
      : { ...(template.author as Json), login: c.login, type: c.bot === true ? 'Bot' : 'User' };
  return {
    ...template,
    sha: c.sha,
    commit: { ...commit, author: person, committer: person, message: c.message },
    author: user,
    committer: user,
    parents: c.parents.map((sha) => ({ url: `https://api.github.com/commits/${sha}`, sha })),
  };
}

interface Reply {
  readonly status: number;
  readonly data?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export class FakeGitHub {
  readonly releases = new Map<number, StoredRelease>();
  readonly requests: RecordedRequest[] = [];
  readonly faults: Fault[] = [];
  /** The compare view's commits, oldest first, whatever the range asked for. */
  compareCommits: Json[] = [];
  /** The body generate-notes answers with. */
  generatedBody = GENERATED.body as string;
  /** Called with each request before it is answered: a test plays another job here. */
  onRequest: ((request: RecordedRequest) => void) | undefined;
  /** Stores bodies with CRLF line ends, as GitHub does for text edited in its web form. */
  crlfBodies = false;
  /** Marks the releases it creates as immutable, as a repository with immutable releases does. */
  immutableReleases = false;
  private nextId = 1000;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeGitHub> {
    const holder: { fake?: FakeGitHub } = {};
    const server = createServer((req, res) => {
      void holder.fake?.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.fake = new FakeGitHub(server, `http://127.0.0.1:${port}`);
    return holder.fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A release made by someone else (or by an earlier run); returns its id. */
  seed(release: Partial<StoredRelease> & { tag_name: string }): number {
    const id = this.nextId++;
    this.releases.set(id, {
      id,
      target_commitish: 'main',
      name: release.tag_name,
      body: null,
      draft: false,
      prerelease: false,
      ...release,
    });
    return id;
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault, times: fault.times ?? 1 });
  }

  /** The requests made, as `METHOD path`, for asserting the sequence of calls. */
  calls(): string[] {
    return this.requests.map((r) => `${r.method} ${r.path}`);
  }

  byTag(tag: string): StoredRelease[] {
    return [...this.releases.values()].filter((r) => r.tag_name === tag);
  }

  private stored(text: string): string {
    return this.crlfBodies ? text.replace(/\r?\n/g, '\r\n') : text;
  }

  private json(owner: string, repo: string, r: StoredRelease): Json {
    const api = `https://api.github.com/repos/${owner}/${repo}/releases/${r.id}`;
    const tagPath = r.draft ? `untagged-${r.id}` : r.tag_name;
    return {
      ...RELEASE,
      url: api,
      assets_url: `${api}/assets`,
      upload_url: `https://uploads.github.com/repos/${owner}/${repo}/releases/${r.id}/assets{?name,label}`,
      html_url: `https://github.com/${owner}/${repo}/releases/tag/${tagPath}`,
      id: r.id,
      tag_name: r.tag_name,
      target_commitish: r.target_commitish,
      name: r.name,
      draft: r.draft,
      prerelease: r.prerelease,
      published_at: r.draft ? null : RELEASE.published_at,
      tarball_url: `https://api.github.com/repos/${owner}/${repo}/tarball/${r.tag_name}`,
      zipball_url: `https://api.github.com/repos/${owner}/${repo}/zipball/${r.tag_name}`,
      body: r.body,
      ...(r.immutable !== undefined && { immutable: r.immutable }),
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const prefix = url.pathname.startsWith('/api/v3/') ? '/api/v3' : '';
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname.slice(prefix.length),
      prefix,
      query: url.searchParams,
      body: text === '' ? {} : (JSON.parse(text) as Json),
      authorization: req.headers.authorization,
    };
    this.requests.push(request);
    this.onRequest?.(request);
    const reply = this.route(request);
    res.writeHead(reply.status, { ...HEADERS, ...reply.headers });
    res.end(reply.data === undefined ? '' : JSON.stringify(reply.data));
  }

  private route({ method, path, query, body }: RecordedRequest): Reply {
    const fault = this.faults.find(
      (f) => (f.times ?? 0) > 0 && f.method === method && f.path.test(path),
    );
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      return {
        status: fault.status,
        data: fault.body ?? { message: 'Server Error' },
        ...(fault.headers && { headers: fault.headers }),
      };
    }
    const notFound: Reply = { status: 404, data: NOT_FOUND };
    const m = /^\/repos\/([^/]+)\/([^/]+)\/(.*)$/.exec(path);
    if (!m) return notFound;
    const [, owner = '', repo = '', rest = ''] = m;
    const ok = (r: StoredRelease, status = 200): Reply => ({
      status,
      data: this.json(owner, repo, r),
    });
    const exists = (tag: string, except?: number) =>
      [...this.releases.values()].some((r) => r.tag_name === tag && !r.draft && r.id !== except);
    const alreadyExists: Reply = {
      status: 422,
      data: {
        ...VALIDATION_FAILED,
        errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }],
      },
    };

    const byTag = /^releases\/tags\/(.+)$/.exec(rest);
    if (method === 'GET' && byTag) {
      const tag = decodeURIComponent(byTag[1] as string);
      const found = [...this.releases.values()].find((r) => r.tag_name === tag && !r.draft);
      return found ? ok(found) : notFound;
    }
    if (method === 'GET' && rest === 'releases') {
      const perPage = Number(query.get('per_page') ?? 30);
      const page = Number(query.get('page') ?? 1);
      const all = [...this.releases.values()].sort((a, b) => b.id - a.id);
      const slice = all.slice((page - 1) * perPage, page * perPage);
      return { status: 200, data: slice.map((r) => this.json(owner, repo, r)) };
    }
    if (method === 'POST' && rest === 'releases/generate-notes') {
      return { status: 200, data: { ...GENERATED, name: body.tag_name, body: this.generatedBody } };
    }
    if (method === 'POST' && rest === 'releases') {
      const tag = String(body.tag_name);
      if (exists(tag) && body.draft !== true) return alreadyExists;
      const id = this.seed({
        tag_name: tag,
        target_commitish:
          typeof body.target_commitish === 'string' ? body.target_commitish : 'main',
        name: typeof body.name === 'string' ? body.name : null,
        body: typeof body.body === 'string' ? this.stored(body.body) : null,
        draft: body.draft === true,
        prerelease: body.prerelease === true,
        ...(this.immutableReleases && { immutable: body.draft !== true }),
      });
      return ok(this.releases.get(id) as StoredRelease, 201);
    }
    const byId = /^releases\/(\d+)$/.exec(rest);
    if (byId) {
      const id = Number(byId[1]);
      const r = this.releases.get(id);
      if (!r) return notFound;
      if (method === 'GET') return ok(r);
      if (method === 'DELETE') {
        this.releases.delete(id);
        return { status: 204 };
      }
      if (method === 'PATCH') {
        if (body.draft === false && r.draft && exists(r.tag_name, id)) return alreadyExists;
        if (typeof body.body === 'string') r.body = this.stored(body.body);
        if (typeof body.name === 'string') r.name = body.name;
        if (typeof body.prerelease === 'boolean') r.prerelease = body.prerelease;
        if (body.draft === false && r.draft) {
          r.draft = false;
          if (this.immutableReleases) r.immutable = true;
        }
        return ok(r);
      }
    }
    if (method === 'GET' && rest.startsWith('compare/')) {
      const perPage = Number(query.get('per_page') ?? 250);
      const page = Number(query.get('page') ?? 1);
      return {
        status: 200,
        data: {
          ...COMPARE,
          total_commits: this.compareCommits.length,
          ahead_by: this.compareCommits.length,
          behind_by: 0,
          commits: this.compareCommits.slice((page - 1) * perPage, page * perPage),
        },
      };
    }
    return notFound;
  }
}
