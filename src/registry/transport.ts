/**
 * One request to a registry, as one try: authentication (HostAuth answers the 401s) and
 * redirects, followed here rather than by fetch so that Authorization never goes to another
 * origin than the registry's (blob downloads redirect to storage such as S3, which must not see
 * the registry's token). Retrying the try is the caller's business: only it knows whether the
 * body can be sent again.
 */
import type { HostAuth } from './auth.js';
import { RegistryError } from './errors.js';
import {
  type HttpContext,
  MAX_REDIRECTS,
  type Operation,
  type RequestBody,
  discard,
  fetchOnce,
  redirectTarget,
} from './http.js';

export type HttpMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

export interface SendRequest {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Makes the body; called for each time the request is sent (again after a 401, or on a 307).
   * A body that cannot be made twice throws a retryable RegistryError from the second call.
   */
  readonly body?: () => RequestBody;
  /** The token scopes the request needs: `repository:acme/app:pull`. */
  readonly scopes: readonly string[];
}

/** The most 401s one request answers (anonymous → token → a token with more scopes). */
const MAX_CHALLENGES = 2;

export class HostSession {
  constructor(
    readonly http: HttpContext,
    readonly auth: HostAuth,
    /** `http://127.0.0.1:5000`, `https://registry-1.docker.io`. */
    readonly origin: string,
  ) {}

  /**
   * Sends `req` and returns the final response, whatever its status; its body is the caller's.
   * With `followRedirects` false, a redirect is returned as it came.
   */
  async send(op: Operation, req: SendRequest, followRedirects = true): Promise<Response> {
    let url = req.url;
    let method: HttpMethod = req.method;
    let body = req.body;
    let scopes = req.scopes;
    let challenges = 0;
    for (let redirects = 0; ;) {
      const ours = url.origin === this.origin;
      const headers: Record<string, string> = { ...req.headers };
      const authorization = ours ? await this.auth.authorization(scopes, op) : undefined;
      if (authorization !== undefined) headers.authorization = authorization;
      const res = await fetchOnce(this.http, op, url, {
        method,
        headers,
        ...(body !== undefined && { body: body() }),
      });
      const next = followRedirects ? redirectTarget(res, url) : undefined;
      if (next) {
        await discard(res);
        if (++redirects > MAX_REDIRECTS) {
          throw new RegistryError({
            registry: op.registry,
            operation: op.name,
            problem: `more than ${MAX_REDIRECTS} redirects, the last to ${next.origin}`,
            hint: 'Check the registry address and any proxy in front of it.',
          });
        }
        // As browsers do: 303, and 301/302 after a POST, continue with a GET without body.
        if (
          res.status === 303 ||
          (method === 'POST' && (res.status === 301 || res.status === 302))
        ) {
          method = 'GET';
          body = undefined;
        }
        url = next;
        continue;
      }
      if (res.status === 401 && ours && challenges < MAX_CHALLENGES) {
        const more = await this.auth.challenged(
          res.headers.get('www-authenticate'),
          scopes,
          authorization,
        );
        if (more !== undefined) {
          await discard(res);
          challenges++;
          scopes = more;
          continue;
        }
      }
      return res;
    }
  }
}
