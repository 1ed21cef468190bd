/**
 * The content of one blob upload, read from the caller's stream piece by piece, never whole:
 * a chunked upload takes `chunkSize` bytes per PATCH from one stream; a monolithic one sends
 * the whole stream as one body. The bytes are counted and hashed as they pass, so that a stream
 * of the wrong length or content is reported as the caller's error, not the registry's.
 */
import type { Readable } from 'node:stream';
import { Digester } from './digest.js';
import { BlobSourceError } from './errors.js';

export class BlobSource {
  private stream: Readable | undefined;
  private iterator: AsyncIterator<unknown> | undefined;
  private leftover: Uint8Array | undefined;
  private digester: Digester;
  private computed: string | undefined;
  /** Bytes taken from the current stream. */
  taken = 0;
  /**
   * What went wrong with the caller's content in this read. Kept here because fetch wraps an
   * error thrown by a body (and, from another realm as under jest, replaces it by a copy).
   */
  failure: BlobSourceError | undefined;

  constructor(
    private readonly open: () => Readable,
    readonly size: number,
    readonly digest: string,
    private readonly onBytes: (count: number) => void,
  ) {
    this.digester = new Digester(digest);
  }

  /** Starts reading from a fresh `open()`, dropping any stream opened before. */
  reopen(): void {
    this.close();
    this.failure = undefined;
    this.leftover = undefined;
    this.digester = new Digester(this.digest);
    this.computed = undefined;
    this.taken = 0;
    try {
      this.stream = this.open();
    } catch (e) {
      this.fail(`opening the content of blob ${this.digest} failed: ${(e as Error).message}`, e);
    }
    // A stream can fail before its first read (a file removed before the first PATCH is sent,
    // while that PATCH waits for a token): with no listener, that 'error' would crash the
    // process. The failure still reaches us: the iterator rejects with it on the first read.
    this.stream.on('error', () => undefined);
    this.iterator = this.stream[Symbol.asyncIterator]();
  }

  /** The next `count` bytes, as an upload body. */
  async *take(count: number): AsyncGenerator<Uint8Array> {
    let need = count;
    while (need > 0) {
      let bytes = this.leftover ?? (await this.next());
      this.leftover = undefined;
      if (bytes === undefined) {
        this.fail(
          `the content of blob ${this.digest} ended after ${this.taken} bytes, but its size was given as ${this.size}`,
        );
      }
      if (bytes.length > need) {
        this.leftover = bytes.subarray(need);
        bytes = bytes.subarray(0, need);
      }
      need -= bytes.length;
      this.taken += bytes.length;
      this.digester.update(bytes);
      this.onBytes(bytes.length);
      yield bytes;
    }
  }

  /**
   * The whole content from a fresh `open()`. The last piece is held back until the length and
   * the digest are checked: a registry never receives all of a wrong blob, so it cannot keep it.
   */
  async *whole(): AsyncGenerator<Uint8Array> {
    this.reopen();
    let held: Uint8Array | undefined;
    for await (const piece of this.take(this.size)) {
      if (held) yield held;
      held = piece;
    }
    await this.end();
    this.checkDigest();
    if (held) yield held;
  }

  /** Checks that the stream has nothing after `size` bytes. */
  async end(): Promise<void> {
    if (
      (this.leftover !== undefined && this.leftover.length > 0) ||
      (await this.next()) !== undefined
    ) {
      this.fail(
        `the content of blob ${this.digest} is longer than its given size of ${this.size} bytes`,
      );
    }
  }

  /** Checks, once `size` bytes were taken, that they hash to the digest. */
  checkDigest(): void {
    this.computed ??= this.digester.digest();
    if (this.computed !== this.digest) {
      this.fail(
        `the content of blob ${this.digest} hashes to ${this.computed}: the digest is wrong, or the content changed while it was read`,
      );
    }
  }

  close(): void {
    this.stream?.destroy();
    this.stream = undefined;
    this.iterator = undefined;
  }

  private fail(message: string, cause?: unknown): never {
    this.failure = new BlobSourceError(message, cause === undefined ? undefined : { cause });
    throw this.failure;
  }

  private async next(): Promise<Uint8Array | undefined> {
    if (!this.iterator) throw new Error('BlobSource: reopen() first');
    for (;;) {
      let result: IteratorResult<unknown>;
      try {
        result = await this.iterator.next();
      } catch (e) {
        this.fail(`reading the content of blob ${this.digest} failed: ${(e as Error).message}`, e);
      }
      if (result.done) return undefined;
      const value = result.value;
      if (typeof value === 'string') return Buffer.from(value);
      if (!ArrayBuffer.isView(value)) {
        this.fail(
          `the content of blob ${this.digest} came as ${typeof value}, not bytes: open() must return a byte stream`,
        );
      }
      if (value.byteLength > 0)
        return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    }
  }
}
