import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir, removeTempDir } from './tmp.js';

/** The repository root: dist/ and action.yml are found from here, whatever jest's cwd is. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ACTION_ENTRY = join(ROOT, 'dist', 'index.js');
export const PREVIEW_ENTRY = join(ROOT, 'dist', 'preview', 'index.js');

/** What `${{ github.token }}`, the default of `github-token`, stands for in these runs. */
export const DEFAULT_JOB_TOKEN = 'ghs_e2eJobTokenStandIn0000000000000000';

/** A hard stop for one spawned process, far above what a run takes (~0.1 s to plan, seconds to build). */
const PROCESS_TIMEOUT_MS = 120_000;

export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `process.execPath <args>` (no shell), collecting its output. */
export function runNode(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => stdout.push(b));
    child.stderr.on('data', (b: Buffer) => stderr.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), PROCESS_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/** The `INPUT_` variable the runner sets for an input: upper-cased, spaces to `_`, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

let defaults: ReadonlyMap<string, string> | undefined;

/**
 * The inputs of action.yml with their defaults, read from the file itself (every default there
 * is a one-line scalar). The runner sets an `INPUT_` variable for every declared input, using
 * the default when the workflow gives none, and so does `runAction`.
 */
export function actionInputDefaults(): ReadonlyMap<string, string> {
  if (defaults) return defaults;
  const map = new Map<string, string>();
  let inInputs = false;
  let current: string | undefined;
  for (const line of readFileSync(join(ROOT, 'action.yml'), 'utf8').split(/\r?\n/)) {
    if (/^\S/.test(line)) {
      inInputs = line.startsWith('inputs:');
      current = undefined;
      continue;
    }
    if (!inInputs) continue;
    const name = /^ {2}([A-Za-z0-9_-]+):\s*$/.exec(line);
    if (name) {
      current = name[1] ?? '';
      map.set(current, '');
      continue;
    }
    const def = /^ {4}default:\s*(.*)$/.exec(line);
    if (def && current !== undefined) {
      const raw = (def[1] as string).trim();
      const value =
        raw.startsWith("'") && raw.endsWith("'")
          ? raw.slice(1, -1).replace(/''/g, "'")
          : raw.startsWith('"') && raw.endsWith('"')
            ? (JSON.parse(raw) as string)
            : raw;
      map.set(current, value === '${{ github.token }}' ? DEFAULT_JOB_TOKEN : value);
    }
  }
  if (map.size === 0) throw new Error('action.yml declares no inputs');
  defaults = map;
  return map;
}

/**
 * Parses a GITHUB_OUTPUT file by the runner's file-command rules: `name=value` on one line, or
 * `name<<DELIMITER`, then the value's lines, then a line equal to DELIMITER. Whichever of `=`
 * and `<<` comes first in a line decides its form. Throws on anything the runner would reject
 * and on a name set twice (the action sets each output once).
 */
export function parseFileCommands(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const set = (name: string, value: string) => {
    if (name === '') throw new Error('an output has an empty name');
    if (Object.hasOwn(outputs, name)) throw new Error(`the output '${name}' is set twice`);
    outputs[name] = value;
  };
  const lines = text.split('\n');
  // A file that ends with a newline has an empty last element, which is no line.
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    if (line === '') continue;
    const eq = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (eq !== -1 && (heredoc === -1 || eq < heredoc)) {
      set(line.slice(0, eq), line.slice(eq + 1));
      continue;
    }
    if (heredoc === -1) throw new Error(`line ${i + 1} is neither name=value nor name<<DELIMITER`);
    const name = line.slice(0, heredoc);
    const delimiter = line.slice(heredoc + 2);
    if (delimiter === '') throw new Error(`the output '${name}' has an empty delimiter`);
    const value: string[] = [];
    let closed = false;
    for (i++; i < lines.length; i++) {
      const l = (lines[i] as string).replace(/\r$/, '');
      if (l === delimiter) {
        closed = true;
        break;
      }
      value.push(l);
    }
    if (!closed) throw new Error(`the output '${name}' is not terminated by '${delimiter}'`);
    set(name, value.join('\n'));
  }
  return outputs;
}

