import { UsageError } from '../errors.js';

/*
 * The GitHub release body: a changelog drafted from commits, and one section per image with its
 * pull commands. Pure: commits, tags and digests come in as data, so the same facts always give
 * the same body byte for byte, which is what makes a re-run (or a second image's job) leave the
 * release as it found it.
 *
 * Our parts sit between HTML comment markers. Everything outside them belongs to whoever wrote it
 * (a maintainer, another tool) and is kept as it is.
 */

/** GitHub refuses a release body over 125,000 characters. */
export const BODY_LIMIT = 125_000;

export const NOTES_BEGIN = '<!-- image-release:notes-begin -->';
export const NOTES_END = '<!-- image-release:notes-end -->';

export function imageBegin(image: string): string {
  return `<!-- image-release:begin ${image} -->`;
}

export function imageEnd(image: string): string {
  return `<!-- image-release:end ${image} -->`;
}

export interface Person {
  readonly name: string;
  readonly email: string;
}

/** One commit as local git (or the compare API) reports it. */
export interface Commit {
  /** Full sha. */
  readonly sha: string;
  /** Full shas; the first is the line the commit was made on, the others what a merge brought in. */
  readonly parents: readonly string[];
  /** As `.mailmap` maps it. */
  readonly author: Person;
  readonly committer: Person;
  /** The first paragraph of the message, on one line. */
  readonly subject: string;
  /** The rest of the message; '' when none. Trailers such as `Co-authored-by` are read from it. */
  readonly body: string;
}

/** What the GitHub API adds when it is reachable; everything here is optional. */
export interface Enrichment {
  /** The GitHub login of a commit's author, by full sha (the compare API's `author.login`). */
  readonly loginsBySha?: ReadonlyMap<string, string>;
  /** Logins by e-mail address, lowercased: reaches co-authors and commits the API did not list. */
  readonly loginsByEmail?: ReadonlyMap<string, string>;
  /** The login that opened a pull request, by number (from GitHub's generated notes). */
  readonly pullAuthors?: ReadonlyMap<number, string>;
  /** Logins whose first contribution is in this release, with the pull request (generated notes). */
  readonly newContributors?: readonly { readonly login: string; readonly pull?: number }[];
  /** Logins the API reports as bots (user type `Bot`). */
  readonly bots?: ReadonlySet<string>;
}

export interface NotesInput {
  /** The repository's web address, e.g. `https://github.com/acme/app` (GHES: its own host). */
  readonly repositoryUrl: string;
  /** The tag being released. */
  readonly tag: string;
  /** The tag the changelog starts from; none for a first release. */
  readonly previousTag?: string;
  /** The commits in previousTag..tag, in any order: the parents give the structure. */
  readonly commits: readonly Commit[];
  /** The history was cut at a maximum count, so the list is not the whole range. */
  readonly truncated?: boolean;
  readonly enrichment?: Enrichment;
}

export interface NoteGroup {
  /** '' when the changelog is not grouped. */
  readonly title: string;
  /** Markdown list items, each one line. */
  readonly lines: readonly string[];
}

/** The changelog drafted but not yet laid out, so that it can be cut to fit any budget. */
export interface ReleaseNotes {
  readonly groups: readonly NoteGroup[];
  /** Lines that stand for many commits: bot updates, merge commits. Never cut. */
  readonly folded: readonly string[];
  /** `@login` or the escaped name of everyone who authored or co-authored a commit. */
  readonly contributors: readonly string[];
  readonly newContributors: readonly string[];
  /** `…/compare/<previous>...<tag>`, or `…/commits/<tag>` for a first release. */
  readonly changelogUrl: string;
  readonly previousTag?: string;
  readonly commitCount: number;
  readonly truncated: boolean;
}

// ── Markdown ──────────────────────────────────────────────────────────────────────────────────

/** Longest title kept from a commit subject; a squash subject can be a whole paragraph. */
const TITLE_MAX = 200;

