import type { Stats } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DownloadRecord, LogEntry, RecordedError, Segment } from '../../shared/download-record.js';
import type { DownloadStatus } from '../../shared/download-status.js';
import { HaulError, systemCode, toHaulError } from '../../shared/errors.js';
import { formatBytes } from '../../shared/format-bytes.js';
import { siteRuleFor } from '../../shared/site-rules.js';
import { type ClaimedName, claimTarget, newPartPath, partPath, reclaimTarget } from '../storage/claim-target.js';
import { commitFile } from '../storage/commit-file.js';
import { ensureDir, forgetDir } from '../storage/ensure-dir.js';
import { type FolderIo, folderIo } from '../storage/folder-io.js';
import { freeSpace } from '../storage/free-space.js';
import { hashFile } from '../storage/hash-file.js';
import { markFromInternet } from '../storage/mark-from-internet.js';
import { openPartial } from '../storage/open-partial.js';
import type { PartFile } from '../storage/part-file.js';
import { calculateRetryDelay } from './calculate-retry-delay.js';
import { chooseFileName } from './choose-file-name.js';
import { ConnectionSession, type SessionOwner } from './connection-session.js';
import type { ResponseHead } from './decide-response.js';
import { durableSegments, type LiveSegment, resumableSegments, sameSegments, toLive, toRecorded } from './live-segment.js';
import { headerValue } from './response-head.js';
import type { StopReason, TaskContext } from './task-context.js';
import type { TokenBucket } from './token-bucket.js';

export type { StopReason, TaskContext } from './task-context.js';

const RESTART_LIMIT = 5;
/**
 * An attempt that moved the file by less than this (and did not finish it) made no real progress:
 * it counts as a failure, so a server dripping a byte per attempt cannot retry forever.
 */
export const REAL_PROGRESS_BYTES = 64 * 1024;
const LOG_LIMIT = 20;

/**
 * One download's I/O from first request to committed file: the attempt loop with its backoff, the
 * partial file (opened, checkpointed, committed), and one pass of connections at a time
 * (ConnectionSession). The engine owns its state; the task reports changes through its context.
 */
export class DownloadTask {
  record: DownloadRecord;
  readonly bucket: TokenBucket;
  readonly #ctx: TaskContext;
  #segments: LiveSegment[];
  #file: PartFile | undefined;
  /** The name this download holds against the process's other downloads while it runs. */
  #claim: ClaimedName | undefined;
  #abort: AbortController | undefined;
  #stop: StopReason | undefined;
  #running: Promise<void> | undefined;
  #checkpointing: Promise<void> | undefined;
  /** The pass of connections under way, so a checkpoint that finds the partial gone can end it. */
  #current: ConnectionSession | undefined;

  /**
   * A datasync that failed in the background. Linux reports a writeback error to one fsync per
   * open file only, so a later fsync on the same file would succeed over lost pages: the attempt
   * must fail instead, and the next one reopens the partial from the last durable checkpoint.
   */
  #syncError: Error | undefined;

  /** `bytes` when the last checkpoint began, or when this run started (what it resumed from is durable). */
  #bytesAtCheckpoint = 0;
  #host: { readonly url: string; readonly host: string } | undefined;

  constructor(record: DownloadRecord, ctx: TaskContext, bucket: TokenBucket) {
    this.record = record;
    this.#ctx = ctx;
    this.bucket = bucket;
    this.#segments = record.segments.map(toLive);
  }

