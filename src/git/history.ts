import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

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

/** The directory holding refs, following a `.git` file (worktree, submodule) and `commondir`. */
function refsDirectory(cwd: string): string | undefined {
  const dotGit = join(cwd, '.git');
  let gitDir: string;
  try {
    if (statSync(dotGit).isDirectory()) gitDir = dotGit;
    else {
      const m = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'));
      if (!m) return undefined;
      gitDir = resolve(cwd, (m[1] as string).trim());
    }
    const common = join(gitDir, 'commondir');
    if (existsSync(common)) {
      const c = readFileSync(common, 'utf8').trim();
      gitDir = isAbsolute(c) ? c : resolve(gitDir, c);
    }
  } catch {
    return undefined;
  }
  // The reftable format keeps refs in binary tables; leave those to git itself.
  return existsSync(join(gitDir, 'reftable')) ? undefined : gitDir;
}

/**
 * Tag names read straight from `packed-refs` and `refs/tags/`, which is what `git tag` reads
 * too; it spares a process start on every run (measured by bench/dry-run.mjs). Undefined when
 * the layout is not one this understands, and the caller asks git.
 */
export function readTagFiles(cwd: string): string[] | undefined {
  const gitDir = refsDirectory(cwd);
  if (gitDir === undefined) return undefined;
  const names = new Set<string>();
  try {
    const packed = join(gitDir, 'packed-refs');
    if (existsSync(packed)) {
      for (const line of readFileSync(packed, 'utf8').split('\n')) {
        const m = /^[0-9a-f]{40,64} refs\/tags\/(.+)$/.exec(line);
        if (m) names.add(m[1] as string);
      }
    }
    const walk = (dir: string, prefix: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
        else if (entry.isFile() && !entry.name.endsWith('.lock'))
          names.add(`${prefix}${entry.name}`);
      }
    };
    const loose = join(gitDir, 'refs', 'tags');
    if (existsSync(loose)) walk(loose, '');
  } catch {
    return undefined;
  }
  return [...names].sort();
}

export function localGit(cwd: string): LocalCheckout {
  return {
    tags: async () => readTagFiles(cwd) ?? nonEmptyLines(await git(cwd, ['tag', '--list'])),
    async commitTime(rev) {
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
