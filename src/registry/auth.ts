/**
 * Authentication with one registry: the first request goes out without credentials; the 401's
 * WWW-Authenticate says how to log in. Basic sends the login with every later request. Bearer
 * (the Docker token protocol: distribution's docs/spec/auth/token.md) trades the login for a
 * token per set of scopes at the realm, cached until 90 % of its `expires_in` (60 s when not
 * given) has passed. A 401 with `error="insufficient_scope"` (a mount also needs pull on the
 * source repository) gets a token for the scopes asked for and those the challenge names.
 */
import { RegistryError } from './errors.js';
import type { RegistryCredentials } from './credentials.js';
import {
  type FetchInit,
  type HttpContext,
  MAX_REDIRECTS,
  type Operation,
  discard,
  fetchOnce,
  readBody,
  redirectTarget,
  statusError,
} from './http.js';
import { isLoopback } from './reference.js';
import type { SecretMask } from './secrets.js';

export interface Challenge {
  /** Lowercase: `bearer`, `basic`. */
  readonly scheme: string;
  /** Parameter names lowercased; values unquoted. */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Parses a WWW-Authenticate value (RFC 9110 §11.6.1), which may hold several challenges, and
 * quoted values with commas (`scope="repository:a:pull,push"`) and backslash escapes.
 */
export function parseChallenges(header: string): Challenge[] {
  const challenges: { scheme: string; params: Record<string, string> }[] = [];
  let i = 0;
  const skip = (chars: RegExp) => {
    while (i < header.length && chars.test(header[i] as string)) i++;
  };
  const token = () => {
    const start = i;
    while (i < header.length && !/[\s,="]/.test(header[i] as string)) i++;
    return header.slice(start, i);
  };
  for (;;) {
    skip(/[\s,]/);
    const scheme = token();
    if (scheme === '') break;
    const challenge = { scheme: scheme.toLowerCase(), params: {} as Record<string, string> };
    challenges.push(challenge);
    for (;;) {
      skip(/[\s,]/);
      const start = i;
      const name = token();
      skip(/\s/);
      if (name === '' || header[i] !== '=') {
        // The next challenge's scheme (or a token68, which no registry uses): step back.
        i = start;
        break;
      }
      i++;
      skip(/\s/);
      let value = '';
      if (header[i] === '"') {
        i++;
        while (i < header.length && header[i] !== '"') {
          if (header[i] === '\\') i++;
          value += header[i] ?? '';
          i++;
        }
        i++;
      } else {
        value = token();
      }
      challenge.params[name.toLowerCase()] = value;
    }
    if (i >= header.length) break;
  }
  return challenges;
}

/**
 * Scopes as a sorted set, the actions of one resource merged: `repository:a:pull` and
 * `repository:a:push` make `repository:a:pull,push`. The resource name is what lies between
 * the first and the last `:`.
 */
export function mergeScopes(scopes: Iterable<string>): string[] {
  const actions = new Map<string, Set<string>>();
  const plain = new Set<string>();
  for (const scope of scopes) {
    for (const one of scope.split(' ')) {
      const first = one.indexOf(':');
      const last = one.lastIndexOf(':');
      if (first === -1 || first === last) {
        if (one !== '') plain.add(one);
        continue;
      }
      const resource = one.slice(0, last);
      const set = actions.get(resource) ?? new Set<string>();
      for (const action of one.slice(last + 1).split(',')) if (action !== '') set.add(action);
      actions.set(resource, set);
    }
  }
  const merged = [...actions].map(([resource, set]) => `${resource}:${[...set].sort().join(',')}`);
  return [...merged, ...plain].sort();
}

/** Whether a token asked for `granted` was also asked for everything in `wanted`. */
function covers(granted: readonly string[], wanted: readonly string[]): boolean {
  const merged = mergeScopes([...granted, ...wanted]);
  return merged.length === granted.length && merged.every((s, i) => s === granted[i]);
}

interface Token {
  readonly scopes: readonly string[];
  readonly value: string;
  readonly expiresAt: number;
}

type Known =
  | { readonly scheme: 'basic' }
  | { readonly scheme: 'bearer'; readonly realm: URL; readonly service: string | undefined };

export interface HostAuthOptions {
  readonly http: HttpContext;
  /** `https://registry-1.docker.io`: credentials only ever go to this origin and its realm. */
  readonly origin: string;
  readonly credentials: () => Promise<RegistryCredentials | undefined>;
  /** Sent as client_id in OAuth2 refresh-token requests. */
  readonly clientId: string;
}

function basicHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** The base64 of a login is as secret as the login: a registry may echo the header back. */
function maskBasic(mask: SecretMask, credentials: RegistryCredentials | undefined): void {
  if (credentials?.kind === 'basic')
    mask.add(basicHeader(credentials.username, credentials.password).slice(6));
}

/** The authentication state of one registry, shared by all its repositories. */
export class HostAuth {
  private known: Known | undefined;
  private tokens: Token[] = [];
  private readonly pending = new Map<string, Promise<Token>>();

  constructor(private readonly options: HostAuthOptions) {}

  /** The Authorization value for a request that needs `scopes`; undefined before any challenge. */
  async authorization(scopes: readonly string[], op: Operation): Promise<string | undefined> {
    const known = this.known;
    if (known === undefined) return undefined;
    const credentials = await this.options.credentials();
    maskBasic(this.options.http.mask, credentials);
    if (known.scheme === 'basic') {
      return credentials?.kind === 'basic'
        ? basicHeader(credentials.username, credentials.password)
        : undefined;
    }
    if (credentials?.kind === 'registry-token') return `Bearer ${credentials.token}`;
    return `Bearer ${(await this.token(known, mergeScopes(scopes), op)).value}`;
  }

  /**
   * Learns from a 401 of the registry. Returns the scopes to ask for in the next try, or
   * undefined when another try cannot help (no login to send, or an unknown scheme).
   */
  async challenged(
    header: string | null,
    scopes: readonly string[],
    sent: string | undefined,
  ): Promise<string[] | undefined> {
    const challenges = parseChallenges(header ?? '');
    const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params.realm);
    if (bearer) {
      let realm: URL;
      try {
        realm = new URL(bearer.params.realm as string);
      } catch {
        return undefined;
      }
      this.known = { scheme: 'bearer', realm, service: bearer.params.service };
      if (sent?.startsWith('Bearer ')) {
        const refused = sent.slice('Bearer '.length);
        this.tokens = this.tokens.filter((t) => t.value !== refused);
        // A registry token from the config cannot be traded for a better one.
        if ((await this.options.credentials())?.kind === 'registry-token') return undefined;
      }
      return mergeScopes([...scopes, ...(bearer.params.scope ?? '').split(' ')]);
    }
    if (challenges.some((c) => c.scheme === 'basic')) {
      this.known = { scheme: 'basic' };
      const credentials = await this.options.credentials();
      if (credentials?.kind !== 'basic') return undefined;
      return sent === basicHeader(credentials.username, credentials.password)
        ? undefined
        : [...scopes];
    }
    return undefined;
  }

  private token(
    known: Known & { scheme: 'bearer' },
    scopes: string[],
    op: Operation,
  ): Promise<Token> {
    const now = this.options.http.now();
    this.tokens = this.tokens.filter((t) => t.expiresAt > now);
    const cached = this.tokens.find((t) => covers(t.scopes, scopes));
    if (cached) return Promise.resolve(cached);
    const key = `${known.realm.href} ${scopes.join(' ')}`;
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.fetchToken(known, scopes, op).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return pending;
  }

  private async fetchToken(
    known: Known & { scheme: 'bearer' },
    scopes: string[],
    op: Operation,
  ): Promise<Token> {
    const { http } = this.options;
    const credentials = await this.options.credentials();
    maskBasic(http.mask, credentials);
    const realm = known.realm;
    // A password may cross the network only encrypted, or not leave the machine.
    const safe =
      realm.protocol === 'https:' || (realm.protocol === 'http:' && isLoopback(realm.host));
    if (credentials && credentials.kind !== 'registry-token' && !safe) {
      http.log.warning(
        `${op.registry} sends logins to ${realm.origin}, which is neither https nor on this machine; asking it for an anonymous token instead.`,
      );
    }
    const tokenOp: Operation = {
      ...op,
      name: `${op.name} (token from ${realm.origin}${realm.pathname})`,
    };
    let url: URL;
    let init: FetchInit;
    if (credentials?.kind === 'identity-token' && safe) {
      url = new URL(realm);
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: credentials.token,
        client_id: this.options.clientId,
        ...(known.service !== undefined && { service: known.service }),
        ...(scopes.length > 0 && { scope: scopes.join(' ') }),
      });
      init = {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      };
    } else {
      url = new URL(realm);
      if (known.service !== undefined) url.searchParams.set('service', known.service);
      for (const scope of scopes) url.searchParams.append('scope', scope);
      const headers: Record<string, string> = {};
      if (credentials?.kind === 'basic' && safe) {
        url.searchParams.set('account', credentials.username);
        headers.authorization = basicHeader(credentials.username, credentials.password);
      }
      init = { method: 'GET', headers };
    }
    const realmOrigin = url.origin;
    let res: Response | undefined;
    for (let redirects = 0; ; redirects++) {
      res = await fetchOnce(http, tokenOp, url, init);
      const next = redirectTarget(res, url);
      if (!next) break;
      await discard(res);
      if (redirects >= MAX_REDIRECTS) throw this.tooManyRedirects(tokenOp);
      if (next.origin !== realmOrigin) {
        const headers = { ...init.headers };
        delete headers.authorization;
        init = { ...init, headers };
      }
      url = next;
    }
    if (res.status !== 200)
      throw await statusError(http, tokenOp, res, 'the token service answered ');
    const body = Buffer.from(await readBody(res, 1024 * 1024, tokenOp, url, http.mask)).toString(
      'utf8',
    );
    let reply: { token?: unknown; access_token?: unknown; expires_in?: unknown };
    try {
      reply = JSON.parse(body) as typeof reply;
    } catch {
      reply = {};
    }
    const value =
      typeof reply.token === 'string' && reply.token !== ''
        ? reply.token
        : typeof reply.access_token === 'string'
          ? reply.access_token
          : '';
    if (value === '') {
      throw new RegistryError({
        registry: op.registry,
        operation: tokenOp.name,
        problem: 'the token service answered without a token',
        hint: `Check that ${realm.origin} is the token service of ${op.registry}.`,
      });
    }
    http.mask.add(value);
    const seconds =
      typeof reply.expires_in === 'number' && reply.expires_in > 0 ? reply.expires_in : 60;
    const token = { scopes, value, expiresAt: http.now() + seconds * 900 };
    this.tokens.push(token);
    return token;
  }

  private tooManyRedirects(op: Operation): RegistryError {
    return new RegistryError({
      registry: op.registry,
      operation: op.name,
      problem: `more than ${MAX_REDIRECTS} redirects`,
      hint: 'Check the registry address and any proxy in front of it.',
    });
  }
}