/**
 * Commit text as plain text in markdown. HTML is escaped so that a subject can neither inject
 * markup nor forge one of our markers; the characters that start emphasis, code, links or
 * strike-through are backslash-escaped; a leading `#`, `>`, `-`, `+`, `=` or `1.` would start a
 * heading, quote or list inside the list item, so it is escaped too. `@mentions` and `#12` are
 * left alone: GitHub links them, as it does in its own generated notes.
 */
export function escapeMarkdown(text: string): string {
  // One pass: a release of 10,000 commits escapes some 20,000 strings.
  const out = text.replace(ESCAPED, (m) => {
    const code = m.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) return ' ';
    return HTML[m] ?? `\\${m}`;
  });
  return out
    .trim()
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

// eslint-disable-next-line no-control-regex
const ESCAPED = /[\u0000-\u001f\u007f]+|[&<>\\`*_[\]~|]/g;
const HTML: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never cut between the two halves of a surrogate pair.
  const cut = /[\uD800-\uDBFF]$/.test(text.slice(0, max - 1)) ? max - 2 : max - 1;
  return `${text.slice(0, cut)}…`;
}

/** Tag names in a URL path: anything but unreserved characters and `/` is percent-encoded. */
function encodeRef(ref: string): string {
  return encodeURIComponent(ref).replace(/%2F/g, '/');
}

export function changelogUrl(repositoryUrl: string, tag: string, previousTag?: string): string {
  const base = repositoryUrl.replace(/\/+$/, '');
  return previousTag === undefined
    ? `${base}/commits/${encodeRef(tag)}`
    : `${base}/compare/${encodeRef(previousTag)}...${encodeRef(tag)}`;
}

// ── Reading commits ───────────────────────────────────────────────────────────────────────────

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;

/** `12345+octocat@users.noreply.github.com` → `octocat` (GHES: `users.noreply.<host>`). */
export function noreplyLogin(email: string): string | undefined {
  const m = /^(?:\d+\+)?([^@\s]+)@users\.noreply\.[^@\s]+$/i.exec(email);
  const login = m?.[1];
  return login !== undefined && LOGIN.test(login) ? login : undefined;
}

const BOT_NAME = /\[bot\]$|^(?:dependabot|renovate)(?:-preview)?$/i;

function isBotPerson(
  person: Person,
  login: string | undefined,
  bots: ReadonlySet<string>,
): boolean {
  if (login !== undefined && (bots.has(login) || BOT_NAME.test(login))) return true;
  return BOT_NAME.test(person.name.trim()) || /\[bot\]@/i.test(person.email);
}

const CO_AUTHOR_HINT = /co-authored-by:/i;

/** The `Co-authored-by` trailers of the message's last paragraph, as GitHub reads them. */
export function coAuthors(body: string): Person[] {
  const paragraphs = body
    .replace(/\r\n/g, '\n')
    .trimEnd()
    .split(/\n\s*\n/);
  const last = paragraphs[paragraphs.length - 1] ?? '';
  const people: Person[] = [];
  for (const line of last.split('\n')) {
    const m = /^co-authored-by:\s*(.*?)\s*<([^<>\s]+)>\s*$/i.exec(line.trim());
    if (m) people.push({ name: m[1] ?? '', email: m[2] ?? '' });
  }
  return people;
}

interface Conventional {
  readonly type: string;
  readonly scope?: string;
  readonly breaking: boolean;
  readonly description: string;
}

const CONVENTIONAL_TYPES = new Set([
  'feat',
  'fix',
  'perf',
  'docs',
  'refactor',
  'test',
  'tests',
  'build',
  'ci',
  'chore',
  'style',
  'revert',
  'deps',
]);

function parseConventional(subject: string, body: string): Conventional | undefined {
  const m = /^([A-Za-z]+)(?:\(([^()\r\n]*)\))?(!)?:\s+(\S.*)$/.exec(subject);
  if (!m) return undefined;
  const type = (m[1] ?? '').toLowerCase();
  if (!CONVENTIONAL_TYPES.has(type)) return undefined;
  const scope = m[2]?.trim();
  return {
    type,
    ...(scope !== undefined && scope !== '' && { scope }),
    breaking: m[3] === '!' || /^BREAKING[ -]CHANGE:/m.test(body),
    description: m[4] ?? '',
  };
}

const PR_MERGE = /^Merge pull request #(\d+) from (\S+)/;
const SQUASH_PR = /\s\(#(\d+)\)\s*$/;

// ── Drafting ──────────────────────────────────────────────────────────────────────────────────

interface Entry {
  readonly title: string;
  readonly pull?: number;
  readonly sha: string;
  /** Whom the entry credits: the pull request's author, else the commit's. */
  readonly author: Person;
  readonly authorSha: string;
  readonly conventional?: Conventional;
}

interface Structure {
  readonly entries: Entry[];
  /** Merge commits of no pull request (`Merge branch 'x'`): shown as one line. */
  readonly plainMerges: number;
}

/**
 * Walks the range the way it was built. Along each first-parent line, oldest first: a pull
 * request's merge becomes one entry for the pull request and hides the commits it brought in
 * (they are the pull request's); a merge of no pull request lists what it brought in, since
 * those commits were pushed without one; any other commit is an entry. Every commit is visited
 * once, so 10,000 commits cost 10,000 steps.
 */
function structure(commits: readonly Commit[]): Structure {
  const bySha = new Map<string, Commit>();
  for (const c of commits) bySha.set(c.sha, c);
  const isParent = new Set<string>();
  for (const c of commits) for (const p of c.parents) isParent.add(p);
  const seen = new Set<string>();
  const entries: Entry[] = [];
  let plainMerges = 0;

  /** Everything reachable from `tips` in the range and not seen yet, marked seen. */
  const collect = (tips: readonly string[]): Commit[] => {
    const found: Commit[] = [];
    const stack = [...tips];
    while (stack.length > 0) {
      const sha = stack.pop() as string;
      const c = bySha.get(sha);
      if (c === undefined || seen.has(sha)) continue;
      seen.add(sha);
      found.push(c);
      for (const p of c.parents) stack.push(p);
    }
    return found;
  };

  const chain = (tip: string): void => {
    const line: Commit[] = [];
    for (let c = bySha.get(tip); c !== undefined && !seen.has(c.sha);) {
      line.push(c);
      const first = c.parents[0];
      c = first === undefined ? undefined : bySha.get(first);
    }
    for (let i = line.length - 1; i >= 0; i--) {
      const c = line[i] as Commit;
      if (c.parents.length > 1) {
        const pr = PR_MERGE.exec(c.subject);
        if (pr) {
          const brought = collect(c.parents.slice(1)).filter((b) => b.parents.length < 2);
          const title =
            c.body
              .split('\n')
              .map((l) => l.trim())
              .find((l) => l !== '') ??
            pr[2] ??
            '';
          const author = mainAuthor(brought) ?? { person: c.author, sha: c.sha };
          entries.push({
            title,
            pull: Number(pr[1]),
            sha: c.sha,
            author: author.person,
            authorSha: author.sha,
            ...optionalConventional(title, c.body),
          });
        } else {
          for (const p of c.parents.slice(1)) chain(p);
          plainMerges++;
        }
      } else {
        const squash = SQUASH_PR.exec(c.subject);
        const title = squash ? c.subject.slice(0, squash.index).trimEnd() : c.subject;
        entries.push({
          title,
          ...(squash && { pull: Number(squash[1]) }),
          sha: c.sha,
          author: c.author,
          authorSha: c.sha,
          ...optionalConventional(title, c.body),
        });
      }
      seen.add(c.sha);
    }
  };

  for (const c of commits) if (!isParent.has(c.sha)) chain(c.sha);
  // A range whose every commit is some other's parent is a cycle, which git cannot make; still,
  // nothing is dropped silently.
  for (const c of commits) if (!seen.has(c.sha)) chain(c.sha);
  return { entries, plainMerges };
}

function optionalConventional(
  title: string,
  body: string,
): { conventional?: Conventional } | Record<string, never> {
  const conventional = parseConventional(title, body);
  return conventional ? { conventional } : {};
}

/** The author of most of a pull request's commits (the first one on a tie). */
function mainAuthor(commits: readonly Commit[]): { person: Person; sha: string } | undefined {
  const counts = new Map<string, { person: Person; sha: string; n: number }>();
  // Oldest first: `collect` walks from the tip, so its last commit is the oldest.
  for (let i = commits.length - 1; i >= 0; i--) {
    const c = commits[i] as Commit;
    const key = c.author.email.toLowerCase() || c.author.name;
    const known = counts.get(key);
    if (known) known.n++;
    else counts.set(key, { person: c.author, sha: c.sha, n: 1 });
  }
  let best: { person: Person; sha: string; n: number } | undefined;
  for (const v of counts.values()) if (best === undefined || v.n > best.n) best = v;
  return best && { person: best.person, sha: best.sha };
}

interface Listed {
  readonly entry: Entry;
  /** ` by @login`, or '' when the author is unknown. */
  readonly by: string;
  /** `#12`, or a link to the commit. */
  readonly ref: string;
}

