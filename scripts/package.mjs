// Bundles the action and the preview with ncc into dist/, which is committed because the runner
// executes dist/index.js straight from the repository. The bundles are built aside and moved in
// at the end, so a failed build leaves the old dist/ whole.
import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync } from 'node:fs';

const next = '.tmp/dist-next';
const entries = [
  ['src/index.ts', next],
  ['src/cli/index.ts', `${next}/preview`],
];
rmSync(next, { recursive: true, force: true });
mkdirSync('.tmp', { recursive: true });
for (const [entry, out] of entries) {
  const r = spawnSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      entry,
      '-o',
      out,
      '--license',
      'licenses.txt',
      '--target',
      'es2023',
      '-q',
    ],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}
rmSync('dist', { recursive: true, force: true });
renameSync(next, 'dist');
