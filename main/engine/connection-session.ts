import { setMaxListeners } from 'node:events';
import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import type { DownloadRecord } from '../../shared/download-record.js';
import type { DownloadStatus } from '../../shared/download-status.js';
import { HaulError, toHaulError } from '../../shared/errors.js';
import { formatBytes } from '../../shared/format-bytes.js';
import { siteRuleFor } from '../../shared/site-rules.js';
import type { PartFile } from '../storage/part-file.js';
import { ConnectionController, DEFAULT_CONTROLLER } from './connection-controller.js';
import { decideResponse, ifRangeValue, type ResponseHead } from './decide-response.js';
import type { LiveSegment } from './live-segment.js';
import { pickSegment } from './plan-segments.js';
import { pumpBody } from './pump-body.js';
import { transportOptions } from './network/network.js';
import { headerValue, responseOf } from './response-head.js';
import { MIN_REQUEST, requestRange, requestSizes, workerFailure } from './session-policy.js';
import type { Patch, TaskContext } from './task-context.js';
import type { TokenBucket } from './token-bucket.js';

const GROW_EVERY_MS = 20;

/** What a pass of connections needs from its download: the task keeps the file and the record, the session the connections. */
export interface SessionOwner {
  readonly record: DownloadRecord;
  /** Bytes fetched so far, live. */
  readonly bytes: number;
  readonly host: string;
  readonly bucket: TokenBucket;
  /** The live segments; a connection that steals half of one inserts the new one here. */
  segments: LiveSegment[];
  readonly file: PartFile | undefined;
  update(patch: Patch, durable: boolean): void;
  transition(status: DownloadStatus): void;
  /** The first body of a (re)started file: name it, open a clean partial, one segment from 0. */
  begin(response: ResponseHead & { url: string }, total: number | undefined): Promise<LiveSegment>;
  discardPartial(): Promise<void>;
}

/**
 * One pass of connections over a file, between two backoffs: a first connection (which names the
 * file when it is new), then more connections that take idle segments or steal half of the largest
 * one, as the connection controller allows, until every byte is fetched or the last connection gave up.
 */
export class ConnectionSession {
  readonly abort = new AbortController();
  readonly workers = new Set<Promise<void>>();
  readonly controller: ConnectionController;
  /** Connections open right now. */
  live = 0;
  error: HaulError | undefined;
  /** Why the file must start over, when a response said so. */
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
  connectionMs = 0;
  lastGrowAt: number;
  /** Largest range one request asks for. */
  requestCap = MIN_REQUEST;
  /** Bytes past a busy connection's position its server may have sent already: no steal cuts there. */
  lead = MIN_REQUEST;
  /** Event-loop utilisation at the previous grow tick. */
  loop: EventLoopUtilization;
  /** Milliseconds this pass's connections have waited for the disk to take their bytes, in all. */
  readonly diskWait = { ms: 0 };
  /** `diskWait.ms` at the previous grow tick. */
  #diskWaitBefore = 0;
  /** Start of the current lowest-speed window. */
  window: { at: number; bytes: number };
  readonly #owner: SessionOwner;
  readonly #ctx: TaskContext;

  constructor(owner: SessionOwner, ctx: TaskContext, mode: number | 'auto', splittable: boolean) {
    this.#owner = owner;
    this.#ctx = ctx;
    // Every connection listens on it: up to the connection cap, by design.
    setMaxListeners(64, this.abort.signal);
    this.controller = new ConnectionController({ ...DEFAULT_CONTROLLER, mode });
    this.splittable = splittable;
    const now = performance.now();
    this.began = { at: now, bytes: owner.bytes };
    this.minSteal = ctx.minSplitSize;
    this.lastGrowAt = now;
    this.loop = performance.eventLoopUtilization();
    this.window = { at: now, bytes: owner.bytes };
  }

  /** Runs the pass until its last connection ends; `signal` (the download's) ends it early. */
  async run(signal: AbortSignal): Promise<void> {
    const forward = (): void => {
      this.abort.abort(signal.reason);
    };
    signal.addEventListener('abort', forward, { once: true });
    const grower = setInterval(() => {
      this.grow();
    }, GROW_EVERY_MS);
    try {
      await this.#ctx.hostSlots.acquire(this.#owner.host, this.abort.signal);
      this.#spawn();
      this.grow();
      while (this.workers.size > 0) await Promise.race(this.workers);
    } finally {
      clearInterval(grower);
      signal.removeEventListener('abort', forward);
    }
  }

  /** A failure found outside the connections (a lost write, a deleted folder): it ends the pass now. */
  fault(error: HaulError): void {
    if (this.abort.signal.aborted) return;
    this.error = error;
    this.abort.abort(error);
  }

