/**
 * A real OCI registry for the tests: Debian's `docker-registry` (distribution 2.8) on a free
 * 127.0.0.1 port, with htpasswd auth, and a Docker config file holding its login. `.ci/run`
 * installs the packages; a machine without them fails here with what to install, never skips.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { makeTempDir, removeTempDir } from './tmp.js';

export interface TestRegistry {
  /** `127.0.0.1:PORT`, as it appears in image names and in the Docker config. */
  readonly host: string;
  readonly username: string;
  readonly password: string;
  /** A directory with `config.json` holding the login: what DOCKER_CONFIG points at. */
  readonly dockerConfig: string;
  /** `Authorization` header value for direct requests from tests. */
  readonly basicAuth: string;
  /**
   * Runs `skopeo <command> <args…>` against this registry (its login, plain http); returns
   * stdout and throws with stderr when skopeo fails. The independent view of what was pushed.
   */
  skopeo(command: string, args: readonly string[]): Promise<string>;
  stop(): Promise<void>;
}

function need(program: string, pkg: string): string {
  try {
    return execFileSync('sh', ['-c', 'command -v "$1"', 'sh', program], {
      encoding: 'utf8',
    }).trim();
  } catch {
    throw new Error(
      `'${program}' is not installed; the registry tests need it (apt-get install ${pkg}, as .ci/run does)`,
    );
  }
}

/** A port that was free a moment ago (the registry binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${log()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 401 || res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`docker-registry did not come up: ${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startRegistry(
  options: { username?: string; password?: string } = {},
): Promise<TestRegistry> {
  const registryBin = need('docker-registry', 'docker-registry');
  const htpasswdBin = need('htpasswd', 'apache2-utils');
  const username = options.username ?? 'ci-user';
  const password = options.password ?? `pw-${Math.random().toString(36).slice(2)}-Secret`;
  const dir = makeTempDir('image-release-registry-');
  const data = join(dir, 'data');
  mkdirSync(data);
  // The lowest bcrypt cost: every authenticated request checks it, and these are test logins.
  const htpasswd = execFileSync(htpasswdBin, ['-Bbn', '-C', '4', username, password], {
    encoding: 'utf8',
  });
  writeFileSync(join(dir, 'htpasswd'), htpasswd);
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  writeFileSync(
    join(dir, 'config.yml'),
    [
      'version: 0.1',
      'log:',
      '  level: error',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${data}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: ${host}`,
      'auth:',
      '  htpasswd:',
      '    realm: image-release-tests',
      `    path: ${join(dir, 'htpasswd')}`,
      '',
    ].join('\n'),
  );
  const basicAuth = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const dockerConfig = join(dir, 'docker');
  mkdirSync(dockerConfig);
  writeFileSync(
    join(dockerConfig, 'config.json'),
    JSON.stringify({
      auths: { [host]: { auth: Buffer.from(`${username}:${password}`).toString('base64') } },
    }),
  );
  const child = spawn(registryBin, ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  await waitUntilUp(`http://${host}/v2/`, child, () => output);
  return {
    host,
    username,
    password,
    dockerConfig,
    basicAuth,
    skopeo: (command, args) =>
      new Promise((resolve, reject) => {
        execFile(
          'skopeo',
          [command, '--tls-verify=false', '--authfile', join(dockerConfig, 'config.json'), ...args],
          { maxBuffer: 16 * 1024 * 1024 },
          (error, stdout, stderr) => {
            if (error) reject(new Error(`skopeo ${command} ${args.join(' ')} failed: ${stderr}`));
            else resolve(stdout);
          },
        );
      }),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      removeTempDir(dir);
    },
  };
}
