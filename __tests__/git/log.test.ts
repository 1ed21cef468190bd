/**
 * The changelog source against real repositories built here: the full history, and shallow
 * clones without tags made from a file:// URL as actions/checkout makes them, which must be
 * completed from the remote (cheaply when the range allows it) or reported as unavailable.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { devNull } from 'node:os';
import { join } from 'node:path';
import { type CommitRange, localChangelog, parseLog, redactUrls } from '../../src/git/log.js';
import { draftReleaseNotes, renderReleaseNotes } from '../../src/plan/release-notes.js';
import { previousVersion } from '../../src/plan/previous.js';
import { parseVersion } from '../../src/plan/version.js';
import { GitRepo, runGit } from '../helpers/git.js';
import { makeTempDir, removeTempDirs } from '../helpers/tmp.js';

afterAll(removeTempDirs);

const ALICE = 'Alice Liddell <1001+alice@users.noreply.github.com>';
const BOB = 'Bob Builder <bob@example.com>';
const CAROL = 'Carol Danvers <carol@example.com>';
const GITHUB = 'GitHub <noreply@github.com>';
const DEPENDABOT = 'dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>';

/** The environment of the code under test: git with no configuration from the machine. */
const env = {
  PATH: process.env.PATH,
  HOME: makeTempDir('image-release-home-'),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: devNull,
  LANG: 'C',
};

let clock = 0;
function nextDate(): string {
  clock++;
  return `2024-02-01T10:${String(Math.floor(clock / 60)).padStart(2, '0')}:${String(clock % 60).padStart(2, '0')}Z`;
}

async function commit(repo: GitRepo, author: string, subject: string, body?: string) {
  await repo.git(
    [
      'commit',
      '--quiet',
      '--allow-empty',
      '--no-verify',
      `--author=${author}`,
      '-m',
      subject,
      ...(body !== undefined ? ['-m', body] : []),
    ],
    nextDate(),
  );
  return repo.revParse('HEAD');
}

async function merge(repo: GitRepo, branch: string, subject: string, body: string) {
  await repo.git(
    ['merge', '--quiet', '--no-ff', '--no-verify', '-m', subject, '-m', body, branch],
    nextDate(),
  );
  // GitHub makes the merge commit in the name of whoever pressed the button.
  await repo.git(['commit', '--quiet', '--amend', '--no-edit', `--author=${GITHUB}`], nextDate());
  return repo.revParse('HEAD');
}

/**
 * v1.0.0 ── #1 ── direct push (co-authored) ── merge #2 (bob/feature) ── bot #3 = v1.1.0-rc.1
 *   │                                                        ── feat #4 = v1.1.0
 *   │      ── merge #6 right after v1.1.0 = v1.2.0 ── #7 ── docs #8 = v1.2.1
 *   └── backport #5 = v1.0.1
 */
async function buildRepository() {
  const repo = await GitRepo.init();
  await commit(repo, ALICE, 'Initial commit');
  await repo.tag('v1.0.0');
  await commit(repo, ALICE, 'Add parser (#1)');
  await repo.branch('feature');
  await commit(
    repo,
    CAROL,
    'Direct fix',
    'Found in production.\n\nCo-authored-by: Dan Brown <dan@example.com>',
  );
  await repo.checkout('feature');
  await commit(repo, BOB, 'wip');
  await commit(repo, BOB, 'tests');
  await repo.checkout('main');
  await merge(
    repo,
    'feature',
    'Merge pull request #2 from bob/feature',
    'Parser errors with line numbers',
  );
  await commit(repo, DEPENDABOT, 'Bump lodash from 4.17.20 to 4.17.21 (#3)');
  await repo.tag('v1.1.0-rc.1', 'HEAD', 'rc 1', nextDate());
  await commit(repo, ALICE, 'feat: export to CSV (#4)');
  await repo.tag('v1.1.0', 'HEAD', 'Release 1.1.0', nextDate());
  await repo.git(['checkout', '--quiet', '-b', 'release-1.0', 'v1.0.0']);
  await commit(repo, BOB, 'Fix crash on empty input (#5)');
  await repo.tag('v1.0.1');
  await repo.checkout('main');
  await repo.git(['checkout', '--quiet', '-b', 'search']);
  await commit(repo, BOB, 'Add search');
  await repo.checkout('main');
  await merge(repo, 'search', 'Merge pull request #6 from bob/search', 'Search');
  await repo.tag('v1.2.0');
  await commit(repo, CAROL, 'Fix search ranking (#7)');
  await commit(repo, ALICE, 'Document search (#8)');
  await repo.tag('v1.2.1');
  return repo;
}

