/**
 * The content of one blob upload, read from the caller's stream piece by piece, never whole:
 * a chunked upload takes `chunkSize` bytes per PATCH from one stream; a monolithic one sends
 * the whole stream as one body. The bytes are counted and hashed as they pass, so that a stream
 * of the wrong length or content is reported as the caller's error, not the registry's.
 */
import type { Readable } from 'node:stream';
import { Digester } from './digest.js';
import { BlobSourceError } from './errors.js';

function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return Buffer.from(value);
  throw new BlobSourceError(
    `the blob stream gave a ${typeof value}, not bytes: open() must return a byte stream`,
  );
}

export class BlobSource {
  private stream: Readable | undefined;
  private iterator: AsyncIterator<unknown> | undefined;
  private leftover: Uint8Array | undefined;
  private digester: Digester;
  private computed: string | undefined;
  /** Bytes taken from the current stream. */
  taken = 0;

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
    let stream: Readable;
    try {
      stream = this.open();
    } catch (e) {
      throw new BlobSourceError(
        `opening the content of blob ${this.digest} failed: ${(e as Error).message}`,
        {
          cause: e,
        },
      );
    }
    this.stream = stream;
    this.iterator = stream[Symbol.asyncIterator]();
    this.leftover = undefined;
    this.digester = new Digester(this.digest);
    this.computed = undefined;
    this.taken = 0;
  }

  /** The next `count` bytes, as an upload body. */
  async *take(count: number): AsyncGenerator<Uint8Array> {
    let need = count;
    while (need > 0) {
      let bytes = this.leftover;
      this.leftover = undefined;
      if (bytes === undefined) {
        const next = await this.next();
        if (next === undefined) {
          throw new BlobSourceError(
            `the content of blob ${this.digest} ended after ${this.taken} bytes, but its size was given as ${this.size}`,
          );
        }
        bytes = next;
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

  /** The whole content from a fresh `open()`, checked to end at `size`. */
  async *whole(): AsyncGenerator<Uint8Array> {
    this.reopen();
    yield* this.take(this.size);
    await this.end();
  }

  /** Checks that the stream has nothing after `size` bytes. */
  async end(): Promise<void> {
    if (
      (this.leftover !== undefined && this.leftover.length > 0) ||
      (await this.next()) !== undefined
    ) {
      throw new BlobSourceError(
        `the content of blob ${this.digest} is longer than its given size of ${this.size} bytes`,
      );
    }
  }

  /** The digest of what was taken; meaningful once `size` bytes were. */
  actualDigest(): string {
    this.computed ??= this.digester.digest();
    return this.computed;
  }

  close(): void {
    this.stream?.destroy();
    this.stream = undefined;
    this.iterator = undefined;
  }

  private async next(): Promise<Uint8Array | undefined> {
    if (!this.iterator) throw new Error('BlobSource: reopen() first');
    for (;;) {
      let result: IteratorResult<unknown>;
      try {
        result = await this.iterator.next();
      } catch (e) {
        throw new BlobSourceError(
          `reading the content of blob ${this.digest} failed: ${(e as Error).message}`,
          {
            cause: e,
          },
        );
      }
      if (result.done) return undefined;
      const bytes = toBytes(result.value);
      if (bytes.length > 0) return bytes;
    }
  }
}
