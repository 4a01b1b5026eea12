import { performance } from 'node:perf_hooks';
import type { PartFile } from './part-file.js';

const FLUSH_AT = 1 << 18;
const MAX_IOVECS = 512;

/**
 * Writes one sequential stream of bytes at its own offset of a shared file (positional writes, so
 * several segments can share one `.part` without an assembling step). Chunks are gathered into
 * ~1 MiB writev calls; one write is in flight while the next buffer fills, and `push` waits only
 * when both are busy, which is what turns slow disks into TCP backpressure.
 */
export class SegmentWriter {
  readonly #file: PartFile;
  #chunks: Buffer[] = [];
  #buffered = 0;
  #next: number;
  #written: number;
  #inflight: Promise<void> | undefined;
  #failure: Error | undefined;
  #waitedMs = 0;

  constructor(file: PartFile, position: number) {
    this.#file = file;
    this.#next = position;
    this.#written = position;
  }

  /** Offset up to which bytes are handed to the OS. */
  get written(): number {
    return this.#written;
  }

  /** Milliseconds `push` has spent waiting for the disk to take the write before (its backpressure). */
  get waitedMs(): number {
    return this.#waitedMs;
  }

  async push(chunk: Buffer): Promise<void> {
    this.#throwIfFailed();
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    if (this.#buffered < FLUSH_AT) return;
    if (this.#inflight !== undefined) {
      const from = performance.now();
      await this.#inflight;
      this.#waitedMs += performance.now() - from;
    }
    this.#throwIfFailed();
    if (this.#buffered > 0) this.#startWrite();
  }

  /**
   * Writes everything pushed before this call (not what is pushed while it runs, or a busy stream
   * would keep it waiting); resolves to the offset now handed to the OS.
   */
  async flush(): Promise<number> {
    const target = this.#next + this.#buffered;
    if (this.#buffered > 0) this.#startWrite();
    while (this.#written < target && this.#inflight !== undefined && this.#failure === undefined) await this.#inflight;
    this.#throwIfFailed();
    return this.#written;
  }

  /** Writes are chained, so `written` only ever advances over bytes that are all on their way to disk. */
  #startWrite(): void {
    const chunks = this.#chunks.length > MAX_IOVECS ? [Buffer.concat(this.#chunks)] : this.#chunks;
    const position = this.#next;
    const length = this.#buffered;
    this.#chunks = [];
    this.#buffered = 0;
    this.#next += length;
    const previous = this.#inflight ?? Promise.resolve();
    const write = previous
      .then(() => (this.#failure === undefined ? writeAll(this.#file, chunks, position) : undefined))
      .then(
        () => {
          if (this.#failure === undefined) this.#written = position + length;
        },
        (error: unknown) => {
          this.#failure = error instanceof Error ? error : new Error(String(error));
        },
      );
    this.#inflight = write;
    void write.then(() => {
      if (this.#inflight === write) this.#inflight = undefined;
    });
  }

  #throwIfFailed(): void {
    if (this.#failure !== undefined) throw this.#failure;
  }
}

async function writeAll(file: PartFile, chunks: Buffer[], position: number): Promise<void> {
  let buffers = chunks;
  let at = position;
  while (buffers.length > 0) {
    const bytesWritten = await file.writev(buffers, at);
    at += bytesWritten;
    let skip = bytesWritten;
    const rest: Buffer[] = [];
    for (const buffer of buffers) {
      if (skip >= buffer.length) skip -= buffer.length;
      else {
        rest.push(skip > 0 ? buffer.subarray(skip) : buffer);
        skip = 0;
      }
    }
    buffers = rest;
  }
}
