/**
 * Retries of transient failures: 429, 5xx, dropped connections, truncated bodies, a body that
 * does not hash to its digest. Waits grow exponentially with jitter (so that the parallel
 * pushes of a matrix build do not come back in step) and follow Retry-After when the registry
 * sends one, within maxDelayMs.
 */
import { RegistryError } from './errors.js';
import type { RegistryLog } from './types.js';

export interface RetryOptions {
  /** Tries per operation, the first included (default 4; 1 turns retries off). */
  readonly tries?: number;
  /** The wait before the second try, doubled for each further one, ±25 % (default 500 ms). */
  readonly baseDelayMs?: number;
  /** The longest wait, Retry-After included (default 30 s). */
  readonly maxDelayMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    tries: Math.max(1, Math.floor(options.tries ?? 4)),
    baseDelayMs: Math.max(0, options.baseDelayMs ?? 500),
    maxDelayMs: Math.max(0, options.maxDelayMs ?? 30_000),
  };
}

/** A Retry-After value (delta seconds or an HTTP date) as milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The wait after `failures` failed tries. */
export function backoffDelay(
  policy: RetryPolicy,
  failures: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const exponential = policy.baseDelayMs * 2 ** (failures - 1) * (0.75 + random() * 0.5);
  return Math.round(Math.min(policy.maxDelayMs, Math.max(exponential, retryAfterMs ?? 0)));
}

/** The tries of one operation; shared by a streamed download and its resumptions. */
export class Attempts {
  tries = 0;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly log: RegistryLog,
    private readonly onRetry: () => void,
  ) {}

  /**
   * After a failure: waits and returns when another try is due; otherwise throws the error
   * (a RegistryError saying how many tries were made).
   */
  async failed(error: unknown): Promise<void> {
    if (!(error instanceof RegistryError)) throw error;
    if (!error.retryable || this.tries >= this.policy.tries) throw error.withTries(this.tries);
    const delay = backoffDelay(this.policy, this.tries, error.retryAfterMs);
    this.log.debug(`${error.message} Trying again in ${delay} ms.`);
    this.onRetry();
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

export async function withRetries<T>(
  policy: RetryPolicy,
  log: RegistryLog,
  onRetry: () => void,
  fn: () => Promise<T>,
): Promise<T> {
  const attempts = new Attempts(policy, log, onRetry);
  for (;;) {
    attempts.tries++;
    try {
      return await fn();
    } catch (e) {
      await attempts.failed(e);
    }
  }
}
