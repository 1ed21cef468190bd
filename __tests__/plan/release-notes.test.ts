/**
 * The release body from commits: what each kind of history gives (squash, merge, direct push,
 * conventional commits, bots, co-authors), how the body is merged into one that exists, and the
 * 125,000-character cap. Histories are built in memory; __tests__/git/log.test.ts drafts from
 * real repositories.
 */
import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../../src/errors.js';
import {
  BODY_LIMIT,
  type BodyUpdate,
  type Enrichment,
  type ImageRelease,
  NOTES_BEGIN,
  NOTES_END,
  changelogUrl,
  coAuthors,
  composeReleaseBody,
  draftReleaseNotes,
  escapeMarkdown,
  hasOurSections,
  imageBegin,
  imageEnd,
  noreplyLogin,
  renderImageSection,
  renderReleaseNotes,
} from '../../src/plan/release-notes.js';
import { History, PEOPLE } from '../helpers/history.js';

const REPO = 'https://github.com/acme/app';
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const APP: ImageRelease = {
  image: 'ghcr.io/acme/app',
  version: '1.2.3',
  tags: ['1.2.3', '1.2', '1', 'latest'],
  platforms: ['linux/amd64', 'linux/arm64'],
  digest: DIGEST,
};
const BUILDER: ImageRelease = {
  image: 'ghcr.io/acme/builder',
  version: '1.2.3',
  tags: ['1.2.3'],
  platforms: ['linux/amd64'],
};

function notesOf(h: History, extra: { previousTag?: string; enrichment?: Enrichment } = {}) {
  return draftReleaseNotes({
    repositoryUrl: REPO,
    tag: 'v1.2.3',
    previousTag: 'v1.2.2',
    commits: h.commits(),
    ...extra,
  });
}

const render = (h: History, extra?: Parameters<typeof notesOf>[1]) =>
  renderReleaseNotes(notesOf(h, extra));

