import { setMaxListeners } from 'node:events';
import { constants, type FileHandle, lstat, open, rm, stat } from 'node:fs/promises';
import type { Got, Request } from 'got';
import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ClaimedName, claimTarget, partPath, reclaimTarget } from '../storage/claim-target.js';
import { commitFile } from '../storage/commit-file.js';
import { freeSpace } from '../storage/free-space.js';
import { hashFile } from '../storage/hash-file.js';
import { makeDir } from '../storage/make-dir.js';
import { markFromInternet } from '../storage/mark-from-internet.js';
import { SegmentWriter } from '../storage/segment-writer.js';
import { calculateRetryDelay, type RetryPolicy } from './calculate-retry-delay.js';
import { chooseFileName } from './choose-file-name.js';
import { ConnectionController, DEFAULT_CONTROLLER } from './connection-controller.js';
import { decideResponse, ifRangeValue, type ResponseHead } from './decide-response.js';
import type { DownloadRecord, LogEntry, RecordedError, Segment } from '../../shared/download-record.js';
import type { DownloadStatus } from '../../shared/download-status.js';
import { HaulError, isRetryable, systemCode, toHaulError } from '../../shared/errors.js';
import type { Network } from './network/network.js';
import { siteRuleFor } from '../../shared/site-rules.js';
import type { HostSlots } from './host-slots.js';
import { formatBytes } from '../../shared/format-bytes.js';
import { compactSegments, pickSegment, type SegmentRange } from './plan-segments.js';
import { headerValue, responseOf } from './response-head.js';
import { throttle, type TokenBucket } from './token-bucket.js';

export type StopReason = 'pause' | 'cancel' | 'requeue' | 'shutdown';

type Patch = { -readonly [K in keyof DownloadRecord]?: DownloadRecord[K] | undefined };

/** What a task needs from its engine; the engine owns state, the task owns one download's I/O. */
export interface TaskContext {
  readonly got: Got;
  /** The way out (direct or through a proxy) for each request, and the words for its failures. */
  network: Network;
  /** Read at every retry decision, so a change applies to running downloads. */
  policy: RetryPolicy;
  readonly stallTimeoutMs: number;
  readonly globalBucket: TokenBucket;
  readonly hostSlots: HostSlots;
  /**
   * Lowest acceptable speed of one download in bytes/s (0 = no rule) over `stallTimeoutMs`: a
   * download slower than this for that long ends its attempt with TOO_SLOW, counted as a failure.
   */
  readonly lowestSpeed: number;
  /** Connections per download unless the download says otherwise; read at each session. */
  connections: number | 'auto';
  /** No connection is opened for less than this many bytes. */
  readonly minSplitSize: number;
  /** Moves the task to a new status (checked against the legal transitions), journalled and emitted. */
  transition(task: DownloadTask, status: DownloadStatus, patch?: Patch): void;
  /** Changes recorded fields without a change of status; `durable` fsyncs the journal. */
  update(task: DownloadTask, patch: Patch, durable: boolean): void;
  /** Called once a run loop has fully unwound (files closed, status settled). */
  settled(task: DownloadTask): void;
  /** Resolves once every change recorded so far is written to the journal (it survives a kill). */
  written(): Promise<void>;
}

/** A segment as it is being fetched: `pos` runs ahead of the journal, `end` may shrink when another connection steals half. */
interface LiveSegment {
  readonly start: number;
  /** Exclusive; Infinity while the size is unknown. */
  end: number;
  pos: number;
  busy: boolean;
  writer: SegmentWriter | undefined;
  /**
   * Lowest position this segment was set back to since the last checkpoint began (a response that
   * broke its framing vouches for none of its bytes): bytes above it may be unflushed new ones.
   */
  floor?: number | undefined;
}

