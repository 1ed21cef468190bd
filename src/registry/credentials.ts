/**
 * Where a registry's login comes from, in this order (the first that has one wins):
 *
 * 1. `credentials` given to the client (the action's `username`/`password` inputs);
 * 2. Docker's config (`<dockerConfigDir>/config.json`, else `$DOCKER_CONFIG/config.json`, else
 *    `~/.docker/config.json`): `credHelpers[registry]`, then `credsStore`, both through
 *    `docker-credential-<name> get`; then `auths[registry]` with `auth` (base64 `user:password`),
 *    `username`/`password`, `identitytoken` (an OAuth2 refresh token, as `docker login` stores
 *    for Docker Hub and Azure) or `registrytoken` (a bearer token used as is);
 * 3. for ghcr.io only, the `github-token`.
 *
 * Keys match by host: `https://index.docker.io/v1/`, `index.docker.io` and `docker.io` are the
 * same. A helper that is not installed, says it has nothing, or fails is reported and skipped,
 * as Docker does. Not supported: Docker's `proxies`/`HttpHeaders` settings and per-repository
 * keys (`registry/namespace` entries, which only Podman reads).
 */
import { join } from 'node:path';
import type { Exec } from '../exec.js';
import { DOCKER_HUB, DOCKER_HUB_CONFIG_KEY, registryKey } from './reference.js';
import type { SecretMask } from './secrets.js';
import type { RegistryLog } from './types.js';

export interface UserPassword {
  readonly username: string;
  readonly password: string;
}

/** A login and where it came from (`source` names a file or program, never the secret). */
export type RegistryCredentials =
  | {
      readonly kind: 'basic';
      readonly username: string;
      readonly password: string;
      readonly source: string;
    }
  /** An OAuth2 refresh token, exchanged at the token realm with a POST. */
  | { readonly kind: 'identity-token'; readonly token: string; readonly source: string }
  /** A bearer token sent as it is. */
  | { readonly kind: 'registry-token'; readonly token: string; readonly source: string };