function line(l: Listed, conventional: boolean): string {
  const c = conventional ? l.entry.conventional : undefined;
  const text = c
    ? `${c.scope !== undefined ? `**${escapeMarkdown(c.scope)}:** ` : ''}${escapeMarkdown(shorten(c.description, TITLE_MAX))}`
    : escapeMarkdown(shorten(l.entry.title, TITLE_MAX));
  return `- ${text}${l.by} in ${l.ref}`;
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

interface GroupDef {
  readonly title: string;
  readonly types: readonly string[];
}

/** In this order; `Other` takes what no group names. */
const GROUPS: readonly GroupDef[] = [
  { title: 'Features', types: ['feat'] },
  { title: 'Fixes', types: ['fix'] },
  { title: 'Performance', types: ['perf'] },
  { title: 'Reverts', types: ['revert'] },
  { title: 'Documentation', types: ['docs'] },
  {
    title: 'Maintenance',
    types: ['refactor', 'test', 'tests', 'build', 'ci', 'chore', 'style', 'deps'],
  },
];

/**
 * Group by conventional-commit type when at least half of the listed entries use one: below
 * that the history does not follow the convention and a few lucky `fix:` subjects would push
 * everything else into "Other".
 */
const CONVENTIONAL_SHARE = 0.5;

/**
 * Drafts the changelog: entries for pull requests and for commits pushed without one, grouped
 * by conventional type when the history uses them; bots and plain merges folded into a line
 * each; contributors (authors and co-authors); first-time contributors when the API said who.
 */
export function draftReleaseNotes(input: NotesInput): ReleaseNotes {
  const e = input.enrichment ?? {};
  const bots = e.bots ?? new Set<string>();
  // Thousands of commits come from a few dozen people: each is looked at once.
  const known = new Map<string, { login: string | undefined; bot: boolean; shown: string }>();
  const lookup = (person: Person, sha?: string) => {
    const bySha = sha === undefined ? undefined : e.loginsBySha?.get(sha);
    const key = `${bySha ?? ''}\0${person.name}\0${person.email}`;
    let info = known.get(key);
    if (info === undefined) {
      const found =
        bySha ?? e.loginsByEmail?.get(person.email.toLowerCase()) ?? noreplyLogin(person.email);
      const login = found !== undefined && LOGIN.test(found) ? found : undefined;
      info = {
        login,
        bot: isBotPerson(person, login, bots),
        shown: login !== undefined ? `@${login}` : escapeMarkdown(shorten(person.name, 100)),
      };
      known.set(key, info);
    }
    return info;
  };
  const loginOf = (person: Person, sha?: string) => lookup(person, sha).login;
  const who = (person: Person, login: string | undefined): string =>
    login !== undefined ? `@${login}` : lookup(person).shown;

  const { entries, plainMerges } = structure(input.commits);
  const listed: Listed[] = [];
  const botCounts = new Map<string, number>();
  const botPulls: number[] = [];
  let botCommits = 0;
  const base = input.repositoryUrl.replace(/\/+$/, '');
  for (const entry of entries) {
    const login =
      (entry.pull !== undefined ? e.pullAuthors?.get(entry.pull) : undefined) ??
      loginOf(entry.author, entry.authorSha);
    if (isBotPerson(entry.author, login, bots)) {
      const name = login ?? entry.author.name;
      botCounts.set(name, (botCounts.get(name) ?? 0) + 1);
      if (entry.pull !== undefined) botPulls.push(entry.pull);
      botCommits++;
      continue;
    }
    const anonymous = entry.author.name.trim() === '' && login === undefined;
    listed.push({
      entry,
      by: anonymous ? '' : ` by ${who(entry.author, login)}`,
      ref:
        entry.pull !== undefined
          ? `#${entry.pull}`
          : `[${entry.sha.slice(0, 7)}](${base}/commit/${entry.sha})`,
    });
  }

  const conventionalCount = listed.filter((l) => l.entry.conventional !== undefined).length;
  const grouped =
    listed.length > 0 && conventionalCount >= Math.max(1, listed.length * CONVENTIONAL_SHARE);
  let groups: NoteGroup[];
  if (!grouped) {
    // Without the convention a `fix:` prefix is part of the subject as its author wrote it.
    groups = listed.length === 0 ? [] : [{ title: '', lines: listed.map((l) => line(l, false)) }];
  } else {
    const buckets = new Map<string, string[]>();
    for (const l of listed) {
      const c = l.entry.conventional;
      const title = c?.breaking
        ? 'Breaking Changes'
        : c === undefined
          ? /^Revert "/.test(l.entry.title)
            ? 'Reverts'
            : 'Other'
          : (GROUPS.find((g) => g.types.includes(c.type))?.title ?? 'Other');
      const bucket = buckets.get(title);
      if (bucket) bucket.push(line(l, true));
      else buckets.set(title, [line(l, true)]);
    }
    groups = ['Breaking Changes', ...GROUPS.map((g) => g.title), 'Other'].flatMap((title) => {
      const lines = buckets.get(title);
      return lines ? [{ title, lines }] : [];
    });
  }

  const folded: string[] = [];
  if (botCommits > 0) {
    const names = [...botCounts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([name, n]) => `${escapeMarkdown(name)} ×${n}`)
      .join(', ');
    const shown = botPulls.slice(0, 30).map((n) => `#${n}`);
    const more =
      botPulls.length > shown.length ? `, and ${botPulls.length - shown.length} more` : '';
    const pulls = shown.length > 0 ? `: ${shown.join(', ')}${more}` : '';
    folded.push(`- ${plural(botCommits, 'update')} by bots (${names})${pulls}`);
  }
  if (plainMerges > 0) {
    folded.push(`- ${plural(plainMerges, 'merge commit')} of no pull request, not listed`);
  }

  const contributors = new Map<string, string>();
  for (const c of input.commits) {
    const people: { person: Person; sha?: string }[] = CO_AUTHOR_HINT.test(c.body)
      ? coAuthors(c.body).map((person) => ({ person }))
      : [];
    // The author of a merge is whoever pressed the button; the work is in the merged commits.
    if (c.parents.length < 2) people.unshift({ person: c.author, sha: c.sha });
    for (const { person, sha } of people) {
      const { login, bot, shown } = lookup(person, sha);
      if (bot || (login === undefined && person.name.trim() === '')) continue;
      const key = login !== undefined ? `@${login.toLowerCase()}` : shown.toLowerCase();
      if (!contributors.has(key)) contributors.set(key, shown);
    }
  }
  const newContributors = (e.newContributors ?? [])
    .filter((n) => LOGIN.test(n.login) && !BOT_NAME.test(n.login))
    .map(
      (n) =>
        `- @${n.login} made their first contribution${n.pull !== undefined ? ` in #${n.pull}` : ''}`,
    );

  return {
    groups,
    folded,
    contributors: [...contributors.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([, shown]) => shown),
    newContributors,
    changelogUrl: changelogUrl(input.repositoryUrl, input.tag, input.previousTag),
    ...(input.previousTag !== undefined && { previousTag: input.previousTag }),
    commitCount: input.commits.length,
    truncated: input.truncated === true,
  };
}

// ── Layout ────────────────────────────────────────────────────────────────────────────────────

function layout(notes: ReleaseNotes, entries: number, contributors: number, fresh: number): string {
  const out: string[] = ["## What's Changed", ''];
  const total = notes.groups.reduce((n, g) => n + g.lines.length, 0);
  let left = entries;
  for (const group of notes.groups) {
    if (left <= 0) break;
    const lines = group.lines.slice(0, left);
    left -= lines.length;
    if (group.title !== '') out.push(`### ${group.title}`, '');
    out.push(...lines, '');
  }
  // The lines that stand for many go on the last list rather than start a new one after a
  // blank line, which markdown would render as one loose list.
  if (out[out.length - 1] === '' && out.length > 2) out.pop();
  const tail: string[] = [];
  if (entries < total) {
    tail.push(
      `- … and ${plural(total - entries, 'more change')}: see the [full changelog](${notes.changelogUrl})`,
    );
  }
  if (notes.truncated) {
    tail.push(
      `- Only the newest ${plural(notes.commitCount, 'commit')} were read; the [full changelog](${notes.changelogUrl}) has them all`,
    );
  }
  tail.push(...notes.folded);
  out.push(...tail);
  if (out[out.length - 1] !== '') out.push('');
  if (total === 0 && notes.folded.length === 0) {
    out.push(
      notes.previousTag !== undefined
        ? `No commits since ${escapeMarkdown(notes.previousTag)}.`
        : 'No commits.',
      '',
    );
  }
  if (notes.contributors.length > 0 && contributors > 0) {
    const shown = notes.contributors.slice(0, contributors);
    const more = notes.contributors.length - shown.length;
    out.push(
      '## Contributors',
      '',
      `${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}`,
      '',
    );
  }
  if (notes.newContributors.length > 0 && fresh > 0) {
    const shown = notes.newContributors.slice(0, fresh);
    const more = notes.newContributors.length - shown.length;
    out.push('## New Contributors', '', ...shown);
    if (more > 0) out.push(`- and ${more} more`);
    out.push('');
  }
  out.push(`**Full Changelog**: ${notes.changelogUrl}`);
  return out.join('\n');
}

/** The largest n in [0, max] with fits(n), assuming fits is (nearly) monotonic; -1 if none. */
function largest(max: number, fits: (n: number) => boolean): number {
  if (!fits(0)) return -1;
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The changelog as markdown in at most `budget` characters. What gives way, in order: the
 * entries (from the end, so the least important groups first), with a line pointing to the
 * full changelog; then the contributors; then the first-time contributors; the link to the full
 * changelog stays to the last. '' when not even that fits.
 */
export function renderReleaseNotes(notes: ReleaseNotes, budget: number = BODY_LIMIT): string {
  const total = notes.groups.reduce((n, g) => n + g.lines.length, 0);
  const people = notes.contributors.length;
  const fresh = notes.newContributors.length;
  const full = layout(notes, total, people, fresh);
  if (full.length <= budget) return full;
  const fits = (text: string) => text.length <= budget;
  const entries = largest(total, (k) => fits(layout(notes, k, people, fresh)));
  if (entries >= 0) return layout(notes, entries, people, fresh);
  const kept = largest(people, (c) => fits(layout(notes, 0, c, fresh)));
  if (kept >= 0) return layout(notes, 0, kept, fresh);
  const keptFresh = largest(fresh, (n) => fits(layout(notes, 0, 0, n)));
  if (keptFresh >= 0) return layout(notes, 0, 0, keptFresh);
  const minimal = `**Full Changelog**: ${notes.changelogUrl}`;
  return minimal.length <= budget ? minimal : '';
}

// ── Images ────────────────────────────────────────────────────────────────────────────────────

/** One image as released: what its section in the body shows. */
export interface ImageRelease {
  /** Without tag, e.g. `ghcr.io/acme/app`. */
  readonly image: string;
  /** The tag the pull command names, e.g. `1.2.3`. */
  readonly version: string;
  /** Every tag pushed, e.g. `1.2.3`, `1.2`, `1`, `latest`. */
  readonly tags: readonly string[];
  readonly platforms: readonly string[];
  /** The manifest (or index) digest, when the push reported one. */
  readonly digest?: string;
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[A-Za-z0-9=_-]{32,}$/;
const PLATFORM = /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+){1,2}$/;
/** Image names come checked from the settings; this only keeps them out of markup and markers. */
const IMAGE = /^[a-z0-9][a-z0-9._/:-]*$/;

function checkImage(r: ImageRelease): void {
  const bad = (what: string, value: string) =>
    new Error(`image section for '${r.image}': ${what} '${value}' is not valid`);
  if (!IMAGE.test(r.image)) throw bad('the image name', r.image);
  for (const t of [r.version, ...r.tags]) if (!TAG.test(t)) throw bad('the tag', t);
  for (const p of r.platforms) if (!PLATFORM.test(p)) throw bad('the platform', p);
  if (r.digest !== undefined && !DIGEST.test(r.digest)) throw bad('the digest', r.digest);
}

/** The section of one image, markers included: pull commands, platforms, tags. */
export function renderImageSection(r: ImageRelease): string {
  checkImage(r);
  const pulls = [`docker pull ${r.image}:${r.version}`];
  if (r.digest !== undefined) pulls.push(`docker pull ${r.image}@${r.digest}`);
  const out = [imageBegin(r.image), `## Image \`${r.image}\``, '', '```sh', ...pulls, '```', ''];
  if (r.platforms.length > 0) {
    out.push(`Platforms: ${r.platforms.map((p) => `\`${p}\``).join(', ')}`, '');
  }
  const tags = [...new Set([r.version, ...r.tags])];
  out.push(`Tags: ${tags.map((t) => `\`${t}\``).join(', ')}`, imageEnd(r.image));
  return out.join('\n');
}

function wrapNotes(markdown: string): string {
  return `${NOTES_BEGIN}\n${markdown}\n${NOTES_END}`;
}

// ── The whole body ────────────────────────────────────────────────────────────────────────────

type Segment =
  | { readonly kind: 'text'; text: string }
  | { readonly kind: 'notes'; text: string }
  | { readonly kind: 'image'; readonly image: string; text: string };

const MARKER = /<!-- image-release:(notes-begin|notes-end|begin (\S+)|end (\S+)) -->/g;

/**
 * Splits a body into our sections and everything else. An end marker closes the nearest begin
 * marker of the same section before it, so a stray begin marker (a section's end deleted by
 * hand) stays text instead of swallowing what follows it.
 */
function parseBody(body: string): Segment[] {
  const segments: Segment[] = [];
  let cursor = 0;
  const open = new Map<string, number>();
  for (const m of body.matchAll(MARKER)) {
    const index = m.index;
    const what = m[1] as string;
    if (what === 'notes-begin') open.set('\0notes', index);
    else if (m[2] !== undefined) open.set(m[2], index);
    else {
      const key = what === 'notes-end' ? '\0notes' : (m[3] as string);
      const start = open.get(key);
      if (start === undefined) continue;
      const end = index + m[0].length;
      if (start > cursor) segments.push({ kind: 'text', text: body.slice(cursor, start) });
      const text = body.slice(start, end);
      segments.push(
        key === '\0notes' ? { kind: 'notes', text } : { kind: 'image', image: key, text },
      );
      cursor = end;
      open.clear();
    }
  }
  if (cursor < body.length) segments.push({ kind: 'text', text: body.slice(cursor) });
  return segments;
}

/** Whether image-release wrote (part of) this body: then its sections are ours to update. */
export function hasOurSections(body: string | null | undefined): boolean {
  return (body ?? '').length > 0 && parseBody(body ?? '').some((s) => s.kind !== 'text');
}

export interface BodyUpdate {
  /** The changelog; undefined keeps the one already in the body (or none). */
  readonly notes?: ReleaseNotes;
  readonly images: readonly ImageRelease[];
}

/**
 * Our sections merged into an existing body (or a new one): each image's section replaced where
 * it is or added after the other images' sections; the changelog replaced where it is or put
 * before the images. Everything else stays byte for byte (only trailing white space is trimmed
 * where a section is added at the end), so running it again gives the same body, and a section
 * another job wrote for another image stays. The images sections are never cut: when the whole
 * would pass `limit`, the changelog gives way.
 */
export function composeReleaseBody(
  existing: string | null | undefined,
  update: BodyUpdate,
  limit: number = BODY_LIMIT,
): string {
  const segments = parseBody(existing ?? '');
  const sections = new Map<string, string>();
  for (const r of update.images) sections.set(r.image, renderImageSection(r));
  const NOTES_PLACEHOLDER = '\0notes';
  const placed = new Set<string>();
  let notesPlaced = false;
  for (const s of segments) {
    if (s.kind === 'image') {
      const section = sections.get(s.image);
      if (section !== undefined) {
        s.text = section;
        placed.add(s.image);
      }
    } else if (s.kind === 'notes' && update.notes !== undefined) {
      s.text = NOTES_PLACEHOLDER;
      notesPlaced = true;
    }
  }
  const insertAfter = (index: number, segment: Segment) => {
    segments.splice(index + 1, 0, { kind: 'text', text: '\n\n' }, segment);
  };
  const append = (segment: Segment) => {
    const last = segments[segments.length - 1];
    if (last?.kind === 'text') {
      last.text = last.text.trimEnd();
      if (last.text === '') segments.pop();
    }
    if (segments.length > 0) segments.push({ kind: 'text', text: '\n\n' });
    segments.push(segment);
  };
  const lastIndex = (kind: Segment['kind']) => segments.map((s) => s.kind).lastIndexOf(kind);
  if (update.notes !== undefined && !notesPlaced) {
    const firstImage = segments.findIndex((s) => s.kind === 'image');
    const notes: Segment = { kind: 'notes', text: NOTES_PLACEHOLDER };
    if (firstImage >= 0) segments.splice(firstImage, 0, notes, { kind: 'text', text: '\n\n' });
    else append(notes);
  }
  for (const [image, text] of sections) {
    if (placed.has(image)) continue;
    const segment: Segment = { kind: 'image', image, text };
    const after = lastIndex('image') >= 0 ? lastIndex('image') : lastIndex('notes');
    if (after >= 0) insertAfter(after, segment);
    else append(segment);
  }

  const withNotes = (notesText: string) =>
    segments.map((s) => (s.text === NOTES_PLACEHOLDER ? notesText : s.text)).join('');
  if (update.notes === undefined) {
    const body = withNotes('');
    if (body.length > limit) throw tooLong(body.length, limit, 'the changelog kept from before');
    return body;
  }
  const copies = segments.filter((s) => s.text === NOTES_PLACEHOLDER).length;
  const rest = withNotes('').length;
  const overhead = wrapNotes('').length;
  const budget = Math.floor((limit - rest) / copies) - overhead;
  const markdown = budget > 0 ? renderReleaseNotes(update.notes, budget) : '';
  if (markdown === '') throw tooLong(rest, limit, 'the text outside the changelog');
  return withNotes(wrapNotes(markdown));
}

function tooLong(length: number, limit: number, what: string): UsageError {
  return new UsageError(
    'release body',
    `${what} is ${length} characters, and a GitHub release body holds at most ${limit}; shorten the text of the release outside image-release's sections, or release fewer images per release`,
  );
}
