/**
 * Properties of the release body over random histories, commit texts, maintainer texts and image
 * sets: merging is idempotent, keeps what is not ours, keeps other images' sections, never passes
 * the cap, and no commit text can forge a marker.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { UsageError } from '../../src/errors.js';
import {
  type Commit,
  type ImageRelease,
  NOTES_BEGIN,
  NOTES_END,
  type Person,
  composeReleaseBody,
  draftReleaseNotes,
  imageBegin,
  imageEnd,
  renderImageSection,
} from '../../src/plan/release-notes.js';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261121) });
const RUNS = { numRuns: 200 };
const REPO = 'https://github.com/acme/app';

const IMAGES: readonly ImageRelease[] = [
  {
    image: 'ghcr.io/acme/app',
    version: '1.2.3',
    tags: ['1.2.3', 'latest'],
    platforms: ['linux/amd64'],
  },
  {
    image: 'docker.io/acme/builder',
    version: '1.2.3',
    tags: ['1.2.3'],
    platforms: [],
    digest: `sha256:${'0f'.repeat(32)}`,
  },
  {
    image: 'registry.example.com:5000/x/y',
    version: '2.0.0-rc.1',
    tags: ['2.0.0-rc.1'],
    platforms: ['linux/arm/v7'],
  },
];

const MARKERS = [
  NOTES_BEGIN,
  NOTES_END,
  ...IMAGES.flatMap((i) => [imageBegin(i.image), imageEnd(i.image)]),
];

/** Text a human or a tool might put anywhere: any characters, now and then our markers. */
const anyText = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
      {
        weight: 2,
        arbitrary: fc.constantFrom('\n', '\n\n', '\r\n', '  ', '#', '*', '`', '<', '>'),
      },
      { weight: 1, arbitrary: fc.constantFrom(...MARKERS) },
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const person: fc.Arbitrary<Person> = fc.oneof(
  fc.record({ name: anyText, email: fc.emailAddress() }),
  fc.constantFrom(
    { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' },
    { name: 'Alice', email: '1+alice@users.noreply.github.com' },
    { name: 'Bob', email: 'bob@example.com' },
  ),
);

const subject = fc.oneof(
  anyText.map((t) => t.replace(/\s+/g, ' ')),
  fc
    .tuple(fc.constantFrom('feat', 'fix', 'docs', 'chore', 'perf', 'wip'), anyText)
    .map(([type, text]) => `${type}: ${text.replace(/\s+/g, ' ')}`),
  fc.tuple(anyText, fc.nat(9999)).map(([t, n]) => `${t.replace(/\s+/g, ' ')} (#${n})`),
);

interface Spec {
  readonly subject: string;
  readonly body: string;
  readonly author: Person;
  /** Index of an earlier commit merged in, or -1 (merges get a PR-merge subject half the time). */
  readonly merge: number;
  readonly prMerge: boolean;
}

const spec: fc.Arbitrary<Spec> = fc.record({
  subject,
  body: anyText,
  author: person,
  merge: fc.integer({ min: -1, max: 40 }),
  prMerge: fc.boolean(),
});

/** A random history: mostly a line, with merges of earlier commits. */
function history(specs: readonly Spec[]): Commit[] {
  const shas: string[] = [];
  const commits: Commit[] = [];
  specs.forEach((s, i) => {
    const sha = (i + 1).toString(16).padStart(40, '0');
    const parents = i === 0 ? ['f'.repeat(40)] : [shas[i - 1] as string];
    const other = s.merge >= 0 && s.merge < i - 1 ? shas[s.merge] : undefined;
    if (other !== undefined) parents.push(other);
    commits.push({
      sha,
      parents,
      author: s.author,
      committer: s.author,
      subject:
        other !== undefined && s.prMerge
          ? `Merge pull request #${i} from acme/branch-${i}`
          : s.subject,
      body: s.body,
    });
    shas.push(sha);
  });
  return commits.reverse();
}

const notesArb = fc
  .tuple(
    fc.array(spec, { maxLength: 40 }),
    fc.option(fc.constantFrom('v1.2.2', 'release/v1'), { nil: undefined }),
  )
  .map(([specs, previousTag]) =>
    draftReleaseNotes({
      repositoryUrl: REPO,
      tag: 'v1.2.3',
      ...(previousTag !== undefined && { previousTag }),
      commits: history(specs),
    }),
  );

const imagesArb = fc.subarray([...IMAGES], { minLength: 1 });

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('composeReleaseBody properties', () => {
  it('is idempotent: merging the same update twice gives the same body', () => {
    fc.assert(
      fc.property(anyText, notesArb, imagesArb, (existing, notes, images) => {
        const once = composeReleaseBody(existing, { notes, images });
        expect(composeReleaseBody(once, { notes, images })).toBe(once);
      }),
      RUNS,
    );
  });

  it('keeps a maintainer’s text (only trailing white space may go)', () => {
    const plain = anyText.filter((t) => !t.includes('<!-- image-release:'));
    fc.assert(
      fc.property(plain, notesArb, imagesArb, (text, notes, images) => {
        const body = composeReleaseBody(text, { notes, images });
        expect(body.startsWith(text.trimEnd())).toBe(true);
      }),
      RUNS,
    );
  });

  it('keeps the section of an image another job released', () => {
    fc.assert(
      fc.property(
        anyText,
        notesArb,
        fc.shuffledSubarray([...IMAGES], { minLength: 2, maxLength: 2 }),
        (existing, notes, [a, b]) => {
          const first = composeReleaseBody(existing, { notes, images: [a as ImageRelease] });
          const second = composeReleaseBody(first, { notes, images: [b as ImageRelease] });
          expect(second).toContain(renderImageSection(a as ImageRelease));
          expect(second).toContain(renderImageSection(b as ImageRelease));
        },
      ),
      RUNS,
    );
  });

  it('never passes the limit, and the images sections are never cut', () => {
    fc.assert(
      fc.property(
        fc.array(spec, { minLength: 50, maxLength: 300 }),
        fc.integer({ min: 2_500, max: 20_000 }),
        imagesArb,
        (specs, limit, images) => {
          const notes = draftReleaseNotes({
            repositoryUrl: REPO,
            tag: 'v2',
            previousTag: 'v1',
            commits: history(specs),
          });
          let body: string;
          try {
            body = composeReleaseBody(undefined, { notes, images }, limit);
          } catch (e) {
            // Only when not even the link fits beside the images.
            expect(e).toBeInstanceOf(UsageError);
            return;
          }
          expect(body.length).toBeLessThanOrEqual(limit);
          for (const image of images) expect(body).toContain(renderImageSection(image));
          expect(body).toContain(`${REPO}/compare/v1...v2`);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('lets no commit text or name forge a marker', () => {
    fc.assert(
      fc.property(notesArb, imagesArb, (notes, images) => {
        const body = composeReleaseBody(undefined, { notes, images });
        expect(count(body, '<!-- image-release:')).toBe(2 + 2 * images.length);
        expect(count(body, NOTES_BEGIN)).toBe(1);
      }),
      RUNS,
    );
  });

  it('lists every commit of a linear history once, or folds it as a bot’s', () => {
    fc.assert(
      fc.property(
        fc.array(
          spec.map((s) => ({ ...s, merge: -1 })),
          { maxLength: 40 },
        ),
        (specs) => {
          const notes = draftReleaseNotes({
            repositoryUrl: REPO,
            tag: 'v2',
            previousTag: 'v1',
            commits: history(specs),
          });
          const listed = notes.groups.reduce((n, g) => n + g.lines.length, 0);
          const folded = Number(/^- (\d+) updates? by bots/.exec(notes.folded[0] ?? '')?.[1] ?? 0);
          expect(listed + folded).toBe(specs.length);
          for (const g of notes.groups) for (const l of g.lines) expect(l).not.toMatch(/\n/);
        },
      ),
      RUNS,
    );
  });
});
