/**
 * With no API URL given, the client takes GITHUB_API_URL from the environment as the runner sets
 * it (GitHub Enterprise Server). Its own file: @actions/github reads the variable when first
 * loaded, and each test file loads modules afresh.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createReleaseApi } from '../../src/github/octokit.js';
import { FakeGitHub } from '../helpers/github.js';

let fake: FakeGitHub;
const saved = process.env.GITHUB_API_URL;

beforeAll(async () => {
  fake = await FakeGitHub.start();
  process.env.GITHUB_API_URL = `${fake.url}/api/v3`;
});
afterAll(async () => {
  if (saved === undefined) delete process.env.GITHUB_API_URL;
  else process.env.GITHUB_API_URL = saved;
  await fake.close();
});

it('honours GITHUB_API_URL', async () => {
  const api = await createReleaseApi({ token: 'ghs_test', owner: 'acme', repo: 'app' });
  expect(await api.getReleaseByTag('v1.0.0')).toBeUndefined();
  expect(fake.requests.map((r) => `${r.prefix}${r.path}`)).toEqual([
    '/api/v3/repos/acme/app/releases/tags/v1.0.0',
  ]);
});
