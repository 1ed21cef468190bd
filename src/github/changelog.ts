import type { Commit, Enrichment } from '../plan/release-notes.js';
import type { ApiCommit, ReleaseApi } from './release-api.js';

/*
 * What the API adds to the changelog drafted from git: logins, who opened each pull request,
 * first-time contributors; and the commits themselves when git could not give them.
 */

const LOGIN = String.raw`([A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?)`;
const PULL_LINE = new RegExp(String.raw`^[*-] .* by @${LOGIN} in \S*/pull/(\d+)\s*$`);
const NEW_CONTRIBUTOR = new RegExp(
  String.raw`^[*-] @${LOGIN} made their first contribution(?: in \S*/pull/(\d+))?\s*$`,
);

export interface GeneratedFacts {
  readonly pullAuthors: ReadonlyMap<number, string>;
  readonly newContributors: readonly { readonly login: string; readonly pull?: number }[];
}

/**
 * Reads GitHub's generated notes: `* Title by @login in …/pull/12` lines give who opened each
 * pull request, the "New Contributors" lines give first-time contributors. Other lines (a
 * configured template, headings) are skipped.
 */
export function parseGeneratedNotes(body: string): GeneratedFacts {
  const pullAuthors = new Map<number, string>();
  const newContributors: { login: string; pull?: number }[] = [];
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    const fresh = NEW_CONTRIBUTOR.exec(line);
    if (fresh) {
      const pull = fresh[2] === undefined ? undefined : Number(fresh[2]);
      newContributors.push({ login: fresh[1] as string, ...(pull !== undefined && { pull }) });
      continue;
    }
    const pr = PULL_LINE.exec(line);
    if (pr) pullAuthors.set(Number(pr[2]), pr[1] as string);
  }
  return { pullAuthors, newContributors };
}

/** A compare API commit as git would list it: subject is the first paragraph on one line. */
export function apiCommitToCommit(c: ApiCommit): Commit {
  const message = c.message.replace(/\r\n/g, '\n');
  const split = /\n\s*\n/.exec(message);
  const first = split ? message.slice(0, split.index) : message;
  const rest = split ? message.slice(split.index + split[0].length) : '';
  return {
    sha: c.sha,
    parents: c.parents,
    author: c.author,
    committer: c.committer,
    subject: first.replace(/\s*\n\s*/g, ' ').trim(),
    body: rest.replace(/\n+$/, ''),
  };
}

export interface ApiChangelogRequest {
  /** The tag being released (it may not exist yet: then `sha` is where it will be). */
  readonly tag: string;
  readonly sha: string;
  readonly previousTag?: string;
  /** Read the commits of the range from the API too (git could not give them). */
  readonly withCommits: boolean;
  /** At most this many commits are read (100 per request). */
  readonly maxCommits?: number;
}

export interface ApiChangelog {
  readonly enrichment: Enrichment;
  /** Set when asked for and the range has a start: the commits, oldest first. */
  readonly commits?: readonly Commit[];
  /** The range held more commits than were read. */
  readonly truncated: boolean;
  /** Calls that failed, each naming the call; the rest of the changelog still stands. */
  readonly problems: readonly string[];
}

/**
 * Asks the API what git cannot know: the compare view (paged) gives logins and bot accounts by
 * commit and e-mail, GitHub's generated notes (with the previous tag passed, since GitHub picks
 * it by rules of its own otherwise) give who opened each pull request and who contributed for the
 * first time. Each call may fail on its own; what failed is listed, not thrown.
 */
export async function apiChangelog(
  api: ReleaseApi,
  request: ApiChangelogRequest,
): Promise<ApiChangelog> {
  const problems: string[] = [];
  const loginsBySha = new Map<string, string>();
  const loginsByEmail = new Map<string, string>();
  const bots = new Set<string>();
  let commits: Commit[] | undefined;
  let truncated = false;
  const limit = request.maxCommits ?? (request.withCommits ? 5_000 : 1_000);

  const compare = async () => {
    if (request.previousTag === undefined) return;
    try {
      const c = await api.compareCommits(request.previousTag, request.sha, limit);
      for (const commit of c.commits) {
        if (commit.authorLogin === undefined) continue;
        loginsBySha.set(commit.sha, commit.authorLogin);
        if (commit.author.email !== '') {
          loginsByEmail.set(commit.author.email.toLowerCase(), commit.authorLogin);
        }
        if (commit.authorIsBot === true) bots.add(commit.authorLogin);
      }
      truncated = c.totalCommits > c.commits.length;
      if (request.withCommits) commits = c.commits.map(apiCommitToCommit);
    } catch (e) {
      problems.push((e as Error).message);
    }
  };
  let generated: GeneratedFacts | undefined;
  const notes = async () => {
    try {
      const g = await api.generateNotes({
        tagName: request.tag,
        targetCommitish: request.sha,
        ...(request.previousTag !== undefined && { previousTagName: request.previousTag }),
      });
      generated = parseGeneratedNotes(g.body);
    } catch (e) {
      problems.push((e as Error).message);
    }
  };
  await Promise.all([compare(), notes()]);
  return {
    enrichment: {
      loginsBySha,
      loginsByEmail,
      bots,
      ...(generated !== undefined && {
        pullAuthors: generated.pullAuthors,
        newContributors: generated.newContributors,
      }),
    },
    ...(commits !== undefined && { commits }),
    truncated,
    problems,
  };
}
