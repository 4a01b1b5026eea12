import { close, closeSync, fdatasync, fstatSync, ftruncate, openSync, type Stats, writev } from 'node:fs';
import { HaulError } from '../../shared/errors.js';

/**
 * An open partial file on a raw descriptor. fs/promises' FileHandle costs a promise chain, an event
 * emitter and a thread-pool round trip per call; a thousand small downloads make ~15 calls each, so
 * that machinery was a third of the process's time. Here the metadata calls (open, fstat) are
 * synchronous, microseconds on a local disk, and never queue behind the pool's fsyncs; what moves
 * data or waits for the disk (writev, fdatasync, ftruncate, close) stays on the pool.
 *
 * A raw descriptor number is reused by the kernel after close, so a write issued after close could
 * land in another file: `close` refuses new calls at once and closes only when the calls in flight
 * have ended (FileHandle's own rule).
 */
export class PartFile {
  readonly #fd: number;
  #inflight = 0;
  #drained: (() => void) | undefined;
  #closing: Promise<void> | undefined;

  private constructor(fd: number) {
    this.#fd = fd;
  }

  /** open(2) with `flags` (numeric, from fs.constants); throws the system error as is. */
  static open(path: string, flags: number, mode = 0o644): PartFile {
    return new PartFile(openSync(path, flags, mode));
  }

  /** fstat(2), synchronous. */
  stat(): Stats {
    this.#check();
    return fstatSync(this.#fd);
  }

  writev(buffers: readonly Buffer[], position: number): Promise<number> {
    return this.#call<number>((done) => {
      writev(this.#fd, buffers as Buffer[], position, (error, written) => {
        done(error, written);
      });
    });
  }

  datasync(): Promise<void> {
    return this.#call<undefined>((done) => {
      fdatasync(this.#fd, (error) => {
        done(error, undefined);
      });
    });
  }

  truncate(length: number): Promise<void> {
    return this.#call<undefined>((done) => {
      ftruncate(this.#fd, length, (error) => {
        done(error, undefined);
      });
    });
  }

  /** Closes once the calls in flight have ended; later calls fail. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.#inflight > 0) await new Promise<void>((resolve) => (this.#drained = resolve));
      await new Promise<void>((resolve, reject) => {
        close(this.#fd, (error) => {
          if (error === null) resolve();
          else reject(error);
        });
      });
    })();
    return this.#closing;
  }

  /** Closes now, for error paths before any call was made. */
  closeSync(): void {
    if (this.#closing !== undefined) return;
    this.#closing = Promise.resolve();
    closeSync(this.#fd);
  }

  #check(): void {
    if (this.#closing !== undefined) throw new HaulError('FILE_SYSTEM', 'the partial file was closed');
  }

  #call<T>(start: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
    if (this.#closing !== undefined) return Promise.reject(new HaulError('FILE_SYSTEM', 'the partial file was closed'));
    this.#inflight++;
    return new Promise<T>((resolve, reject) => {
      start((error, value) => {
        if (--this.#inflight === 0) this.#drained?.();
        if (error === null) resolve(value);
        else reject(error);
      });
    });
  }
}