/** One pass of connections over the file, between two backoffs. */
interface Session {
  readonly abort: AbortController;
  readonly workers: Set<Promise<void>>;
  readonly controller: ConnectionController;
  error: HaulError | undefined;
  restart: string | undefined;
  splittable: boolean;
  /** When and at how many bytes the session began, for the per-connection rate. */
  readonly began: { readonly at: number; readonly bytes: number };
  /** Smallest half worth stealing right now. */
  minSteal: number;
  /**
   * Shortest time from request to response headers seen: the round trip a new request costs. The
   * shortest, because a busy event loop adds its own queueing to every other measurement.
   */
  setupMs: number | undefined;
  /** Connection-milliseconds so far (the integral of open connections over time). */
  connectionMs: number;
  lastGrowAt: number;
  /** Largest range one request asks for. */
  requestCap: number;
  /** Event-loop utilisation at the previous grow tick. */
  loop: EventLoopUtilization;
  /** Start of the current lowest-speed window. */
  window: { at: number; bytes: number };
}

/**
 * One request per piece of at most this, or more when the connection is fast and far away: each
 * request costs a round trip, so a piece should take ten of them to fetch. Servers that pace each
 * response (nginx's limit_rate is per request) also serve the start of every response at once.
 */
const MIN_REQUEST = 1024 * 1024;
const REQUEST_ROUND_TRIPS = 10;

/**
 * A new connection pays for itself when the piece it takes would keep one connection busy for
 * longer than it takes to open one (twice, to be sure): on loopback that is tiny pieces, across
 * an ocean it is megabytes.
 */
const SETUP_FACTOR = 2;
const MIN_WORTH_MS = 20;
const MIN_STEAL = 64 * 1024;

const RESTART_LIMIT = 5;
/** A new partial: created here and nowhere else (O_EXCL), never through a link (O_NOFOLLOW). */
const CREATE_PART = constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
/**
 * An attempt that moved the file by less than this (and did not finish it) made no real progress:
 * it counts as a failure, so a server dripping a byte per attempt cannot retry forever.
 */
export const REAL_PROGRESS_BYTES = 64 * 1024;
const LOG_LIMIT = 20;
const GROW_EVERY_MS = 20;

export class DownloadTask {
  record: DownloadRecord;
  readonly bucket: TokenBucket;
  readonly #ctx: TaskContext;
  #segments: LiveSegment[];
  #file: FileHandle | undefined;
  /** The name this download holds against the process's other downloads while it runs. */
  #claim: ClaimedName | undefined;
  #abort: AbortController | undefined;
  #stop: StopReason | undefined;
  #running: Promise<void> | undefined;
  #checkpointing: Promise<void> | undefined;
  /** The pass of connections under way, so a checkpoint that finds the partial gone can end it. */
  #current: Session | undefined;
  #live = 0;
  /**
   * A datasync that failed in the background. Linux reports a writeback error to one fsync per
   * open file only, so a later fsync on the same file would succeed over lost pages: the attempt
   * must fail instead, and the next one reopens the partial from the last durable checkpoint.
   */
  #syncError: Error | undefined;

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

  /** Connections open right now. */
  get connections(): number {
    return this.#live;
  }

  /** Each segment's range and progress, for a segment bar. */
  get segments(): Segment[] {
    return this.#segments.map(toRecorded);
  }

  get host(): string {
    return new URL(this.record.url).host;
  }

  get isRunning(): boolean {
    return this.#running !== undefined;
  }

  start(): void {
    if (this.#running !== undefined) return;
    this.#stop = undefined;
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
    const durable = segments.map((segment) => {
      const written = handed.get(segment);
      const pos = written === undefined ? segment.start : Math.max(segment.start, Math.min(segment.pos, written, segment.floor ?? Infinity));
      return toRecorded({ start: segment.start, end: segment.end, pos });
    });
    const merged = compactSegments(durable);
    if (!sameSegments(merged, this.record.segments)) this.#ctx.update(this, { segments: merged }, false);
  }

  /** Why the open partial is no longer the file under its name (its folder deleted, the file removed or replaced), if it is not. */
  async #partGone(file: FileHandle): Promise<HaulError | undefined> {
    const { dir, name } = this.record;
    if (name === undefined) return undefined;
    const path = partPath(dir, name);
    // The open file's identity was journalled when it was opened: no need to ask the kernel again.
    const open = this.record.file ?? (await file.stat());
    const named = await lstat(path).catch(() => undefined);
    if (named !== undefined && named.dev === open.dev && named.ino === open.ino) return undefined;
    const folder = await stat(dir).catch(() => undefined);
    return folder === undefined
      ? new HaulError('FILE_SYSTEM', `the folder ${dir} was deleted while downloading`)
      : new HaulError('FILE_SYSTEM', `the partial file ${path} was deleted or replaced while downloading`);
  }

