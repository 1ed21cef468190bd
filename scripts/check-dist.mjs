// Fails when the committed dist/ is not what `npm run package` makes from src/: the runner runs
// dist/ as committed, so a stale bundle would ship code nobody reviewed.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) =>
  spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const build = run(process.execPath, ['scripts/package.mjs']);
if (build.status !== 0) {
  console.error('check-dist: the build failed');
  process.exit(1);
}
const diff = run('git', ['status', '--porcelain', '--untracked-files=all', '--', 'dist']);
if (diff.status !== 0) {
  console.error('check-dist: git status failed; run inside the git checkout');
  process.exit(1);
}
if (diff.stdout.trim() !== '') {
  console.error(`check-dist: dist/ differs from a fresh build of src/:\n${diff.stdout}`);
  console.error('Run `npm run package` and commit dist/.');
  spawnSync('git', ['--no-pager', 'diff', '--stat', '--', 'dist'], { stdio: 'inherit' });
  process.exit(1);
}
console.log('check-dist: dist/ is up to date');
