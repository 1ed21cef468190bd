/**
 * buildx pushes with the Docker CLI's own logins, not ours. When the action holds a login that
 * the Docker config lacks (`username`/`password`, or the github-token for ghcr.io), buildx gets
 * a private DOCKER_CONFIG for the build: the user's config.json with those logins added, and the
 * rest of the user's directory (buildx builders, CLI plugins, contexts) linked in, so the current
 * builder stays what it was. Nothing is written into the user's own config, so no login outlives
 * the step.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DOCKER_HUB, DOCKER_HUB_CONFIG_KEY, registryKey } from '../registry/reference.js';

export interface Login {
  /** As in image names: `ghcr.io`, `docker.io`, `127.0.0.1:5000`. */
  readonly registry: string;
  readonly username: string;
  readonly password: string;
  /** false: used only when the user's config has no login for the registry (github-token). */
  readonly override: boolean;
}

interface ConfigJson {
  auths?: Record<string, unknown>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
  [key: string]: unknown;
}

export function userDockerConfigDir(env: Readonly<Record<string, string | undefined>>): string {
  return env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
}

function hasLogin(config: ConfigJson, registry: string): boolean {
  const keys = [...Object.keys(config.auths ?? {}), ...Object.keys(config.credHelpers ?? {})];
  return keys.some((k) => registryKey(k) === registry);
}

export interface PrivateConfig {
  /** The directory to pass as DOCKER_CONFIG; undefined when the user's config serves as is. */
  readonly dir?: string;
  readonly warnings: readonly string[];
}

/**
 * Writes the private config under `parent` when some login must be added; else leaves the
 * user's config alone. `credsStore` is kept for every other registry, but the Docker CLI asks it
 * before `auths`, so with one set the added logins may be shadowed: that is warned about.
 */
export function dockerConfigWithLogins(
  env: Readonly<Record<string, string | undefined>>,
  logins: readonly Login[],
  parent: string,
): PrivateConfig {
  const source = userDockerConfigDir(env);
  let config: ConfigJson = {};
  const file = join(source, 'config.json');
  if (existsSync(file)) {
    try {
      config = JSON.parse(readFileSync(file, 'utf8')) as ConfigJson;
    } catch {
      // The registry client already warns about an unreadable config; buildx gets ours alone.
      config = {};
    }
  }
  const needed = logins.filter((l) => l.override || !hasLogin(config, l.registry));
  if (needed.length === 0) return { warnings: [] };

  const replaced = new Set(needed.map((l) => l.registry));
  const keep = ([k]: [string, unknown]) => !replaced.has(registryKey(k));
  const auths: Record<string, unknown> = Object.fromEntries(
    Object.entries(config.auths ?? {}).filter(keep),
  );
  const helpers = Object.fromEntries(Object.entries(config.credHelpers ?? {}).filter(keep));
  for (const login of needed) {
    const key = login.registry === DOCKER_HUB ? DOCKER_HUB_CONFIG_KEY : login.registry;
    auths[key] = { auth: Buffer.from(`${login.username}:${login.password}`).toString('base64') };
  }
  const dir = join(parent, 'docker-config');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (existsSync(source)) {
    for (const entry of readdirSync(source)) {
      if (entry !== 'config.json') symlinkSync(join(source, entry), join(dir, entry));
    }
  }
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ ...config, auths, credHelpers: helpers }, null, 2),
    { mode: 0o600 },
  );
  const warnings =
    config.credsStore !== undefined
      ? [
          `The Docker config uses the credential store '${config.credsStore}', which buildx asks before the logins this step adds for ${needed.map((l) => l.registry).join(', ')}; if the push is refused, log in with docker/login-action instead of username/password.`,
        ]
      : [];
  return { dir, warnings };
}
