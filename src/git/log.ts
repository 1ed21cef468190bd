import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Commit } from '../plan/release-notes.js';
import { readTagFiles } from './files.js';

/**
 * The commits of a release range from local git, and the tag names the previous version is
 * chosen from. GitHub's actions/checkout clones one commit deep and without tags, so what the
 * checkout lacks is fetched from the remote the checkout configured (its credentials included,
 * none of ours); when that fails the caller is told why and can ask the API instead.
 */
export interface ChangelogSource {
  /** Every tag name of the checkout, and of the remote when the checkout is shallow. */
  tagNames(): Promise<TagNames>;
  /**
   * The commits reachable from `to` and not from the tag `from` (all of `to`'s history when
   * `from` is undefined: a first release), newest first, fetching history the checkout lacks.
   */
  commits(to: string, from?: string): Promise<CommitRange>;
}

export interface TagNames {
  readonly names: readonly string[];
  /** What was done beyond reading the checkout, for the log. */
  readonly notes: readonly string[];
  /** Set when the remote could not be asked: the names are the checkout's alone. */
  readonly problem?: string;
}

export type CommitRange =
  | {
      readonly ok: true;
      readonly commits: readonly Commit[];
      /** More commits than `maxCount` were in the range: the list holds the newest. */
      readonly truncated: boolean;
      /** What was fetched to complete the history, for the log. */
      readonly notes: readonly string[];
    }
  | {
      readonly ok: false;
      /** Why the range cannot be read from git, and what would fix it. */
      readonly problem: string;
      readonly notes: readonly string[];
    };

export interface LocalLogOptions {
  /** The remote to fetch from; actions/checkout names it `origin`. */
  readonly remote?: string;
  /** At most this many commits are read (a first release of a long history). Default 20,000. */
  readonly maxCount?: number;
  /** Time allowed for one fetch, in ms. Default 5 minutes. */
  readonly fetchTimeoutMs?: number;
  /** The environment git runs with; defaults to this process's. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Never reach the remote (a dry run, a local preview): a shallow checkout or a missing tag is
   * then reported instead of fetched.
   */
  readonly offline?: boolean;
}

interface GitResult {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** Credentials in a remote URL (`https://user:token@host`) never reach a message. */
export function redactUrls(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}

/** The last non-empty line of git's complaint, which is the one that says what went wrong. */
function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return redactUrls(lines[lines.length - 1] ?? 'no message');
}

/** sha, parents, author, committer, subject, body: NUL between fields, NUL after each commit. */
const FORMAT = '%H%x00%P%x00%aN%x00%aE%x00%cN%x00%cE%x00%s%x00%b';
const FIELDS = 8;
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * Reads `git log -z --format=FORMAT` as it streams in, so that parsing overlaps git's own work
 * instead of following it. `result()` is undefined when a record did not line up.
 */
export class LogParser {
  private readonly commits: Commit[] = [];
  private readonly fields: string[] = [];
  private pending = '';
  private broken = false;

  push(chunk: string): void {
    if (this.broken) return;
    const parts = (this.pending + chunk).split('\0');
    this.pending = parts.pop() ?? '';
    for (const part of parts) {
      this.fields.push(part);
      if (this.fields.length === FIELDS) this.record();
    }
  }

  private record(): void {
    const [rawSha = '', parents = '', aName = '', aMail = '', cName = '', cMail = ''] = this.fields;
    const subject = this.fields[6] ?? '';
    let body = this.fields[7] ?? '';
    this.fields.length = 0;
    // Records are separated by the NUL alone; a newline in front is tolerated all the same.
    const sha = rawSha.charCodeAt(0) === 10 ? rawSha.slice(1) : rawSha;
    if (!SHA.test(sha)) {
      this.broken = true;
      return;
    }
    let end = body.length;
    while (end > 0 && body.charCodeAt(end - 1) === 10) end--;
    if (end !== body.length) body = body.slice(0, end);
    this.commits.push({
      sha,
      parents: parents === '' ? [] : parents.split(' '),
      author: { name: aName, email: aMail },
      committer: { name: cName, email: cMail },
      subject,
      body,
    });
  }

  result(): Commit[] | undefined {
    return this.broken || this.pending !== '' || this.fields.length > 0 ? undefined : this.commits;
  }
}

/** Parses the whole output of `git log -z --format=FORMAT`; undefined when it does not line up. */
export function parseLog(out: string): Commit[] | undefined {
  const parser = new LogParser();
  parser.push(out);
  return parser.result();
}

