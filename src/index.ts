import { localGit } from './git/history.js';
import { run } from './main.js';
import { processRunner } from './runner.js';

process.exitCode = await run({
  runner: processRunner(),
  env: process.env,
  git: localGit(process.env.GITHUB_WORKSPACE || process.cwd()),
  now: () => new Date(),
});