describe('the changelog', () => {
  it('is exactly this for a small mixed history (golden)', () => {
    const h = new History();
    h.commit('Add login page (#12)', { author: PEOPLE.alice });
    const fork = h.head;
    h.commit('Direct push to main', {
      author: PEOPLE.carol,
      body: 'Why.\n\nCo-authored-by: Dan Brown <dan@example.com>',
    });
    const main = h.head;
    h.at(fork).commit('wip', { author: PEOPLE.bob });
    const side = h.commit('tests', { author: PEOPLE.bob });
    h.at(main).merge('Merge pull request #14 from bob/feature', side, {
      author: PEOPLE.github,
      body: 'Export to CSV',
    });
    h.commit('Bump lodash from 4.17.20 to 4.17.21 (#20)', { author: PEOPLE.dependabot });
    expect(render(h)).toBe(
      [
        "## What's Changed",
        '',
        '- Add login page by @alice in #12',
        `- Direct push to main by Carol Danvers in [0000000](${REPO}/commit/${'2'.padStart(40, '0')})`,
        '- Export to CSV by Bob Builder in #14',
        '- 1 update by bots (dependabot\\[bot\\] ×1): #20',
        '',
        '## Contributors',
        '',
        '@alice, Bob Builder, Carol Danvers, Dan Brown',
        '',
        `**Full Changelog**: ${REPO}/compare/v1.2.2...v1.2.3`,
      ].join('\n'),
    );
  });

  it('links squash commits to their pull request and strips the (#n) suffix', () => {
    const h = new History();
    h.commit('Fix the parser (#7)');
    h.commit('Cherry-picked (#8) (#9)');
    const text = render(h);
    expect(text).toContain('- Fix the parser by @alice in #7');
    expect(text).toContain('- Cherry-picked (#8) by @alice in #9');
  });

  it('gives a merged pull request one entry, titled from the merge body, crediting its commits’ author', () => {
    const h = new History();
    const start = h.head;
    h.commit('one', { author: PEOPLE.carol });
    h.commit('two', { author: PEOPLE.carol });
    h.commit('three', { author: PEOPLE.bob });
    const side = h.head;
    h.at(start).merge('Merge pull request #31 from carol/search', side, {
      author: PEOPLE.alice,
      body: '\n  Full-text search  \nmore text',
    });
    const notes = notesOf(h);
    expect(notes.groups).toEqual([
      { title: '', lines: ['- Full-text search by Carol Danvers in #31'] },
    ]);
    // The merger pressed a button; the authors of the merged commits are the contributors.
    expect(notes.contributors).toEqual(['Bob Builder', 'Carol Danvers']);
  });

  it('titles a merge with no body after its branch', () => {
    const h = new History();
    const start = h.head;
    const side = h.commit('x', { author: PEOPLE.bob });
    h.at(start).merge('Merge pull request #5 from bob/fix-typo', side);
    expect(render(h)).toContain('- bob/fix-typo by Bob Builder in #5');
  });

  it('lists what a merge of no pull request brought in, and folds the merge itself', () => {
    const h = new History();
    const start = h.head;
    h.commit('Hotfix the cache', { author: PEOPLE.bob });
    const hotfix = h.head;
    h.at(start).commit('Main work', { author: PEOPLE.carol });
    h.merge("Merge branch 'hotfix'", hotfix, { author: PEOPLE.carol });
    const lines = notesOf(h).groups[0]?.lines ?? [];
    expect(lines.map((l) => l.replace(/ in .*/, ''))).toEqual([
      '- Main work by Carol Danvers',
      '- Hotfix the cache by Bob Builder',
    ]);
    expect(notesOf(h).folded).toEqual(['- 1 merge commit of no pull request, not listed']);
  });

  it('hides the commits of a pull request that merged main into itself', () => {
    const h = new History();
    const start = h.head;
    h.commit('feature part 1', { author: PEOPLE.bob });
    const feature = h.head;
    h.at(start).commit('Other change (#40)', { author: PEOPLE.carol });
    const main = h.head;
    h.at(feature).merge("Merge branch 'main' into feature", main, { author: PEOPLE.bob });
    const side = h.commit('feature part 2', { author: PEOPLE.bob });
    h.at(main).merge('Merge pull request #41 from bob/feature', side, { body: 'Feature' });
    const notes = notesOf(h);
    expect(notes.groups[0]?.lines).toEqual([
      '- Other change by Carol Danvers in #40',
      '- Feature by Bob Builder in #41',
    ]);
    expect(notes.folded).toEqual([]);
  });

  it('folds bot commits into one line with their pull requests', () => {
    const h = new History();
    h.commit('Bump a (#1)', { author: PEOPLE.dependabot });
    h.commit('Update b (#2)', { author: PEOPLE.renovate });
    h.commit('Bump c (#3)', { author: PEOPLE.dependabot });
    h.commit('chore(deps): bump d', { author: { name: 'renovate', email: 'bot@renovateapp.com' } });
    h.commit('Real work (#4)', { author: PEOPLE.bob });
    const notes = notesOf(h);
    expect(notes.folded).toEqual([
      '- 4 updates by bots (dependabot\\[bot\\] ×2, renovate ×1, renovate\\[bot\\] ×1): #1, #2, #3',
    ]);
    expect(notes.groups[0]?.lines).toEqual(['- Real work by Bob Builder in #4']);
    expect(notes.contributors).toEqual(['Bob Builder']);
  });

  it('treats a merged pull request whose commits are a bot’s as a bot update', () => {
    const h = new History();
    const start = h.head;
    const side = h.commit('Bump x', { author: PEOPLE.dependabot });
    h.at(start).merge('Merge pull request #9 from acme/dependabot/npm/x', side, {
      author: PEOPLE.alice,
      body: 'Bump x from 1 to 2',
    });
    expect(notesOf(h).folded).toEqual(['- 1 update by bots (dependabot\\[bot\\] ×1): #9']);
  });

  it('takes bots the API names as bots', () => {
    const h = new History();
    h.commit('Sync translations (#3)', {
      author: { name: 'Crowdin', email: 'crowdin@example.com' },
    });
    const notes = notesOf(h, {
      enrichment: {
        loginsByEmail: new Map([['crowdin@example.com', 'crowdin-sync']]),
        bots: new Set(['crowdin-sync']),
      },
    });
    expect(notes.folded).toEqual(['- 1 update by bots (crowdin-sync ×1): #3']);
  });

  describe('conventional commits', () => {
    it('groups by type when at least half of the entries use it, breaking changes first', () => {
      const h = new History();
      h.commit('feat(api): add the export endpoint (#1)');
      h.commit('fix: crash on empty input (#2)', { author: PEOPLE.bob });
      h.commit('perf: cache the index');
      h.commit('docs: explain the flags (#3)');
      h.commit('chore: tidy up');
      h.commit('feat!: drop node 18 (#4)');
      h.commit('refactor(core): split the parser', { body: 'BREAKING CHANGE: new API' });
      h.commit('Revert "feat: something"');
      h.commit('Update README');
      const notes = notesOf(h);
      expect(notes.groups.map((g) => [g.title, g.lines.length])).toEqual([
        ['Breaking Changes', 2],
        ['Features', 1],
        ['Fixes', 1],
        ['Performance', 1],
        ['Reverts', 1],
        ['Documentation', 1],
        ['Maintenance', 1],
        ['Other', 1],
      ]);
      expect(notes.groups[1]?.lines).toEqual([
        '- **api:** add the export endpoint by @alice in #1',
      ]);
      expect(notes.groups[0]?.lines[0]).toBe('- drop node 18 by @alice in #4');
      expect(renderReleaseNotes(notes)).toContain('### Breaking Changes\n\n- drop node 18');
    });

    it('does not group when fewer than half of the entries use it, and keeps the prefix', () => {
      const h = new History();
      h.commit('fix: one (#1)');
      h.commit('Add two (#2)');
      h.commit('Add three (#3)');
      const notes = notesOf(h);
      expect(notes.groups).toHaveLength(1);
      expect(notes.groups[0]?.title).toBe('');
      expect(notes.groups[0]?.lines[0]).toBe('- fix: one by @alice in #1');
    });

    it('does not take any word before a colon for a type', () => {
      const h = new History();
      h.commit('WIP: try this');
      h.commit('Note: something');
      expect(notesOf(h).groups[0]?.title).toBe('');
    });
  });

  describe('contributors', () => {
    it('lists authors and co-authors once, sorted, logins from noreply addresses and the API', () => {
      const h = new History();
      h.commit('a', {
        author: PEOPLE.bob,
        body: 'x\n\nCo-authored-by: Alice <1001+alice@users.noreply.github.com>\nco-authored-by: Eve <eve@example.com>',
      });
      h.commit('b', { author: PEOPLE.alice });
      h.commit('c', { author: { name: 'Bob B.', email: 'bob@example.com' } });
      const notes = notesOf(h, {
        enrichment: { loginsByEmail: new Map([['bob@example.com', 'bobb']]) },
      });
      expect(notes.contributors).toEqual(['@alice', '@bobb', 'Eve']);
    });

    it('prefers the login the API gives for a commit', () => {
      const h = new History();
      const sha = h.commit('a', { author: PEOPLE.carol });
      const notes = notesOf(h, { enrichment: { loginsBySha: new Map([[sha, 'cdanvers']]) } });
      expect(notes.contributors).toEqual(['@cdanvers']);
      expect(notes.groups[0]?.lines[0]).toMatch(/^- a by @cdanvers in /);
    });

    it('credits a pull request to the login that opened it when the API says so', () => {
      const h = new History();
      h.commit('Add x (#12)', { author: PEOPLE.bob });
      const notes = notesOf(h, { enrichment: { pullAuthors: new Map([[12, 'bob-the-builder']]) } });
      expect(notes.groups[0]?.lines[0]).toBe('- Add x by @bob-the-builder in #12');
    });

    it('lists first-time contributors given by the API', () => {
      const h = new History();
      h.commit('Add x (#12)', { author: PEOPLE.bob });
      const text = renderReleaseNotes(
        notesOf(h, {
          enrichment: {
            newContributors: [{ login: 'bob', pull: 12 }, { login: 'not a login' }, { login: 'x' }],
          },
        }),
      );
      expect(text).toContain(
        '## New Contributors\n\n- @bob made their first contribution in #12\n- @x made their first contribution\n\n**Full Changelog**',
      );
    });
  });

  it('links /commits/<tag> for a first release and encodes tags in the URL', () => {
    expect(changelogUrl(REPO, 'v1.0.0')).toBe(`${REPO}/commits/v1.0.0`);
    expect(changelogUrl(`${REPO}/`, 'release/v2', 'release/v1')).toBe(
      `${REPO}/compare/release/v1...release/v2`,
    );
    expect(changelogUrl(REPO, 'v1+b#1', 'v0 x')).toBe(`${REPO}/compare/v0%20x...v1%2Bb%231`);
    const h = new History();
    h.commit('Initial commit');
    const first = draftReleaseNotes({ repositoryUrl: REPO, tag: 'v1.0.0', commits: h.commits() });
    expect(renderReleaseNotes(first)).toContain(`**Full Changelog**: ${REPO}/commits/v1.0.0`);
  });

  it('says so when there is nothing between the two tags', () => {
    expect(render(new History())).toBe(
      `## What's Changed\n\nNo commits since v1.2.2.\n\n**Full Changelog**: ${REPO}/compare/v1.2.2...v1.2.3`,
    );
  });

  it('says the history was cut when it was', () => {
    const h = new History();
    h.commit('a');
    const notes = draftReleaseNotes({
      repositoryUrl: REPO,
      tag: 'v1.0.0',
      commits: h.commits(),
      truncated: true,
    });
    expect(renderReleaseNotes(notes)).toContain(
      `- Only the newest 1 commit were read; the [full changelog](${REPO}/commits/v1.0.0) has them all`,
    );
  });
});

