// Bundles the action and the preview with ncc into dist/, which is committed because the runner
// executes dist/index.js straight from the repository.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const entries = [
  ['src/index.ts', 'dist'],
  ['src/cli/index.ts', 'dist/preview'],
];
rmSync('dist', { recursive: true, force: true });
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
