import { localGit } from './git/history.js';
import { run } from './main.js';
import { processRunner } from './runner.js';

const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
process.exitCode = await run({
  runner: processRunner(),
  env: process.env,
  git: localGit(workspace),
  now: () => new Date(),
  cwd: workspace,
});
