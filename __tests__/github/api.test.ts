/**
 * The real octokit client (retry and throttling plugins included) against a local server that
 * answers with recorded GitHub response shapes: 404s, 5xx then success, primary and secondary
 * rate limits, 422 already_exists, paged compare, GHES base paths, and the API-side changelog.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  apiChangelog,
  apiCommitToCommit,
  parseGeneratedNotes,
} from '../../src/github/changelog.js';
import { createReleaseApi } from '../../src/github/octokit.js';
import { GitHubApiError, type ReleaseApi } from '../../src/github/release-api.js';
import {
  FakeGitHub,
  RATE_LIMIT_BODY,
  SECONDARY_RATE_LIMIT_BODY,
  apiCommit,
} from '../helpers/github.js';

const TOKEN = 'ghs_TestToken0123456789abcdefghijklmnopq';

let fake: FakeGitHub;
let logs: string[];
let api: ReleaseApi;

async function client(apiUrl = fake.url, extra: { maxRateLimitWaitSeconds?: number } = {}) {
  return createReleaseApi({
    token: TOKEN,
    owner: 'acme',
    repo: 'app',
    apiUrl,
    waitUnitMs: 5,
    log: (m) => logs.push(m),
    ...extra,
  });
}

beforeEach(async () => {
  fake = await FakeGitHub.start();
  logs = [];
  api = await client();
});
afterEach(async () => {
  await fake.close();
});

describe('the octokit ReleaseApi', () => {
  it('reads a release by tag, and undefined for a 404', async () => {
    expect(await api.getReleaseByTag('v1.0.0')).toBeUndefined();
    const id = fake.seed({ tag_name: 'v1.0.0', body: 'Initial release', name: 'Version 1.0.0' });
    expect(await api.getReleaseByTag('v1.0.0')).toEqual({
      id,
      tagName: 'v1.0.0',
      name: 'Version 1.0.0',
      body: 'Initial release',
      draft: false,
      prerelease: false,
      htmlUrl: 'https://github.com/acme/app/releases/tag/v1.0.0',
    });
    expect(fake.calls()).toEqual([
      'GET /repos/acme/app/releases/tags/v1.0.0',
      'GET /repos/acme/app/releases/tags/v1.0.0',
    ]);
    expect(fake.requests[0]?.authorization).toBe(`token ${TOKEN}`);
  });

  it('honours a GHES API URL with a path', async () => {
    const ghes = await client(`${fake.url}/api/v3/`);
    await ghes.listReleases(1, 100);
    expect(fake.requests[0]?.prefix).toBe('/api/v3');
    expect(fake.requests[0]?.path).toBe('/repos/acme/app/releases');
    expect(fake.requests[0]?.query.get('per_page')).toBe('100');
  });

  it('retries a 5xx and succeeds', async () => {
    fake.seed({ tag_name: 'v1.0.0' });
    fake.inject({ method: 'GET', path: /releases\/tags/, status: 502, times: 2 });
    expect((await api.getReleaseByTag('v1.0.0'))?.tagName).toBe('v1.0.0');
    expect(fake.calls()).toHaveLength(3);
  });

  it('gives up after the retries with an error naming the call, never the token', async () => {
    fake.inject({ method: 'POST', path: /releases$/, status: 503, times: 10 });
    const error = await api
      .createRelease({ tagName: 'v1.0.0', targetCommitish: 'main', body: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).status).toBe(503);
    expect((error as Error).message).toBe(
      'GitHub API: create the release of tag v1.0.0 failed with 503: Server Error',
    );
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(String((error as Error).stack)).not.toContain(TOKEN);
    expect(fake.calls()).toHaveLength(4);
  });

  it('waits out a primary rate limit (x-ratelimit-remaining: 0) and retries', async () => {
    fake.seed({ tag_name: 'v1.0.0' });
    fake.inject({
      method: 'GET',
      path: /releases\/tags/,
      status: 403,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1),
      },
      body: RATE_LIMIT_BODY,
    });
    expect((await api.getReleaseByTag('v1.0.0'))?.tagName).toBe('v1.0.0');
    expect(fake.calls()).toHaveLength(2);
    expect(logs.join('\n')).toMatch(/GitHub rate limit hit on GET .*; retrying in \d+ s/);
  });

  it('waits out a secondary rate limit (retry-after) and retries', async () => {
    fake.seed({ tag_name: 'v1.0.0' });
    fake.inject({
      method: 'GET',
      path: /releases$/,
      status: 403,
      headers: { 'retry-after': '2' },
      body: SECONDARY_RATE_LIMIT_BODY,
    });
    expect(await api.listReleases(1, 100)).toHaveLength(1);
    expect(fake.calls()).toHaveLength(2);
    expect(logs.join('\n')).toMatch(/secondary rate limit hit on GET .*; retrying in 2 s/);
  });

  it('fails instead of waiting for a rate limit far away', async () => {
    const strict = await client(fake.url, { maxRateLimitWaitSeconds: 10 });
    fake.inject({
      method: 'GET',
      path: /releases\/tags/,
      status: 403,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      },
      body: RATE_LIMIT_BODY,
    });
    const error = await strict.getReleaseByTag('v1.0.0').catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^GitHub API: get the release of tag v1\.0\.0 failed with 403: API rate limit exceeded for installation ID 1000\. \(the token may lack permission/,
    );
    expect(logs.join('\n')).toMatch(/not waiting \d+ s/);
  });

  it('reports 422 already_exists as such', async () => {
    fake.seed({ tag_name: 'v1.0.0' });
    const error = await api
      .createRelease({ tagName: 'v1.0.0', targetCommitish: 'main' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).alreadyExists).toBe(true);
    expect((error as Error).message).toBe(
      'GitHub API: create the release of tag v1.0.0 failed with 422: Validation Failed',
    );
  });

  it('pages through a compare view longer than 250 commits', async () => {
    fake.compareCommits = Array.from({ length: 260 }, (_, i) =>
      apiCommit({
        sha: i.toString(16).padStart(40, '0'),
        parents: [],
        name: 'N',
        email: 'n@example.com',
        message: `m${i}`,
      }),
    );
    const c = await api.compareCommits('v1.0.0', 'v1.1.0', 10_000);
    expect(c.totalCommits).toBe(260);
    expect(c.commits).toHaveLength(260);
    expect(fake.requests.map((r) => r.query.get('page'))).toEqual(['1', '2', '3']);
    expect(fake.requests[0]?.path).toBe('/repos/acme/app/compare/v1.0.0...v1.1.0');
    const capped = await api.compareCommits('v1.0.0', 'v1.1.0', 150);
    expect(capped.commits).toHaveLength(150);
    expect(capped.totalCommits).toBe(260);
  });

  it('asks for generated notes with the previous tag given', async () => {
    const notes = await api.generateNotes({
      tagName: 'v1.1.0',
      targetCommitish: 'a'.repeat(40),
      previousTagName: 'v1.0.0',
    });
    expect(notes.name).toBe('v1.1.0');
    expect(fake.requests[0]?.body).toEqual({
      tag_name: 'v1.1.0',
      target_commitish: 'a'.repeat(40),
      previous_tag_name: 'v1.0.0',
    });
  });
});

describe('the changelog from the API', () => {
  it('reads pull request authors and first-time contributors from generated notes', () => {
    const facts = parseGeneratedNotes(fake.generatedBody);
    expect([...facts.pullAuthors]).toEqual([
      [10101, 'hazemKrimi'],
      [10105, 'ashishbhate'],
      [10092, 'hazemKrimi'],
      [10121, 'pullmerge'],
      [10133, 'calmh'],
    ]);
    expect(facts.newContributors).toEqual([
      { login: 'hazemKrimi', pull: 10092 },
      { login: 'pullmerge', pull: 10121 },
      { login: 'ashishbhate', pull: 10105 },
    ]);
    expect(
      parseGeneratedNotes('- @x made their first contribution\n* junk by @ in nothing'),
    ).toEqual({
      pullAuthors: new Map(),
      newContributors: [{ login: 'x' }],
    });
  });

  it('turns a compare commit into a commit as git lists it', () => {
    expect(
      apiCommitToCommit({
        sha: 'a'.repeat(40),
        parents: ['b'.repeat(40)],
        author: { name: 'A', email: 'a@x' },
        committer: { name: 'C', email: 'c@x' },
        message: 'Subject on\ntwo lines\r\n\r\nBody\n\nCo-authored-by: B <b@x>\n',
      }),
    ).toMatchObject({ subject: 'Subject on two lines', body: 'Body\n\nCo-authored-by: B <b@x>' });
  });

  it('gathers logins, bots, pull request authors and first-time contributors', async () => {
    fake.compareCommits = [
      apiCommit({
        sha: '1'.repeat(40),
        parents: ['0'.repeat(40)],
        name: 'Bob',
        email: 'Bob@Example.com',
        message: 'Add x (#10121)',
        login: 'bobby',
      }),
      apiCommit({
        sha: '2'.repeat(40),
        parents: ['1'.repeat(40)],
        name: 'dependabot[bot]',
        email: 'bot@x',
        message: 'Bump y',
        login: 'dependabot[bot]',
        bot: true,
      }),
      apiCommit({
        sha: '3'.repeat(40),
        parents: ['2'.repeat(40)],
        name: 'Ghost',
        email: 'ghost@x',
        message: 'No account',
      }),
    ];
    const result = await apiChangelog(api, {
      tag: 'v1.1.0',
      sha: '3'.repeat(40),
      previousTag: 'v1.0.0',
      withCommits: true,
    });
    expect(result.problems).toEqual([]);
    expect(result.truncated).toBe(false);
    expect(result.commits?.map((c) => c.subject)).toEqual([
      'Add x (#10121)',
      'Bump y',
      'No account',
    ]);
    expect(result.enrichment.loginsBySha).toEqual(
      new Map([
        ['1'.repeat(40), 'bobby'],
        ['2'.repeat(40), 'dependabot[bot]'],
      ]),
    );
    expect(result.enrichment.loginsByEmail?.get('bob@example.com')).toBe('bobby');
    expect(result.enrichment.bots).toEqual(new Set(['dependabot[bot]']));
    expect(result.enrichment.pullAuthors?.get(10121)).toBe('pullmerge');
    expect(result.enrichment.newContributors).toHaveLength(3);
    const notesCall = fake.requests.find((r) => r.path.endsWith('/generate-notes'));
    expect(notesCall?.body.previous_tag_name).toBe('v1.0.0');
  });

  it('lists what failed and keeps what worked', async () => {
    fake.inject({
      method: 'POST',
      path: /generate-notes$/,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const result = await apiChangelog(api, {
      tag: 'v1.0.0',
      sha: 'a'.repeat(40),
      withCommits: false,
    });
    expect(result.problems).toEqual([
      'GitHub API: generate notes for v1.0.0 failed with 403: Resource not accessible by integration (the token may lack permission: give the job `permissions: contents: write`, or pass a token that can write to the repository as github-token)',
    ]);
    // A first release has no range to compare.
    expect(fake.calls()).toEqual(['POST /repos/acme/app/releases/generate-notes']);
  });
});

describe('start-up cost', () => {
  it('loads @actions/github and the octokit plugins only when a client is made', () => {
    const roots = ['src/github', 'src/git', 'src/plan'];
    for (const root of roots) {
      for (const file of readdirSync(root).filter((f) => f.endsWith('.ts'))) {
        const text = readFileSync(join(root, file), 'utf8');
        const staticImports = [...text.matchAll(/^import (?!type )[^;]*from '([^']+)'/gm)].map(
          (m) => m[1],
        );
        for (const spec of staticImports) {
          expect(`${root}/${file}: ${spec ?? ''}`).not.toMatch(/: (@actions\/github|@octokit\/)/);
        }
      }
    }
  });
});