/** What git itself lists for a range, newest first. */
async function revList(dir: string, range: string): Promise<string[]> {
  return (await runGit(dir, ['rev-list', range])).split('\n').filter((l) => l !== '');
}

function shas(range: CommitRange): string[] {
  if (!range.ok) throw new Error(`range unavailable: ${range.problem}`);
  return range.commits.map((c) => c.sha);
}

/** A clone as actions/checkout makes it: one commit deep, no tags but the one checked out. */
async function shallowClone(origin: string, ref: string): Promise<string> {
  const parent = makeTempDir('image-release-clone-');
  await runGit(parent, [
    '-c',
    'advice.detachedHead=false',
    'clone',
    '--quiet',
    '--depth',
    '1',
    '--no-tags',
    '--branch',
    ref,
    `file://${origin}`,
    'clone',
  ]);
  return join(parent, 'clone');
}

let repo: GitRepo;
beforeAll(async () => {
  repo = await buildRepository();
});

describe('parseLog', () => {
  it('reads records of eight NUL-separated fields', () => {
    const sha = 'a'.repeat(40);
    const out = `${sha}\0${'b'.repeat(40)} ${'c'.repeat(40)}\0Ann\0ann@x\0Com\0com@x\0Subject\0Body\n\nCo-authored-by: X <x@y>\n\0`;
    expect(parseLog(out)).toEqual([
      {
        sha,
        parents: ['b'.repeat(40), 'c'.repeat(40)],
        author: { name: 'Ann', email: 'ann@x' },
        committer: { name: 'Com', email: 'com@x' },
        subject: 'Subject',
        body: 'Body\n\nCo-authored-by: X <x@y>',
      },
    ]);
    expect(parseLog('')).toEqual([]);
  });

  it('refuses output whose records do not line up', () => {
    expect(parseLog('abc\0def\0')).toBeUndefined();
    expect(parseLog(`${'a'.repeat(40)}\0\0\0\0\0\0\0\0extra`)).toBeUndefined();
    expect(parseLog(`not-a-sha\0\0\0\0\0\0\0\0`)).toBeUndefined();
  });

  it('redacts credentials in URLs', () => {
    expect(
      redactUrls("fatal: unable to access 'https://x-access-token:ghs_secret@github.com/a/b/'"),
    ).toBe("fatal: unable to access 'https://***@github.com/a/b/'");
  });
});