  /** Bytes fetched so far, live (ahead of what the journal holds). */
  get bytes(): number {
    let sum = 0;
    for (const segment of this.#segments) sum += segment.pos - segment.start;
    return sum;
  }

  /** Bytes fetched since the last checkpoint began: about what a datasync now would have to write. */
  get unsyncedBytes(): number {
    return this.bytes - this.#bytesAtCheckpoint;
  }

  /** Connections open right now. */
  get connections(): number {
    return this.#current?.live ?? 0;
  }

  /** Each segment's range and progress, for a segment bar. */
  get segments(): Segment[] {
    return this.#segments.map(toRecorded);
  }

  /**
   * The URL's host, parsed once per URL: the scheduler asks it of every queued download it passes
   * over while the host's connections are taken, and a queue can hold 100,000.
   */
  get host(): string {
    const { url } = this.record;
    if (this.#host?.url !== url) this.#host = { url, host: new URL(url).host };
    return this.#host.host;
  }

  get isRunning(): boolean {
    return this.#running !== undefined;
  }

  start(): void {
    if (this.#running !== undefined) return;
    this.#stop = undefined;
    this.#bytesAtCheckpoint = this.bytes;
    const abort = new AbortController();
    this.#abort = abort;
    this.#running = this.#run(abort.signal)
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
        this.#abort = undefined;
        this.#ctx.settled(this);
      });
  }

  /** Ends the attempt loop for `reason` and resolves once files are closed and the status settled. */
  async stop(reason: StopReason): Promise<void> {
    if (this.#running === undefined) return;
    this.#stop ??= reason;
    this.#abort?.abort(new HaulError('ABORTED', reason));
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
    const file = this.#file;
    if (file === undefined) return;
    this.#bytesAtCheckpoint = this.bytes;
    const segments = this.#segments;
    // What each segment's own writer has handed to the OS, paired by identity: a connection may
    // split a segment (inserting a new one into the array) while this waits.
    const handed = new Map<LiveSegment, number>();
    await Promise.all(
      segments.map(async (segment) => {
        segment.floor = undefined;
        handed.set(segment, await (segment.writer?.flush() ?? segment.pos));
      }),
    );
    try {
      await file.datasync();
    } catch (error) {
      if (this.#file === file) this.#fault(toHaulError(error, 'writing to disk'));
      throw error;
    }
    // Reopened or started over meanwhile: this pass vouches for nothing current.
    if (this.#file !== file || this.#segments !== segments) return;
    const gone = await this.#partGone(file);
    if (gone !== undefined) {
      this.#fault(gone);
      throw gone;
    }
    // Only bytes written before the datasync began are claimed; a segment born since claims none.
    const merged = durableSegments(segments, handed);
    if (!sameSegments(merged, this.record.segments)) this.#ctx.update(this, { segments: merged }, false);
  }

  /** Why the open partial is no longer the file under its name (its folder deleted, the file removed or replaced), if it is not. */
  async #partGone(file: PartFile): Promise<HaulError | undefined> {
    const { dir, name } = this.record;
    if (name === undefined) return undefined;
    const path = partPath(dir, name);
    // The open file's identity was journalled when it was opened: no need to ask the kernel again.
    const io = await folderIo(dir);
    const open = this.record.file ?? (await file.stat());
    const named = await lstatOrUndefined(io, path);
    if (named !== undefined && named.dev === open.dev && named.ino === open.ino) return undefined;
    const folder = await stat(dir).catch(() => undefined);
    return folder === undefined
      ? new HaulError('FILE_SYSTEM', `the folder ${dir} was deleted while downloading`)
      : new HaulError('FILE_SYSTEM', `the partial file ${path} was deleted or replaced while downloading`);
  }

  /** A failure found outside the connections (a lost write, a deleted folder): it ends the attempt now, not at the end. */
  #fault(error: HaulError): void {
    this.#syncError ??= error;
    this.#current?.fault(error);
  }

  /**
   * A run killed between giving the file its final name and journalling "completed": the final name
   * holds our very file (the recorded inode) at full size. Finish the bookkeeping instead of
   * fetching it again into "name (1)".
   */
  async #committedEarlier(): Promise<boolean> {
    const { dir, name, file, total } = this.record;
    if (name === undefined || file === undefined || total === undefined) return false;
    const io = await folderIo(dir);
    const final = await lstatOrUndefined(io, join(dir, name));
    if (final === undefined || !final.isFile() || final.dev !== file.dev || final.ino !== file.ino || final.size !== total) return false;
    let claim: ClaimedName;
    try {
      claim = reclaimTarget(dir, name);
    } catch {
      return false;
    }
    const part = await lstatOrUndefined(io, partPath(dir, name));
    if (part !== undefined && part.dev === file.dev && part.ino === file.ino) await rm(partPath(dir, name), { force: true });
    claim.release();
    this.#ctx.transition(this, 'verifying');
    this.#segments = [{ start: 0, end: total, pos: total, busy: false, writer: undefined }];
    this.#ctx.transition(this, 'completed', { segments: [{ start: 0, end: total, pos: total }], completedAt: Date.now(), error: undefined });
    return true;
  }

  #logged(message: string): LogEntry[] {
    return [...(this.record.log ?? []), { at: Date.now(), message }].slice(-LOG_LIMIT);
  }

