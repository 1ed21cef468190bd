/**
 * The whole planning path on recorded webhook payloads: parseEvent(env, payload) →
 * readSettings(inputs) → planRelease(settings, facts). One table of plans, one of usage errors.
 */
import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../../src/errors.js';
import { parseEvent } from '../../src/event.js';
import { type Plan, type VersionSource, planRelease } from '../../src/plan/plan.js';
import { PLATFORM_FORM } from '../../src/plan/platform.js';
import { TAG_GRAMMAR } from '../../src/plan/reference.js';
import { VERSION_FORMS } from '../../src/plan/version.js';
import { readSettings } from '../../src/settings.js';
import {
  CHECKOUT_SHA,
  type Env,
  type EventName,
  type Json,
  type Pick,
  REMOVE,
  type Tweaks,
  payloadFor,
  runnerEnv,
} from '../fixtures/payloads.js';

/** `after` of the recorded push examples (tag and branch). */
const PUSH_SHA = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';
/** `pull_request.head.sha` of the recorded pull_request examples. */
const PR_HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
/** What local git reports as the commit time unless a case says git knows none. */
const GIT_TIME = '2024-03-01T12:00:00+01:00';
const GIT_CREATED = '2024-03-01T11:00:00Z';
const NOW = new Date('2025-01-02T03:04:05.678Z');
const HELLO = 'ghcr.io/codertocat/hello-world';
const HELLO_URL = 'https://github.com/Codertocat/Hello-World';
const OCI = 'org.opencontainers.image';

interface Scenario {
  readonly event: EventName;
  readonly pick?: Pick;
  readonly payload?: Tweaks;
  readonly env?: Env;
  /** action.yml input name → value as the runner passes it ('' when unset). */
  readonly inputs?: Readonly<Record<string, string>>;
  /** Git tag names already published. */
  readonly published?: readonly string[];
  /** The commit time local git reports; null: git does not know it. Default GIT_TIME. */
  readonly gitCommitTime?: string | null;
}

interface Expected {
  readonly version: string;
  readonly prerelease: boolean;
  /** Tag names, in the order the plan gives them. */
  readonly tags: readonly string[];
  readonly versionSource?: VersionSource;
  /** Default: the payload's `ghcr.io/<owner>/<repo>`, lowercased. Refs are checked as images × tags. */
  readonly images?: readonly string[];
  readonly sha?: string;
  readonly created?: string;
  readonly createdFrom?: Plan['createdFrom'];
  /** The complete label set. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: readonly string[];
  /** The complete build args, in order. */
  readonly buildArgs?: readonly (readonly [string, string])[];
  readonly platforms?: readonly string[];
  /** Exactly this many warnings, each matching its pattern. Default: none. */
  readonly warnings?: readonly RegExp[];
  /** Each pattern matches some note. */
  readonly notes?: readonly RegExp[];
}

interface PlanCase extends Scenario {
  readonly name: string;
  readonly expected: Expected;
}

interface ErrorCase extends Scenario {
  readonly name: string;
  readonly where: string;
  /** Strings must appear in the message as they are; patterns must match it. */
  readonly message: readonly (string | RegExp)[];
}

function plan(s: Scenario): { plan: Plan; payload: Json } {
  const payload = payloadFor(s.event, s.pick, s.payload);
  const event = parseEvent(runnerEnv(s.event, payload, s.env), payload);
  const settings = readSettings((name) => s.inputs?.[name] ?? '');
  const git = s.gitCommitTime === undefined ? GIT_TIME : s.gitCommitTime;
  return {
    plan: planRelease(settings, {
      event,
      publishedTags: s.published ?? [],
      ...(git !== null && { gitCommitTime: git }),
      now: NOW,
    }),
    payload,
  };
}

function defaultImage(payload: Json): string {
  const repo = payload.repository as { name: string; owner: { login: string } };
  return `ghcr.io/${repo.owner.login}/${repo.name}`.toLowerCase();
}

/** Scenario parts for a push of the tag `name`, from the recorded tag push. */
const pushTag = (name: string, payload: Tweaks = {}) => ({
  event: 'push' as const,
  pick: { ref: 'refs/tags/simple-tag' },
  payload: { ref: `refs/tags/${name}`, ...payload },
});
/** Scenario parts for a push to `branch`, from the recorded branch push. */
const pushBranch = (branch = 'master', payload: Tweaks = {}) => ({
  event: 'push' as const,
  pick: { ref: 'refs/heads/master' },
  payload: { ref: `refs/heads/${branch}`, ...payload },
});
const release = (tagName: string, action = 'published', payload: Tweaks = {}) => ({
  event: 'release' as const,
  pick: { action },
  payload: { 'release.tag_name': tagName, ...payload },
});
const dispatch = (payload: Tweaks = {}) => ({ event: 'workflow_dispatch' as const, payload });

const ALL = (v: string) => {
  const [major, minor] = v.split('.');
  return [v, `${major}.${minor}`, `${major}`, 'latest'];
};
const NOT_A_VERSION = (tag: string, publishedAs: string) =>
  new RegExp(
    `^The tag '${escape(tag)}' is not a version, so it is published as '${escape(publishedAs)}', with no version tags\\. Versions are tags of the form ${escape(VERSION_FORMS)}\\.$`,
  );
