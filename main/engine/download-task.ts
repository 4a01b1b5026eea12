import { constants, type FileHandle, mkdir, open, rm, stat } from 'node:fs/promises';
import type { Got, Request } from 'got';
import { setTimeout as sleep } from 'node:timers/promises';
import { claimTarget, partPath, relockTarget } from '../storage/claim-target.js';
import { commitFile } from '../storage/commit-file.js';
import type { FileLock } from '../storage/file-lock.js';
import { freeSpace } from '../storage/free-space.js';
import { hashFile } from '../storage/hash-file.js';
import { SegmentWriter } from '../storage/segment-writer.js';
import { calculateRetryDelay, type RetryPolicy } from './calculate-retry-delay.js';
import { chooseFileName } from './choose-file-name.js';
import { decideResponse, ifRangeValue, type ResponseHead } from './decide-response.js';
import type { DownloadRecord, RecordedError } from './download-record.js';
import type { DownloadStatus } from './download-status.js';
import { HaulError, toHaulError } from './errors.js';
import { formatBytes } from './parse-rate.js';
import type { HostSlots } from './host-slots.js';
import { throttle, TokenBucket } from './token-bucket.js';

export type StopReason = 'pause' | 'cancel' | 'requeue' | 'shutdown';

type Patch = { -readonly [K in keyof DownloadRecord]?: DownloadRecord[K] | undefined };

/** What a task needs from its engine; the engine owns state, the task owns one download's I/O. */
export interface TaskContext {
  readonly got: Got;
  readonly policy: RetryPolicy;
  readonly stallTimeoutMs: number;
  readonly globalBucket: TokenBucket;
  readonly hostSlots: HostSlots;
  /** Moves the task to a new status (checked against the legal transitions), journalled and emitted. */
  transition(task: DownloadTask, status: DownloadStatus, patch?: Patch): void;
  /** Changes recorded fields without a change of status; `durable` fsyncs the journal. */
  update(task: DownloadTask, patch: Patch, durable: boolean): void;
  /** Called once a run loop has fully unwound (files closed, status settled). */
  settled(task: DownloadTask): void;
  /** True when `name` in `dir` is the partial of some download this engine knows. */
  ownsPart(dir: string, name: string): boolean;
}

const RESTART_LIMIT = 5;

/**
 * One download's life: attempts, backoff, the partial file, its lock, verification and the final
 * rename. Bytes are counted live in `bytes`; what the journal holds only ever covers bytes that were
 * written and fsynced first.
 */
export class DownloadTask {
  record: DownloadRecord;
  readonly bucket: TokenBucket;
  readonly #ctx: TaskContext;
  #pos: number;
  #file: FileHandle | undefined;
  #writer: SegmentWriter | undefined;
  #lock: FileLock | undefined;
  #controller: AbortController | undefined;
  #stop: StopReason | undefined;
  #running: Promise<void> | undefined;
  #checkpointing: Promise<void> | undefined;

  constructor(record: DownloadRecord, ctx: TaskContext) {
    this.record = record;
    this.#ctx = ctx;
    this.bucket = new TokenBucket(record.limit);
    this.#pos = record.segments[0]?.pos ?? 0;
  }

  get bytes(): number {
    return this.#pos;
  }

  get host(): string {
    return new URL(this.record.url).host;
  }

  get isRunning(): boolean {
    return this.#running !== undefined;
  }

  /** Starts the attempt loop; the first host slot is taken synchronously when free. */
  start(): void {
    if (this.#running !== undefined) return;
    this.#stop = undefined;
    const controller = new AbortController();
    this.#controller = controller;
    this.#running = this.#run(controller.signal)
      .catch((error: unknown) => {
        // A bug must not leave a download spinning in an active state: report it as a failure.
        const failure = toHaulError(error);
        try {
          this.#ctx.transition(this, 'failed', { error: recorded(failure), retryAt: undefined });
        } catch {
          this.record = { ...this.record, status: 'failed', error: recorded(failure) };
        }
      })
      .finally(() => {
      this.#running = undefined;
      this.#controller = undefined;
      this.#ctx.settled(this);
    });
  }

  /** Ends the attempt loop for `reason` and resolves once files are closed and the status settled. */
  async stop(reason: StopReason): Promise<void> {
    if (this.#running === undefined) return;
    this.#stop ??= reason;
    this.#controller?.abort(new HaulError('ABORTED', reason));
    await this.#running;
  }

  /** Makes the bytes written so far durable, then records them. */
  checkpoint(): Promise<void> {
    this.#checkpointing ??= this.#doCheckpoint().finally(() => {
      this.#checkpointing = undefined;
    });
    return this.#checkpointing;
  }

