/**
 * The direct readers of git's files against real repositories in every layout a checkout has:
 * loose objects, packs (as a clone and `git gc` leave them), shallow clones, worktrees, packed
 * and loose tags. Each answer is compared with what git itself says.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCommitTime, readTagFiles } from '../../src/git/files.js';
import { localGit } from '../../src/git/history.js';
import { GitRepo, runGit } from '../helpers/git.js';
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js';

afterAll(removeTempDirs);

/** What git says: the committer time of `sha` as an instant. */
async function gitTime(dir: string, sha: string): Promise<string> {
  const seconds = Number((await runGit(dir, ['show', '-s', '--format=%ct', sha])).trim());
  return new Date(seconds * 1000).toISOString();
}

async function history(count: number): Promise<{ repo: GitRepo; shas: string[] }> {
  const repo = await GitRepo.init();
  const shas: string[] = [];
  for (let i = 0; i < count; i++) {
    // Files with shared content give the packer material for deltas between the commits' trees.
    writeFileSync(join(repo.dir, 'file.txt'), `line\n`.repeat(50 + i));
    await repo.git(['add', 'file.txt']);
    shas.push(
      await repo.commit(
        `commit ${i}\n\n${'body '.repeat(40)}`,
        `2024-01-${String(1 + (i % 28)).padStart(2, '0')}T0${i % 10}:00:00+05:30`,
      ),
    );
  }
  return { repo, shas };
}

describe('readCommitTime', () => {
  it('reads loose commits', async () => {
    const { repo, shas } = await history(3);
    for (const sha of shas)
      expect(readCommitTime(repo.dir, sha)).toBe(await gitTime(repo.dir, sha));
  });

  it('reads packed commits after git gc, and agrees with git for every commit', async () => {
    const { repo, shas } = await history(40);
    await repo.git(['gc', '--quiet', '--aggressive']);
    let direct = 0;
    for (const sha of shas) {
      const time = readCommitTime(repo.dir, sha);
      // A deltified commit is left to git: then the reader says nothing rather than guess.
      if (time !== undefined) {
        direct++;
        expect(time).toBe(await gitTime(repo.dir, sha));
      }
      // Read directly or through git, the instant is the one git reports.
      const viaCheckout = await localGit(repo.dir).commitTime(sha);
      expect(new Date(Date.parse(viaCheckout ?? '')).toISOString()).toBe(
        await gitTime(repo.dir, sha),
      );
    }
    expect(direct).toBeGreaterThan(0);
  });

  it('reads the commit of a shallow clone, as actions/checkout makes it', async () => {
    const { repo, shas } = await history(5);
    const clone = makeTempDir('image-release-clone-');
    await runGit(clone, ['clone', '--quiet', '--depth', '1', `file://${repo.dir}`, '.']);
    const head = shas[shas.length - 1] as string;
    expect(readCommitTime(clone, head)).toBe(await gitTime(repo.dir, head));
    expect(readCommitTime(clone, shas[0] as string)).toBeUndefined();
  });

  it('follows a worktree to the common objects', async () => {
    const { repo, shas } = await history(2);
    const tree = join(makeTempDir('image-release-wt-'), 'wt');
    await repo.git(['worktree', 'add', '--quiet', tree, shas[0] as string]);
    expect(readCommitTime(tree, shas[0] as string)).toBe(
      await gitTime(repo.dir, shas[0] as string),
    );
  });

  it('says nothing for what it cannot read', async () => {
    const { repo } = await history(1);
    expect(readCommitTime(repo.dir, 'f'.repeat(40))).toBeUndefined();
    expect(readCommitTime(repo.dir, 'HEAD')).toBeUndefined();
    expect(readCommitTime(makeTempDir('image-release-nogit-'), 'f'.repeat(40))).toBeUndefined();
  });
});

describe('readTagFiles', () => {
  it('lists loose and packed tags, as git tag does', async () => {
    const { repo } = await history(2);
    await repo.tag('v1.0.0');
    await repo.tag('server/v2.0.0');
    await repo.packRefs();
    await repo.tag('v1.0.1');
    await repo.tag('v1.0.2', 'HEAD', 'annotated', '2024-02-01T00:00:00Z');
    const fromGit = (await repo.git(['tag', '--list'])).split('\n').filter(Boolean).sort();
    expect(readTagFiles(repo.dir)).toEqual(fromGit);
    expect(fromGit).toHaveLength(4);
  });

  it('is undefined outside a repository, so the caller asks git', () => {
    expect(readTagFiles(makeTempDir('image-release-nogit-'))).toBeUndefined();
  });
});
