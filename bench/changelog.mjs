// Drafting a release body from local git over a generated 10,000-commit history, against
// `git log` of the same range in the same run. The history is written with `git fast-import`
// (PR merges, squash commits, conventional subjects, bots, co-authors); both sides are timed
// interleaved on the same repository, so machine noise hits them alike, and the medians give the
// ratio. The drafting side is the action's own code (src/git/log.ts, src/plan/release-notes.ts),
// bundled with ncc into .tmp/bench-changelog/ as scripts/package.mjs bundles dist/.
//
//   npm run bench:changelog [-- runs] [commits]    (default 9 runs, 10000 commits;
//                                                   targets: under 1 s, within 2x of git log)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const runs = Number(process.argv[2] ?? 9);
const total = Number(process.argv[3] ?? 10_000);
if (!Number.isInteger(runs) || runs < 3 || !Number.isInteger(total) || total < 100) {
  console.error('usage: node bench/changelog.mjs [runs >= 3] [commits >= 100]');
  process.exit(2);
}

const out = resolve('.tmp/bench-changelog');
rmSync(out, { recursive: true, force: true });
const build = spawnSync(
  process.execPath,
  [
    'node_modules/@vercel/ncc/dist/ncc/cli.js',
    'build',
    'bench/changelog-entry.ts',
    '-o',
    out,
    '--target',
    'es2023',
    '-q',
  ],
  { stdio: 'inherit' },
);
if (build.status !== 0) process.exit(build.status ?? 1);
const { localChangelog, draftReleaseNotes, composeReleaseBody } = await import(
  pathToFileURL(join(out, 'index.js')).href
);

const env = {
  PATH: process.env.PATH,
  HOME: tmpdir(),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  LANG: 'C',
};
const dir = mkdtempSync(join(tmpdir(), 'image-release-bench-changelog-'));

/** A fast-import stream: a main line with squash commits, PR merges of side branches, bots. */
function history(count) {
  const people = Array.from({ length: 60 }, (_, i) => [
    `Developer ${i}`,
    i % 3 === 0 ? `${1000 + i}+dev${i}@users.noreply.github.com` : `dev${i}@example.com`,
  ]);
  const bot = ['dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com'];
  const types = ['feat', 'fix', 'perf', 'docs', 'chore', 'refactor'];
  const chunks = [];
  let mark = 0;
  let time = 1_700_000_000;
  let pr = 1;
  const commit = (ref, [name, email], message, from, merge) => {
    mark++;
    time += 60;
    const data = Buffer.from(message, 'utf8');
    chunks.push(
      `commit ${ref}\nmark :${mark}\nauthor ${name} <${email}> ${time} +0000\n` +
        `committer GitHub <noreply@github.com> ${time} +0000\ndata ${data.length}\n${message}\n` +
        (from ? `from :${from}\n` : '') +
        (merge ? `merge :${merge}\n` : '') +
        '\n',
    );
    return mark;
  };
  let head = commit('refs/heads/main', people[0], 'Initial commit');
  chunks.push(`reset refs/tags/v1.0.0\nfrom :${head}\n\n`);
  let made = 1;
  while (made < count) {
    const n = made;
    const person = people[n % people.length];
    if (n % 10 === 0) {
      // A pull request merged with a merge commit: two commits on a side branch.
      const side1 = commit('refs/heads/side', person, `wip on part ${n}`, head);
      const side2 = commit('refs/heads/side', person, `tests for part ${n}`, side1);
      head = commit(
        'refs/heads/main',
        ['GitHub', 'noreply@github.com'],
        `Merge pull request #${pr++} from dev/part-${n}\n\nAdd part ${n} of the feature`,
        head,
        side2,
      );
      made += 3;
    } else if (n % 7 === 0) {
      head = commit(
        'refs/heads/main',
        bot,
        `Bump dependency-${n} from 1.0.${n} to 1.0.${n + 1} (#${pr++})`,
        head,
      );
      made++;
    } else if (n % 5 === 0) {
      const co = people[(n + 1) % people.length];
      head = commit(
        'refs/heads/main',
        person,
        `Direct change ${n}\n\nWhy it was needed, at some length, as commit bodies go.\n\nCo-authored-by: ${co[0]} <${co[1]}>`,
        head,
      );
      made++;
    } else {
      const type = types[n % types.length];
      head = commit(
        'refs/heads/main',
        person,
        `${type}(area${n % 12}): change number ${n} (#${pr++})`,
        head,
      );
      made++;
    }
  }
  chunks.push(`reset refs/tags/v2.0.0\nfrom :${head}\n\n`);
  return chunks.join('');
}

try {
  const git = (args, options = {}) =>
    execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  git(['init', '-q', '--initial-branch=main']);
  git(['fast-import', '--quiet'], { input: history(total) });
  git(['checkout', '-q', 'main']);
  const range = git(['rev-list', '--count', 'v1.0.0..v2.0.0']).trim();

  const time = async (fn) => {
    const start = process.hrtime.bigint();
    const result = await fn();
    return [Number(process.hrtime.bigint() - start) / 1e6, result];
  };
  // The baseline: git log of the same range, its output read whole, as the action reads its own.
  const gitLog = () =>
    new Promise((done, fail) =>
      spawnSync('git', ['log', 'v1.0.0..v2.0.0'], { cwd: dir, env, maxBuffer: 1 << 30 }).status ===
      0
        ? done()
        : fail(new Error('git log failed')),
    );
  const image = {
    image: 'ghcr.io/acme/app',
    version: '2.0.0',
    tags: ['2.0.0', '2.0', '2', 'latest'],
    platforms: ['linux/amd64', 'linux/arm64'],
  };
  const draft = async () => {
    const r = await localChangelog(dir, { env }).commits('v2.0.0', 'v1.0.0');
    if (!r.ok) throw new Error(r.problem);
    const notes = draftReleaseNotes({
      repositoryUrl: 'https://github.com/acme/app',
      tag: 'v2.0.0',
      previousTag: 'v1.0.0',
      commits: r.commits,
    });
    return {
      commits: r.commits.length,
      body: composeReleaseBody(undefined, { notes, images: [image] }),
    };
  };

  await gitLog();
  const [, first] = await time(draft);
  const baseline = [];
  const drafting = [];
  for (let i = 0; i < runs; i++) {
    baseline.push((await time(gitLog))[0]);
    drafting.push((await time(draft))[0]);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const b = median(baseline);
  const d = median(drafting);
  console.log(`node ${process.version}, ${runs} runs each, interleaved`);
  console.log(
    `history: ${range} commits in v1.0.0..v2.0.0 (${first.commits} read), body ${first.body.length} characters`,
  );
  console.log(`git log v1.0.0..v2.0.0 median: ${b.toFixed(1)} ms`);
  console.log(
    `drafting the release body median: ${d.toFixed(1)} ms, ratio ${(d / b).toFixed(2)} (targets: under 1000 ms, ratio <= 2)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
