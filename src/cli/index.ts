#!/usr/bin/env node
import { preview } from './preview.js';

process.exitCode = await preview(
  process.argv.slice(2),
  (t) => process.stdout.write(t),
  (t) => process.stderr.write(t),
);