  /** A failure found outside the connections (a lost write, a deleted folder): it ends the attempt now, not at the end. */
  #fault(error: HaulError): void {
    this.#syncError ??= error;
    const session = this.#current;
    if (session !== undefined && !session.abort.signal.aborted) {
      session.error = error;
      session.abort.abort(error);
    }
  }

  /**
   * A run killed between giving the file its final name and journalling "completed": the final name
   * holds our very file (the recorded inode) at full size. Finish the bookkeeping instead of
   * fetching it again into "name (1)".
   */
  async #committedEarlier(): Promise<boolean> {
    const { dir, name, file, total } = this.record;
    if (name === undefined || file === undefined || total === undefined) return false;
    const final = await lstat(join(dir, name)).catch(() => undefined);
    if (final === undefined || !final.isFile() || final.dev !== file.dev || final.ino !== file.ino || final.size !== total) return false;
    let claim: ClaimedName;
    try {
      claim = reclaimTarget(dir, name);
    } catch {
      return false;
    }
    const part = await lstat(partPath(dir, name)).catch(() => undefined);
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
   * One pass: a first connection (which names the file when it is new), then more connections
   * that take idle segments or steal half of the largest one, until every byte is fetched or the
   * last connection gave up. Resolves 'done' or 'restart'; throws the error that ended it.
   */
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
    const abort = new AbortController();
    // Every connection listens on it: up to the connection cap, by design.
    setMaxListeners(64, abort.signal);
    const forward = (): void => {
      abort.abort(signal.reason);
    };
    signal.addEventListener('abort', forward, { once: true });
    const mode = this.#mode();
    const session: Session = {
      abort,
      workers: new Set(),
      controller: new ConnectionController({ ...DEFAULT_CONTROLLER, mode }),
      error: undefined,
      restart: undefined,
      splittable: this.#splittable(),
      began: { at: performance.now(), bytes: this.bytes },
      minSteal: this.#ctx.minSplitSize,
      setupMs: undefined,
      connectionMs: 0,
      lastGrowAt: performance.now(),
      requestCap: MIN_REQUEST,
      loop: performance.eventLoopUtilization(),
      window: { at: performance.now(), bytes: this.bytes },
    };
    this.#current = session;
    const grower = setInterval(() => {
      this.#grow(session);
    }, GROW_EVERY_MS);
    try {
      await this.#ctx.hostSlots.acquire(this.host, abort.signal);
      this.#spawn(session);
      this.#grow(session);
      while (session.workers.size > 0) await Promise.race(session.workers);
    } finally {
      clearInterval(grower);
      signal.removeEventListener('abort', forward);
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

  /** Opens more connections while the controller wants them and there is work worth one. */
  #grow(session: Session): void {
    if (session.abort.signal.aborted) return;
    this.#checkLowestSpeed(session);
    if (!session.splittable || session.error?.code === 'HTTP_STATUS') return;
    const now = performance.now();
    const loop = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(loop, session.loop).utilization;
    session.loop = loop;
    session.controller.sample({ now, bytes: this.bytes, live: this.#live, busy });
    session.connectionMs += this.#live * (now - session.lastGrowAt);
    session.lastGrowAt = now;
    if (now - session.began.at >= 4 * GROW_EVERY_MS && session.connectionMs > 0) {
      // Below the file-size minimum only once the rate says a connection would take long enough.
      const perConnection = ((this.bytes - session.began.bytes) * 1000) / session.connectionMs;
      const setupMs = session.setupMs ?? 100;
      const worthMs = Math.max(MIN_WORTH_MS, SETUP_FACTOR * setupMs);
      session.minSteal = Math.floor(Math.max(MIN_STEAL, Math.min(this.#ctx.minSplitSize, (perConnection * worthMs) / 1000)));
      session.requestCap = Math.floor(Math.max(MIN_REQUEST, (perConnection * setupMs * REQUEST_ROUND_TRIPS) / 1000));
    }
    while (session.controller.canAdd(this.#live, now) && this.#hasWork(session)) {
      if (!this.#ctx.hostSlots.tryAcquire(this.host)) return;
      this.#spawn(session);
    }
  }

  /** The lowest-speed rule (aria2's --lowest-speed-limit, curl's --speed-limit): suspended while a speed limit below it is set. */
  #checkLowestSpeed(session: Session): void {
    const lowest = this.#ctx.lowestSpeed;
    if (lowest <= 0) return;
    const now = performance.now();
    const elapsed = now - session.window.at;
    if (elapsed < this.#ctx.stallTimeoutMs) return;
    const rate = ((this.bytes - session.window.bytes) * 1000) / elapsed;
    session.window = { at: now, bytes: this.bytes };
    const limited = [this.#ctx.globalBucket.rate, this.bucket.rate].some((limit) => limit > 0 && limit < lowest);
    if (rate >= lowest || limited || this.#live === 0) return;
    const error = new HaulError(
      'TOO_SLOW',
      `slower than ${formatBytes(lowest)}/s for ${Math.round(elapsed / 1000)} s (${formatBytes(Math.round(rate))}/s)`,
    );
    session.error = error;
    session.abort.abort(error);
  }

  #hasWork(session: Session): boolean {
    return pickSegment(this.#segments, session.minSteal) !== undefined;
  }

  /** Starts a connection that already holds a host slot; it releases the slot when it ends. */
  #spawn(session: Session): void {
    this.#live++;
    const worker = this.#worker(session).finally(() => {
      this.#live--;
      this.#ctx.hostSlots.release(this.host);
      session.workers.delete(worker);
    });
    session.workers.add(worker);
  }

  async #worker(session: Session): Promise<void> {
    for (;;) {
      if (session.abort.signal.aborted) return;
      // More connections than wanted (the controller stepped back, or the server pushed back): retire.
      if (this.#segments.length > 0 && this.#live > session.controller.target) return;
      // The first request of a new file has no segment yet: #begin makes one and puts it here.
      const holder: { segment: LiveSegment | undefined } = { segment: undefined };
      if (this.#segments.length > 0) {
        holder.segment = this.#claimSegment(session);
        if (holder.segment === undefined) return;
      }
      try {
        await this.#fetch(holder, session);
        session.controller.progressed();
      } catch (caught) {
        // Any failure ends this connection; what it means for the others is decided once, here.
        if (!isAborted(session.abort.signal)) this.#onWorkerError(toHaulError(caught), session);
        return;
      } finally {
        if (holder.segment !== undefined) holder.segment.busy = false;
      }
    }
  }

  /** Takes the idle segment with the most left, else splits the largest busy one. Synchronous, so two connections never take the same bytes. */
  #claimSegment(session: Session): LiveSegment | undefined {
    const pick = pickSegment(this.#segments, session.minSteal);
    if (pick === undefined) return undefined;
    const chosen = this.#segments[pick.index];
    if (chosen === undefined) return undefined;
    if (pick.kind === 'take') {
      chosen.busy = true;
      return chosen;
    }
    const stolen: LiveSegment = { start: pick.at, end: chosen.end, pos: pick.at, busy: true, writer: undefined };
    chosen.end = pick.at;
    this.#segments.splice(pick.index + 1, 0, stolen);
    return stolen;
  }

  /**
   * What one connection's failure means for the download. While others run, a push-back (429, 503,
   * 403, a reset) means fewer connections and another retryable error a pause before reopening;
   * its segment waits for the next free connection. The last connection's error ends the session
   * (the download backs off and retries); an error no retry can fix ends it at once.
   */
  #onWorkerError(error: HaulError, session: Session): void {
    const now = performance.now();
    const others = this.#live - 1;
    const retryable = isRetryable(error);
    if (others > 0 && retryable) {
      const pushBack = error.code === 'NETWORK' || (error.code === 'HTTP_STATUS' && (error.status === 429 || error.status === 503));
      if (pushBack) session.controller.pushBack(this.#live, now, error.retryAfterMs);
      else session.controller.failed(now);
      return;
    }
    if (others > 0 && error.code === 'HTTP_STATUS' && error.status === 403) {
      // Forbidden on an extra connection while the first one is allowed: a per-client connection limit.
      session.controller.pushBack(this.#live, now, error.retryAfterMs);
      return;
    }
    session.error = error;
    if (!retryable) session.abort.abort(error);
  }

  /** One request: the first of a new download (no segment yet), or one segment's remaining bytes. */
  async #fetch(holder: { segment: LiveSegment | undefined }, session: Session): Promise<void> {
    const record = this.record;
    const segment = holder.segment;
    const start = segment?.pos ?? 0;
    const total = record.total;
    // Shared between connections, a piece of the segment, so each request stays short enough to be
    // cheap to steal from and to repeat; alone, one request for all of it.
    // A segment that others follow is fetched up to its own end, never to the file's: a request
    // for `pos-` would pull bytes another segment owns, only to drop the connection at this one's end.
    const shared = session.splittable && session.controller.target > 1;
    const pieceEnd =
      segment === undefined || total === undefined ? undefined : shared ? Math.min(segment.end, start + session.requestCap) : segment.end;
    const bounded = pieceEnd !== undefined && total !== undefined && pieceEnd < total;
    const end = bounded ? pieceEnd : undefined;
    // A site rule's headers go under the download's own.
    const headers: Record<string, string> = {
      ...siteRuleFor(record.url, this.#ctx.network.siteRules)?.headers,
      ...record.headers,
      'accept-encoding': 'identity',
    };
    if (start > 0 || bounded) {
      headers.range = `bytes=${start}-${end === undefined ? '' : end - 1}`;
      const ifRange = ifRangeValue(record.etag, record.lastModified);
      if (ifRange !== undefined) headers['if-range'] = ifRange;
    }
    const attempt = new AbortController();
    const forward = (): void => {
      attempt.abort(session.abort.signal.reason);
    };
    session.abort.signal.addEventListener('abort', forward, { once: true });
    const network = this.#ctx.network;
    const route = await network.route(record.url);
    const stream = this.#ctx.got.stream(record.url, { headers, signal: attempt.signal, agent: route.agents, https: route.tls });
    // Errors surface through the response promise and the async iterator; this keeps an error
    // between the two from becoming an uncaught 'error' event.
    stream.on('error', () => undefined);
    const asked = performance.now();
    try {
      const response = await responseOf(stream);
      const setup = performance.now() - asked;
      session.setupMs = Math.min(session.setupMs ?? setup, setup);
      const decision = decideResponse({ start, end, knownTotal: record.total, etag: record.etag, lastModified: record.lastModified }, response);
      switch (decision.kind) {
        case 'error':
          throw decision.error;
        case 'complete':
          if (segment !== undefined) segment.pos = segment.end = start;
          this.#ctx.update(this, { total: start }, false);
          return;
        case 'restart':
          session.restart = decision.reason;
          session.abort.abort(new HaulError('ABORTED', 'restart'));
          return;
        case 'body':
          break;
      }
      const ranges = headerValue(response.headers, 'accept-ranges')?.toLowerCase() === 'bytes' || response.status === 206;
      let target = segment;
      if (response.status === 200 && headers.range !== undefined) {
        if (this.#segments.length > 1) {
          // A 200 to a piece: either If-Range failed (a new version) or the server ignores ranges for
          // this file. Both mean starting over in a clean file; only the second means one connection.
          const changed = decision.etag !== record.etag || decision.lastModified !== record.lastModified;
          if (!changed) this.#ctx.update(this, { acceptsRanges: false }, true);
          session.restart = changed ? 'the file changed on the server' : 'the server does not serve byte ranges of this file';
          session.abort.abort(new HaulError('ABORTED', 'restart'));
          return;
        }
        // One connection and a 200 (or a new version): start over in a clean file, from this very body.
        await this.#discardPartial();
        target = undefined;
      }
      this.#ctx.update(
        this,
        {
          total: decision.total,
          etag: decision.etag,
          lastModified: decision.lastModified,
          error: undefined,
          ...(ranges && this.record.acceptsRanges !== false ? { acceptsRanges: true } : {}),
        },
        false,
      );
      if (target === undefined) {
        target = await this.#begin(response, decision.total, session);
        holder.segment = target;
      }
      this.#ctx.transition(this, 'downloading');
      // The first response carries the whole file; once the file is being split, it too stops at a piece.
      const from = target.pos;
      const leaveAt =
        segment === undefined
          ? (pos: number): boolean => session.splittable && session.controller.target > 1 && pos >= from + session.requestCap
          : undefined;
      await this.#pump(stream, target, response.status === 206 ? (end ?? decision.total) : decision.total, attempt, leaveAt);
    } catch (error) {
      throw network.explain(error, route, record.url);
    } finally {
      session.abort.signal.removeEventListener('abort', forward);
      stream.destroy();
    }
  }

  /** The first body of a (re)started file: claim the name, open a clean partial, one segment from 0. */
  async #begin(response: ResponseHead & { url: string }, total: number | undefined, session: Session): Promise<LiveSegment> {
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
        const claimed = await claimTarget(record.dir, desired, lost).catch((error: unknown) => {
          throw toHaulError(error, `cannot write in ${record.dir}`);
        });
        this.#claim = claimed;
        this.#ctx.update(this, { name: claimed.name, file: undefined }, true);
        // The name is in the journal before the partial exists: killed in between, the next run
        // creates this name's partial instead of finding an orphan and taking "name (1)".
        await this.#ctx.written();
      }
      const opened = await this.#openPart().catch(async (error: unknown) => {
        // The folder was deleted since this process made it: make it again, once.
        if (!(error instanceof HaulError) || systemCode(error.cause) !== 'ENOENT' || remade) throw error;
        remade = true;
        madeDirs.delete(record.dir);
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
    session.splittable = this.#splittable();
    // Start the controller's first measurement now, not at the next tick: the probe is time the file is on one connection.
    this.#grow(session);
    return segment;
  }

  /**
   * Writes one response's body into its segment. Ends early, cleanly, where the segment now ends
   * (another connection took the rest) or where `leaveAt` says; reads to the response's end
   * otherwise, so a body longer than announced is caught.
   */
  async #pump(
    stream: Request,
    segment: LiveSegment,
    responseEnd: number | undefined,
    attempt: AbortController,
    leaveAt?: (pos: number) => boolean,
  ): Promise<void> {
    const file = this.#file;
    if (file === undefined) throw new HaulError('FILE_SYSTEM', 'partial file is not open');
    segment.writer ??= new SegmentWriter(file, segment.pos);
    const writer = segment.writer;
    const from = segment.pos;
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
        await throttle(buckets, chunk.length, attempt.signal);
        // The end may have moved while we waited: another connection took the rest.
        const room = Math.min(segment.end, responseEnd ?? Infinity) - segment.pos;
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
        if (part.length > 0) {
          segment.pos += part.length;
          await writer.push(part);
        }
        lastActivity = performance.now();
        if (chunk.length > room) {
          if (responseEnd !== undefined && segment.pos >= responseEnd) {
            // A response that broke its own framing vouches for none of its bytes: fetch them again.
            await writer.flush();
            segment.floor = Math.min(segment.floor ?? Infinity, from);
            segment.pos = from;
            segment.writer = undefined;
            throw new HaulError('LENGTH_MISMATCH', `the server sent more than the ${responseEnd} bytes it announced`);
          }
          return;
        }
        // Stop as soon as the rest went to another connection; when this response should end here
        // too, read on, so a body longer than announced is caught rather than silently cut.
        if (segment.pos >= segment.end && (responseEnd === undefined || segment.end < responseEnd)) return;
        if (leaveAt?.(segment.pos) === true && segment.pos < segment.end) return;
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
    if (segment.end === Infinity) {
      // The size was unknown: the body's end is the file's end.
      segment.end = segment.pos;
      this.#ctx.update(this, { total: segment.pos }, false);
      return;
    }
    if (segment.pos < Math.min(segment.end, responseEnd ?? segment.end)) {
      throw new HaulError('LENGTH_MISMATCH', `the connection ended after ${segment.pos} of ${responseEnd ?? segment.end} bytes`);
    }
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
    while (!(await commitFile(part, dir, finalName))) {
      // Someone put a file under our name while we downloaded: never replace it, take the next free name.
      const claimed = await claimTarget(dir, name, new Set([finalName]));
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
   * Opens `<name>.part` and trusts only the journalled bytes: each segment resumes where its last
   * fsynced checkpoint left it. The partial is never reached through a link (O_NOFOLLOW), a new one
   * is created with O_EXCL (that create is the claim on the name between processes), and an
   * existing one is used only if it is the very file this download created (its recorded device and
   * inode): anything else under that name is somebody else's. 'taken': the name's partial is
   * somebody else's and nothing of ours was in it (the caller takes another name).
   */
  async #openPart(): Promise<'opened' | 'taken'> {
    const { dir, name } = this.record;
    if (name === undefined) throw new HaulError('UNKNOWN', 'no file name was chosen');
    const path = partPath(dir, name);
    let segments = this.record.segments.map(toLive);
    let size: number;
    if (this.#file === undefined) {
      const known = this.record.file;
      /** A new partial, or undefined when something already has the name (EEXIST). */
      const create = (): Promise<FileHandle | undefined> =>
        open(path, CREATE_PART, 0o644).catch((error: unknown) => {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
          throw toHaulError(error, `cannot create ${path}`);
        });
      let handle: FileHandle | undefined;
      let created = false;
      if (known === undefined) {
        // No partial of ours was ever recorded: whatever has the name is not ours.
        handle = await create();
        if (handle === undefined) return 'taken';
        segments = [];
        created = true;
      } else {
        try {
          handle = await open(path, constants.O_RDWR | constants.O_NOFOLLOW, 0o644);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw toHaulError(error, `cannot open ${path}`);
          // Ours is gone: a clean one, created here and nowhere else.
          handle = await create();
          if (handle === undefined) return 'taken';
          segments = [];
          created = true;
        }
      }
      const info = await handle.stat();
      if (!info.isFile() || !(created || (known !== undefined && known.dev === info.dev && known.ino === info.ino))) {
        await handle.close();
        if (segments.every((segment) => segment.pos === segment.start)) return 'taken';
        throw new HaulError('FILE_SYSTEM', `${path} is not the partial file this download created (it was replaced); Haul leaves it alone`);
      }
      this.#file = handle;
      size = info.size;
      // A new open file: only this one's writeback errors are ours, and we resume from what was durable.
      this.#syncError = undefined;
      if (known?.dev !== info.dev || known.ino !== info.ino) {
        this.#ctx.update(this, { file: { dev: info.dev, ino: info.ino } }, true);
        // A partial whose identity never reached the journal is somebody else's to the next run: the
        // line goes out before any byte does, or a run killed now would leave an orphan and a "name (1)".
        if (created) await this.#ctx.written();
      }
    } else size = (await this.#file.stat()).size;
    // Only bytes a segment has received are claimed: one that received none claims nothing, wherever
    // it starts. A partial shorter than a claim (truncated by someone) keeps what it still holds.
    segments = segments.map((segment) => (segment.pos > size ? { ...segment, pos: Math.max(segment.start, size) } : segment));
    const claimed = segments.reduce((sum, segment) => sum + segment.pos - segment.start, 0);
    if (claimed === 0) segments = [];
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

const madeDirs = new Set<string>();

/** mkdir -p, once per folder per process: a thousand files into one folder need one. */
async function ensureDir(dir: string): Promise<void> {
  if (madeDirs.has(dir)) return;
  await makeDir(dir);
  madeDirs.add(dir);
}

/** Read through a call: the signal is aborted from outside while the caller awaits. */
function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}

function toLive(segment: Segment): LiveSegment {
  return { start: segment.start, end: segment.end ?? Infinity, pos: segment.pos, busy: false, writer: undefined };
}

function toRecorded(segment: SegmentRange | LiveSegment): Segment {
  return { start: segment.start, end: Number.isFinite(segment.end) ? segment.end : undefined, pos: segment.pos };
}

function sameSegments(a: readonly Segment[], b: readonly Segment[]): boolean {
  return (
    a.length === b.length &&
    a.every((segment, index) => segment.start === b[index]?.start && segment.end === b[index].end && segment.pos === b[index].pos)
  );
}

function recorded(error: HaulError): RecordedError {
  return error.status === undefined
    ? { code: error.code, message: error.message }
    : { code: error.code, message: error.message, status: error.status };
}