  /** Opens more connections while the controller wants them and there is work worth one. */
  grow(): void {
    if (this.abort.signal.aborted) return;
    this.#checkLowestSpeed();
    if (!this.splittable || this.error?.code === 'HTTP_STATUS') return;
    const now = performance.now();
    const loop = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(loop, this.loop).utilization;
    this.loop = loop;
    const waited = this.diskWait.ms - this.#diskWaitBefore;
    this.#diskWaitBefore = this.diskWait.ms;
    const span = (now - this.lastGrowAt) * this.live;
    const disk = span > 0 ? Math.min(1, waited / span) : 0;
    this.controller.sample({ now, bytes: this.#owner.bytes, live: this.live, busy, disk, limit: this.#limit() });
    this.connectionMs += this.live * (now - this.lastGrowAt);
    this.lastGrowAt = now;
    if (now - this.began.at >= 4 * GROW_EVERY_MS && this.connectionMs > 0) {
      const perConnection = ((this.#owner.bytes - this.began.bytes) * 1000) / this.connectionMs;
      ({ minSteal: this.minSteal, requestCap: this.requestCap, lead: this.lead } = requestSizes(perConnection, this.setupMs, this.#ctx.minSplitSize));
    }
    while (this.controller.canAdd(this.live, now) && this.#hasWork()) {
      if (!this.#ctx.hostSlots.tryAcquire(this.#owner.host)) return;
      this.#spawn();
    }
  }

  /** The tighter of the global and this download's speed limits, in bytes/s; 0: none. */
  #limit(): number {
    const limits = [this.#ctx.globalBucket.rate, this.#owner.bucket.rate].filter((rate) => rate > 0);
    return limits.length === 0 ? 0 : Math.min(...limits);
  }

  /** The lowest-speed rule (aria2's --lowest-speed-limit, curl's --speed-limit): suspended while a speed limit below it is set. */
  #checkLowestSpeed(): void {
    const lowest = this.#ctx.lowestSpeed;
    if (lowest <= 0) return;
    const now = performance.now();
    const elapsed = now - this.window.at;
    if (elapsed < this.#ctx.stallTimeoutMs) return;
    const rate = ((this.#owner.bytes - this.window.bytes) * 1000) / elapsed;
    this.window = { at: now, bytes: this.#owner.bytes };
    const limited = [this.#ctx.globalBucket.rate, this.#owner.bucket.rate].some((limit) => limit > 0 && limit < lowest);
    if (rate >= lowest || limited || this.live === 0) return;
    const error = new HaulError(
      'TOO_SLOW',
      `slower than ${formatBytes(lowest)}/s for ${Math.round(elapsed / 1000)} s (${formatBytes(Math.round(rate))}/s)`,
    );
    this.error = error;
    this.abort.abort(error);
  }

  #hasWork(): boolean {
    return pickSegment(this.#owner.segments, this.minSteal, this.lead) !== undefined;
  }

  /** Starts a connection that already holds a host slot; it releases the slot when it ends. */
  #spawn(): void {
    this.live++;
    const worker = this.#worker().finally(() => {
      this.live--;
      this.#ctx.hostSlots.release(this.#owner.host);
      this.workers.delete(worker);
    });
    this.workers.add(worker);
  }

  async #worker(): Promise<void> {
    for (;;) {
      if (this.abort.signal.aborted) return;
      // More connections than wanted (the controller stepped back, or the server pushed back): retire.
      if (this.#owner.segments.length > 0 && this.live > this.controller.target) return;
      // The first request of a new file has no segment yet: #begin makes one and puts it here.
      const holder: { segment: LiveSegment | undefined } = { segment: undefined };
      if (this.#owner.segments.length > 0) {
        holder.segment = this.#claimSegment();
        if (holder.segment === undefined) return;
      }
      try {
        await this.#fetch(holder);
        this.controller.progressed();
      } catch (caught) {
        // Any failure ends this connection; what it means for the others is decided once, here.
        if (!isAborted(this.abort.signal)) this.#onWorkerError(toHaulError(caught));
        return;
      } finally {
        if (holder.segment !== undefined) holder.segment.busy = false;
      }
    }
  }

  /** Takes the idle segment with the most left, else the back of a busy one (pickSegment). Synchronous, so two connections never take the same bytes. */
  #claimSegment(): LiveSegment | undefined {
    const pick = pickSegment(this.#owner.segments, this.minSteal, this.lead);
    if (pick === undefined) return undefined;
    const chosen = this.#owner.segments[pick.index];
    if (chosen === undefined) return undefined;
    if (pick.kind === 'take') {
      chosen.busy = true;
      return chosen;
    }
    const stolen: LiveSegment = { start: pick.at, end: chosen.end, pos: pick.at, busy: true, writer: undefined };
    chosen.end = pick.at;
    this.#owner.segments.splice(pick.index + 1, 0, stolen);
    return stolen;
  }

  /** Applies what one connection's failure means for the others (see workerFailure). */
  #onWorkerError(error: HaulError): void {
    const now = performance.now();
    switch (workerFailure(error, this.live - 1)) {
      case 'push-back':
        this.controller.pushBack(this.live, now, error.retryAfterMs);
        return;
      case 'pause':
        this.controller.failed(now);
        return;
      case 'end':
        this.error = error;
        return;
      case 'fatal':
        this.error = error;
        this.abort.abort(error);
    }
  }

  /** One request: the first of a new download (no segment yet), or one segment's remaining bytes. */
  async #fetch(holder: { segment: LiveSegment | undefined }): Promise<void> {
    const record = this.#owner.record;
    const segment = holder.segment;
    const { start, end } = requestRange(segment, record.total, this.splittable && this.controller.target > 1, this.requestCap);
    // A site rule's headers go under the download's own.
    const headers: Record<string, string> = {
      ...siteRuleFor(record.url, this.#ctx.network.siteRules)?.headers,
      ...record.headers,
      'accept-encoding': 'identity',
    };
    if (start > 0 || end !== undefined) {
      headers.range = `bytes=${start}-${end === undefined ? '' : end - 1}`;
      const ifRange = ifRangeValue(record.etag, record.lastModified);
      if (ifRange !== undefined) headers['if-range'] = ifRange;
    }
    const attempt = new AbortController();
    const forward = (): void => {
      attempt.abort(this.abort.signal.reason);
    };
    this.abort.signal.addEventListener('abort', forward, { once: true });
    const network = this.#ctx.network;
    const route = await network.route(record.url);
    const stream = this.#ctx.got.stream(record.url, { headers, signal: attempt.signal, ...transportOptions(route) });
    // Errors surface through the response promise and the async iterator; this keeps an error
    // between the two from becoming an uncaught 'error' event.
    stream.on('error', () => undefined);
    const asked = performance.now();
    try {
      const response = await responseOf(stream);
      const setup = performance.now() - asked;
      this.setupMs = Math.min(this.setupMs ?? setup, setup);
      const decision = decideResponse({ start, end, knownTotal: record.total, etag: record.etag, lastModified: record.lastModified }, response);
      switch (decision.kind) {
        case 'error':
          throw decision.error;
        case 'complete':
          if (segment !== undefined) segment.pos = segment.end = start;
          this.#owner.update({ total: start }, false);
          return;
        case 'restart':
          this.restart = decision.reason;
          this.abort.abort(new HaulError('ABORTED', 'restart'));
          return;
        case 'body':
          break;
      }
      const ranges = headerValue(response.headers, 'accept-ranges')?.toLowerCase() === 'bytes' || response.status === 206;
      let target = segment;
      if (response.status === 200 && headers.range !== undefined) {
        if (this.#owner.segments.length > 1) {
          // A 200 to a piece: either If-Range failed (a new version) or the server ignores ranges for
          // this file. Both mean starting over in a clean file; only the second means one connection.
          const changed = decision.etag !== record.etag || decision.lastModified !== record.lastModified;
          if (!changed) this.#owner.update({ acceptsRanges: false }, true);
          this.restart = changed ? 'the file changed on the server' : 'the server does not serve byte ranges of this file';
          this.abort.abort(new HaulError('ABORTED', 'restart'));
          return;
        }
        // One connection and a 200 (or a new version): start over in a clean file, from this very body.
        await this.#owner.discardPartial();
        target = undefined;
      }
      this.#owner.update(
        {
          total: decision.total,
          etag: decision.etag,
          lastModified: decision.lastModified,
          error: undefined,
          ...(ranges && this.#owner.record.acceptsRanges !== false ? { acceptsRanges: true } : {}),
        },
        false,
      );
      if (target === undefined) {
        target = await this.#owner.begin(response, decision.total);
        holder.segment = target;
      }
      this.#owner.transition('downloading');
      // The first response carries the whole file; once the file is being split, it too stops at a piece.
      const from = target.pos;
      const leaveAt =
        segment === undefined ? (pos: number): boolean => this.splittable && this.controller.target > 1 && pos >= from + this.requestCap : undefined;
      const file = this.#owner.file;
      if (file === undefined) throw new HaulError('FILE_SYSTEM', 'partial file is not open');
      const responseEnd = response.status === 206 ? (end ?? decision.total) : decision.total;
      target.requestEnd = responseEnd;
      const learned = await pumpBody(stream as AsyncIterable<Buffer>, target, {
        file,
        responseEnd,
        attempt,
        buckets: [this.#ctx.globalBucket, this.#owner.bucket],
        stallMs: this.#ctx.stallTimeoutMs,
        leaveAt,
        diskWait: this.diskWait,
      });
      // The size was unknown: the body's end is the file's end.
      if (learned !== undefined) this.#owner.update({ total: learned }, false);
    } catch (error) {
      throw network.explain(error, route, record.url);
    } finally {
      if (holder.segment !== undefined) holder.segment.requestEnd = undefined;
      this.abort.signal.removeEventListener('abort', forward);
      stream.destroy();
    }
  }
}

/** Read through a call: the signal is aborted from outside while the caller awaits. */
function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}
