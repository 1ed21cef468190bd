/**
 * Properties of the planning path over random refs, versions, inputs and published tags: it
 * makes a plan or throws a UsageError, and every plan keeps the promises the tags make.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { UsageError } from '../../src/errors.js';
import { parseEvent } from '../../src/event.js';
import { type Plan, planRelease } from '../../src/plan/plan.js';
import { readSettings } from '../../src/settings.js';
import {
  type EventName,
  type Json,
  type Tweaks,
  payloadFor,
  runnerEnv,
} from '../fixtures/payloads.js';

const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const NOW = new Date('2025-01-02T03:04:05Z');
// A fixed seed keeps CI repeatable; FC_SEED=<n> explores other inputs (fast-check prints the
// seed of a failure, so it can be replayed).
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261121) });
const RUNS = { numRuns: 300 };

interface Scenario {
  readonly event: EventName;
  readonly payload: Tweaks;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly inputs: Readonly<Record<string, string>>;
  readonly published: readonly string[];
}

/** The plan, or the UsageError; anything else thrown fails the property. */
function attempt(s: Scenario): Plan | UsageError {
  const payload: Json = payloadFor(s.event, {}, s.payload);
  try {
    const event = parseEvent(runnerEnv(s.event, payload, s.env), payload);
    const settings = readSettings((name) => s.inputs[name] ?? '');
    return planRelease(settings, { event, publishedTags: s.published, now: NOW });
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
}

// ── Arbitraries ────────────────────────────────────────────────────────────────────────────────

const anyString = fc.string({ unit: 'binary', maxLength: 40 });
const identifier = fc.oneof(
  { weight: 4, arbitrary: fc.nat(99).map(String) },
  {
    weight: 4,
    // A number with a leading zero is no semver identifier.
    arbitrary: fc.stringMatching(/^[0-9A-Za-z-]{1,8}$/).filter((id) => !/^0[0-9]+$/.test(id)),
  },
  // Now and then long enough to take the tag past 128 characters, or semver past 256.
  fc.stringMatching(/^[a-z]{60,130}$/),
);
const semverCore = fc.tuple(fc.nat(12), fc.nat(12), fc.nat(12)).map((p) => p.join('.'));
/** Well-formed semver, with prerelease and build parts now and then. */
const semver = fc
  .tuple(
    semverCore,
    fc.option(fc.array(identifier, { minLength: 1, maxLength: 3 }), { freq: 3 }),
    fc.option(fc.stringMatching(/^[0-9A-Za-z-]{1,6}(\.[0-9A-Za-z-]{1,6}){0,2}$/), { freq: 4 }),
  )
  .map(
    ([core, pre, build]) =>
      `${core}${pre ? `-${pre.join('.')}` : ''}${build !== null ? `+${build}` : ''}`,
  );
/** Semver and near-misses: two or four numbers, leading zeros, stray characters. */
const semverish = fc.oneof(
  { weight: 6, arbitrary: semver },
  fc.stringMatching(/^[0-9]{1,3}(\.[0-9]{1,3}){0,4}$/),
  fc.stringMatching(/^[0-9A-Za-z.+_ /-]{0,20}$/),
);
const prefix = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('', 'v', 'V', 'V.', 'server-v', 'vv', 'release/') },
  fc.string({ maxLength: 6 }),
);
const tagName = fc.tuple(prefix, semverish).map(([p, v]) => p + v);
const ref = fc.oneof(
  anyString,
  { weight: 3, arbitrary: tagName.map((t) => `refs/tags/${t}`) },
  fc.string({ maxLength: 30 }).map((b) => `refs/heads/${b}`),
  fc.nat(5000).map((n) => `refs/pull/${n}/merge`),
);
const sha = fc.stringMatching(/^[0-9a-f]{40}$/);
const versionInput = fc.oneof(fc.constant(''), { weight: 4, arbitrary: tagName }, anyString);
const stage = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z][a-z0-9.-]{0,12}$/) },
  fc.string({ maxLength: 12 }),
);
const extraTags = fc
  .tuple(
    fc.array(
      fc.oneof(
        { weight: 12, arbitrary: fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,10}$/) },
        fc.constant('latest'),
        anyString,
      ),
      { maxLength: 3 },
    ),
    fc.constantFrom(',', '\n', ', '),
  )
  .map(([tags, sep]) => tags.join(sep));
const latestMode = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom('', 'auto', 'true', 'false', 'TRUE') },
  fc.constantFrom('yes', 'on'),
);
const tagPrefix = fc.oneof(
  { weight: 6, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: fc.constantFrom('v', 'server-v', 'V.') },
  fc.string({ maxLength: 6 }),
);
const published = fc.array(tagName, { maxLength: 8 });

/** A random event with the ref, version and number where that event carries them. */
const scenario = fc
  .record({
    event: fc.constantFrom<EventName>(
      'push',
      'release',
      'workflow_dispatch',
      'pull_request',
      'schedule',
    ),
    ref,
    releaseTag: tagName,
    dispatchVersion: versionInput,
    prNumber: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 1, max: 100000 }) },
      fc.integer(),
      fc.double(),
    ),
    sha,
    inputs: fc.record({
      version: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, versionInput),
      'tag-prefix': tagPrefix,
      stage,
      latest: latestMode,
      'extra-tags': extraTags,
    }),
    published,
  })
  .map((r): Scenario => ({
    event: r.event,
    payload: {
      ref: r.ref,
      'release.tag_name': r.releaseTag,
      'inputs.version': r.dispatchVersion,
      number: r.prNumber,
      'pull_request.number': r.prNumber,
    },
    env: { GITHUB_REF: r.ref, GITHUB_SHA: r.sha },
    inputs: r.inputs,
    published: r.published,
  }));

