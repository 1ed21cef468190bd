import type { Commit, Person } from '../../src/plan/release-notes.js';

/** The commit the range starts after: outside the range, as the previous release is. */
export const BASE = 'b'.repeat(40);

export const PEOPLE = {
  alice: { name: 'Alice Liddell', email: '1001+alice@users.noreply.github.com' },
  bob: { name: 'Bob Builder', email: 'bob@example.com' },
  carol: { name: 'Carol Danvers', email: 'carol@example.com' },
  dependabot: {
    name: 'dependabot[bot]',
    email: '49699333+dependabot[bot]@users.noreply.github.com',
  },
  renovate: { name: 'renovate[bot]', email: '29139614+renovate[bot]@users.noreply.github.com' },
  github: { name: 'GitHub', email: 'noreply@github.com' },
} satisfies Record<string, Person>;

interface CommitOptions {
  readonly author?: Person;
  readonly body?: string;
}

/**
 * A commit graph built in memory, as `git log` would list it (newest first), for the pure tests
 * of the release notes: shas are counters, so every case is the same on every run.
 */
export class History {
  private readonly list: Commit[] = [];
  private count = 0;
  head = BASE;

  private sha(): string {
    this.count++;
    return this.count.toString(16).padStart(40, '0');
  }

  private add(subject: string, parents: string[], options: CommitOptions): string {
    const sha = this.sha();
    this.list.push({
      sha,
      parents,
      author: options.author ?? PEOPLE.alice,
      committer: PEOPLE.github,
      subject,
      body: options.body ?? '',
    });
    this.head = sha;
    return sha;
  }

  /** A commit on the current head. */
  commit(subject: string, options: CommitOptions = {}): string {
    return this.add(subject, [this.head], options);
  }

  /** Continues from `sha` (a branch point). */
  at(sha: string): this {
    this.head = sha;
    return this;
  }

  /** A merge of `other` into the current head. */
  merge(subject: string, other: string, options: CommitOptions = {}): string {
    return this.add(subject, [this.head, other], options);
  }

  /** Newest first, as git lists them. */
  commits(): Commit[] {
    return [...this.list].reverse();
  }
}