export interface ActionRun {
  /** Inputs by their action.yml names; they override the defaults of action.yml. */
  readonly inputs?: Readonly<Record<string, string>>;
  /** GITHUB_EVENT_NAME. */
  readonly event: string;
  /** Written to the file GITHUB_EVENT_PATH names. */
  readonly payload: unknown;
  /** GITHUB_REF; default: the payload's `ref`. */
  readonly ref?: string;
  /** GITHUB_SHA; default: the payload's `after`. */
  readonly sha?: string;
  /** GITHUB_REPOSITORY; default: the payload repository's full_name. */
  readonly repository?: string;
  /** More variables, applied last; undefined removes one. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The workspace (GITHUB_WORKSPACE and the process's cwd). */
  readonly cwd: string;
}

export interface ActionResult extends ProcessResult {
  /** The outputs, parsed from GITHUB_OUTPUT. */
  readonly outputs: Record<string, string>;
  /** GITHUB_OUTPUT exactly as the action left it. */
  readonly outputFile: string;
  /** GITHUB_STEP_SUMMARY exactly as the action left it. */
  readonly summary: string;
  /** stdout split into lines, without the empty one after the last newline. */
  readonly lines: readonly string[];
  /** The environment the action ran with. */
  readonly env: Readonly<Record<string, string>>;
}

function payloadString(payload: unknown, ...path: string[]): string | undefined {
  let v: unknown = payload;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return typeof v === 'string' ? v : undefined;
}

/**
 * Runs the built action (`node dist/index.js`) the way the GitHub runner does: the payload in a
 * file, empty output and summary files, an `INPUT_` variable for every input of action.yml, the
 * `GITHUB_*` variables, the workspace as cwd, and nothing else of the test's environment.
 */
export async function runAction(run: ActionRun): Promise<ActionResult> {
  const temp = makeTempDir('image-release-runner-');
  try {
    const eventPath = join(temp, 'event.json');
    const outputPath = join(temp, 'github_output');
    const summaryPath = join(temp, 'step_summary');
    const home = join(temp, 'home');
    const runnerTemp = join(temp, 'runner_temp');
    writeFileSync(eventPath, JSON.stringify(run.payload, null, 2));
    writeFileSync(outputPath, '');
    writeFileSync(summaryPath, '');
    mkdirSync(home);
    mkdirSync(runnerTemp);

    const inputs = new Map(actionInputDefaults());
    for (const [name, value] of Object.entries(run.inputs ?? {})) {
      if (!inputs.has(name)) throw new Error(`'${name}' is no input of action.yml`);
      inputs.set(name, value);
    }
    const ref = run.ref ?? payloadString(run.payload, 'ref');
    const sha = run.sha ?? payloadString(run.payload, 'after');
    const repository =
      run.repository ?? payloadString(run.payload, 'repository', 'full_name') ?? 'acme/app';
    const vars = new Map<string, string>(
      Object.entries({
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: run.event,
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_OUTPUT: outputPath,
        GITHUB_STEP_SUMMARY: summaryPath,
        GITHUB_REPOSITORY: repository,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_WORKSPACE: run.cwd,
        RUNNER_TEMP: runnerTemp,
        ...(ref !== undefined && { GITHUB_REF: ref }),
        ...(sha !== undefined && { GITHUB_SHA: sha }),
      }),
    );
    for (const [name, value] of inputs) vars.set(inputVariable(name), value);
    for (const [name, value] of Object.entries(run.env ?? {})) {
      if (value === undefined) vars.delete(name);
      else vars.set(name, value);
    }
    const env = Object.fromEntries(vars);

    const result = await runNode([ACTION_ENTRY], { cwd: run.cwd, env });
    const outputFile = readFileSync(outputPath, 'utf8');
    const lines = result.stdout.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return {
      ...result,
      outputFile,
      outputs: parseFileCommands(outputFile),
      summary: readFileSync(summaryPath, 'utf8'),
      lines,
      env,
    };
  } finally {
    removeTempDir(temp);
  }
}

/** Runs the preview bin (`node dist/preview/index.js <args>`) in `cwd` with a minimal env. */
export async function runPreview(
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>> = {},
): Promise<ProcessResult> {
  const home = makeTempDir('image-release-home-');
  try {
    return await runNode([PREVIEW_ENTRY, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ...env },
    });
  } finally {
    removeTempDir(home);
  }
}

/** An output's lines ('' is no lines). */
export function outputLines(value: string | undefined): string[] {
  return value === undefined || value === '' ? [] : value.split('\n');
}