// ── An oracle for the floating tags, independent of the planner's semver handling ──────────────

type Triple = readonly [number, number, number];
const STABLE =
  /^(?:V\.|v|V)?(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:\+[0-9A-Za-z.-]+)?$/;

function stableTriple(tag: string): Triple | undefined {
  const m = STABLE.exec(tag);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}
function compare(a: Triple, b: Triple): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

const smallCore = fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3));
const publishedVersion = fc
  .tuple(
    fc.constantFrom('', 'v', 'V', 'V.', 'server-v'),
    smallCore,
    fc.option(fc.constantFrom('rc.1', 'beta', 'alpha.2'), { freq: 3 }),
    fc.option(fc.constantFrom('build.1', 'sha.abc'), { freq: 5 }),
  )
  .map(
    ([p, core, pre, build]) =>
      `${p}${core.join('.')}${pre !== null ? `-${pre}` : ''}${build !== null ? `+${build}` : ''}`,
  );

function tagsOf(p: Plan): string[] {
  return p.tags.map((t) => t.name);
}

describe('planner properties', () => {
  it('makes a plan or throws a UsageError; every tag and ref of a plan is well-formed', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = attempt(s);
        if (result instanceof UsageError) {
          expect(result.where).not.toBe('');
          return;
        }
        const tags = tagsOf(result);
        expect(tags.length).toBeGreaterThan(0);
        for (const tag of tags) expect(tag).toMatch(TAG);
        expect(new Set(tags).size).toBe(tags.length);
        expect(result.refs).toEqual(
          result.images.flatMap((image) => tags.map((tag) => `${image}:${tag}`)),
        );
        expect(result.version).not.toBe('');
        if (result.prerelease) expect(result.versionSource).not.toBe('none');
      }),
      RUNS,
    );
  });

  it('never gives a prerelease the latest tag, in any latest mode', () => {
    const prerelease = fc
      .tuple(
        fc.constantFrom('', 'v', 'V', 'V.'),
        semverCore,
        fc.array(identifier, { minLength: 1, maxLength: 3 }),
      )
      .map(([p, core, pre]) => [p, `${core}-${pre.join('.')}`] as const)
      // Past semver's 256 characters it is no version at all, so no prerelease either.
      .filter(([, v]) => v.length <= 256)
      .map(([p, v]) => p + v);
    fc.assert(
      fc.property(
        prerelease,
        fc.constantFrom<EventName>('push', 'release', 'workflow_dispatch'),
        latestMode,
        extraTags,
        published,
        (version, event, latest, extra, pub) => {
          const payload: Tweaks =
            event === 'push'
              ? { ref: `refs/tags/${version}` }
              : event === 'release'
                ? { 'release.tag_name': version }
                : { 'inputs.version': version };
          const result = attempt({
            event,
            payload,
            env: {},
            inputs: { latest, 'extra-tags': extra },
            published: pub,
          });
          if (result instanceof UsageError) return;
          expect(result.prerelease).toBe(true);
          expect(tagsOf(result)).not.toContain('latest');
          expect(result.tags.filter((t) => t.kind === 'minor' || t.kind === 'major')).toEqual([]);
        },
      ),
      RUNS,
    );
  });

  it('moves floating tags forwards only, and always when the version is the newest', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', 'v', 'V', 'V.'),
        smallCore,
        fc.array(publishedVersion, { maxLength: 10 }),
        fc.constantFrom<EventName>('push', 'release', 'workflow_dispatch'),
        (p, core, pub, event) => {
          const name = `${p}${core.join('.')}`;
          const payload: Tweaks =
            event === 'push'
              ? { ref: `refs/tags/${name}` }
              : event === 'release'
                ? { 'release.tag_name': name }
                : { 'inputs.version': name };
          const result = attempt({ event, payload, env: {}, inputs: {}, published: pub });
          if (result instanceof UsageError) throw result;
          const tags = tagsOf(result);
          const [x, y] = core;
          const stable = pub.map(stableTriple).filter((t): t is Triple => t !== undefined);
          const atLeast = (line: Triple[]) => line.every((t) => compare(core, t) >= 0);
          const minorLine = stable.filter((t) => t[0] === x && t[1] === y);
          const majorLine = stable.filter((t) => t[0] === x);
          expect(tags[0]).toBe(core.join('.'));
          expect(tags.includes(`${x}.${y}`)).toBe(atLeast(minorLine));
          expect(tags.includes(`${x}`)).toBe(atLeast(majorLine));
          expect(tags.includes('latest')).toBe(atLeast(stable));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('with tag-prefix, judges floating tags against that namespace only', () => {
    fc.assert(
      fc.property(smallCore, fc.array(publishedVersion, { maxLength: 10 }), (core, pub) => {
        const result = attempt({
          event: 'push',
          payload: { ref: `refs/tags/server-v${core.join('.')}` },
          env: {},
          inputs: { 'tag-prefix': 'server-v' },
          published: pub,
        });
        if (result instanceof UsageError) throw result;
        const ours = pub
          .filter((t) => t.startsWith('server-v'))
          .map((t) => stableTriple(t.slice('server-v'.length)))
          .filter((t): t is Triple => t !== undefined);
        expect(tagsOf(result).includes('latest')).toBe(ours.every((t) => compare(core, t) >= 0));
      }),
      RUNS,
    );
  });
});