export interface CredentialOptions {
  /** Logins by registry (`ghcr.io`, `docker.io`, `127.0.0.1:5000`); they win over any config. */
  readonly credentials?: Readonly<Record<string, UserPassword>> | undefined;
  /** Used for ghcr.io when nothing else has a login for it. */
  readonly githubToken?: string | undefined;
  /** The user name sent with the github-token (ghcr.io only checks that there is one). */
  readonly githubActor?: string | undefined;
  /** The directory holding `config.json`; defaults to $DOCKER_CONFIG, then ~/.docker. */
  readonly dockerConfigDir?: string | undefined;
  /** Environment for DOCKER_CONFIG, HOME and the credential helpers (PATH). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly exec: Exec;
  readonly log: RegistryLog;
  readonly mask: SecretMask;
}

interface AuthEntry {
  auth?: unknown;
  username?: unknown;
  password?: unknown;
  identitytoken?: unknown;
  registrytoken?: unknown;
}

interface DockerConfig {
  readonly path: string;
  readonly auths: ReadonlyMap<string, AuthEntry>;
  readonly credHelpers: ReadonlyMap<string, string>;
  readonly credsStore: string | undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A map keyed by registryKey; the first of several keys for one registry wins, as in Docker. */
function byRegistry<T>(record: unknown, pick: (value: unknown) => T | undefined): Map<string, T> {
  const map = new Map<string, T>();
  if (typeof record !== 'object' || record === null) return map;
  for (const [key, value] of Object.entries(record)) {
    const picked = pick(value);
    const k = registryKey(key);
    if (picked !== undefined && !map.has(k)) map.set(k, picked);
  }
  return map;
}

export function dockerConfigPath(
  options: Pick<CredentialOptions, 'dockerConfigDir' | 'env'>,
): string {
  const dir =
    options.dockerConfigDir ??
    str(options.env.DOCKER_CONFIG) ??
    join(str(options.env.HOME) ?? process.getBuiltinModule('node:os').homedir(), '.docker');
  return join(dir, 'config.json');
}

async function readDockerConfig(options: CredentialOptions): Promise<DockerConfig | undefined> {
  const path = dockerConfigPath(options);
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    options.log.debug(
      `No Docker config at ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
    );
    return undefined;
  }
  let parsed: Record<string, unknown>;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new Error('not an object');
    parsed = value as Record<string, unknown>;
  } catch (e) {
    options.log.warning(
      `The Docker config ${path} is not valid JSON (${(e as Error).message}), so its logins are not used: fix the file or point DOCKER_CONFIG at another directory.`,
    );
    return undefined;
  }
  return {
    path,
    auths: byRegistry(parsed.auths, (v) =>
      typeof v === 'object' && v !== null ? (v as AuthEntry) : undefined,
    ),
    credHelpers: byRegistry(parsed.credHelpers, str),
    credsStore: str(parsed.credsStore),
  };
}

/** What the helper is asked for: Docker Hub's historical key, else the registry host. */
function helperServerUrl(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_CONFIG_KEY : registry;
}

async function fromHelper(
  helper: string,
  registry: string,
  where: string,
  options: CredentialOptions,
): Promise<RegistryCredentials | undefined> {
  // The name becomes a program name: a path in it could run anything.
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(helper)) {
    options.log.warning(`${where}: '${helper}' is not a credential helper name; it is ignored.`);
    return undefined;
  }
  const program = `docker-credential-${helper}`;
  const result = await options.exec(program, ['get'], {
    input: helperServerUrl(registry),
    env: options.env,
  });
  if (result.spawnError) {
    const why =
      result.spawnError.code === 'ENOENT'
        ? 'is not on PATH'
        : `could not be started (${result.spawnError.message})`;
    options.log.warning(
      `${program} (${where}) ${why}, so it gives no login for ${registry}: install it or remove it from the Docker config.`,
    );
    return undefined;
  }
  const said = options.mask.redact(`${result.stdout} ${result.stderr}`.trim());
  if (result.code !== 0) {
    if (/credentials not found/i.test(said)) {
      options.log.debug(`${program} has no login for ${registry}`);
    } else {
      options.log.warning(
        `${program} get (${where}) failed with exit code ${result.code} for ${registry}: ${said.slice(0, 300)}`,
      );
    }
    return undefined;
  }
  let reply: { Username?: unknown; Secret?: unknown };
  try {
    reply = JSON.parse(result.stdout) as typeof reply;
  } catch {
    options.log.warning(
      `${program} get (${where}) printed no JSON for ${registry}; its answer is ignored.`,
    );
    return undefined;
  }
  const username = str(reply.Username);
  const secret = str(reply.Secret);
  if (secret === undefined) return undefined;
  options.mask.add(secret);
  const source = `the credential helper ${program} (${where})`;
  // Helpers mark an identity token with this user name (docker-credential-helpers' convention).
  if (username === '<token>') return { kind: 'identity-token', token: secret, source };
  if (username === undefined) return undefined;
  return { kind: 'basic', username, password: secret, source };
}

function fromAuthEntry(
  entry: AuthEntry,
  registry: string,
  config: DockerConfig,
  options: CredentialOptions,
): RegistryCredentials | undefined {
  const source = `the Docker config ${config.path}`;
  const identity = str(entry.identitytoken);
  if (identity !== undefined) {
    options.mask.add(identity);
    return { kind: 'identity-token', token: identity, source };
  }
  const registryToken = str(entry.registrytoken);
  if (registryToken !== undefined) {
    options.mask.add(registryToken);
    return { kind: 'registry-token', token: registryToken, source };
  }
  const auth = str(entry.auth);
  if (auth !== undefined) {
    options.mask.add(auth);
    const decoded = Buffer.from(auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) {
      options.log.warning(
        `${config.path}: the 'auth' of ${registry} is not base64 of 'user:password'; it is ignored: log in again.`,
      );
      return undefined;
    }
    options.mask.add(decoded.slice(colon + 1));
    return {
      kind: 'basic',
      username: decoded.slice(0, colon),
      password: decoded.slice(colon + 1),
      source,
    };
  }
  const username = str(entry.username);
  const password = str(entry.password);
  if (username !== undefined && password !== undefined) {
    options.mask.add(password);
    return { kind: 'basic', username, password, source };
  }
  return undefined;
}

async function lookup(
  registry: string,
  options: CredentialOptions,
  config: DockerConfig | undefined,
): Promise<RegistryCredentials | undefined> {
  const key = registryKey(registry);
  const explicit =
    options.credentials && byRegistry(options.credentials, (v) => v as UserPassword).get(key);
  if (explicit && explicit.username !== '' && explicit.password !== '') {
    options.mask.add(explicit.password);
    return { kind: 'basic', ...explicit, source: `the username/password given for ${registry}` };
  }
  if (config) {
    const helper = config.credHelpers.get(key);
    const viaHelper =
      helper !== undefined &&
      (await fromHelper(helper, key, `credHelpers in ${config.path}`, options));
    if (viaHelper) return viaHelper;
    const viaStore =
      config.credsStore !== undefined &&
      (await fromHelper(config.credsStore, key, `credsStore in ${config.path}`, options));
    if (viaStore) return viaStore;
    const entry = config.auths.get(key);
    const inline = entry && fromAuthEntry(entry, key, config, options);
    if (inline) return inline;
  }
  if (key === 'ghcr.io' && options.githubToken) {
    options.mask.add(options.githubToken);
    return {
      kind: 'basic',
      username: options.githubActor || 'x-access-token',
      password: options.githubToken,
      source: 'the github-token',
    };
  }
  return undefined;
}

/**
 * The logins of one client: the Docker config is read once, on the first lookup, and each
 * registry is looked up once (a credential helper may be slow, or ask the user).
 */
export class CredentialStore {
  private config: Promise<DockerConfig | undefined> | undefined;
  private readonly found = new Map<string, Promise<RegistryCredentials | undefined>>();

  constructor(private readonly options: CredentialOptions) {}

  /** The login for `registry` (as in image names: `docker.io`, `ghcr.io`, `127.0.0.1:5000`). */
  get(registry: string): Promise<RegistryCredentials | undefined> {
    const key = registryKey(registry);
    let found = this.found.get(key);
    if (!found) {
      this.config ??= readDockerConfig(this.options);
      found = this.config.then((config) => lookup(key, this.options, config));
      this.found.set(key, found);
    }
    return found;
  }
}