describe('escaping', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [
      '<!-- image-release:end ghcr.io/acme/app -->',
      '&lt;!-- image-release:end ghcr.io/acme/app --&gt;',
    ],
    [
      '*bold* _it_ `code` [link](http://x) ~~s~~ a|b \\',
      '\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](http://x) \\~\\~s\\~\\~ a\\|b \\\\',
    ],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['1. first', '1\\. first'],
    ['2) second', '2\\) second'],
    ['> quote', '&gt; quote'],
    ['a &amp; b', 'a &amp;amp; b'],
    ['tab\there\u0000nul', 'tab here nul'],
    ['fixes #12, thanks @bob', 'fixes #12, thanks @bob'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('keeps a subject from forging our markers in the body', () => {
    const h = new History();
    h.commit(`evil ${imageEnd('ghcr.io/acme/app')} ${NOTES_END}`);
    const body = composeReleaseBody(undefined, { notes: notesOf(h), images: [APP] });
    expect(body.split(NOTES_END)).toHaveLength(2);
    expect(body.split(imageEnd(APP.image))).toHaveLength(2);
    expect(composeReleaseBody(body, { notes: notesOf(h), images: [APP] })).toBe(body);
  });

  it('cuts a very long subject', () => {
    const h = new History();
    h.commit(`${'word '.repeat(100)}end`);
    const line = notesOf(h).groups[0]?.lines[0] ?? '';
    const title = line.slice(2, line.indexOf(' by @alice'));
    expect(title).toHaveLength(200);
    expect(title.endsWith('…')).toBe(true);
  });
});