describe('a full checkout', () => {
  it('lists the commits between two tags as git does, with parents and trailers', async () => {
    const source = localChangelog(repo.dir, { env });
    const head = await repo.revParse('v1.1.0');
    const range = await source.commits(head, 'v1.0.0');
    expect(shas(range)).toEqual(await revList(repo.dir, 'v1.0.0..v1.1.0'));
    if (!range.ok) return;
    expect(range.truncated).toBe(false);
    expect(range.notes).toEqual([]);
    const direct = range.commits.find((c) => c.subject === 'Direct fix');
    expect(direct?.author).toEqual({ name: 'Carol Danvers', email: 'carol@example.com' });
    expect(direct?.body).toBe(
      'Found in production.\n\nCo-authored-by: Dan Brown <dan@example.com>',
    );
    const mergeCommit = range.commits.find((c) => c.parents.length === 2);
    expect(mergeCommit?.subject).toBe('Merge pull request #2 from bob/feature');
  });

  it('drafts the changelog a release of it would get', async () => {
    const tags = await localChangelog(repo.dir, { env }).tagNames();
    expect(tags.names).toEqual(['v1.0.0', 'v1.0.1', 'v1.1.0', 'v1.1.0-rc.1', 'v1.2.0', 'v1.2.1']);
    const version = parseVersion('v1.1.0');
    const previous = version && previousVersion(version, tags.names);
    expect(previous?.source).toBe('v1.0.1');
    const range = await localChangelog(repo.dir, { env }).commits(
      await repo.revParse('v1.1.0'),
      previous?.source,
    );
    if (!range.ok) throw new Error(range.problem);
    const text = renderReleaseNotes(
      draftReleaseNotes({
        repositoryUrl: 'https://github.com/acme/app',
        tag: 'v1.1.0',
        previousTag: 'v1.0.1',
        commits: range.commits,
      }),
    );
    expect(text).toMatch(/^- Add parser by @alice in #1$/m);
    expect(text).toMatch(/^- Direct fix by Carol Danvers in \[[0-9a-f]{7}\]/m);
    expect(text).toMatch(/^- Parser errors with line numbers by Bob Builder in #2$/m);
    expect(text).toMatch(/^- feat: export to CSV by @alice in #4$/m);
    expect(text).toMatch(/^- 1 update by bots \(dependabot\\\[bot\\\] ×1\): #3$/m);
    expect(text).toContain('## Contributors\n\n@alice, Bob Builder, Carol Danvers, Dan Brown');
    expect(text).toContain(
      '**Full Changelog**: https://github.com/acme/app/compare/v1.0.1...v1.1.0',
    );
  });

  it('lists the whole history for a first release', async () => {
    const range = await localChangelog(repo.dir, { env }).commits('v1.0.1');
    expect(shas(range)).toEqual(await revList(repo.dir, 'v1.0.1'));
  });

  it('keeps the newest commits and says so when the range is longer than maxCount', async () => {
    const range = await localChangelog(repo.dir, { env, maxCount: 3 }).commits('v1.2.1');
    expect(shas(range)).toEqual((await revList(repo.dir, 'v1.2.1')).slice(0, 3));
    expect(range.ok && range.truncated).toBe(true);
  });

  it('says what is wrong with a commit that is not there, or a tag that exists nowhere', async () => {
    const source = localChangelog(repo.dir, { env });
    const missing = await source.commits('f'.repeat(40), 'v1.0.0');
    expect(missing).toMatchObject({ ok: false });
    expect(!missing.ok && missing.problem).toMatch(/is not a commit of the checkout/);
    await repo.addRemote('origin', `file://${repo.dir}`);
    const noTag = await source.commits('v1.2.1', 'v0.9.9');
    expect(!noTag.ok && noTag.problem).toMatch(
      /the tag v0\.9\.9 is neither in the checkout nor fetchable from 'origin' \(.+\); check out with fetch-depth: 0/,
    );
  });
});

describe('a shallow clone without tags (actions/checkout)', () => {
  it('lists the remote’s tag names without fetching them', async () => {
    const dir = await shallowClone(repo.dir, 'v1.2.1');
    const tags = await localChangelog(dir, { env }).tagNames();
    expect(tags.names).toEqual(['v1.0.0', 'v1.0.1', 'v1.1.0', 'v1.1.0-rc.1', 'v1.2.0', 'v1.2.1']);
    expect(tags.notes).toEqual(["listed 5 more tags from 'origin' (the checkout is shallow)"]);
    expect(tags.problem).toBeUndefined();
    expect((await runGit(dir, ['tag', '--list'])).trim()).toBe('v1.2.1');
  });

  it('fetches only the commits since the previous tag when no merge sits on the boundary', async () => {
    const dir = await shallowClone(repo.dir, 'v1.2.1');
    const range = await localChangelog(dir, { env }).commits('HEAD', 'v1.2.0');
    expect(shas(range)).toEqual(await revList(repo.dir, 'v1.2.0..v1.2.1'));
    expect(range.notes).toEqual([
      "fetched the tag v1.2.0 from 'origin'",
      "fetched the commits since v1.2.0 from 'origin'",
    ]);
    // Still shallow: the rest of the history was not fetched.
    expect((await runGit(dir, ['rev-parse', '--is-shallow-repository'])).trim()).toBe('true');
  });

  it('fetches the whole history when a merge on the boundary would lose its side', async () => {
    const dir = await shallowClone(repo.dir, 'v1.2.0');
    const range = await localChangelog(dir, { env }).commits('HEAD', 'v1.1.0');
    const expected = await revList(repo.dir, 'v1.1.0..v1.2.0');
    expect(expected).toHaveLength(2);
    expect(shas(range)).toEqual(expected);
    expect(range.notes.some((n) => n.startsWith('fetched the whole history of'))).toBe(true);
    expect((await runGit(dir, ['rev-parse', '--is-shallow-repository'])).trim()).toBe('false');
  });

  it('handles a previous version on another line (a prerelease after a backport)', async () => {
    const dir = await shallowClone(repo.dir, 'v1.1.0');
    const range = await localChangelog(dir, { env }).commits('HEAD', 'v1.0.1');
    expect(shas(range)).toEqual(await revList(repo.dir, 'v1.0.1..v1.1.0'));
  });

  it('fetches the whole history for a first release', async () => {
    const dir = await shallowClone(repo.dir, 'v1.0.1');
    const range = await localChangelog(dir, { env }).commits('HEAD');
    expect(shas(range)).toEqual(await revList(repo.dir, 'v1.0.1'));
  });

  it('fetches nothing offline, and says why the range is not there', async () => {
    const dir = await shallowClone(repo.dir, 'v1.2.1');
    const source = localChangelog(dir, { env, offline: true });
    const range = await source.commits('HEAD', 'v1.2.0');
    expect(range).toEqual({
      ok: false,
      problem:
        'the checkout is shallow, so the commits since v1.2.0 are not all in it, and nothing is fetched offline; check out with fetch-depth: 0',
      notes: [],
    });
    expect((await source.tagNames()).names).toEqual(['v1.2.1']);
    expect((await runGit(dir, ['rev-parse', '--is-shallow-repository'])).trim()).toBe('true');
    // A full checkout needs no fetch, offline or not.
    const full = await localChangelog(repo.dir, { env, offline: true }).commits('v1.2.1', 'v1.2.0');
    expect(shas(full)).toEqual(await revList(repo.dir, 'v1.2.0..v1.2.1'));
  });

  it('reports, without the credentials, that the remote cannot be reached', async () => {
    const dir = await shallowClone(repo.dir, 'v1.2.1');
    // Port 1 refuses at once; the user and password must never reach a message.
    await runGit(dir, [
      'remote',
      'set-url',
      'origin',
      'http://user:s3cret-token@127.0.0.1:1/acme/app.git',
    ]);
    const source = localChangelog(dir, { env });
    const range = await source.commits('HEAD', 'v1.2.0');
    expect(range.ok).toBe(false);
    if (range.ok) return;
    expect(range.problem).toMatch(
      /^the checkout is shallow and 'git fetch --unshallow origin' failed \(.+\); check out with fetch-depth: 0, or give the token read access to the repository$/,
    );
    expect(range.problem).not.toContain('s3cret');
    const tags = await source.tagNames();
    expect(tags.names).toEqual(['v1.2.1']);
    expect(tags.problem).toMatch(/'git ls-remote --tags origin' failed/);
    expect(tags.problem).not.toContain('s3cret');
  });
});
