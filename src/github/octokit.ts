import type {
  ApiCommit,
  Comparison,
  GeneratedNotes,
  NewRelease,
  Release,
  ReleaseApi,
  ReleaseFields,
} from './release-api.js';
import { GitHubApiError } from './release-api.js';

export interface ReleaseApiOptions {
  /** Never printed; octokit sends it as the Authorization header only. */
  readonly token: string;
  readonly owner: string;
  readonly repo: string;
  /**
   * `GITHUB_API_URL` of the runner (GitHub Enterprise Server: `https://host/api/v3`); when unset,
   * the GITHUB_API_URL of this process, else https://api.github.com.
   */
  readonly apiUrl?: string;
  /** Attempts after a failed request (5xx, network error); default 3. */
  readonly retries?: number;
  /**
   * What the plugins' waits are counted in: a retry waits (attempt)² of these, a rate limit
   * `retry-after` of them. Default 1000 (seconds); tests make it a few milliseconds.
   */
  readonly waitUnitMs?: number;
  /** A rate limit that asks to wait longer than this many seconds fails instead. Default 120. */
  readonly maxRateLimitWaitSeconds?: number;
  /** Rate limits and retries worth a line in the log. */
  readonly log?: (message: string) => void;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function toRelease(data: unknown): Release {
  const r = obj(data);
  return {
    id: typeof r.id === 'number' ? r.id : -1,
    tagName: str(r.tag_name),
    name: typeof r.name === 'string' ? r.name : null,
    body: str(r.body),
    draft: r.draft === true,
    prerelease: r.prerelease === true,
    htmlUrl: str(r.html_url),
    ...(typeof r.immutable === 'boolean' && { immutable: r.immutable }),
  };
}

function toCommit(data: unknown): ApiCommit {
  const c = obj(data);
  const commit = obj(c.commit);
  const person = (p: unknown) => ({ name: str(obj(p).name), email: str(obj(p).email) });
  const login = str(obj(c.author).login);
  return {
    sha: str(c.sha),
    parents: Array.isArray(c.parents) ? c.parents.map((p) => str(obj(p).sha)) : [],
    author: person(commit.author),
    committer: person(commit.committer),
    message: str(commit.message),
    ...(login !== '' && { authorLogin: login }),
    ...(obj(c.author).type === 'Bot' && { authorIsBot: true }),
  };
}

/** Turns whatever octokit threw into an error that names the call and hides the request. */
function apiError(operation: string, e: unknown): GitHubApiError {
  const err = obj(e);
  const status = typeof err.status === 'number' ? err.status : 0;
  const data = obj(obj(err.response).data);
  const message = str(data.message) || (e instanceof Error ? e.message : String(e)) || 'no message';
  const codes = Array.isArray(data.errors) ? data.errors.map((x) => str(obj(x).code)) : [];
  return new GitHubApiError(operation, status, message, codes);
}

const fields = (f: ReleaseFields) => ({
  ...(f.name !== undefined && { name: f.name }),
  ...(f.body !== undefined && { body: f.body }),
  ...(f.draft !== undefined && { draft: f.draft }),
  ...(f.prerelease !== undefined && { prerelease: f.prerelease }),
  ...(f.makeLatest !== undefined && { make_latest: f.makeLatest }),
});

/**
 * The ReleaseApi on `@actions/github`'s octokit with the retry and throttling plugins. Loaded
 * here, on first use, because those modules cost more start-up time than a whole dry run
 * (bench/dry-run.mjs), which never needs them.
 */
export async function createReleaseApi(options: ReleaseApiOptions): Promise<ReleaseApi> {
  const [{ getOctokit }, { retry }, { throttling }] = await Promise.all([
    import('@actions/github'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling'),
  ]);
  const log = options.log ?? (() => {});
  const unit = options.waitUnitMs ?? 1000;
  const maxWait = options.maxRateLimitWaitSeconds ?? 120;
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method?: string; url?: string },
      _o: unknown,
      count: number,
    ) => {
      const what = `${request.method ?? ''} ${request.url ?? ''}`.trim();
      if (count >= 2 || retryAfter > maxWait) {
        log(`GitHub ${kind} hit on ${what}; not waiting ${retryAfter} s`);
        return false;
      }
      log(`GitHub ${kind} hit on ${what}; retrying in ${retryAfter} s`);
      return true;
    };
  const octokit = getOctokit(
    options.token,
    {
      // Unset, @actions/github takes GITHUB_API_URL from the environment itself.
      ...(options.apiUrl !== undefined && { baseUrl: options.apiUrl.replace(/\/+$/, '') }),
      retry: { retries: options.retries ?? 3, retryAfterBaseValue: unit },
      throttle: {
        // Its own key: the plugin spaces writes per key, and runs in one process must not queue
        // behind each other.
        id: `image-release-${Math.random().toString(36).slice(2)}`,
        retryAfterBaseValue: unit,
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit'),
      },
      log: { debug: () => {}, info: () => {}, warn: log, error: log },
    },
    retry,
    throttling,
  );
  const { owner, repo } = options;
  const call = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      throw apiError(operation, e);
    }
  };

  return {
    async getReleaseByTag(tag) {
      try {
        const r = await octokit.rest.repos.getReleaseByTag({ owner, repo, tag });
        return toRelease(r.data);
      } catch (e) {
        if (obj(e).status === 404) return undefined;
        throw apiError(`get the release of tag ${tag}`, e);
      }
    },
    getRelease: (id) =>
      call(`get release ${id}`, async () =>
        toRelease((await octokit.rest.repos.getRelease({ owner, repo, release_id: id })).data),
      ),
    listReleases: (page, perPage) =>
      call(`list releases (page ${page})`, async () => {
        const r = await octokit.rest.repos.listReleases({ owner, repo, page, per_page: perPage });
        return r.data.map(toRelease);
      }),
    createRelease: (release: NewRelease) =>
      call(`create the release of tag ${release.tagName}`, async () => {
        const r = await octokit.rest.repos.createRelease({
          owner,
          repo,
          tag_name: release.tagName,
          target_commitish: release.targetCommitish,
          ...fields(release),
        });
        return toRelease(r.data);
      }),
    updateRelease: (id, f) =>
      call(`update release ${id}`, async () => {
        const r = await octokit.rest.repos.updateRelease({
          owner,
          repo,
          release_id: id,
          ...fields(f),
        });
        return toRelease(r.data);
      }),
    deleteRelease: (id) =>
      call(`delete release ${id}`, async () => {
        await octokit.rest.repos.deleteRelease({ owner, repo, release_id: id });
      }),
    generateNotes: (params): Promise<GeneratedNotes> =>
      call(`generate notes for ${params.tagName}`, async () => {
        const r = await octokit.rest.repos.generateReleaseNotes({
          owner,
          repo,
          tag_name: params.tagName,
          target_commitish: params.targetCommitish,
          ...(params.previousTagName !== undefined && {
            previous_tag_name: params.previousTagName,
          }),
        });
        return { name: r.data.name, body: r.data.body };
      }),
    compareCommits: (base, head, limit): Promise<Comparison> =>
      call(`compare ${base}...${head}`, async () => {
        const perPage = 100;
        const commits: ApiCommit[] = [];
        let total = 0;
        for (let page = 1; commits.length < limit; page++) {
          const r = await octokit.rest.repos.compareCommitsWithBasehead({
            owner,
            repo,
            basehead: `${base}...${head}`,
            per_page: perPage,
            page,
          });
          total = r.data.total_commits;
          const batch = r.data.commits.map(toCommit);
          commits.push(...batch);
          if (batch.length < perPage || commits.length >= total) break;
        }
        return { totalCommits: total, commits: commits.slice(0, limit) };
      }),
  };
}