describe('helpers', () => {
  it.each([
    ['1001+alice@users.noreply.github.com', 'alice'],
    ['alice@users.noreply.github.com', 'alice'],
    ['49699333+dependabot[bot]@users.noreply.github.com', 'dependabot[bot]'],
    ['7+bob@users.noreply.ghe.example.com', 'bob'],
    ['alice@example.com', undefined],
    ['-bad@users.noreply.github.com', undefined],
  ])('noreplyLogin(%j) = %j', (email, login) => {
    expect(noreplyLogin(email)).toBe(login);
  });

  it('reads co-authors from the last paragraph only', () => {
    expect(
      coAuthors(
        'Co-authored-by: Not Me <no@example.com>\n\nbody\n\nSigned-off-by: X <x@example.com>\r\nCo-authored-by:   Ann  <ann@example.com>  \nCo-authored-by: broken',
      ),
    ).toEqual([{ name: 'Ann', email: 'ann@example.com' }]);
  });
});

describe('image sections', () => {
  it('shows pull by tag and by digest, platforms and every tag', () => {
    expect(renderImageSection(APP)).toBe(
      [
        imageBegin(APP.image),
        '## Image `ghcr.io/acme/app`',
        '',
        '```sh',
        'docker pull ghcr.io/acme/app:1.2.3',
        `docker pull ghcr.io/acme/app@${DIGEST}`,
        '```',
        '',
        'Platforms: `linux/amd64`, `linux/arm64`',
        '',
        'Tags: `1.2.3`, `1.2`, `1`, `latest`',
        imageEnd(APP.image),
      ].join('\n'),
    );
  });

  it('leaves out the digest when it is not known (a dry run)', () => {
    const section = renderImageSection(BUILDER);
    expect(section).toContain('docker pull ghcr.io/acme/builder:1.2.3\n```');
    expect(section).not.toContain('@sha256');
  });

  it.each([
    [{ ...APP, digest: 'sha256:short' }, /digest 'sha256:short'/],
    [{ ...APP, tags: ['bad tag'] }, /tag 'bad tag'/],
    [{ ...APP, image: 'ghcr.io/acme/app -->' }, /image name/],
    [{ ...APP, platforms: ['linux'] }, /platform 'linux'/],
  ])('refuses what would break the markup: %#', (release, message) => {
    expect(() => renderImageSection(release)).toThrow(message);
  });
});

