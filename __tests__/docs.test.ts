import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface ActionYml {
  inputs: Record<string, { default?: string; description: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

const action = parse(readFileSync('action.yml', 'utf8')) as ActionYml;
const readme = readFileSync('README.md', 'utf8');

/** The rows of the first table under `## <heading>`: cells without the surrounding backticks. */
function table(heading: string): string[][] {
  const section = readme.split(/^## /m).find((s) => s.startsWith(`${heading}\n`));
  if (!section) throw new Error(`README has no section '## ${heading}'`);
  return section
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .slice(2)
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
}

const unquote = (cell: string) => cell.replace(/^`(.*)`$/, '$1');

describe('README agrees with action.yml', () => {
  it('lists every input, in order, with its default', () => {
    const rows = table('Inputs');
    expect(rows.map((r) => unquote(r[0] ?? ''))).toEqual(Object.keys(action.inputs));
    for (const row of rows) {
      const name = unquote(row[0] ?? '');
      const fallback = action.inputs[name]?.default ?? '';
      // images documents its computed default in words; action.yml leaves it empty.
      if (name === 'images') expect(fallback).toBe('');
      else expect(unquote(row[1] ?? '')).toBe(fallback);
    }
  });

  it('lists every output, in order', () => {
    expect(table('Outputs').map((r) => unquote(r[0] ?? ''))).toEqual(Object.keys(action.outputs));
  });

  it('runs the bundled ESM on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(JSON.parse(readFileSync('dist/package.json', 'utf8'))).toEqual({ type: 'module' });
  });

  it('starts with the set-up commands', () => {
    const firstLines = readme.split('\n').slice(0, 6).join('\n');
    expect(firstLines).toContain('npm ci && npm run preview');
    expect(firstLines).toContain('npm test');
  });
});
