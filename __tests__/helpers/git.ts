import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { devNull } from 'node:os';
import { makeTempDir } from './tmp.js';

/** Identity and configuration for every git command the tests run: nothing from the machine. */
const IDENTITY = {
  GIT_AUTHOR_NAME: 'E2E Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'E2E Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.com',
};

function gitEnv(home: string, date?: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    LANG: 'C',
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: devNull,
    GIT_TERMINAL_PROMPT: '0',
    ...IDENTITY,
    ...(date !== undefined && { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }),
  };
}

/** Runs git with an argument array (no shell); rejects with git's stderr when it fails. */
export function runGit(
  cwd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = gitEnv(cwd),
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd, env, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error)
        reject(new Error(`git ${args.join(' ')} failed in ${cwd}: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

/**
 * A real git repository in a temporary directory, built step by step with fixed identities and
 * dates, so that shas and commit times are the same on every run.
 */
export class GitRepo {
  private constructor(
    readonly dir: string,
    private readonly home: string,
  ) {}

  /** `git init` with `main` as the first branch, in a new temporary directory. */
  static async init(): Promise<GitRepo> {
    const root = makeTempDir('image-release-repo-');
    const home = makeTempDir('image-release-home-');
    const repo = new GitRepo(root, home);
    await repo.git(['init', '--quiet', '--initial-branch=main']);
    return repo;
  }

  git(args: readonly string[], date?: string): Promise<string> {
    return runGit(this.dir, args, gitEnv(this.home, date));
  }

  /** An empty commit dated `date` (author and committer); returns its full sha. */
  async commit(message: string, date: string): Promise<string> {
    await this.git(['commit', '--quiet', '--allow-empty', '--no-verify', '-m', message], date);
    return this.revParse('HEAD');
  }

  /** Writes `files` (path → content) into the work tree and commits them; returns the sha. */
  async commitFiles(
    files: Readonly<Record<string, string>>,
    message: string,
    date: string,
  ): Promise<string> {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, path)), { recursive: true });
      writeFileSync(join(this.dir, path), content);
    }
    await this.git(['add', '--', ...Object.keys(files)]);
    await this.git(['commit', '--quiet', '--no-verify', '-m', message], date);
    return this.revParse('HEAD');
  }

  /** A lightweight tag, or an annotated one when `message` is given. */
  async tag(name: string, rev = 'HEAD', message?: string, date?: string): Promise<void> {
    await this.git(
      message === undefined ? ['tag', name, rev] : ['tag', '-a', name, '-m', message, rev],
      date,
    );
  }

  async branch(name: string, rev = 'HEAD'): Promise<void> {
    await this.git(['branch', name, rev]);
  }

  async checkout(rev: string): Promise<void> {
    await this.git(['checkout', '--quiet', rev]);
  }

  /** A merge commit (never a fast-forward) of `rev` into the current branch; returns its sha. */
  async merge(rev: string, message: string, date: string): Promise<string> {
    await this.git(['merge', '--quiet', '--no-ff', '-m', message, rev], date);
    return this.revParse('HEAD');
  }

  async addRemote(name: string, url: string): Promise<void> {
    await this.git(['remote', 'add', name, url]);
  }

  /** Packs all refs into `packed-refs`, as a fresh clone has them. */
  async packRefs(): Promise<void> {
    await this.git(['pack-refs', '--all']);
  }

  async revParse(rev: string): Promise<string> {
    return (await this.git(['rev-parse', '--verify', `${rev}^{commit}`])).trim();
  }
}