describe('composeReleaseBody', () => {
  const h = new History();
  h.commit('Add x (#1)');
  const notes = notesOf(h);
  const update: BodyUpdate = { notes, images: [APP] };

  it('makes a new body: the changelog, then the images', () => {
    const body = composeReleaseBody(undefined, update);
    expect(body).toBe(
      `${NOTES_BEGIN}\n${renderReleaseNotes(notes)}\n${NOTES_END}\n\n${renderImageSection(APP)}`,
    );
    expect(hasOurSections(body)).toBe(true);
    expect(hasOurSections('Just some notes')).toBe(false);
    expect(hasOurSections(null)).toBe(false);
  });

  it('gives the same body when run again', () => {
    const once = composeReleaseBody(undefined, update);
    expect(composeReleaseBody(once, update)).toBe(once);
  });

  it('keeps a maintainer’s text before, between and after our sections', () => {
    const once = composeReleaseBody('Highlights: faster.\n\n', update);
    expect(once.startsWith('Highlights: faster.\n\n<!-- image-release:notes-begin -->')).toBe(true);
    const edited =
      once.replace(NOTES_END, `${NOTES_END}\n\nA note in between.`) + '\n\nSigned, the team';
    const again = composeReleaseBody(edited, update);
    expect(again).toBe(edited);
    const newer = composeReleaseBody(edited, {
      notes: notesOf(h),
      images: [{ ...APP, tags: ['1.2.3'] }],
    });
    expect(newer).toContain('A note in between.');
    expect(newer.endsWith('Signed, the team')).toBe(true);
    expect(newer).toContain('Tags: `1.2.3`\n');
  });

  it('adds another image’s section after the first and keeps both', () => {
    const first = composeReleaseBody(undefined, { notes, images: [APP] });
    const both = composeReleaseBody(first, { notes, images: [BUILDER] });
    expect(both).toBe(`${first}\n\n${renderImageSection(BUILDER)}`);
    // The first image's job re-running leaves the second image's section alone.
    expect(composeReleaseBody(both, { notes, images: [APP] })).toBe(both);
  });

  it('keeps the changelog there when none is given', () => {
    const first = composeReleaseBody(undefined, update);
    const second = composeReleaseBody(first, { images: [BUILDER] });
    expect(second).toContain(renderReleaseNotes(notes));
    expect(second).toContain(renderImageSection(BUILDER));
  });

  it('puts a new changelog before the images sections', () => {
    const imagesOnly = composeReleaseBody('Intro', { images: [APP] });
    expect(imagesOnly).toBe(`Intro\n\n${renderImageSection(APP)}`);
    const withNotes = composeReleaseBody(imagesOnly, update);
    expect(withNotes).toBe(
      `Intro\n\n${NOTES_BEGIN}\n${renderReleaseNotes(notes)}\n${NOTES_END}\n\n${renderImageSection(APP)}`,
    );
  });

  it('leaves a stray begin marker as text instead of swallowing what follows', () => {
    const stray = `${imageBegin(APP.image)}\nA maintainer deleted the end of this.\n`;
    const once = composeReleaseBody(stray, update);
    expect(once.startsWith(stray.trimEnd())).toBe(true);
    expect(composeReleaseBody(once, update)).toBe(once);
    expect(composeReleaseBody(composeReleaseBody(once, update), update)).toContain(
      'A maintainer deleted the end of this.',
    );
  });

  it('reads markers in a body GitHub saved with CRLF line ends', () => {
    const once = composeReleaseBody('Intro', update).replace(/\n/g, '\r\n');
    const again = composeReleaseBody(once, update);
    expect(again.split(NOTES_BEGIN)).toHaveLength(2);
    expect(again.startsWith('Intro\r\n\r\n')).toBe(true);
  });

  describe('the 125,000-character cap', () => {
    const big = new History();
    for (let i = 0; i < 3000; i++) {
      big.commit(`Change number ${i} with a description long enough to matter (#${i + 100})`, {
        author: { name: `Author ${i % 400}`, email: `a${i % 400}@example.com` },
      });
    }
    const bigNotes = notesOf(big);

    it('cuts the changelog with a line to the full changelog, never the images', () => {
      const body = composeReleaseBody(undefined, { notes: bigNotes, images: [APP, BUILDER] });
      expect(body.length).toBeLessThanOrEqual(BODY_LIMIT);
      expect(body.length).toBeGreaterThan(BODY_LIMIT - 400);
      expect(body).toMatch(
        /- … and \d+ more changes: see the \[full changelog\]\(https:\/\/github\.com\/acme\/app\/compare\/v1\.2\.2\.\.\.v1\.2\.3\)/,
      );
      expect(body).toContain(renderImageSection(APP));
      expect(body).toContain(renderImageSection(BUILDER));
      expect(body).toContain(
        '**Full Changelog**: https://github.com/acme/app/compare/v1.2.2...v1.2.3',
      );
      expect(composeReleaseBody(body, { notes: bigNotes, images: [APP, BUILDER] })).toBe(body);
    });

    it('makes room for a maintainer’s long text by cutting more of the changelog', () => {
      const text = 'x'.repeat(100_000);
      const body = composeReleaseBody(text, { notes: bigNotes, images: [APP] });
      expect(body.length).toBeLessThanOrEqual(BODY_LIMIT);
      expect(body.startsWith(text)).toBe(true);
      expect(body).toContain(renderImageSection(APP));
    });

    it('cuts contributors, then keeps only the link, when little room is left', () => {
      const budgetFor = (n: number) => renderReleaseNotes(bigNotes, n);
      expect(budgetFor(2000)).toMatch(
        /## Contributors\n\n.*, and \d+ more\n\n\*\*Full Changelog\*\*/,
      );
      expect(budgetFor(90)).toBe(`**Full Changelog**: ${REPO}/compare/v1.2.2...v1.2.3`);
      expect(budgetFor(10)).toBe('');
    });

    it('fails, naming the cause, when the text outside the changelog alone is too long', () => {
      expect(() => composeReleaseBody('x'.repeat(BODY_LIMIT), update)).toThrow(UsageError);
      expect(() => composeReleaseBody('x'.repeat(BODY_LIMIT), update)).toThrow(
        /release body: the text outside the changelog is \d+ characters/,
      );
      expect(() => composeReleaseBody('x'.repeat(BODY_LIMIT), { images: [APP] })).toThrow(
        /release body/,
      );
    });
  });
});