/** The history in a checkout at `cwd`, completed from its remote when needed. */
export function localChangelog(cwd: string, options: LocalLogOptions = {}): ChangelogSource {
  const remote = options.remote ?? 'origin';
  const maxCount = options.maxCount ?? 20_000;
  const fetchTimeout = options.fetchTimeoutMs ?? 5 * 60_000;
  const baseEnv = options.env ?? process.env;

  const git = async (
    args: readonly string[],
    timeout = 60_000,
    input?: string,
  ): Promise<GitResult> => {
    const { execFile } = await import('node:child_process');
    return new Promise((resolve) => {
      const child = execFile(
        'git',
        // Settings of the machine must not change what is printed: signatures, colours, pagers.
        ['-c', 'log.showSignature=false', '-c', 'color.ui=false', ...args],
        {
          cwd,
          encoding: 'utf8',
          maxBuffer: 1024 * 1024 * 1024,
          timeout,
          // No prompt for credentials: a fetch that needs some fails, and the API takes over.
          env: { ...baseEnv, GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never' },
        },
        (error, stdout, stderr) => resolve({ ok: !error, stdout, stderr }),
      );
      if (input !== undefined) {
        child.stdin?.on('error', () => {});
        child.stdin?.end(input);
      }
    });
  };
  const line = async (args: readonly string[]) => {
    const r = await git(args);
    return r.ok ? r.stdout.trim() : undefined;
  };
  const resolveCommit = (rev: string) =>
    line(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  const isShallow = async () => (await line(['rev-parse', '--is-shallow-repository'])) === 'true';
  const offline = options.offline === true;
  const fetch = (args: readonly string[]): Promise<GitResult> =>
    offline
      ? Promise.resolve({ ok: false, stdout: '', stderr: 'offline: nothing is fetched' })
      : git(['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', ...args], fetchTimeout);

  const shallowFile = async (): Promise<string | undefined> => {
    const path = await line(['rev-parse', '--git-path', 'shallow']);
    return path === undefined ? undefined : isAbsolute(path) ? path : join(cwd, path);
  };

  /** The commits git grafts as having no parents, read from the checkout's `shallow` file. */
  const shallowCommits = async (): Promise<Set<string>> => {
    const path = await shallowFile();
    try {
      return new Set(
        path === undefined
          ? []
          : readFileSync(path, 'utf8')
              .split('\n')
              .filter((l) => SHA.test(l)),
      );
    } catch {
      return new Set();
    }
  };

  /** Of `shas`, those whose objects the checkout does not have. */
  const missingObjects = async (shas: ReadonlySet<string>): Promise<Set<string>> => {
    if (shas.size === 0) return new Set();
    const r = await git(['cat-file', '--batch-check'], 60_000, [...shas].join('\n') + '\n');
    return new Set(
      r.stdout
        .split('\n')
        .filter((l) => l.endsWith(' missing'))
        .map((l) => l.slice(0, -' missing'.length)),
    );
  };

  /**
   * After `--shallow-exclude`, git (2.39 at least) can list as shallow a commit it never
   * received: the side of a merge whose first parent was excluded. Every later deepening then
   * dies with "error in object: unshallow <sha>". Dropping those lines, the way git itself
   * rewrites the file (through `shallow.lock`), leaves a checkout that `--unshallow` completes.
   */
  const dropMissingShallow = async (): Promise<void> => {
    const path = await shallowFile();
    const shallow = await shallowCommits();
    const missing = await missingObjects(shallow);
    if (path === undefined || missing.size === 0) return;
    const keep = [...shallow].filter((sha) => !missing.has(sha));
    const lock = `${path}.lock`;
    try {
      writeFileSync(lock, keep.map((sha) => `${sha}\n`).join(''), { flag: 'wx' });
      renameSync(lock, path);
    } catch {
      // Another git holds the lock, or the file cannot be written: the fetch reports the rest.
      rmSync(lock, { force: true });
    }
  };

  /** How many parents a commit really has, from its object (a graft hides them). */
  const realParents = async (sha: string): Promise<number> => {
    const raw = await git(['cat-file', 'commit', sha]);
    const header = raw.stdout.split('\n\n')[0] ?? '';
    return header.split('\n').filter((l) => l.startsWith('parent ')).length;
  };

  const log = async (range: readonly string[]): Promise<Commit[] | undefined> => {
    const { spawn } = await import('node:child_process');
    const parser = new LogParser();
    return new Promise((resolve) => {
      const child = spawn(
        'git',
        [
          '-c',
          'log.showSignature=false',
          'log',
          '-z',
          `--format=${FORMAT}`,
          `--max-count=${maxCount + 1}`,
          ...range,
          '--',
        ],
        {
          cwd,
          env: { ...baseEnv, GIT_TERMINAL_PROMPT: '0' },
          stdio: ['ignore', 'pipe', 'ignore'],
          timeout: 5 * 60_000,
        },
      );
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        parser.push(chunk);
      });
      child.on('error', () => {
        resolve(undefined);
      });
      child.on('close', (code) => {
        resolve(code === 0 ? parser.result() : undefined);
      });
    });
  };

  return {
    async tagNames() {
      const local = readTagFiles(cwd) ?? (await git(['tag', '--list'])).stdout.split('\n');
      const names = new Set(local.map((t) => t.trim()).filter((t) => t !== ''));
      if (offline || !(await isShallow())) return { names: [...names].sort(), notes: [] };
      // A shallow checkout has the pushed tag at most: list the remote's names, which costs
      // one round trip and no objects.
      const r = await git(['ls-remote', '--tags', '--refs', remote], fetchTimeout);
      if (!r.ok) {
        return {
          names: [...names].sort(),
          notes: [],
          problem: `the checkout is shallow and 'git ls-remote --tags ${remote}' failed (${lastLine(r.stderr)}), so only its own ${names.size} tags are known; check out with fetch-depth: 0 to give all of them`,
        };
      }
      const before = names.size;
      for (const l of r.stdout.split('\n')) {
        const m = /^[0-9a-f]+\trefs\/tags\/(.+)$/.exec(l.trim());
        if (m) names.add(m[1] as string);
      }
      return {
        names: [...names].sort(),
        notes: [
          `listed ${names.size - before} more tags from '${remote}' (the checkout is shallow)`,
        ],
      };
    },

    async commits(to, from) {
      const notes: string[] = [];
      const fail = (problem: string): CommitRange => ({ ok: false, problem, notes });
      // One process for both questions: a start of git costs more than reading 1,000 commits.
      const probe = await git([
        'rev-parse',
        '--is-shallow-repository',
        '--verify',
        '--quiet',
        '--end-of-options',
        `${to}^{commit}`,
      ]);
      const [shallowLine, toLine] = probe.stdout.trim().split('\n');
      const toSha = probe.ok && toLine !== undefined && SHA.test(toLine) ? toLine : undefined;
      if (toSha === undefined) {
        return fail(
          `'${to}' is not a commit of the checkout at ${cwd}; check out the commit being released`,
        );
      }
      const fromRef = from === undefined ? undefined : `refs/tags/${from}`;
      const fetchTag = async (depth: boolean) => {
        const r = await fetch([
          ...(depth ? ['--depth=1'] : []),
          remote,
          `+${fromRef as string}:${fromRef as string}`,
        ]);
        if (r.ok) notes.push(`fetched the tag ${from as string} from '${remote}'`);
        return r;
      };
      const unshallow = async () => {
        await dropMissingShallow();
        const r = await fetch(['--unshallow', remote, toSha]);
        if (r.ok) notes.push(`fetched the whole history of ${toSha.slice(0, 7)} from '${remote}'`);
        return r;
      };

      const range = fromRef === undefined ? [toSha] : [`${fromRef}..${toSha}`];
      const done = (commits: Commit[]): CommitRange => {
        const truncated = commits.length > maxCount;
        return {
          ok: true,
          commits: truncated ? commits.slice(0, maxCount) : commits,
          truncated,
          notes,
        };
      };
      if (shallowLine !== 'true') {
        // A full checkout: the tag is there, unless the checkout skipped tags.
        const quick = await log(range);
        if (quick !== undefined) return done(quick);
      } else if (offline) {
        return fail(
          `the checkout is shallow, so the commits since ${from ?? 'the start'} are not all in it, and nothing is fetched offline; check out with fetch-depth: 0`,
        );
      } else {
        let complete = false;
        if (fromRef !== undefined) {
          // Cheapest first: only the commits that are not in the previous release. It loses the
          // side of a merge whose first parent is in it (git grafts the merge as parentless),
          // so a range with such a merge is fetched whole instead.
          const r = await fetch([`--shallow-exclude=${fromRef}`, remote, toSha]);
          if (r.ok && ((await resolveCommit(fromRef)) !== undefined || (await fetchTag(true)).ok)) {
            const shallow = await shallowCommits();
            const fetched =
              (await missingObjects(shallow)).size === 0 ? await log(range) : undefined;
            complete = fetched !== undefined;
            for (const c of fetched ?? []) {
              if (shallow.has(c.sha) && (await realParents(c.sha)) > 1) {
                complete = false;
                break;
              }
            }
            if (complete && fetched !== undefined) {
              notes.push(`fetched the commits since ${from as string} from '${remote}'`);
              return done(fetched);
            }
          }
        }
        if (!complete) {
          const r = await unshallow();
          if (!r.ok) {
            return fail(
              `the checkout is shallow and 'git fetch --unshallow ${remote}' failed (${lastLine(r.stderr)}); check out with fetch-depth: 0, or give the token read access to the repository`,
            );
          }
        }
      }
      if (fromRef !== undefined && (await resolveCommit(fromRef)) === undefined) {
        const r = await fetchTag(await isShallow());
        if (!r.ok || (await resolveCommit(fromRef)) === undefined) {
          return fail(
            `the tag ${from as string} is neither in the checkout nor fetchable from '${remote}' (${lastLine(r.stderr)}); check out with fetch-depth: 0`,
          );
        }
      }
      const commits = await log(range);
      if (commits === undefined) {
        return fail(`'git log' of ${from ?? 'the start'}..${toSha.slice(0, 7)} failed in ${cwd}`);
      }
      return done(commits);
    },
  };
}
