import { appendFileSync, writeSync } from 'node:fs';

/**
 * The runner's side of the workflow-command protocol: inputs from `INPUT_*`, outputs and the job
 * summary through the files the runner names, log commands on stdout. The same protocol that
 * `@actions/core` speaks, kept here because `@actions/core` statically loads an HTTP stack for
 * OIDC that alone costs more start-up time than the whole plan (see bench/).
 */
export interface Runner {
  /** The input as the runner passes it, trimmed; '' when not set. */
  getInput: (name: string) => string;
  /** Sets all outputs at once, so that a failure cannot leave half of them behind. */
  setOutputs: (outputs: readonly (readonly [string, string])[]) => void;
  appendSummary: (markdown: string) => void;
  warning: (message: string) => void;
  error: (message: string) => void;
  notice: (message: string) => void;
  startGroup: (title: string) => void;
  endGroup: () => void;
  /** Prints `text` with the runner's command processing stopped, so no line of it is a command. */
  verbatim: (text: string) => void;
  /** One line of our own for the log. */
  info: (message: string) => void;
  /** A line shown only when the run has debug logging on. */
  debug: (message: string) => void;
  /**
   * Runs `work` with command processing stopped: what tools print meanwhile (a build's output
   * holds whatever a Dockerfile echoes) is never taken for a runner command.
   */
  commandsStopped: <T>(work: () => Promise<T>) => Promise<T>;
  /** Asks the runner to replace the value with *** wherever it would be printed. */
  setSecret: (value: string) => void;
}

/** Runner command data: `%`, CR and LF are escaped so that a value is one command. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function randomToken(prefix: string): string {
  return `${prefix}${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
}

/**
 * A `name<<delimiter` block for GITHUB_OUTPUT. What keeps a value from ending the block early and
 * smuggling in another output is the check that the delimiter occurs in neither name nor value,
 * not the delimiter's randomness; so Math.random serves, and node:crypto (slow to load) is spared.
 * The stop-commands token of `verbatim` is chosen the same way.
 */
export function fileCommand(name: string, value: string): string {
  let delimiter = randomToken('ghadelimiter_');
  while (name.includes(delimiter) || value.includes(delimiter))
    delimiter = randomToken('ghadelimiter_');
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

/** The `INPUT_` variable the runner sets: spaces become `_`, upper-cased, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes to fd 1 directly. Creating `process.stdout` loads Node's stream stack, which costs more
 * than the whole plan; a runner's stdout is a pipe, so a full pipe (EAGAIN) is waited out.
 */
export function writeStdout(text: string): void {
  let buffer = Buffer.from(text, 'utf8');
  while (buffer.length > 0) {
    try {
      buffer = buffer.subarray(writeSync(1, buffer));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      // The reader is behind: wait a moment instead of spinning.
      Atomics.wait(PAUSE, 0, 0, 10);
    }
  }
}

export function processRunner(
  env: Readonly<Record<string, string | undefined>> = process.env,
  write: (text: string) => void = writeStdout,
): Runner {
  const command = (name: string, message: string) => write(`::${name}::${escapeData(message)}\n`);
  return {
    getInput: (name) => (env[inputVariable(name)] ?? '').trim(),
    setOutputs(outputs) {
      const file = env.GITHUB_OUTPUT;
      // Outside a runner there is no output file; print the outputs so a local run still shows them.
      if (file)
        appendFileSync(
          file,
          outputs.map(([name, value]) => fileCommand(name, value)).join(''),
          'utf8',
        );
      else for (const [name, value] of outputs) write(`${name}=${value}\n`);
    },
    appendSummary(markdown) {
      const file = env.GITHUB_STEP_SUMMARY;
      if (file) appendFileSync(file, markdown, 'utf8');
    },
    warning: (message) => command('warning', message),
    error: (message) => command('error', message),
    notice: (message) => command('notice', message),
    startGroup: (title) => command('group', title),
    endGroup: () => write(`::endgroup::\n`),
    verbatim(text) {
      let token = randomToken('stop-');
      while (text.includes(token)) token = randomToken('stop-');
      write(`::stop-commands::${token}\n${text}\n::${token}::\n`);
    },
    info: (message) => write(`${message}\n`),
    debug: (message) => command('debug', message),
    async commandsStopped(work) {
      // The output is not known in advance, so the token cannot be checked against it: here its
      // randomness is what keeps a build from ending the section, so it comes from crypto
      // (loaded only on this path, which builds and is not start-up bound).
      const { randomBytes } = await import('node:crypto');
      const token = `stop-${randomBytes(16).toString('hex')}`;
      write(`::stop-commands::${token}\n`);
      try {
        return await work();
      } finally {
        write(`::${token}::\n`);
      }
    },
    setSecret: (value) => {
      if (value !== '') command('add-mask', value);
    },
  };
}