  #stopRequested(): StopReason | undefined {
    return this.#stop;
  }

  async #run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    let restarts = 0;
    let first = true;
    for (;;) {
      this.#ctx.transition(this, 'connecting', { retryAt: undefined });
      if (first && (await this.#committedEarlier())) return;
      first = false;
      const before = this.bytes;
      let error: HaulError | undefined;
      let outcome: 'done' | 'restart' | undefined;
      try {
        outcome = await this.#session(signal);
      } catch (caught) {
        error = toHaulError(caught);
      }
      if (outcome === 'done' && this.#stopRequested() === undefined) {
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
      const stop = this.#stopRequested();
      if (stop !== undefined) {
        await this.#settleStop(stop);
        return;
      }
      if (outcome === 'restart' && error === undefined) {
        this.#ctx.update(this, { log: this.#logged('started over: the partial did not match the file on the server') }, false);
        if (++restarts <= RESTART_LIMIT) continue;
        error = new HaulError('RANGE_MISMATCH', 'the file keeps changing on the server while it downloads');
      }
      await this.#closeFile();
      let failure = error ?? new HaulError('UNKNOWN', 'attempt ended without a result');
      // A host that served bytes before exists: its name failing now is the network, not a typo.
      if (failure.code === 'HOST_NOT_FOUND' && (this.bytes > 0 || this.record.total !== undefined)) {
        failure = new HaulError('NETWORK', failure.message, { cause: failure });
      }
      if (this.bytes - before >= REAL_PROGRESS_BYTES && failure.code !== 'TOO_SLOW') failures = 0;
      failures++;
      const delay = calculateRetryDelay(failures, failure, this.#ctx.policy);
      const log = this.#logged(failure.message);
      if (delay === undefined) {
        this.#releaseClaim();
        this.#ctx.transition(this, 'failed', { error: recorded(failure), retryAt: undefined, log });
        return;
      }
      this.#ctx.transition(this, 'retrying', { retryAt: Date.now() + delay, error: recorded(failure), attempts: this.record.attempts + 1, log });
      await sleep(delay, undefined, { signal }).catch(() => undefined);
      const stopped = this.#stopRequested();
      if (stopped !== undefined) {
        await this.#settleStop(stopped);
        return;
      }
    }
  }

  /**
   * How a session reaches this download: its private state, through getters. Built per session, not
   * per task, so 100,000 queued downloads carry none of these closures.
   */
  #sessionOwner(): SessionOwner {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the owner's getters read this task's private fields
    const task = this;
    return {
      get record() {
        return task.record;
      },
      get bytes() {
        return task.bytes;
      },
      get host() {
        return task.host;
      },
      bucket: this.bucket,
      get segments() {
        return task.#segments;
      },
      set segments(segments) {
        task.#segments = segments;
      },
      get file() {
        return task.#file;
      },
      update: (patch, durable) => {
        this.#ctx.update(this, patch, durable);
      },
      transition: (status) => {
        this.#ctx.transition(this, status);
      },
      begin: (response, total) => this.#begin(response, total),
      discardPartial: () => this.#discardPartial(),
    };
  }

  /** One pass of connections (ConnectionSession) over the opened partial. Resolves 'done' or 'restart'; throws the error that ended it. */
  async #session(signal: AbortSignal): Promise<'done' | 'restart'> {
    const record = this.record;
    if (record.name !== undefined) {
      this.#claim ??= reclaimTarget(record.dir, record.name);
      if ((await this.#openPart()) === 'taken') {
        // Somebody else's file holds the name and nothing of ours is in it: start over under a free name.
        this.#releaseClaim();
        this.#segments = [];
        this.#ctx.update(this, { name: undefined, file: undefined, segments: [] }, true);
      } else if (this.#complete()) return 'done';
    } else {
      this.#segments = [];
    }
    const session = new ConnectionSession(this.#sessionOwner(), this.#ctx, this.#mode(), this.#splittable());
    this.#current = session;
    try {
      await session.run(signal);
    } finally {
      this.#current = undefined;
    }
    if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new HaulError('ABORTED', 'aborted');
    if (session.restart !== undefined) {
      await this.#discardPartial();
      return 'restart';
    }
    if (this.#complete()) return 'done';
    throw session.error ?? new HaulError('NETWORK', 'every connection ended before the file was complete');
  }

  /** This download's connection setting, else the engine's. */
  #mode(): number | 'auto' {
    const general = this.#ctx.connections;
    const cap = siteRuleFor(this.record.url, this.#ctx.network.siteRules)?.connections;
    if (this.record.connections !== undefined) return this.record.connections;
    if (cap === undefined) return general;
    return general === 'auto' ? cap : Math.min(general, cap);
  }

  #splittable(): boolean {
    return this.record.total !== undefined && this.record.acceptsRanges === true && this.#mode() !== 1;
  }

  /** The first body of a (re)started file: claim the name, open a clean partial, one segment from 0. */
  async #begin(response: ResponseHead & { url: string }, total: number | undefined): Promise<LiveSegment> {
    const record = this.record;
    const lost = new Set<string>();
    let remade = false;
    for (;;) {
      if (this.record.name === undefined) {
        await ensureDir(record.dir);
        const desired = chooseFileName({
          url: response.url,
          requested: record.requestedName,
          contentDisposition: headerValue(response.headers, 'content-disposition'),
          contentType: headerValue(response.headers, 'content-type'),
        });
        const io = await folderIo(record.dir);
        const claimed = await claimTarget(io, record.dir, desired, lost).catch((error: unknown) => {
          throw toHaulError(error, `cannot write in ${record.dir}`);
        });
        this.#claim = claimed;
        // Not awaited: the name reaches the journal in the same write as the new partial's identity,
        // which openPartial awaits before the partial takes this name (no orphan under it).
        this.#ctx.update(this, { name: claimed.name, file: undefined }, true);
      }
      const opened = await this.#openPart().catch(async (error: unknown) => {
        // The folder was deleted since this process made it: make it again, once.
        if (!(error instanceof HaulError) || systemCode(error.cause) !== 'ENOENT' || remade) throw error;
        remade = true;
        forgetDir(record.dir);
        await ensureDir(record.dir);
        return this.#openPart();
      });
      if (opened === 'opened') break;
      // Another process created this partial first (its O_EXCL won): the next free name.
      lost.add(this.record.name ?? '');
      this.#releaseClaim();
      this.#ctx.update(this, { name: undefined, file: undefined, segments: [] }, true);
    }
    const segment: LiveSegment = { start: 0, end: total ?? Infinity, pos: 0, busy: true, writer: undefined };
    this.#segments = [segment];
    await this.#checkSpace(total);
    const session = this.#current;
    if (session !== undefined) {
      session.splittable = this.#splittable();
      // Start the controller's first measurement now, not at the next tick: the probe is time the file is on one connection.
      session.grow();
    }
    return segment;
  }

  #complete(): boolean {
    const total = this.record.total;
    return total !== undefined && this.#segments.length > 0 && this.#segments.every((segment) => segment.pos >= segment.end) && this.bytes === total;
  }

  async #finish(signal: AbortSignal): Promise<void> {
    this.#ctx.transition(this, 'verifying');
    const { dir, name, total, checksum } = this.record;
    if (name === undefined) throw new HaulError('UNKNOWN', 'no file name was chosen');
    const part = partPath(dir, name);
    // One fdatasync makes the whole file (its bytes and its size) durable before it gets its name; no progress record is needed.
    const file = this.#file;
    for (const segment of this.#segments) await segment.writer?.flush();
    if (file === undefined) throw new HaulError('FILE_SYSTEM', 'partial file is not open');
    const size = (await file.stat()).size;
    await file.datasync();
    // The name must still lead to the file we wrote before it is linked under the final name.
    const gone = await this.#partGone(file);
    if (gone !== undefined) {
      await this.#closeFile(false);
      throw gone;
    }
    const lost = this.#syncError;
    await this.#closeFile(false);
    if (lost !== undefined) throw toHaulError(lost, 'writing to disk');
    if (total !== undefined && size !== total) {
      await this.#discardPartial();
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
    const io = await folderIo(dir);
    while (!(await commitFile(io, part, dir, finalName))) {
      // Someone put a file under our name while we downloaded: never replace it, take the next free name.
      const claimed = await claimTarget(io, dir, name, new Set([finalName]));
      this.#claim?.release();
      this.#claim = claimed;
      finalName = claimed.name;
    }
    this.#releaseClaim();
    // As browsers do, so SmartScreen and Gatekeeper still look at what came from the internet.
    const unmarked = await markFromInternet(join(dir, finalName), { url: this.record.url, referrer: this.record.headers.referer });
    if (unmarked !== undefined)
      this.#ctx.update(this, { log: this.#logged(`could not mark the file as downloaded from the internet: ${unmarked}`) }, false);
    this.#segments = [{ start: 0, end: size, pos: size, busy: false, writer: undefined }];
    this.#ctx.transition(this, 'completed', {
      name: finalName,
      total: size,
      segments: [{ start: 0, end: size, pos: size }],
      completedAt: Date.now(),
      error: undefined,
      retryAt: undefined,
    });
  }

  /**
   * Opens `<name>.part` (openPartial's rules: never through a link, created with O_EXCL, reused only
   * if it is the file this download created) and trusts only the journalled bytes: each segment
   * resumes where its last fsynced checkpoint left it (resumableSegments). 'taken': the name's
   * partial is somebody else's and nothing of ours was in it (the caller takes another name).
   */
  async #openPart(): Promise<'opened' | 'taken'> {
    const { dir, name } = this.record;
    if (name === undefined) throw new HaulError('UNKNOWN', 'no file name was chosen');
    let segments = this.record.segments.map(toLive);
    let size: number;
    if (this.#file === undefined) {
      const opened = await openPartial(
        partPath(dir, name),
        this.record.file,
        segments.some((segment) => segment.pos > segment.start),
        {
          io: await folderIo(dir),
          temp: newPartPath(dir, this.record.id),
          // A partial whose identity never reached the journal is somebody else's to the next run:
          // the line goes out before the partial takes its name, and before any byte.
          record: async (identity) => {
            this.#ctx.update(this, { file: identity }, true);
            await this.#ctx.written();
          },
        },
      );
      if (opened.kind === 'taken') return 'taken';
      if (opened.created) segments = [];
      this.#file = opened.handle;
      size = opened.size;
      // A new open file: only this one's writeback errors are ours, and we resume from what was durable.
      this.#syncError = undefined;
    } else size = (await this.#file.stat()).size;
    segments = resumableSegments(segments, size);
    if (segments.length === 1 && segments[0] !== undefined && size !== segments[0].pos) await this.#file.truncate(segments[0].pos);
    if (segments.length === 0 && size > 0) await this.#file.truncate(0);
    this.#segments = segments;
    if (!sameSegments(segments.map(toRecorded), this.record.segments)) this.#ctx.update(this, { segments: segments.map(toRecorded) }, true);
    return 'opened';
  }

  async #discardPartial(): Promise<void> {
    for (const segment of this.#segments) await segment.writer?.flush().catch(() => undefined);
    if (this.#file !== undefined) await this.#file.truncate(0);
    else if (this.record.name !== undefined) await rm(partPath(this.record.dir, this.record.name), { force: true });
    this.#segments = [];
    this.#ctx.update(this, { segments: [], total: undefined, etag: undefined, lastModified: undefined }, true);
  }

  async #checkSpace(total: number | undefined): Promise<void> {
    if (total === undefined) return;
    const needed = total - this.bytes;
    const free = await freeSpace(this.record.dir);
    if (free !== undefined && free < needed) {
      throw new HaulError('NO_SPACE', `not enough disk space: ${formatBytes(needed)} needed, ${formatBytes(free)} free in ${this.record.dir}`);
    }
  }

  async #settleStop(reason: StopReason): Promise<void> {
    await this.#closeFile();
    if (reason === 'cancel') {
      if (this.record.name !== undefined) await rm(partPath(this.record.dir, this.record.name), { force: true }).catch(() => undefined);
      this.#segments = [];
    }
    this.#releaseClaim();
    const next: DownloadStatus = reason === 'pause' ? 'paused' : reason === 'cancel' ? 'cancelled' : 'queued';
    this.#ctx.transition(this, next, { retryAt: undefined, ...(reason === 'cancel' ? { segments: [] } : {}) });
  }

  /** Closes the partial; `durable` flushes and datasyncs it first (not needed right after an fsync). */
  async #closeFile(durable = true): Promise<void> {
    const file = this.#file;
    this.#file = undefined;
    const writers = this.#segments.map((segment) => segment.writer);
    for (const segment of this.#segments) segment.writer = undefined;
    if (file === undefined) return;
    try {
      for (const writer of writers) await writer?.flush();
      if (durable) await file.datasync();
    } catch {
      // The error that made us close (ENOSPC, EIO) was already reported; what is durable is journalled.
    } finally {
      await file.close().catch(() => undefined);
    }
  }

  #releaseClaim(): void {
    this.#claim?.release();
    this.#claim = undefined;
  }
}

/** lstat(2) the folder's way (folder-io.ts); undefined when nothing is there or it cannot be read (EACCES, EIO…). */
function lstatOrUndefined(io: FolderIo, path: string): Promise<Stats | undefined> {
  return io.lstat(path).catch(() => undefined);
}

function recorded(error: HaulError): RecordedError {
  return error.status === undefined
    ? { code: error.code, message: error.message }
    : { code: error.code, message: error.message, status: error.status };
}