  async #doCheckpoint(): Promise<void> {
    const writer = this.#writer;
    const file = this.#file;
    if (writer === undefined || file === undefined) return;
    const written = await writer.flush();
    await file.datasync();
    if (written !== this.record.segments[0]?.pos) {
      this.#ctx.update(this, { segments: [{ start: 0, end: this.record.total, pos: written }] }, false);
    }
  }

  async #run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    let restarts = 0;
    const host = this.host;
    for (;;) {
      this.#ctx.transition(this, 'connecting', { retryAt: undefined });
      const before = this.#pos;
      let error: HaulError | undefined;
      let outcome: 'done' | 'restart' | undefined;
      let slot = false;
      try {
        await this.#ctx.hostSlots.acquire(host, signal);
        slot = true;
        outcome = await this.#attempt(signal);
      } catch (caught) {
        error = toHaulError(caught);
      } finally {
        if (slot) this.#ctx.hostSlots.release(host);
      }
      if (outcome === 'done' && this.#stop === undefined) {
        try {
          await this.#finish(signal);
          return;
        } catch (caught) {
          error = toHaulError(caught);
        }
      }
      await this.checkpoint().catch((caught: unknown) => {
        error ??= toHaulError(caught, 'saving progress');
      });
      if (this.#stop !== undefined) {
        await this.#settleStop(this.#stop);
        return;
      }
      if (outcome === 'restart' && error === undefined) {
        if (++restarts <= RESTART_LIMIT) continue;
        error = new HaulError('RANGE_MISMATCH', 'the file keeps changing on the server while it downloads');
      }
      await this.#closeFile();
      const failure = error ?? new HaulError('UNKNOWN', 'attempt ended without a result');
      if (this.#pos > before) failures = 0;
      failures++;
      const delay = calculateRetryDelay(failures, failure, this.#ctx.policy);
      if (delay === undefined) {
        await this.#releaseLock();
        this.#ctx.transition(this, 'failed', { error: recorded(failure), retryAt: undefined });
        return;
      }
      this.#ctx.transition(this, 'retrying', {
        retryAt: Date.now() + delay,
        error: recorded(failure),
        attempts: this.record.attempts + 1,
      });
      await sleep(delay, undefined, { signal }).catch(() => undefined);
      const stop = this.#stopRequested();
      if (stop !== undefined) {
        await this.#settleStop(stop);
        return;
      }
    }
  }

  /** Read through a method: pause and cancel set it from outside while this loop awaits. */
  #stopRequested(): StopReason | undefined {
    return this.#stop;
  }

  async #attempt(signal: AbortSignal): Promise<'done' | 'restart'> {
    const record = this.record;
    if (record.name !== undefined) {
      this.#lock ??= await relockTarget(record.dir, record.name);
      await this.#openPart(false);
      if (record.total !== undefined && this.#pos === record.total) return 'done';
    } else {
      this.#pos = 0;
    }
    const start = this.#pos;
    const headers: Record<string, string> = { ...record.headers, 'accept-encoding': 'identity' };
    if (start > 0) {
      headers.range = `bytes=${start}-`;
      const ifRange = ifRangeValue(record.etag, record.lastModified);
      if (ifRange !== undefined) headers['if-range'] = ifRange;
    }
    const attempt = new AbortController();
    const abortAttempt = (): void => {
      attempt.abort(signal.reason);
    };
    signal.addEventListener('abort', abortAttempt, { once: true });
    const stream = this.#ctx.got.stream(record.url, { headers, signal: attempt.signal });
    // Errors surface through the response promise and the async iterator; this keeps an error
    // between the two from becoming an uncaught 'error' event.
    stream.on('error', () => undefined);
    try {
      const response = await responseOf(stream);
      const decision = decideResponse(
        { start, knownTotal: record.total, etag: record.etag, lastModified: record.lastModified },
        response,
      );
      switch (decision.kind) {
        case 'error':
          throw decision.error;
        case 'complete':
          return 'done';
        case 'restart':
          await this.#discardPartial();
          return 'restart';
        case 'body':
          break;
      }
      if (decision.start === 0 && this.#pos > 0) {
        // A 200 to a ranged request, or a new version of the file: start over in a clean file.
        await this.#discardPartial();
        await this.#openPart(true);
      }
      this.#ctx.update(
        this,
        { total: decision.total, etag: decision.etag, lastModified: decision.lastModified, error: undefined },
        false,
      );
      if (this.record.name === undefined) {
        const desired = chooseFileName({
          url: response.url,
          requested: record.requestedName,
          contentDisposition: header(response, 'content-disposition'),
          contentType: header(response, 'content-type'),
        });
        await mkdir(record.dir, { recursive: true });
        const claimed = await claimTarget(record.dir, desired, { ownsPart: (name) => this.#ctx.ownsPart(record.dir, name) });
        this.#lock = claimed.lock;
        this.#ctx.update(this, { name: claimed.name }, true);
        await this.#openPart(true);
      }
      await this.#checkSpace(decision.total);
      this.#ctx.transition(this, 'downloading');
      await this.#pump(stream, decision.total, attempt);
      return 'done';
    } finally {
      signal.removeEventListener('abort', abortAttempt);
      stream.destroy();
    }
  }

  async #pump(stream: Request, total: number | undefined, attempt: AbortController): Promise<void> {
    const writer = this.#writer;
    if (writer === undefined) throw new HaulError('FILE_SYSTEM', 'partial file is not open');
    const buckets = [this.#ctx.globalBucket, this.bucket];
    const stallMs = this.#ctx.stallTimeoutMs;
    let lastActivity = performance.now();
    const watchdog = setInterval(
      () => {
        if (performance.now() - lastActivity > stallMs) {
          attempt.abort(new HaulError('STALLED', `no data received for ${Math.round(stallMs / 1000)} s`));
        }
      },
      Math.max(50, Math.min(1000, stallMs / 4)),
    );
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (total !== undefined && this.#pos + chunk.length > total) {
          const keep = total - this.#pos;
          if (keep > 0) {
            await writer.push(chunk.subarray(0, keep));
            this.#pos += keep;
          }
          throw new HaulError('LENGTH_MISMATCH', `the server sent more than the ${total} bytes it announced`);
        }
        await throttle(buckets, chunk.length, attempt.signal);
        await writer.push(chunk);
        this.#pos += chunk.length;
        lastActivity = performance.now();
      }
    } catch (error) {
      const reason: unknown = attempt.signal.reason;
      throw reason instanceof HaulError && reason.code !== 'ABORTED' ? reason : error;
    } finally {
      clearInterval(watchdog);
    }
    if (attempt.signal.aborted) {
      const reason: unknown = attempt.signal.reason;
      throw reason instanceof HaulError ? reason : new HaulError('ABORTED', 'aborted');
    }
    await writer.flush();
    if (total !== undefined && this.#pos < total) {
      throw new HaulError('LENGTH_MISMATCH', `the connection ended after ${this.#pos} of ${total} bytes`);
    }
    if (total === undefined) this.#ctx.update(this, { total: this.#pos }, false);
  }

  async #finish(signal: AbortSignal): Promise<void> {
    this.#ctx.transition(this, 'verifying');
    const { dir, name, total, checksum } = this.record;
    if (name === undefined) throw new HaulError('UNKNOWN', 'no file name was chosen');
    const part = partPath(dir, name);
    await this.checkpoint();
    await this.#file?.sync();
    await this.#closeFile();
    const size = (await stat(part)).size;
    if (total !== undefined && size !== total) {
      this.#pos = Math.min(this.#pos, size);
      throw new HaulError('LENGTH_MISMATCH', `the partial file holds ${size} bytes, expected ${total}`);
    }
    if (checksum !== undefined) {
      const actual = await hashFile(part, checksum.algorithm, signal);
      if (actual !== checksum.hex) {
        await this.#discardPartial();
        throw new HaulError('CHECKSUM_MISMATCH', `${checksum.algorithm} mismatch: expected ${checksum.hex}, got ${actual}`);
      }
    }
    let finalName = name;
    while (!(await commitFile(part, dir, finalName))) {
      // Someone put a file under our name while we downloaded: never replace it, take the next free name.
      const claimed = await claimTarget(dir, name, { ownsPart: () => false });
      await this.#releaseLock();
      this.#lock = claimed.lock;
      finalName = claimed.name;
    }
    await this.#releaseLock();
    this.#ctx.transition(this, 'completed', {
      name: finalName,
      total: size,
      segments: [{ start: 0, end: size, pos: size }],
      completedAt: Date.now(),
      error: undefined,
      retryAt: undefined,
    });
  }

  /** Opens `<name>.part`, trusting only the journalled bytes; anything less on disk means start over. */
  async #openPart(truncate: boolean): Promise<void> {
    const { dir, name } = this.record;
    if (name === undefined) throw new HaulError('UNKNOWN', 'no file name was chosen');
    if (this.#file === undefined) {
      // Not 'a': appending ignores positions, and segments write at their own offsets.
      this.#file = await open(partPath(dir, name), constants.O_RDWR | constants.O_CREAT, 0o644);
    }
    const durable = this.record.segments[0]?.pos ?? 0;
    const size = (await this.#file.stat()).size;
    this.#pos = truncate || size < durable ? 0 : durable;
    if (size !== this.#pos) await this.#file.truncate(this.#pos);
    if (this.#pos !== durable) this.#ctx.update(this, { segments: [{ start: 0, end: this.record.total, pos: this.#pos }] }, true);
    this.#writer = new SegmentWriter(this.#file, this.#pos);
  }

  async #discardPartial(): Promise<void> {
    if (this.#writer !== undefined) await this.#writer.flush().catch(() => undefined);
    if (this.#file !== undefined) await this.#file.truncate(0);
    else if (this.record.name !== undefined) await rm(partPath(this.record.dir, this.record.name), { force: true });
    this.#pos = 0;
    if (this.#file !== undefined) this.#writer = new SegmentWriter(this.#file, 0);
    this.#ctx.update(this, { segments: [], total: undefined, etag: undefined, lastModified: undefined }, true);
  }

  async #checkSpace(total: number | undefined): Promise<void> {
    if (total === undefined) return;
    const needed = total - this.#pos;
    const free = await freeSpace(this.record.dir);
    if (free !== undefined && free < needed) {
      throw new HaulError('NO_SPACE', `not enough disk space: ${formatBytes(needed)} needed, ${formatBytes(free)} free in ${this.record.dir}`);
    }
  }

  async #settleStop(reason: StopReason): Promise<void> {
    await this.#closeFile();
    if (reason === 'cancel') {
      if (this.record.name !== undefined) await rm(partPath(this.record.dir, this.record.name), { force: true }).catch(() => undefined);
      this.#pos = 0;
    }
    await this.#releaseLock();
    const next: DownloadStatus = reason === 'pause' ? 'paused' : reason === 'cancel' ? 'cancelled' : 'queued';
    this.#ctx.transition(this, next, { retryAt: undefined });
  }

  async #closeFile(): Promise<void> {
    const file = this.#file;
    const writer = this.#writer;
    this.#file = undefined;
    this.#writer = undefined;
    if (file === undefined) return;
    try {
      if (writer !== undefined) await writer.flush();
      await file.datasync();
    } catch {
      // The error that made us close (ENOSPC, EIO) was already reported; what is durable is journalled below.
    } finally {
      await file.close().catch(() => undefined);
    }
  }

  async #releaseLock(): Promise<void> {
    const lock = this.#lock;
    this.#lock = undefined;
    await lock?.release();
  }
}

function responseOf(stream: Request): Promise<ResponseHead & { url: string }> {
  return new Promise((resolve, reject) => {
    stream.once('response', (response: { statusCode: number; statusMessage?: string; headers: ResponseHead['headers']; url: string }) => {
      stream.off('error', reject);
      resolve({ status: response.statusCode, statusMessage: response.statusMessage, headers: response.headers, url: response.url });
    });
    stream.once('error', reject);
  });
}

function header(response: ResponseHead, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function recorded(error: HaulError): RecordedError {
  return error.status === undefined
    ? { code: error.code, message: error.message }
    : { code: error.code, message: error.message, status: error.status };
}
