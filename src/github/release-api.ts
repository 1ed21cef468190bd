import type { Person } from '../plan/release-notes.js';

/*
 * The GitHub REST calls the release needs, as one small interface: the orchestration in
 * publish.ts is tested against a local HTTP server through the one real implementation
 * (octokit.ts), and nothing else in the action talks to the API.
 */

/** A release as the API returns it, reduced to what image-release reads. */
export interface Release {
  readonly id: number;
  readonly tagName: string;
  readonly name: string | null;
  /** '' when the release has none. */
  readonly body: string;
  readonly draft: boolean;
  readonly prerelease: boolean;
  readonly htmlUrl: string;
  /** Set by GitHub on releases of repositories with immutable releases turned on. */
  readonly immutable?: boolean;
}

/** What a create or an update sets; an update leaves out what it keeps. */
export interface ReleaseFields {
  readonly name?: string;
  readonly body?: string;
  readonly draft?: boolean;
  readonly prerelease?: boolean;
  /** `true` marks it as the repository's latest release; `false` leaves the mark where it is. */
  readonly makeLatest?: 'true' | 'false' | 'legacy';
}

export interface NewRelease extends ReleaseFields {
  readonly tagName: string;
  /** Where GitHub creates the tag when it does not exist yet. */
  readonly targetCommitish: string;
}

/** A commit as the compare API lists it. */
export interface ApiCommit {
  readonly sha: string;
  readonly parents: readonly string[];
  readonly author: Person;
  readonly committer: Person;
  readonly message: string;
  /** The GitHub account the author's e-mail belongs to, when GitHub knows one. */
  readonly authorLogin?: string;
  /** The account is a bot (`type: Bot`), e.g. dependabot[bot]. */
  readonly authorIsBot?: boolean;
}

export interface Comparison {
  /** All the commits in the range, even when fewer were fetched. */
  readonly totalCommits: number;
  /** Oldest first, at most the limit asked for. */
  readonly commits: readonly ApiCommit[];
}

export interface GeneratedNotes {
  readonly name: string;
  readonly body: string;
}

export interface ReleaseApi {
  /** The published release of a tag, or undefined (404). Drafts have no tag yet: not found here. */
  getReleaseByTag(tag: string): Promise<Release | undefined>;
  getRelease(id: number): Promise<Release>;
  /** One page of the repository's releases, newest first; drafts too for a token that can push. */
  listReleases(page: number, perPage: number): Promise<readonly Release[]>;
  createRelease(release: NewRelease): Promise<Release>;
  updateRelease(id: number, fields: ReleaseFields): Promise<Release>;
  deleteRelease(id: number): Promise<void>;
  /** GitHub's own notes for the range; `previousTagName` set, because GitHub's guess can be wrong. */
  generateNotes(params: {
    readonly tagName: string;
    readonly targetCommitish: string;
    readonly previousTagName?: string;
  }): Promise<GeneratedNotes>;
  /**
   * The commits in `base...head`, page after page (the API returns at most 250 commits unpaged),
   * up to `limit`.
   */
  compareCommits(base: string, head: string, limit: number): Promise<Comparison>;
}

/** A failed API call: which one, the status, and GitHub's own message. Never the token. */
export class GitHubApiError extends Error {
  constructor(
    /** e.g. `create release v1.2.3`. */
    readonly operation: string,
    readonly status: number,
    readonly apiMessage: string,
    /** `errors[].code` of a 422, e.g. `already_exists`. */
    readonly codes: readonly string[] = [],
  ) {
    super(`GitHub API: ${operation} failed with ${status}: ${apiMessage}${hint(status)}`);
    this.name = 'GitHubApiError';
  }

  /** A 422 that says the release (or its tag) exists already. */
  get alreadyExists(): boolean {
    return this.status === 422 && this.codes.includes('already_exists');
  }
}

function hint(status: number): string {
  if (status === 401) return ' (the token is not valid: check github-token)';
  if (status === 403 || status === 404) {
    return ' (the token may lack permission: give the job `permissions: contents: write`, or pass a token that can write to the repository as github-token)';
  }
  return '';
}
