import { readCommitTime, readTagFiles } from './files.js';

/** What the action reads from local git. One real implementation; tests use real repositories. */
export interface GitHistory {
  /** Names of all tags in the checkout; [] when it is no git repository or has none. */
  tags(): Promise<string[]>;
  /** Committer time of `rev` as ISO 8601, or undefined when the commit is not in the checkout. */
  commitTime(rev: string): Promise<string | undefined>;
}

export interface LocalCheckout extends GitHistory {
  /** Full sha of `rev`, or undefined when it does not resolve. */
  resolve(rev: string): Promise<string | undefined>;
  /** Tags pointing at `rev`. */
  tagsAt(rev: string): Promise<string[]>;
  /** The current branch name, undefined when HEAD is detached. */
  branch(): Promise<string | undefined>;
  remoteUrl(remote: string): Promise<string | undefined>;
}

/** Runs git with an argument array (never a shell); undefined when git fails or is missing. */
async function git(cwd: string, args: string[]): Promise<string | undefined> {
  // Loaded on first use: node:child_process pulls in net and stream, a few ms of every start.
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    execFile(
      'git',
      args,
      { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
      (error, stdout) => resolve(error ? undefined : stdout),
    );
  });
}

const nonEmptyLines = (out: string | undefined) =>
  (out ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

export function localGit(cwd: string): LocalCheckout {
  return {
    tags: async () => readTagFiles(cwd) ?? nonEmptyLines(await git(cwd, ['tag', '--list'])),
    async commitTime(rev) {
      const direct = readCommitTime(cwd, rev);
      if (direct !== undefined) return direct;
      // `--end-of-options` keeps a rev that starts with '-' from being read as an option.
      const out = await git(cwd, [
        'show',
        '-s',
        '--format=%cI',
        '--end-of-options',
        `${rev}^{commit}`,
        '--',
      ]);
      return nonEmptyLines(out)[0];
    },
    async resolve(rev) {
      const out = await git(cwd, [
        'rev-parse',
        '--verify',
        '--quiet',
        '--end-of-options',
        `${rev}^{commit}`,
      ]);
      return nonEmptyLines(out)[0];
    },
    tagsAt: async (rev) => nonEmptyLines(await git(cwd, ['tag', '--points-at', rev])),
    async branch() {
      const out = nonEmptyLines(await git(cwd, ['symbolic-ref', '--quiet', '--short', 'HEAD']))[0];
      return out;
    },
    async remoteUrl(remote) {
      return nonEmptyLines(await git(cwd, ['remote', 'get-url', '--', remote]))[0];
    },
  };
}
