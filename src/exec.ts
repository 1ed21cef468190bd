/**
 * Running programs: always with an argument array, never through a shell, so that no input can
 * be read as shell syntax. One real implementation; tests run real programs.
 */
export interface ExecOptions {
  readonly cwd?: string;
  /** The whole environment of the child; defaults to this process's. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Written to the child's stdin, then stdin is closed. */
  readonly input?: string;
  /** Called with each line the child prints on stdout or stderr, as it comes (for the log). */
  readonly onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface ExecResult {
  /** Exit code; -1 when the program could not be started or was killed by a signal. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the program could not be started: ENOENT when it is not on PATH. */
  readonly spawnError?: NodeJS.ErrnoException;
}

export type Exec = (
  program: string,
  args: readonly string[],
  options?: ExecOptions,
) => Promise<ExecResult>;

function splitLines(onLine: ExecOptions['onLine'], stream: 'stdout' | 'stderr') {
  let rest = '';
  return {
    push(chunk: string) {
      if (!onLine) return;
      rest += chunk;
      const lines = rest.split(/\r?\n/);
      rest = lines.pop() ?? '';
      for (const line of lines) onLine(line, stream);
    },
    end() {
      if (onLine && rest !== '') onLine(rest, stream);
      rest = '';
    },
  };
}

/** The real Exec: node's spawn, loaded on first use (child_process costs start-up time). */
export const spawnExec: Exec = async (program, args, options = {}) => {
  const { spawn } = await import('node:child_process');
  return new Promise<ExecResult>((resolve) => {
    const child = spawn(program, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      shell: false,
    });
    const out: string[] = [];
    const err: string[] = [];
    const outLines = splitLines(options.onLine, 'stdout');
    const errLines = splitLines(options.onLine, 'stderr');
    child.stdout?.setEncoding('utf8').on('data', (c: string) => {
      out.push(c);
      outLines.push(c);
    });
    child.stderr?.setEncoding('utf8').on('data', (c: string) => {
      err.push(c);
      errLines.push(c);
    });
    let spawnError: NodeJS.ErrnoException | undefined;
    child.on('error', (e: NodeJS.ErrnoException) => {
      spawnError = e;
    });
    if (options.input !== undefined && child.stdin) {
      // A child that exits without reading its stdin must not crash us with EPIPE.
      child.stdin.on('error', () => {});
      child.stdin.end(options.input);
    }
    child.on('close', (code) => {
      outLines.end();
      errLines.end();
      resolve({
        code: code ?? -1,
        stdout: out.join(''),
        stderr: err.join(''),
        ...(spawnError && { spawnError }),
      });
    });
  });
};
