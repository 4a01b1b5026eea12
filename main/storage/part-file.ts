import { close, fdatasync, ftruncate, type Stats, writev } from 'node:fs';
import { HaulError } from '../../shared/errors.js';
import type { FolderIo } from './folder-io.js';
import { onPool } from './on-pool.js';

/**
 * An open partial file on a raw descriptor. fs/promises' FileHandle costs a promise chain, an event
 * emitter and a thread-pool round trip per call; a thousand small downloads make ~15 calls each, so
 * that machinery was a third of the process's time. Here the metadata calls (open, fstat) go the
 * folder's way (folder-io.ts: synchronous on a local disk); what moves data or waits for the disk
 * (writev, fdatasync, ftruncate, close) stays on the pool.
 *
 * A raw descriptor number is reused by the kernel after close, so a write issued after close could
 * land in another file: `close` refuses new calls at once and closes only when the calls in flight
 * have ended (FileHandle's own rule).
 */
export class PartFile {
  readonly #fd: number;
  readonly #io: FolderIo;
  #inflight = 0;
  #drained: (() => void) | undefined;
  #closing: Promise<void> | undefined;

  private constructor(fd: number, io: FolderIo) {
    this.#fd = fd;
    this.#io = io;
  }

  /** open(2) with `flags` (numeric, from fs.constants) in a folder `io` speaks for; rejects with the system error as is. */
  static async open(io: FolderIo, path: string, flags: number, mode = 0o644): Promise<PartFile> {
    return new PartFile(await io.open(path, flags, mode), io);
  }

  /** fstat(2). */
  stat(): Promise<Stats> {
    return this.#call(() => this.#io.fstat(this.#fd));
  }

  writev(buffers: readonly Buffer[], position: number): Promise<number> {
    return this.#call(() =>
      onPool<number>((done) => {
        writev(this.#fd, buffers as Buffer[], position, done);
      }),
    );
  }

  datasync(): Promise<void> {
    return this.#call(() =>
      onPool<undefined>((done) => {
        fdatasync(this.#fd, (error) => {
          done(error, undefined);
        });
      }),
    );
  }

  truncate(length: number): Promise<void> {
    return this.#call(() =>
      onPool<undefined>((done) => {
        ftruncate(this.#fd, length, (error) => {
          done(error, undefined);
        });
      }),
    );
  }

  /** Closes once the calls in flight have ended; later calls fail. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.#inflight > 0) await new Promise<void>((resolve) => (this.#drained = resolve));
      await onPool<undefined>((done) => {
        close(this.#fd, (error) => {
          done(error, undefined);
        });
      });
    })();
    return this.#closing;
  }

  /** Runs a call on the descriptor unless it is closing, counted so that close waits for it. */
  #call<T>(call: () => Promise<T>): Promise<T> {
    if (this.#closing !== undefined) return Promise.reject(new HaulError('FILE_SYSTEM', 'the partial file was closed'));
    this.#inflight++;
    return call().finally(() => {
      if (--this.#inflight === 0) this.#drained?.();
    });
  }
}
