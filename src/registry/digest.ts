/**
 * Content digests (`sha256:<hex>`). Only the algorithms the OCI image spec registers are
 * accepted: an unknown one could not be verified, and every byte we hand on is verified.
 */
import { createHash, type Hash } from 'node:crypto';

const ALGORITHMS = { sha256: 64, sha512: 128 } as const;
type Algorithm = keyof typeof ALGORITHMS;

export const DIGEST_GRAMMAR = 'sha256:<64 lowercase hex digits> (or sha512:<128>)';

function algorithmOf(digest: string): Algorithm | undefined {
  const m = /^(sha256|sha512):([a-f0-9]+)$/.exec(digest);
  if (!m) return undefined;
  const algorithm = m[1] as Algorithm;
  return (m[2] as string).length === ALGORITHMS[algorithm] ? algorithm : undefined;
}

export function isDigest(text: string): boolean {
  return algorithmOf(text) !== undefined;
}

/** Throws when `digest` is not one we can verify; `what` names the argument for the message. */
export function checkDigest(digest: string, what: string): void {
  if (!isDigest(digest)) {
    throw new Error(`${what}: '${digest}' is not a digest; expected ${DIGEST_GRAMMAR}`);
  }
}

/** The digest of `bytes` with the algorithm of `like` (sha256 when not given). */
export function digestOf(bytes: Uint8Array, like?: string): string {
  const algorithm = (like && algorithmOf(like)) || 'sha256';
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/** Hashes a stream of bytes as it passes, for a digest known in advance. */
export class Digester {
  private readonly hash: Hash;
  private readonly algorithm: Algorithm;

  constructor(readonly expected: string) {
    this.algorithm = algorithmOf(expected) ?? 'sha256';
    this.hash = createHash(this.algorithm);
  }

  update(bytes: Uint8Array): void {
    this.hash.update(bytes);
  }

  /** The digest of everything seen; call once, at the end. */
  digest(): string {
    return `${this.algorithm}:${this.hash.digest('hex')}`;
  }
}