function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const planCases: PlanCase[] = [
  // ── Version tags pushed ─────────────────────────────────────────────────────────────────────
  {
    name: 'push of tag X.Y.Z fans out with full labels, annotations and build args',
    ...pushTag('1.2.3'),
    expected: {
      version: '1.2.3',
      prerelease: false,
      tags: ['1.2.3', '1.2', '1', 'latest'],
      versionSource: 'tag',
      images: [HELLO],
      sha: PUSH_SHA,
      created: '2019-05-15T15:20:41Z',
      createdFrom: 'payload',
      labels: {
        [`${OCI}.created`]: '2019-05-15T15:20:41Z',
        [`${OCI}.revision`]: PUSH_SHA,
        [`${OCI}.source`]: HELLO_URL,
        [`${OCI}.title`]: 'Hello-World',
        [`${OCI}.url`]: HELLO_URL,
        [`${OCI}.version`]: '1.2.3',
      },
      annotations: ['manifest', 'index'].flatMap((level) => [
        `${level}:${OCI}.created=2019-05-15T15:20:41Z`,
        `${level}:${OCI}.revision=${PUSH_SHA}`,
        `${level}:${OCI}.source=${HELLO_URL}`,
        `${level}:${OCI}.title=Hello-World`,
        `${level}:${OCI}.url=${HELLO_URL}`,
        `${level}:${OCI}.version=1.2.3`,
      ]),
      buildArgs: [
        ['VERSION', '1.2.3'],
        ['GIT_COMMIT', PUSH_SHA],
        ['BUILD_TIME', '2019-05-15T15:20:41Z'],
        ['SOURCE_DATE_EPOCH', '1557933641'],
      ],
      platforms: ['linux/amd64', 'linux/arm64'],
      notes: [/no published versions found/],
    },
  },
  {
    name: 'push of tag vX.Y.Z',
    ...pushTag('v1.2.3'),
    expected: { version: '1.2.3', prerelease: false, tags: ALL('1.2.3'), versionSource: 'tag' },
  },
  {
    name: 'push of tag VX.Y.Z',
    ...pushTag('V1.2.3'),
    expected: { version: '1.2.3', prerelease: false, tags: ALL('1.2.3') },
  },
  {
    name: 'push of tag V.X.Y.Z',
    ...pushTag('V.1.3.0'),
    expected: { version: '1.3.0', prerelease: false, tags: ['1.3.0', '1.3', '1', 'latest'] },
  },
  {
    name: 'tag-prefix: server-v2.3.4 is a version',
    ...pushTag('server-v2.3.4'),
    inputs: { 'tag-prefix': 'server-v' },
    expected: { version: '2.3.4', prerelease: false, tags: ['2.3.4', '2.3', '2', 'latest'] },
  },
  {
    name: 'tag-prefix: v1.2.3 is no version of this component and is published as itself',
    ...pushTag('v1.2.3'),
    inputs: { 'tag-prefix': 'server-v' },
    expected: {
      version: 'v1.2.3',
      prerelease: false,
      tags: ['v1.2.3'],
      versionSource: 'none',
      warnings: [
        /^The tag 'v1\.2\.3' is not a version, so it is published as 'v1\.2\.3'.*Versions are tags of the form 'server-v' followed by X\.Y\.Z\.$/,
      ],
    },
  },
  {
    name: 'v1.2 is not strict semver: published as itself, the warning says which forms count',
    ...pushTag('v1.2'),
    expected: {
      version: 'v1.2',
      prerelease: false,
      tags: ['v1.2'],
      warnings: [NOT_A_VERSION('v1.2', 'v1.2')],
    },
  },
  {
    name: 'the recorded tag simple-tag is published as itself',
    event: 'push',
    pick: { ref: 'refs/tags/simple-tag' },
    expected: {
      version: 'simple-tag',
      prerelease: false,
      tags: ['simple-tag'],
      warnings: [NOT_A_VERSION('simple-tag', 'simple-tag')],
    },
  },
  {
    name: 'a tag with a slash is published sanitized',
    ...pushTag('feature/new-ui'),
    expected: {
      version: 'feature-new-ui',
      prerelease: false,
      tags: ['feature-new-ui'],
      warnings: [NOT_A_VERSION('feature/new-ui', 'feature-new-ui')],
    },
  },
  {
    name: 'a leading zero is not semver',
    ...pushTag('01.2.3'),
    expected: {
      version: '01.2.3',
      prerelease: false,
      tags: ['01.2.3'],
      warnings: [NOT_A_VERSION('01.2.3', '01.2.3')],
    },
  },
  {
    name: 'four numbers are not semver',
    ...pushTag('v1.2.3.4'),
    expected: {
      version: 'v1.2.3.4',
      prerelease: false,
      tags: ['v1.2.3.4'],
      warnings: [NOT_A_VERSION('v1.2.3.4', 'v1.2.3.4')],
    },
  },
  {
    name: 'an unknown prefix is not a version without tag-prefix',
    ...pushTag('version-1.2.3'),
    expected: {
      version: 'version-1.2.3',
      prerelease: false,
      tags: ['version-1.2.3'],
      warnings: [NOT_A_VERSION('version-1.2.3', 'version-1.2.3')],
    },
  },
  {
    name: 'a tag with no usable character is built like a branch',
    ...pushTag('+++'),
    expected: {
      version: 'dev-6113728',
      prerelease: false,
      tags: ['dev-6113728'],
      warnings: [/^The tag '\+\+\+' is not a version, so it has no character a tag can hold/],
    },
  },
  {
    name: 'build metadata is dropped from the tags',
    ...pushTag('v1.2.3+build.7'),
    expected: { version: '1.2.3', prerelease: false, tags: ALL('1.2.3') },
  },
  {
    name: 'a prerelease gets its exact tag only',
    ...pushTag('v2.0.0-rc.1'),
    expected: {
      version: '2.0.0-rc.1',
      prerelease: true,
      tags: ['2.0.0-rc.1'],
      notes: [/prerelease: exact tag only/],
    },
  },
  {
    name: 'a prerelease with build metadata',
    ...pushTag('V.2.0.0-beta.2+exp.sha.5114f85'),
    expected: { version: '2.0.0-beta.2', prerelease: true, tags: ['2.0.0-beta.2'] },
  },
  {
    name: 'major 0 fans out like any other',
    ...pushTag('v0.3.1'),
    expected: { version: '0.3.1', prerelease: false, tags: ['0.3.1', '0.3', '0', 'latest'] },
  },
  {
    name: '0.0.1 fans out',
    ...pushTag('0.0.1'),
    expected: { version: '0.0.1', prerelease: false, tags: ['0.0.1', '0.0', '0', 'latest'] },
  },

  // ── Releases ────────────────────────────────────────────────────────────────────────────────
  {
    name: 'the recorded release 0.0.1',
    event: 'release',
    pick: { action: 'published' },
    expected: {
      version: '0.0.1',
      prerelease: false,
      tags: ['0.0.1', '0.0', '0', 'latest'],
      versionSource: 'release',
      sha: CHECKOUT_SHA,
      created: GIT_CREATED,
      createdFrom: 'git',
    },
  },
  {
    name: 'release v1.4.0',
    ...release('v1.4.0', 'released'),
    expected: { version: '1.4.0', prerelease: false, tags: ALL('1.4.0'), versionSource: 'release' },
  },
  {
    name: 'a prereleased release with a semver prerelease tag',
    ...release('1.4.0-rc.2', 'prereleased'),
    expected: { version: '1.4.0-rc.2', prerelease: true, tags: ['1.4.0-rc.2'] },
  },
  {
    name: 'a release marked as a pre-release on GitHub moves no floating tag, even with a stable tag',
    ...release('v2.0.0', 'prereleased'),
    expected: {
      version: '2.0.0',
      prerelease: true,
      tags: ['2.0.0'],
      notes: [/marked as a pre-release: exact tag only/],
    },
  },
  {
    name: 'a version input that is no full version is published as itself, with a warning',
    ...pushBranch(),
    inputs: { version: 'v1.2' },
    expected: {
      version: 'v1.2',
      prerelease: false,
      tags: ['v1.2'],
      versionSource: 'input',
      warnings: [/^version: 'v1\.2' is not a full version .* published as the tag 'v1\.2' alone/],
    },
  },
  {
    name: 'a release whose tag is no version is published as its tag',
    ...release('nightly'),
    expected: {
      version: 'nightly',
      prerelease: false,
      tags: ['nightly'],
      versionSource: 'none',
      warnings: [NOT_A_VERSION('nightly', 'nightly')],
    },
  },
  {
    name: 'a release with tag-prefix',
    ...release('server-v3.0.0'),
    inputs: { 'tag-prefix': 'server-v' },
    expected: { version: '3.0.0', prerelease: false, tags: ALL('3.0.0') },
  },
  {
    name: 'a release V.2.0.0 after its own release candidate',
    ...release('V.2.0.0'),
    published: ['v1.9.0', 'V.2.0.0-rc.1'],
    expected: { version: '2.0.0', prerelease: false, tags: ALL('2.0.0') },
  },

  // ── Floating tags move only forwards ─────────────────────────────────────────────────────────
  {
    name: 'an older patch keeps only its exact and minor tags',
    ...pushTag('v1.1.9'),
    published: ['v1.0.0', 'v1.1.8', 'v1.2.4'],
    expected: {
      version: '1.1.9',
      prerelease: false,
      tags: ['1.1.9', '1.1'],
      notes: [
        /^1\.1: 1\.1\.9 >= highest published 1\.1\.8$/,
        /^1: not moved, 1\.2\.4 is newer than 1\.1\.9$/,
        /^latest: not moved, 1\.2\.4 is newer than 1\.1\.9$/,
      ],
    },
  },
  {
    name: '1.2.5 after 1.2.4 moves everything',
    ...pushTag('v1.2.5'),
    published: ['v1.2.3', 'v1.2.4'],
    expected: { version: '1.2.5', prerelease: false, tags: ALL('1.2.5') },
  },
  {
    name: 're-releasing the highest version is idempotent',
    ...pushTag('v1.2.4'),
    published: ['v1.2.3', 'v1.2.4'],
    expected: { version: '1.2.4', prerelease: false, tags: ALL('1.2.4') },
  },
  {
    name: 'published prereleases do not block stable floating tags',
    ...pushTag('v1.2.5'),
    published: ['v1.2.4', 'v1.3.0-rc.1', 'v2.0.0-beta.1'],
    expected: { version: '1.2.5', prerelease: false, tags: ALL('1.2.5') },
  },
  {
    name: 'a newer major keeps latest',
    ...pushTag('v1.5.0'),
    published: ['v1.4.0', 'v2.0.0'],
    expected: { version: '1.5.0', prerelease: false, tags: ['1.5.0', '1.5', '1'] },
  },
  {
    name: 'a newer minor keeps the major and latest',
    ...pushTag('v1.2.9'),
    published: ['v1.2.8', 'v1.3.0'],
    expected: { version: '1.2.9', prerelease: false, tags: ['1.2.9', '1.2'] },
  },
  {
    name: 'a 0.x patch after 1.0.0',
    ...pushTag('v0.9.1'),
    published: ['v0.9.0', 'v1.0.0'],
    expected: { version: '0.9.1', prerelease: false, tags: ['0.9.1', '0.9', '0'] },
  },
  {
    name: 'a newer patch in the same minor line stops everything',
    ...pushTag('v1.2.5'),
    published: ['1.2.4', 'V.1.2.6'],
    expected: { version: '1.2.5', prerelease: false, tags: ['1.2.5'] },
  },
  {
    name: 'with no published versions this version is the newest',
    ...pushTag('v7.0.0'),
    published: ['simple-tag', 'nightly'],
    expected: {
      version: '7.0.0',
      prerelease: false,
      tags: ALL('7.0.0'),
      notes: [
        /no published versions found/,
        /^latest: no published version, 7\.0\.0 is the newest$/,
      ],
    },
  },
  {
    name: 'tag-prefix: other namespaces and unprefixed versions are ignored',
    ...pushTag('server-v2.3.4'),
    inputs: { 'tag-prefix': 'server-v' },
    published: ['client-v9.0.0', 'v9.0.0', '9.0.0', 'server-v2.3.3'],
    expected: { version: '2.3.4', prerelease: false, tags: ALL('2.3.4') },
  },
  {
    name: 'tag-prefix: a newer version of this component holds the floating tags',
    ...pushTag('server-v2.3.5'),
    inputs: { 'tag-prefix': 'server-v' },
    published: ['server-v2.3.4', 'server-v2.4.0', 'client-v1.0.0'],
    expected: { version: '2.3.5', prerelease: false, tags: ['2.3.5', '2.3'] },
  },
  {
    name: 'without tag-prefix a component tag like server-v9.0.0 is not a version',
    ...pushTag('v1.1.0'),
    published: ['server-v9.0.0', 'simple-tag', 'v1.0.0'],
    expected: { version: '1.1.0', prerelease: false, tags: ALL('1.1.0') },
  },
  {
    name: 'build metadata of a published tag does not make it newer',
    ...pushTag('v1.2.5'),
    published: ['v1.2.5+build.1'],
    expected: { version: '1.2.5', prerelease: false, tags: ALL('1.2.5') },
  },
  {
    name: 'a prerelease above everything published still gets its exact tag only',
    ...pushTag('v1.3.0-rc.1'),
    published: ['v1.2.0'],
    expected: { version: '1.3.0-rc.1', prerelease: true, tags: ['1.3.0-rc.1'] },
  },

  // ── latest ──────────────────────────────────────────────────────────────────────────────────
  {
    name: 'latest: false suppresses latest on the newest version',
    ...pushTag('v1.2.3'),
    inputs: { latest: 'false' },
    expected: { version: '1.2.3', prerelease: false, tags: ['1.2.3', '1.2', '1'] },
  },
  {
    name: 'latest: auto given explicitly',
    ...pushTag('v1.0.0'),
    inputs: { latest: 'auto' },
    expected: { version: '1.0.0', prerelease: false, tags: ALL('1.0.0') },
  },
  {
    name: 'latest: true forces latest on an older version',
    ...pushTag('v1.1.9'),
    inputs: { latest: 'true' },
    published: ['v1.2.4'],
    expected: { version: '1.1.9', prerelease: false, tags: ['1.1.9', '1.1', 'latest'] },
  },
  {
    name: 'latest: true never reaches a prerelease, and says so',
    ...pushTag('v2.0.0-rc.1'),
    inputs: { latest: 'true' },
    expected: {
      version: '2.0.0-rc.1',
      prerelease: true,
      tags: ['2.0.0-rc.1'],
      warnings: [/^latest: true is ignored for the prerelease 2\.0\.0-rc\.1; prereleases never/],
    },
  },
  {
    name: 'latest: false on a prerelease',
    ...pushTag('v2.0.0-rc.1'),
    inputs: { latest: 'false' },
    expected: { version: '2.0.0-rc.1', prerelease: true, tags: ['2.0.0-rc.1'] },
  },
  {
    name: 'latest: TRUE on a branch build',
    ...pushBranch(),
    inputs: { latest: 'TRUE' },
    expected: { version: 'dev-6113728', prerelease: false, tags: ['dev-6113728', 'latest'] },
  },

  // ── workflow_dispatch and the version input ─────────────────────────────────────────────────
  {
    name: 'dispatch with the version input fans out',
    ...dispatch(),
    inputs: { version: '1.2.3' },
    expected: { version: '1.2.3', prerelease: false, tags: ALL('1.2.3'), versionSource: 'input' },
  },
  {
    name: "dispatch with the dispatch's own version input",
    ...dispatch({ 'inputs.version': 'v2.1.0' }),
    expected: {
      version: '2.1.0',
      prerelease: false,
      tags: ALL('2.1.0'),
      versionSource: 'dispatch',
      images: ['ghcr.io/octo-org/octo-repo'],
    },
  },
  {
    name: "the action's version input wins over the dispatch's",
    ...dispatch({ 'inputs.version': '2.0.0' }),
    inputs: { version: '3.0.0' },
    expected: { version: '3.0.0', prerelease: false, tags: ALL('3.0.0'), versionSource: 'input' },
  },
  {
    name: 'dispatch of a custom tag publishes it as itself, without latest',
    ...dispatch({ 'inputs.version': 'hotfix-123' }),
    expected: {
      version: 'hotfix-123',
      prerelease: false,
      tags: ['hotfix-123'],
      versionSource: 'dispatch',
      labels: {
        [`${OCI}.created`]: GIT_CREATED,
        [`${OCI}.revision`]: CHECKOUT_SHA,
        [`${OCI}.source`]: 'https://github.com/octo-org/octo-repo',
        [`${OCI}.title`]: 'octo-repo',
        [`${OCI}.url`]: 'https://github.com/octo-org/octo-repo',
        [`${OCI}.version`]: 'hotfix-123',
      },
    },
  },
  {
    name: 'dispatch of a custom tag with latest: true',
    ...dispatch({ 'inputs.version': 'hotfix-123' }),
    inputs: { latest: 'true' },
    expected: { version: 'hotfix-123', prerelease: false, tags: ['hotfix-123', 'latest'] },
  },
  {
    name: 'dispatch without a version is built like a branch',
    ...dispatch(),
    expected: {
      version: 'dev-a1b2c3d',
      prerelease: false,
      tags: ['dev-a1b2c3d'],
      versionSource: 'none',
    },
  },
  {
    name: 'dispatch with an empty version input is built like a branch',
    ...dispatch({ 'inputs.version': '  ' }),
    expected: { version: 'dev-a1b2c3d', prerelease: false, tags: ['dev-a1b2c3d'] },
  },
  {
    name: "dispatch on a tag ref without a version takes the ref's version",
    ...dispatch({ ref: 'refs/tags/v1.5.0' }),
    expected: { version: '1.5.0', prerelease: false, tags: ALL('1.5.0'), versionSource: 'tag' },
  },
  {
    name: 'the dispatch version is trimmed',
    ...dispatch({ 'inputs.version': '  1.2.3 ' }),
    expected: { version: '1.2.3', prerelease: false, tags: ALL('1.2.3') },
  },
  {
    name: 'dispatch of a prerelease with latest: true',
    ...dispatch({ 'inputs.version': '2.0.0-rc.1' }),
    inputs: { latest: 'true' },
    expected: {
      version: '2.0.0-rc.1',
      prerelease: true,
      tags: ['2.0.0-rc.1'],
      warnings: [/latest: true is ignored for the prerelease 2\.0\.0-rc\.1/],
    },
  },
  {
    name: 'version input with tag-prefix, judged against that namespace only',
    ...dispatch(),
    inputs: { version: 'server-v2.0.0', 'tag-prefix': 'server-v' },
    published: ['server-v2.1.0', 'v3.0.0'],
    expected: { version: '2.0.0', prerelease: false, tags: ['2.0.0', '2.0'] },
  },
  {
    name: 'the version input overrides a branch push',
    ...pushBranch(),
    inputs: { version: '4.0.0' },
    expected: { version: '4.0.0', prerelease: false, tags: ALL('4.0.0'), versionSource: 'input' },
  },
  {
    name: 'the version input overrides a pushed tag',
    ...pushTag('v1.0.0'),
    inputs: { version: 'v1.0.1' },
    published: ['v1.0.0'],
    expected: { version: '1.0.1', prerelease: false, tags: ALL('1.0.1'), versionSource: 'input' },
  },
  {
    name: 'dispatch with a stage and no version',
    ...dispatch(),
    inputs: { stage: 'nightly' },
    expected: { version: 'nightly-a1b2c3d', prerelease: false, tags: ['nightly-a1b2c3d'] },
  },

  // ── Branches, schedules, stages ─────────────────────────────────────────────────────────────
  {
    name: 'the recorded branch push',
    event: 'push',
    pick: { ref: 'refs/heads/master' },
    expected: {
      version: 'dev-6113728',
      prerelease: false,
      tags: ['dev-6113728'],
      versionSource: 'none',
      sha: PUSH_SHA,
      created: '2019-05-15T15:19:25Z',
      createdFrom: 'payload',
      buildArgs: [
        ['VERSION', 'dev-6113728'],
        ['GIT_COMMIT', PUSH_SHA],
        ['BUILD_TIME', '2019-05-15T15:19:25Z'],
        ['SOURCE_DATE_EPOCH', '1557933565'],
      ],
    },
  },
  {
    name: 'the branch name is not part of the tag',
    ...pushBranch('feature/new-ui'),
    expected: { version: 'dev-6113728', prerelease: false, tags: ['dev-6113728'] },
  },
  {
    name: 'GITHUB_SHA names the commit of a branch build',
    ...pushBranch(),
    env: { GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567' },
    expected: {
      version: 'dev-0123456',
      prerelease: false,
      tags: ['dev-0123456'],
      sha: '0123456789abcdef0123456789abcdef01234567',
    },
  },
  {
    name: "without GITHUB_SHA a push uses the payload's after",
    ...pushBranch(),
    env: { GITHUB_SHA: undefined },
    expected: { version: 'dev-6113728', prerelease: false, tags: ['dev-6113728'], sha: PUSH_SHA },
  },
  {
    name: 'stage replaces dev on a branch',
    ...pushBranch(),
    inputs: { stage: 'rmoa-client' },
    expected: { version: 'rmoa-client-6113728', prerelease: false, tags: ['rmoa-client-6113728'] },
  },
  {
    name: 'schedule',
    event: 'schedule',
    expected: {
      version: 'dev-a1b2c3d',
      prerelease: false,
      tags: ['dev-a1b2c3d'],
      images: ['ghcr.io/octo-org/octo-repo'],
    },
  },
  {
    name: 'schedule with a stage',
    event: 'schedule',
    inputs: { stage: 'nightly' },
    expected: { version: 'nightly-a1b2c3d', prerelease: false, tags: ['nightly-a1b2c3d'] },
  },
  {
    name: 'stage adds <stage>-<sha7> to a version, before the floating tags',
    ...pushTag('v1.2.3'),
    inputs: { stage: 'rmoa-client' },
    expected: {
      version: '1.2.3',
      prerelease: false,
      tags: ['1.2.3', 'rmoa-client-6113728', '1.2', '1', 'latest'],
    },
  },
  {
    name: 'stage adds <stage>-<sha7> to a prerelease',
    ...pushTag('v2.0.0-rc.1'),
    inputs: { stage: 'rmoa-client' },
    expected: {
      version: '2.0.0-rc.1',
      prerelease: true,
      tags: ['2.0.0-rc.1', 'rmoa-client-6113728'],
    },
  },

  // ── Pull requests ───────────────────────────────────────────────────────────────────────────
  {
    name: 'the recorded pull request: pr-<number>, named after its head, not the merge commit',
    event: 'pull_request',
    pick: { action: 'opened' },
    expected: {
      version: 'pr-2',
      prerelease: false,
      tags: ['pr-2'],
      versionSource: 'none',
      sha: PR_HEAD,
      created: GIT_CREATED,
      createdFrom: 'git',
      labels: {
        [`${OCI}.created`]: GIT_CREATED,
        [`${OCI}.revision`]: PR_HEAD,
        [`${OCI}.source`]: HELLO_URL,
        [`${OCI}.title`]: 'Hello-World',
        [`${OCI}.url`]: HELLO_URL,
        [`${OCI}.version`]: 'pr-2',
      },
      buildArgs: [
        ['VERSION', 'pr-2'],
        ['GIT_COMMIT', PR_HEAD],
        ['BUILD_TIME', GIT_CREATED],
        ['SOURCE_DATE_EPOCH', '1709290800'],
      ],
    },
  },
  {
    name: 'a synchronized pull request',
    event: 'pull_request',
    pick: { action: 'synchronize' },
    payload: {
      number: 42,
      'pull_request.number': 42,
      'pull_request.head.sha': '0123456789abcdef0123456789abcdef01234567',
    },
    expected: {
      version: 'pr-42',
      prerelease: false,
      tags: ['pr-42'],
      sha: '0123456789abcdef0123456789abcdef01234567',
    },
  },
  {
    name: 'pull_request_target',
    event: 'pull_request_target',
    expected: { version: 'pr-2', prerelease: false, tags: ['pr-2'], sha: PR_HEAD },
  },
  {
    name: 'a pull request without GITHUB_REF',
    event: 'pull_request',
    env: { GITHUB_REF: undefined },
    expected: { version: 'pr-2', prerelease: false, tags: ['pr-2'] },
  },
  {
    name: 'a pull request with a stage',
    event: 'pull_request',
    inputs: { stage: 'rmoa-client' },
    expected: { version: 'pr-2', prerelease: false, tags: ['pr-2', 'rmoa-client-ec26c3e'] },
  },

  // ── extra-tags, images, platforms ───────────────────────────────────────────────────────────
  {
    name: 'extra-tags are exact tags, in the order given',
    ...pushTag('v1.2.3'),
    inputs: { 'extra-tags': 'edge, stable\nsha-6113728' },
    expected: {
      version: '1.2.3',
      prerelease: false,
      tags: ['1.2.3', 'edge', 'stable', 'sha-6113728', '1.2', '1', 'latest'],
    },
  },
  {
    name: 'an extra tag equal to a planned tag appears once',
    ...pushTag('v1.2.3'),
    inputs: { 'extra-tags': '1.2\n1.2.3' },
    expected: { version: '1.2.3', prerelease: false, tags: ALL('1.2.3') },
  },
  {
    name: 'extra-tags on a branch, with a comment line',
    ...pushBranch(),
    inputs: { 'extra-tags': '# for the preview environment\nedge\n' },
    expected: { version: 'dev-6113728', prerelease: false, tags: ['dev-6113728', 'edge'] },
  },
  {
    name: 'several images: every image gets every tag',
    ...pushTag('v1.2.3'),
    inputs: {
      images: 'ghcr.io/acme/app\ndocker.io/acme/app, registry.example.com:5000/team/app',
    },
    expected: {
      version: '1.2.3',
      prerelease: false,
      tags: ALL('1.2.3'),
      images: ['ghcr.io/acme/app', 'docker.io/acme/app', 'registry.example.com:5000/team/app'],
    },
  },
  {
    name: 'a repeated image is planned once',
    ...pushTag('v1.2.3'),
    inputs: { images: 'ghcr.io/acme/app,ghcr.io/acme/app\nghcr.io/acme/app' },
    expected: {
      version: '1.2.3',
      prerelease: false,
      tags: ALL('1.2.3'),
      images: ['ghcr.io/acme/app'],
    },
  },
  {
    name: 'the default image is the repository, lowercased',
    ...pushBranch('master', {
      'repository.name': 'Hello.World_Service',
      'repository.owner.login': 'Code-R',
    }),
    expected: {
      version: 'dev-6113728',
      prerelease: false,
      tags: ['dev-6113728'],
      images: ['ghcr.io/code-r/hello.world_service'],
    },
  },
  {
    name: 'without repository in the payload, GITHUB_REPOSITORY and GITHUB_SERVER_URL are used',
    ...dispatch({ repository: REMOVE }),
    env: { GITHUB_REPOSITORY: 'Acme/Widget', GITHUB_SERVER_URL: 'https://ghe.example.com/' },
    expected: {
      version: 'dev-a1b2c3d',
      prerelease: false,
      tags: ['dev-a1b2c3d'],
      images: ['ghcr.io/acme/widget'],
      labels: {
        [`${OCI}.created`]: GIT_CREATED,
        [`${OCI}.revision`]: CHECKOUT_SHA,
        [`${OCI}.source`]: 'https://ghe.example.com/Acme/Widget',
        [`${OCI}.title`]: 'Widget',
        [`${OCI}.url`]: 'https://ghe.example.com/Acme/Widget',
        [`${OCI}.version`]: 'dev-a1b2c3d',
      },
    },
  },
  {
    name: 'platforms are passed through, deduplicated',
    ...pushBranch(),
    inputs: { platforms: 'linux/amd64\nlinux/arm/v7, linux/arm64,linux/amd64' },
    expected: {
      version: 'dev-6113728',
      prerelease: false,
      tags: ['dev-6113728'],
      platforms: ['linux/amd64', 'linux/arm/v7', 'linux/arm64'],
    },
  },

  // ── Commit time, labels, annotations, build args ────────────────────────────────────────────
  {
    name: 'a payload time with an offset is converted to UTC',
    ...pushTag('v1.2.3', { 'head_commit.timestamp': '2019-05-15T15:20:30-05:00' }),
    expected: {
      version: '1.2.3',
      prerelease: false,
      tags: ALL('1.2.3'),
      created: '2019-05-15T20:20:30Z',
      createdFrom: 'payload',
      buildArgs: [
        ['VERSION', '1.2.3'],
        ['GIT_COMMIT', PUSH_SHA],
        ['BUILD_TIME', '2019-05-15T20:20:30Z'],
        ['SOURCE_DATE_EPOCH', '1557951630'],
      ],
    },
  },
  {
    name: 'fractions of a second are cut',
    ...pushTag('v1.2.3', { 'head_commit.timestamp': '2019-05-15T15:20:30.987+02:00' }),
    expected: {
      version: '1.2.3',
      prerelease: false,
      tags: ALL('1.2.3'),
      created: '2019-05-15T13:20:30Z',
    },
  },
  {
    name: 'description and licence come from the repository',
    ...pushTag('v1.2.3', {
      'repository.description': 'Says hello',
      'repository.license': { key: 'mit', name: 'MIT License', spdx_id: 'MIT' },
    }),
    expected: {
      version: '1.2.3',
      prerelease: false,
      tags: ALL('1.2.3'),
      labels: {
        [`${OCI}.created`]: '2019-05-15T15:20:41Z',
        [`${OCI}.description`]: 'Says hello',
        [`${OCI}.licenses`]: 'MIT',
        [`${OCI}.revision`]: PUSH_SHA,
        [`${OCI}.source`]: HELLO_URL,
        [`${OCI}.title`]: 'Hello-World',
        [`${OCI}.url`]: HELLO_URL,
        [`${OCI}.version`]: '1.2.3',
      },
    },
  },
  {
    name: 'a licence GitHub did not recognise (NOASSERTION) is left out',
    ...dispatch({
      'repository.license': { key: 'other', name: 'Other', spdx_id: 'NOASSERTION' },
    }),
    pick: { ref: 'refs/heads/master' },
    expected: {
      version: 'dev-a1b2c3d',
      prerelease: false,
      tags: ['dev-a1b2c3d'],
      labels: {
        [`${OCI}.created`]: GIT_CREATED,
        [`${OCI}.description`]: 'My first repo on GitHub!',
        [`${OCI}.revision`]: CHECKOUT_SHA,
        [`${OCI}.source`]: 'https://github.com/octo-org/octo-repo',
        [`${OCI}.title`]: 'octo-repo',
        [`${OCI}.url`]: 'https://github.com/octo-org/octo-repo',
        [`${OCI}.version`]: 'dev-a1b2c3d',
      },
    },
  },
  {
    name: 'without a payload time the git commit time is used, in UTC',
    ...release('v1.0.0'),
    gitCommitTime: '2024-02-29T23:59:59.5-01:00',
    expected: {
      version: '1.0.0',
      prerelease: false,
      tags: ALL('1.0.0'),
      created: '2024-03-01T00:59:59Z',
      createdFrom: 'git',
    },
  },
  {
    name: 'a push without head_commit uses git',
    ...pushTag('v1.2.3', { head_commit: REMOVE }),
    expected: {
      version: '1.2.3',
      prerelease: false,
      tags: ALL('1.2.3'),
      created: GIT_CREATED,
      createdFrom: 'git',
    },
  },
  {
    name: 'an unreadable payload time falls back to git',
    ...pushTag('v1.2.3', { 'head_commit.timestamp': 'yesterday' }),
    expected: {
      version: '1.2.3',
      prerelease: false,
      tags: ALL('1.2.3'),
      created: GIT_CREATED,
      createdFrom: 'git',
    },
  },
  {
    name: 'with no commit time anywhere the clock is used, with a warning',
    ...release('v1.0.0'),
    gitCommitTime: null,
    expected: {
      version: '1.0.0',
      prerelease: false,
      tags: ALL('1.0.0'),
      created: '2025-01-02T03:04:05Z',
      createdFrom: 'clock',
      warnings: [/commit time is neither in the event payload nor in local git/],
      buildArgs: [
        ['VERSION', '1.0.0'],
        ['GIT_COMMIT', CHECKOUT_SHA],
        ['BUILD_TIME', '2025-01-02T03:04:05Z'],
        ['SOURCE_DATE_EPOCH', '1735787045'],
      ],
    },
  },
  {
    name: 'user labels override and add, sorted by key; values keep commas and =',
    ...pushTag('v1.2.3'),
    inputs: {
      labels: [
        `${OCI}.title=Hello World`,
        `${OCI}.vendor=Acme, Inc.`,
        '# a comment',
        '',
        'com.example.query=a=1&b=2',
      ].join('\n'),
    },
    expected: {
      version: '1.2.3',
      prerelease: false,
      tags: ALL('1.2.3'),
      labels: {
        'com.example.query': 'a=1&b=2',
        [`${OCI}.created`]: '2019-05-15T15:20:41Z',
        [`${OCI}.revision`]: PUSH_SHA,
        [`${OCI}.source`]: HELLO_URL,
        [`${OCI}.title`]: 'Hello World',
        [`${OCI}.url`]: HELLO_URL,
        [`${OCI}.vendor`]: 'Acme, Inc.',
        [`${OCI}.version`]: '1.2.3',
      },
    },
  },
  {
    name: 'user annotations, with and without levels',
    ...pushTag('v1.2.3'),
    inputs: {
      annotations: [
        `index:${OCI}.description=Says hello, politely`,
        'manifest,index:com.example.team=platform',
        'com.example.x=a=b',
        'manifest-descriptor:com.example.d=1',
      ].join('\n'),
    },
    expected: {
      version: '1.2.3',
      prerelease: false,
      tags: ALL('1.2.3'),
      annotations: [
        'manifest:com.example.team=platform',
        'manifest:com.example.x=a=b',
        `manifest:${OCI}.created=2019-05-15T15:20:41Z`,
        `manifest:${OCI}.revision=${PUSH_SHA}`,
        `manifest:${OCI}.source=${HELLO_URL}`,
        `manifest:${OCI}.title=Hello-World`,
        `manifest:${OCI}.url=${HELLO_URL}`,
        `manifest:${OCI}.version=1.2.3`,
        'index:com.example.team=platform',
        'index:com.example.x=a=b',
        `index:${OCI}.created=2019-05-15T15:20:41Z`,
        `index:${OCI}.description=Says hello, politely`,
        `index:${OCI}.revision=${PUSH_SHA}`,
        `index:${OCI}.source=${HELLO_URL}`,
        `index:${OCI}.title=Hello-World`,
        `index:${OCI}.url=${HELLO_URL}`,
        `index:${OCI}.version=1.2.3`,
        'manifest-descriptor:com.example.d=1',
      ],
    },
  },
  {
    name: 'user build args override the standard ones and are appended in order',
    ...pushTag('v1.2.3'),
    inputs: {
      'build-args': 'NODE_OPTIONS=--max-old-space-size=4096,--enable-source-maps\nVERSION=custom',
    },
    expected: {
      version: '1.2.3',
      prerelease: false,
      tags: ALL('1.2.3'),
      buildArgs: [
        ['VERSION', 'custom'],
        ['GIT_COMMIT', PUSH_SHA],
        ['BUILD_TIME', '2019-05-15T15:20:41Z'],
        ['SOURCE_DATE_EPOCH', '1557933641'],
        ['NODE_OPTIONS', '--max-old-space-size=4096,--enable-source-maps'],
      ],
    },
  },
];

const errorCases: ErrorCase[] = [
  // ── images ──────────────────────────────────────────────────────────────────────────────────
  ...(
    [
      ['ghcr.io/acme/my app', /white space/],
      ['ghcr.io/Acme/App', /uppercase letters; use 'acme\/app'/],
      ['ghcr.io/acme/app:1.0', /contains a tag/],
      ['ghcr.io/acme/app\nghcr.io/acme/app@sha256:abc', /digest/],
    ] as const
  ).map(([images, why]): ErrorCase => ({
    name: `images: ${JSON.stringify(images)}`,
    ...pushBranch(),
    inputs: { images },
    where: 'images',
    message: [why, 'is not a valid image name', 'Expected [registry/]path, e.g. ghcr.io/acme/app'],
  })),
  ...[' , ', ',\n,', '\n,\n'].map((images): ErrorCase => ({
    name: `images: only separators ${JSON.stringify(images)}`,
    ...pushBranch(),
    inputs: { images },
    where: 'images',
    message: ['the list is empty', 'e.g. ghcr.io/acme/app'],
  })),

  // ── version ─────────────────────────────────────────────────────────────────────────────────
  ...['release 1.0', 'feature/x', '-rc1', 'v1.0:beta', '.1.2.3'].map((version): ErrorCase => ({
    name: `version input ${JSON.stringify(version)}`,
    ...dispatch(),
    inputs: { version },
    where: 'version',
    message: [`'${version}' is neither a version`, VERSION_FORMS, TAG_GRAMMAR],
  })),
  ...['v1.0 final', '1.0.0/2'].map((version): ErrorCase => ({
    name: `dispatch version ${JSON.stringify(version)}`,
    ...dispatch({ 'inputs.version': version }),
    where: "workflow_dispatch input 'version'",
    message: [`'${version}' is neither a version`, VERSION_FORMS, TAG_GRAMMAR],
  })),

  {
    name: 'a version input longer than a tag can hold',
    ...dispatch(),
    inputs: { version: `1.2.3-${'a'.repeat(130)}` },
    where: 'version',
    message: ['of 136 characters; a tag holds at most 128', TAG_GRAMMAR],
  },
  {
    name: 'a dispatch version longer than a tag can hold',
    ...dispatch({ 'inputs.version': `v1.2.3-${'a'.repeat(130)}` }),
    where: "workflow_dispatch input 'version'",
    message: ['of 136 characters; a tag holds at most 128'],
  },
  {
    name: 'a pushed version tag longer than a tag can hold',
    ...pushTag(`v1.2.3-rc.${'1'.repeat(130)}x`),
    where: 'event payload',
    message: [/the version 'v1\.2\.3-rc\.1+x' gives the tag '1\.2\.3-rc\.1+x' of 140 characters/],
  },
  {
    name: 'a release tag longer than a tag can hold, build metadata aside',
    ...release(`1.0.0-${'b'.repeat(123)}+build`),
    where: 'event payload',
    message: ['of 129 characters; a tag holds at most 128'],
  },

  // ── latest, dry-run ─────────────────────────────────────────────────────────────────────────
  ...['yes', 'always', 'on'].map((latest): ErrorCase => ({
    name: `latest: ${latest}`,
    ...pushBranch(),
    inputs: { latest },
    where: 'latest',
    message: [`'${latest}'`, 'auto, true, false'],
  })),
  ...['yes', '1', 'no'].map((dryRun): ErrorCase => ({
    name: `dry-run: ${dryRun}`,
    ...pushBranch(),
    inputs: { 'dry-run': dryRun },
    where: 'dry-run',
    message: [`'${dryRun}' is not a boolean`, 'true or false'],
  })),

  // ── platforms ───────────────────────────────────────────────────────────────────────────────
  ...['linux-amd64', 'linux/', 'amd64', 'linux/amd64/v8/x', 'linux/amd64\n/amd64', '/'].map(
    (platforms): ErrorCase => ({
      name: `platforms: ${JSON.stringify(platforms)}`,
      ...pushBranch(),
      inputs: { platforms },
      where: 'platforms',
      message: ['is not of the form', PLATFORM_FORM],
    }),
  ),
  {
    name: 'platforms: unknown architecture',
    ...pushBranch(),
    inputs: { platforms: 'linux/amd64, linux/x86_64' },
    where: 'platforms',
    message: [/unknown architecture 'x86_64' \(known: .*amd64, arm, arm64/],
  },
  {
    name: 'platforms: unknown operating system',
    ...pushBranch(),
    inputs: { platforms: 'Linux/amd64' },
    where: 'platforms',
    message: [/unknown operating system 'Linux' \(known: linux, windows/],
  },
  {
    name: 'platforms: a variant that is not v<number>',
    ...pushBranch(),
    inputs: { platforms: 'linux/arm/7' },
    where: 'platforms',
    message: ["the variant '7' is not of the form v<number>"],
  },

  // ── tag-prefix, stage, extra-tags ───────────────────────────────────────────────────────────
  ...['server v', 'server..v', '-v', '.v', 'v//x'].map((prefix): ErrorCase => ({
    name: `tag-prefix ${JSON.stringify(prefix)}`,
    ...pushTag('v1.2.3'),
    inputs: { 'tag-prefix': prefix },
    where: 'tag-prefix',
    message: [`'${prefix}' cannot start a git tag`, "e.g. 'server-v' for tags like server-v1.2.3"],
  })),
  ...['rmoa client', '..', '-nightly', '.hidden', 'a/b', 'x'.repeat(121)].map(
    (stage): ErrorCase => ({
      name: `stage ${JSON.stringify(stage.length > 20 ? `${stage.slice(0, 10)}…` : stage)}`,
      ...pushBranch(),
      inputs: { stage },
      where: 'stage',
      message: [`'${stage}' cannot form a tag '<stage>-<sha7>'`, "e.g. 'rmoa-client'"],
    }),
  ),
  {
    name: 'extra-tags latest',
    ...pushTag('v2.0.0-rc.1'),
    inputs: { 'extra-tags': 'edge, latest' },
    where: 'extra-tags',
    message: ["'latest' is decided by the `latest` input (auto, true or false)", 'latest: true'],
  },
  ...['bad tag', '.hidden', '-x', 'x'.repeat(129)].map((tag): ErrorCase => ({
    name: `extra-tags ${JSON.stringify(tag.length > 20 ? `${tag.slice(0, 10)}…` : tag)}`,
    ...pushBranch(),
    inputs: { 'extra-tags': `edge\n${tag}` },
    where: 'extra-tags',
    message: [`'${tag}' is not a valid tag`, TAG_GRAMMAR],
  })),

  // ── labels, build-args, annotations ─────────────────────────────────────────────────────────
  ...(
    [
      ['labels', `${OCI}.vendor`, `e.g. '${OCI}.vendor=Acme'`],
      ['labels', '=Acme', `e.g. '${OCI}.vendor=Acme'`],
      ['labels', 'my key=1', `e.g. '${OCI}.vendor=Acme'`],
      ['build-args', 'NODE_VERSION', "e.g. 'NODE_VERSION=24'"],
      ['annotations', 'com.example.team', `e.g. '${OCI}.description=My app'`],
      ['annotations', 'index:com.example.team', `e.g. '${OCI}.description=My app'`],
    ] as const
  ).map(([input, line, example]): ErrorCase => ({
    name: `${input}: ${JSON.stringify(line)}`,
    ...pushBranch(),
    inputs: { [input]: `A=1\n${line}` },
    where: input,
    message: ['is not of the form KEY=value', example],
  })),

  // ── The event ───────────────────────────────────────────────────────────────────────────────
  {
    name: 'pull_request without a number',
    event: 'pull_request',
    payload: { number: REMOVE, 'pull_request.number': REMOVE },
    env: { GITHUB_REF: 'refs/pull/2/merge' },
    where: 'event payload',
    message: ['`pull_request.number` (a positive integer)', 'pull_request payload'],
  },
  {
    name: 'pull_request without head.sha',
    event: 'pull_request',
    payload: { 'pull_request.head.sha': REMOVE },
    where: 'event payload',
    message: ['`pull_request.head.sha`', 'pull_request payload'],
  },
  ...([0, -3, 2.5, 1e21, '2'] as const).map((number): ErrorCase => ({
    name: `pull_request number ${JSON.stringify(number)}`,
    event: 'pull_request',
    payload: { number, 'pull_request.number': number },
    env: { GITHUB_REF: 'refs/pull/2/merge' },
    where: 'event payload',
    message: ['`pull_request.number` (a positive integer)'],
  })),
  {
    name: 'release without tag_name',
    event: 'release',
    payload: { 'release.tag_name': REMOVE },
    where: 'event payload',
    message: ['`release.tag_name`', 'release payload'],
  },
  {
    name: 'push without ref',
    ...pushBranch('master', { ref: REMOVE }),
    where: 'event payload',
    message: ['a push event has no `ref`', 'Set GITHUB_REF'],
  },
  {
    name: 'no repository and no GITHUB_REPOSITORY',
    ...dispatch({ repository: REMOVE }),
    where: 'event payload',
    message: ['has no `repository`', 'GITHUB_REPOSITORY=owner/name'],
  },
  {
    name: 'GITHUB_REPOSITORY without a name and no repository',
    ...dispatch({ repository: REMOVE }),
    env: { GITHUB_REPOSITORY: 'acme' },
    where: 'event payload',
    message: ['GITHUB_REPOSITORY=owner/name'],
  },
  {
    name: 'no GITHUB_SHA for an event whose payload has no commit',
    ...dispatch(),
    env: { GITHUB_SHA: undefined },
    where: 'event payload',
    message: ['GITHUB_SHA is not set', 'full 40-character commit sha'],
  },
  ...['a1b2c3d', 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678', `${CHECKOUT_SHA}0`].map(
    (sha): ErrorCase => ({
      name: `GITHUB_SHA ${sha}`,
      event: 'schedule',
      env: { GITHUB_SHA: sha },
      where: 'event payload',
      message: [`GITHUB_SHA is '${sha}'`, 'full 40-character commit sha'],
    }),
  ),
  {
    name: 'a repository name that makes no valid default image',
    ...pushBranch('master', { 'repository.name': '.github' }),
    where: 'images',
    message: ["the default image 'ghcr.io/codertocat/.github'", 'set images explicitly'],
  },
  {
    name: 'a push that deletes its ref (all-zero sha)',
    // The runner sets GITHUB_SHA to some existing commit; only the payload tells of the deletion.
    ...pushBranch('master', { deleted: true, after: '0'.repeat(40), head_commit: null }),
    env: { GITHUB_SHA: CHECKOUT_SHA },
    where: 'event payload',
    message: ['the push deleted refs/heads/master', 'github.event.deleted != true'],
  },
  {
    name: 'no GITHUB_EVENT_NAME',
    ...pushBranch(),
    env: { GITHUB_EVENT_NAME: undefined },
    where: 'GITHUB_EVENT_NAME',
    message: ['is not set'],
  },
];

function expectPlan(result: { plan: Plan; payload: Json }, c: PlanCase): void {
  const { plan: p, payload } = result;
  const e = c.expected;
  const tagNames = p.tags.map((t) => t.name);
  expect({ version: p.version, prerelease: p.prerelease, tags: tagNames }).toEqual({
    version: e.version,
    prerelease: e.prerelease,
    tags: e.tags,
  });
  const images = e.images ?? [defaultImage(payload)];
  expect(p.images).toEqual(images);
  expect(p.refs).toEqual(images.flatMap((image) => e.tags.map((tag) => `${image}:${tag}`)));
  if (e.versionSource !== undefined) expect(p.versionSource).toBe(e.versionSource);
  if (e.sha !== undefined) expect(p.sha).toBe(e.sha);
  if (e.created !== undefined) expect(p.created).toBe(e.created);
  if (e.createdFrom !== undefined) expect(p.createdFrom).toBe(e.createdFrom);
  if (e.labels !== undefined) {
    expect(Object.fromEntries(p.labels.map(({ key, value }) => [key, value]))).toEqual(e.labels);
  }
  if (e.annotations !== undefined) expect(p.annotations).toEqual(e.annotations);
  if (e.buildArgs !== undefined) {
    expect(p.buildArgs.map(({ key, value }) => [key, value])).toEqual(e.buildArgs);
  }
  expect(p.platforms).toEqual(e.platforms ?? ['linux/amd64', 'linux/arm64']);
  const warnings = e.warnings ?? [];
  expect(p.warnings).toHaveLength(warnings.length);
  warnings.forEach((pattern, i) => expect(p.warnings[i]).toMatch(pattern));
  for (const pattern of e.notes ?? []) {
    expect(p.notes).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
  }

  // What holds for every plan: labels sorted by key and unique; the standard labels, annotations
  // and build args agree with the plan unless the user overrode them.
  const keys = p.labels.map((l) => l.key);
  expect(keys).toEqual([...new Set(keys)].sort());
  const label = (k: string) => p.labels.find((l) => l.key === `${OCI}.${k}`)?.value;
  if (c.inputs?.labels === undefined) {
    expect(label('version')).toBe(p.version);
    expect(label('revision')).toBe(p.sha);
    expect(label('created')).toBe(p.created);
  }
  expect(p.annotations).toEqual(
    expect.arrayContaining([`manifest:${OCI}.revision=${p.sha}`, `index:${OCI}.revision=${p.sha}`]),
  );
  if (c.inputs?.['build-args'] === undefined) {
    expect(p.buildArgs.map((b) => b.key)).toEqual([
      'VERSION',
      'GIT_COMMIT',
      'BUILD_TIME',
      'SOURCE_DATE_EPOCH',
    ]);
    const arg = (k: string) => p.buildArgs.find((b) => b.key === k)?.value;
    expect(arg('VERSION')).toBe(p.version);
    expect(arg('GIT_COMMIT')).toBe(p.sha);
    expect(arg('BUILD_TIME')).toBe(p.created);
    expect(Number(arg('SOURCE_DATE_EPOCH')) * 1000).toBe(Date.parse(p.created));
  }
  expect(p.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a UsageError, but a plan was made');
}

describe('planRelease on recorded payloads', () => {
  it('has enough cases', () => {
    expect(planCases.length + errorCases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(planCases.map((c) => c.name)).size).toBe(planCases.length);
    expect(new Set(errorCases.map((c) => c.name)).size).toBe(errorCases.length);
  });

  it.each(planCases)('$name', (c) => {
    expectPlan(plan(c), c);
  });
});

describe('bad input is a UsageError naming it, showing the expected form', () => {
  it.each(errorCases)('$name', (c) => {
    const error = thrown(() => plan(c));
    expect(error).toBeInstanceOf(UsageError);
    const { where, message } = error as UsageError;
    expect(where).toBe(c.where);
    expect(message.startsWith(`${c.where}: `)).toBe(true);
    for (const part of c.message) {
      if (typeof part === 'string') expect(message).toContain(part);
      else expect(message).toMatch(part);
    }
  });
});

describe('notices and annotation levels', () => {
  const fanOut = pushTag('v1.2.3');
  it('advises a full tag list when no other version tag is known', () => {
    for (const published of [[], ['v1.2.3'], ['nightly', 'v1.2.3']]) {
      expect(plan({ ...fanOut, published }).plan.notices).toEqual([
        expect.stringMatching(/^No version tags besides v1\.2\.3 .*fetch-depth: 0/),
      ]);
    }
  });
  it('gives no advice when other versions are known, or for prereleases', () => {
    expect(plan({ ...fanOut, published: ['v1.2.2', 'v1.2.3'] }).plan.notices).toEqual([]);
    expect(plan({ ...pushTag('v2.0.0-rc.1'), published: [] }).plan.notices).toEqual([]);
  });
  it('puts annotations on the index only for a multi-platform build', () => {
    const levels = (platforms: string) =>
      new Set(
        plan({ ...fanOut, inputs: { platforms } }).plan.annotations.map((a) => a.split(':')[0]),
      );
    expect(levels('linux/amd64,linux/arm64')).toEqual(new Set(['manifest', 'index']));
    expect(levels('linux/amd64')).toEqual(new Set(['manifest']));
    // A level the user names is kept, even where the default would leave it out.
    const user = plan({
      ...fanOut,
      inputs: { platforms: 'linux/amd64', annotations: 'index:com.example.x=1' },
    }).plan.annotations;
    expect(user).toContain('index:com.example.x=1');
  });
});
