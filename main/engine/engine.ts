import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type http from 'node:http';
import { resolve as resolvePath } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CookieJar } from 'tough-cookie';
import type { Checksum } from '../../shared/checksum.js';
import { type DownloadRecord, parseDownloadRecord } from '../../shared/download-record.js';
import type { DownloadSnapshot, ProgressBatch } from '../../shared/download-snapshot.js';
import { type DownloadStatus, canTransition, isActive, isTerminal } from '../../shared/download-status.js';
import { HaulError, toHaulError } from '../../shared/errors.js';
import type { ProbeResult } from '../../shared/probe-result.js';
import { partPath } from '../storage/claim-target.js';
import { FileLock, describeOwner } from '../storage/file-lock.js';
import { Journal } from '../storage/journal.js';
import { makeDir } from '../storage/make-dir.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './calculate-retry-delay.js';
import { checkHeaders } from './check-headers.js';
import { createHttpClient } from './create-http-client.js';
import { DownloadQueue } from './download-queue.js';
import { DownloadTask, type TaskContext } from './download-task.js';
import { HostSlots } from './host-slots.js';
import { linkDifferences } from './link-differences.js';
import { Network, type NetworkOptions } from './network/network.js';
import { parseDownloadUrl } from './parse-url.js';
import { patchRecord } from './patch-record.js';
import { probeUrl } from './probe-url.js';
import { ProgressSampler } from './progress-sampler.js';
import type { Patch } from './task-context.js';
import { TasksByUrl } from './tasks-by-url.js';
import { TokenBucket } from './token-bucket.js';
import { TypedEvents } from './typed-events.js';

export interface EngineOptions {
  /** Folder for the journal; one engine at a time may use it. */
  readonly stateDir: string;
  readonly maxConcurrent?: number;
  readonly maxPerHost?: number;
  /** Global byte-rate limit; 0 = none. */
  readonly globalLimit?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** A connection that delivers no byte for this long is dropped and retried. */
  readonly stallTimeoutMs?: number;
  /** A download slower than this many bytes/s for `stallTimeoutMs` ends its attempt (0 = no rule). */
  readonly lowestSpeed?: number;
  readonly connectTimeoutMs?: number;
  /** Resume interrupted downloads on open (the app); the CLI resumes only what it is asked for. */
  readonly autoResume?: boolean;
  readonly progressIntervalMs?: number;
  /** Connections per download: a number, or 'auto' (slow start up to 16). */
  readonly connections?: number | 'auto';
  /** Smallest piece of a file worth its own connection (default 1 MiB). */
  readonly minSplitSize?: number;
  readonly checkpointIntervalMs?: number;
  /**
   * A download that has fetched this many bytes since its last checkpoint gets one at the next tick,
   * before its interval is up (default 64 MiB). A fast download's disk then writes while its network
   * reads, and the datasync that completes it has little left to write.
   */
  readonly writeBehindBytes?: number;
  readonly userAgent?: string;
  /** Proxy, extra certificate authorities, and whether to skip certificate checks. */
  readonly network?: NetworkOptions;
  /** Cookies sent by domain and path, and kept when a response (a redirect) sets them. */
  readonly cookieJar?: CookieJar;
}

export interface AddInput {
  readonly url: string;
  readonly dir: string;
  readonly name?: string | undefined;
  readonly checksum?: Checksum | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Per-download byte-rate limit; 0 = none. */
  readonly limit?: number | undefined;
  /** Connections for this download; default: the engine's. */
  readonly connections?: number | undefined;
  /** Reuse an unfinished download of the same URL, folder and name instead of adding a new one. */
  readonly adopt?: boolean | undefined;
}

export interface EngineEvents {
  /** Every change of status, and every add. */
  state: (download: DownloadSnapshot) => void;
  /** One batch per tick while anything is active; never per chunk. */
  progress: (batch: ProgressBatch) => void;
  removed: (id: string) => void;
}

/**
 * The download engine: a queue with a concurrency limit and a per-host connection cap, shared
 * token buckets, a journal that survives crashes, and progress sampled on a tick. Pure Node: it
 * runs the same in Electron's main process, the CLI and the tests.
 */
export class Engine {
  readonly #events = new TypedEvents<EngineEvents>();
  readonly #tasks = new Map<string, DownloadTask>();
  readonly #byUrl = new TasksByUrl<DownloadTask>();
  /** Downloads waiting to start, in the order they were added (a requeued one keeps its place). */
  readonly #queue = new DownloadQueue<DownloadTask>();
  /** Downloads whose run loop has not unwound yet: what counts against the concurrency limit. */
  readonly #running = new Set<DownloadTask>();
  readonly #journal: Journal<DownloadRecord>;
  readonly #journalLock: FileLock;
  readonly #stateDir: string;
  #network: Network;
  readonly #agentOptions: http.AgentOptions;
  readonly #ctx: TaskContext;
  readonly #globalBucket: TokenBucket;
  readonly #hostSlots: HostSlots;
  readonly #sampler = new ProgressSampler();
  readonly #progressIntervalMs: number;
  readonly #checkpointEvery: number;
  readonly #writeBehindBytes: number;
  #maxConcurrent: number;
  #ticker: NodeJS.Timeout | undefined;
  #ticks = 0;
  #closed = false;
  #idleWaiters: (() => void)[] = [];
  /** Downloads the scheduler must not start while the engine changes them (a new link). */
  readonly #held = new Set<DownloadTask>();

  private constructor(options: EngineOptions, journal: Journal<DownloadRecord>, journalLock: FileLock) {
    this.#stateDir = options.stateDir;
    this.#journal = journal;
    this.#journalLock = journalLock;
    this.#maxConcurrent = positive(options.maxConcurrent ?? 4, 'maxConcurrent');
    this.#hostSlots = new HostSlots(positive(options.maxPerHost ?? 16, 'maxPerHost'));
    this.#globalBucket = new TokenBucket(options.globalLimit ?? 0);
    this.#progressIntervalMs = options.progressIntervalMs ?? 250;
    this.#checkpointEvery = Math.max(1, Math.round((options.checkpointIntervalMs ?? 1000) / this.#progressIntervalMs));
    this.#writeBehindBytes = options.writeBehindBytes ?? 64 * 1024 * 1024;
    const agentOptions = { keepAlive: true, maxFreeSockets: 64, scheduling: 'lifo' as const };
    this.#agentOptions = agentOptions;
    this.#network = new Network(options.network ?? {}, agentOptions);
    const client = createHttpClient(options);
    this.#ctx = {
      got: client,
      network: this.#network,
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      stallTimeoutMs: options.stallTimeoutMs ?? 30_000,
      lowestSpeed: options.lowestSpeed ?? 0,
      globalBucket: this.#globalBucket,
      hostSlots: this.#hostSlots,
      connections: options.connections ?? 'auto',
      minSplitSize: options.minSplitSize ?? 1024 * 1024,
      transition: (task, status, patch) => {
        this.#transition(task, status, patch);
      },
      update: (task, patch, durable) => {
        task.record = patchRecord(task.record, patch);
        this.#journal.put(task.record, durable);
      },
      written: () => this.#journal.written(),
      settled: (task) => {
        this.#running.delete(task);
        this.#schedule();
        this.#checkIdle();
      },
    };
  }

  /** Opens the journal in `stateDir` (taking its lock) and restores every download it holds. */
  static async open(options: EngineOptions): Promise<Engine> {
    const stateDir = resolvePath(options.stateDir);
    await makeDir(stateDir);
    const lock = await FileLock.acquire(resolvePath(stateDir, 'engine.lock'));
    if (!(lock instanceof FileLock)) {
      throw new HaulError('LOCKED', `${stateDir} is in use by ${describeOwner(lock.heldBy)}`);
    }
    let journal: Journal<DownloadRecord>;
    try {
      journal = await Journal.open(stateDir, parseDownloadRecord);
    } catch (error) {
      await lock.release();
      throw error;
    }
    const engine = new Engine({ ...options, stateDir }, journal, lock);
    engine.#restore(options.autoResume ?? true);
    return engine;
  }

  on<K extends keyof EngineEvents>(event: K, listener: EngineEvents[K]): () => void {
    return this.#events.on(event, listener);
  }

  get maxConcurrent(): number {
    return this.#maxConcurrent;
  }

  list(): DownloadSnapshot[] {
    return [...this.#tasks.values()].map(snapshot);
  }

  /**
   * Every download's record and live byte count, oldest first, without copying them into
   * snapshots: what a list query over 100,000 downloads reads. Read-only, and stale after a change.
   */
  each(): IterableIterator<Readonly<{ record: DownloadRecord; bytes: number }>> {
    return this.#tasks.values();
  }

  /** One download's record and live byte count, as `each` gives them. */
  peek(id: string): Readonly<{ record: DownloadRecord; bytes: number }> | undefined {
    return this.#tasks.get(id);
  }

  get(id: string): DownloadSnapshot | undefined {
    const task = this.#tasks.get(id);
    return task === undefined ? undefined : snapshot(task);
  }

  /** Validates and queues a download. Throws a HaulError (INVALID_URL, UNSUPPORTED_PROTOCOL, INVALID_OPTION). */
  add(input: AddInput): DownloadSnapshot {
    this.#assertOpen();
    const url = parseDownloadUrl(input.url).href;
    const dir = resolvePath(input.dir);
    const headers = checkHeaders(input.headers ?? {});
    const limit = input.limit ?? 0;
    if (!Number.isFinite(limit) || limit < 0) throw new HaulError('INVALID_OPTION', `invalid speed limit ${limit}`);
    if (input.name !== undefined && input.name.trim() === '') throw new HaulError('INVALID_OPTION', 'the file name is empty');
    if (input.adopt === true) {
      const existing = this.#byUrl.find(url, ({ record }) => record.dir === dir && record.requestedName === input.name && !isTerminal(record.status));
      if (existing !== undefined) {
        if (existing.record.status === 'paused') this.resume(existing.record.id);
        else if (existing.record.status === 'failed') this.retry(existing.record.id);
        return snapshot(existing);
      }
    }
    const record: DownloadRecord = {
      id: randomUUID(),
      url,
      dir,
      ...(input.name === undefined ? {} : { requestedName: input.name }),
      headers,
      ...(input.checksum === undefined ? {} : { checksum: input.checksum }),
      status: 'queued',
      segments: [],
      attempts: 0,
      limit,
      ...(input.connections === undefined ? {} : { connections: positive(input.connections, 'connections') }),
      createdAt: Date.now(),
    };
    const task = new DownloadTask(record, this.#ctx, new TokenBucket(record.limit));
    this.#tasks.set(record.id, task);
    this.#byUrl.add(url, task);
    this.#queue.register(task);
    this.#queue.enqueue(task);
    this.#journal.put(record);
    this.#events.emit('state', snapshot(task));
    this.#schedule();
    return snapshot(task);
  }

  pause(id: string): void {
    const task = this.#task(id);
    const { status } = task.record;
    if (task.isRunning) void task.stop('pause');
    else if (status === 'queued') this.#transition(task, 'paused');
  }

  resume(id: string): void {
    const task = this.#task(id);
    if (task.record.status !== 'paused') return;
    this.#transition(task, 'queued', { error: undefined });
    this.#schedule();
  }

  /** Tries a failed download again, continuing from the bytes it has; starts a cancelled one again from zero. */
  retry(id: string): void {
    const task = this.#task(id);
    const { status } = task.record;
    if (status === 'failed') this.#transition(task, 'queued', { error: undefined, attempts: 0 });
    else if (status === 'cancelled') {
      this.#transition(task, 'queued', {
        error: undefined,
        attempts: 0,
        segments: [],
        total: undefined,
        etag: undefined,
        lastModified: undefined,
        file: undefined,
        log: undefined,
      });
    } else return;
    this.#schedule();
  }

  /**
   * Gives an unfinished download a new address (a signed link that expired). The bytes are kept when
   * the new link serves the same file: the same size, and the same ETag and Last-Modified where both
   * sides have them. Otherwise it throws INVALID_OPTION saying why, unless `startOver` is set, which
   * starts the file again from the new link. A running download goes on from the new link at once.
   */
  async refresh(id: string, url: string, options: { readonly startOver?: boolean } = {}): Promise<{ readonly kept: boolean }> {
    const task = this.#task(id);
    if (task.record.status === 'completed') throw new HaulError('INVALID_OPTION', 'this download is complete; a new link is not needed');
    const href = parseDownloadUrl(url).href;
    const look = await this.probe(href, task.record.headers);
    if (look.error !== undefined) throw new HaulError('INVALID_OPTION', `the new link does not work: ${look.error}`);
    const differences = linkDifferences(task.record, look);
    const kept = differences.length === 0;
    if (!kept && options.startOver !== true) {
      throw new HaulError(
        'INVALID_OPTION',
        `the new link serves a different file (${differences.join(', ')}); start over to download it from the beginning`,
      );
    }
    // Held out of the queue until the new link is recorded: the stop's own "queued" would otherwise
    // start the old run again, which reads the old link and segments.
    this.#held.add(task);
    try {
      if (task.isRunning) await task.stop('requeue');
      const restart = kept ? {} : { segments: [], total: undefined, etag: undefined, lastModified: undefined, acceptsRanges: undefined };
      const oldUrl = task.record.url;
      this.#ctx.update(task, { url: href, ...restart, error: undefined }, true);
      this.#byUrl.delete(oldUrl, task);
      this.#byUrl.add(href, task);
      const { status } = task.record;
      if (status === 'failed' || status === 'cancelled') this.#transition(task, 'queued', { attempts: 0 });
      else if (status !== 'paused') this.#events.emit('state', snapshot(task));
    } finally {
      this.#held.delete(task);
    }
    this.#schedule();
    return { kept };
  }

  /** Stops a download and deletes its partial; resolves once the file is closed and gone. */
  async cancel(id: string): Promise<void> {
    const task = this.#task(id);
    if (isTerminal(task.record.status)) return;
    if (task.isRunning) await task.stop('cancel');
    // A pause already on its way wins the stop, and the run ends paused: the cancel is still owed.
    if (isTerminal(task.record.status) || task.isRunning) return;
    const { dir, name } = task.record;
    if (name !== undefined) await rm(partPath(dir, name), { force: true });
    this.#transition(task, 'cancelled');
  }

  /** Forgets a download; `deleteFile` also deletes what it wrote (the partial, or the finished file). */
  async remove(id: string, options: { deleteFile?: boolean } = {}): Promise<void> {
    const task = this.#task(id);
    const wasCompleted = task.record.status === 'completed';
    if (!isTerminal(task.record.status)) {
      if (options.deleteFile === true) await this.cancel(id);
      else if (task.isRunning) await task.stop('pause');
    }
    const { dir, name } = task.record;
    if (options.deleteFile === true && wasCompleted && name !== undefined) await rm(resolvePath(dir, name), { force: true });
    this.#tasks.delete(id);
    this.#byUrl.delete(task.record.url, task);
    this.#queue.dequeue(task);
    this.#sampler.forget(id);
    this.#journal.delete(id);
    this.#events.emit('removed', id);
    this.#checkIdle();
  }

  pauseAll(): void {
    for (const task of this.#tasks.values()) {
      const { status } = task.record;
      if (status === 'queued' || isActive(status)) this.pause(task.record.id);
    }
  }

  resumeAll(): void {
    for (const task of this.#tasks.values()) if (task.record.status === 'paused') this.resume(task.record.id);
  }

  /** Live: running transfers pick the new limits up within one chunk; connections and retries at their next decision. */
  setLimits(limits: { maxConcurrent?: number; maxPerHost?: number; globalLimit?: number; connections?: number | 'auto'; retries?: number }): void {
    if (limits.connections !== undefined) {
      this.#ctx.connections = limits.connections === 'auto' ? 'auto' : positive(limits.connections, 'connections');
    }
    if (limits.retries !== undefined) this.#ctx.policy = { ...this.#ctx.policy, attempts: positive(limits.retries, 'retries') };
    if (limits.globalLimit !== undefined) {
      if (!Number.isFinite(limits.globalLimit) || limits.globalLimit < 0) throw new HaulError('INVALID_OPTION', 'invalid global limit');
      this.#globalBucket.setRate(limits.globalLimit);
    }
    if (limits.maxPerHost !== undefined) this.#hostSlots.setLimit(positive(limits.maxPerHost, 'maxPerHost'));
    if (limits.maxConcurrent !== undefined) {
      this.#maxConcurrent = positive(limits.maxConcurrent, 'maxConcurrent');
      // Lowering N sends the most recently started downloads back to the queue, partials kept.
      const running = [...this.#tasks.values()].filter((task) => isActive(task.record.status));
      for (const task of running.slice(this.#maxConcurrent).reverse()) void task.stop('requeue');
      this.#schedule();
    }
  }

  /**
   * A new way out (proxy, trusted authorities): new requests take it; connections already open
   * finish on the old one, whose idle sockets are closed.
   */
  setNetwork(options: NetworkOptions): void {
    const old = this.#network;
    this.#network = new Network(options, this.#agentOptions);
    this.#ctx.network = this.#network;
    old.destroy();
  }

  get globalLimit(): number {
    return this.#globalBucket.rate;
  }

  setDownloadLimit(id: string, limit: number): void {
    if (!Number.isFinite(limit) || limit < 0) throw new HaulError('INVALID_OPTION', `invalid speed limit ${limit}`);
    const task = this.#task(id);
    task.bucket.setRate(limit);
    this.#ctx.update(task, { limit }, true);
  }

  /**
   * A quick look at a URL for the Add preview: size, resumability and the name it would get, from a
   * one-byte ranged GET (HEAD is answered wrongly by too many servers). Never throws.
   */
  async probe(url: string, headers: Readonly<Record<string, string>> = {}): Promise<ProbeResult> {
    let href: string;
    let checked: Record<string, string>;
    try {
      href = parseDownloadUrl(url).href;
      checked = checkHeaders(headers);
    } catch (error) {
      return { url, resumable: false, error: toHaulError(error).message };
    }
    return probeUrl(this.#ctx.got, this.#network, href, checked);
  }

  /** Resolves when nothing is queued or active. */
  whenIdle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /**
   * Stops every transfer cleanly (files flushed and closed, progress journalled), keeping running
   * downloads queued so the next start resumes them, then closes the journal and frees its lock.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopTicker();
    await Promise.all([...this.#tasks.values()].map((task) => task.stop('shutdown')));
    await this.#journal.close();
    await this.#journalLock.release();
    this.#network.destroy();
    this.#resolveIdle();
  }

  /** Like close, and deletes the state folder when no download is left in it (a CLI run that finished). */
  async closeAndCleanUp(): Promise<void> {
    const empty = this.#tasks.size === 0;
    await this.close();
    if (empty) await rm(this.#stateDir, { recursive: true, force: true });
  }

  #restore(autoResume: boolean): void {
    for (const stored of this.#journal.records.values()) {
      let record = stored;
      if (isActive(record.status) || (record.status === 'queued' && !autoResume)) {
        // An interrupted download: the CLI waits to be asked again, the app carries on.
        record = { ...record, status: autoResume ? 'queued' : 'paused', retryAt: undefined };
        this.#journal.put(record);
      }
      const task = new DownloadTask(record, this.#ctx, new TokenBucket(record.limit));
      this.#tasks.set(record.id, task);
      this.#byUrl.add(record.url, task);
      this.#queue.register(task);
      if (record.status === 'queued') this.#queue.enqueue(task);
    }
    this.#schedule();
  }

  #transition(task: DownloadTask, status: DownloadStatus, patch: Patch = {}): void {
    const from = task.record.status;
    if (!canTransition(from, status)) {
      throw new HaulError('UNKNOWN', `illegal transition ${from} → ${status} for ${task.record.url}`);
    }
    // Every connection of a download reports "downloading": only a change is news to the journal and listeners.
    if (from === status && Object.keys(patch).length === 0) return;
    // Set after the copy rather than spread into the patch: the record always has a status, so this overwrites in place.
    const next: { -readonly [K in keyof DownloadRecord]: DownloadRecord[K] } = patchRecord(task.record, patch);
    next.status = status;
    task.record = next;
    if (status === 'queued' && from !== 'queued') this.#queue.enqueue(task);
    else if (status !== 'queued' && from === 'queued') this.#queue.dequeue(task);
    this.#journal.put(task.record);
    this.#events.emit('state', snapshot(task));
    if (isActive(status)) this.#startTicker();
    if (!isActive(status) && status !== from) {
      this.#sampler.reset(task.record.id);
      this.#schedule();
      this.#checkIdle();
    }
  }

  /** Starts queued downloads, oldest first, while slots are free; a busy host does not hold up others. */
  #schedule(): void {
    if (this.#closed) return;
    this.#queue.drain(
      () => this.#running.size < this.#maxConcurrent,
      (task) => {
        if (task.isRunning || this.#held.has(task) || !this.#hostSlots.available(task.host)) return false;
        this.#running.add(task);
        task.start();
        return true;
      },
    );
  }

  #startTicker(): void {
    if (this.#ticker !== undefined || this.#closed) return;
    this.#ticker = setInterval(() => {
      this.#tick();
    }, this.#progressIntervalMs);
    this.#ticker.unref();
  }

  #stopTicker(): void {
    if (this.#ticker !== undefined) clearInterval(this.#ticker);
    this.#ticker = undefined;
  }

  #tick(): void {
    const checkpoint = ++this.#ticks % this.#checkpointEvery === 0;
    const batch = this.#sampler.sample(this.#tasks.values(), performance.now(), (task) => {
      if (task.record.status === 'downloading' && (checkpoint || task.unsyncedBytes >= this.#writeBehindBytes)) {
        void task.checkpoint().catch(() => undefined);
      }
    });
    if (batch === undefined) {
      this.#stopTicker();
      return;
    }
    this.#events.emit('progress', batch);
  }

  #isIdle(): boolean {
    return this.#queue.length === 0 && this.#running.size === 0;
  }

  #checkIdle(): void {
    if (this.#idleWaiters.length === 0) return;
    // Defer: the task that just settled is still unwinding its run loop.
    setImmediate(() => {
      if (this.#isIdle() || this.#closed) this.#resolveIdle();
    });
  }

  #resolveIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  #task(id: string): DownloadTask {
    const task = this.#tasks.get(id);
    if (task === undefined) throw new HaulError('INVALID_OPTION', `no download with id ${id}`);
    return task;
  }

  #assertOpen(): void {
    if (this.#closed) throw new HaulError('INVALID_OPTION', 'the engine is closed');
  }
}

/** The record with its live figures. Built key by key for the reason patchRecord is (a spread and three keys took 3-6 µs). */
function snapshot(task: DownloadTask): DownloadSnapshot {
  const { record } = task;
  const out: Record<string, unknown> = {};
  for (const key in record) out[key] = record[key as keyof DownloadRecord];
  out['segments'] = task.segments;
  out['bytes'] = task.bytes;
  out['liveConnections'] = task.connections;
  return out as unknown as DownloadSnapshot;
}

function positive(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new HaulError('INVALID_OPTION', `${name} must be a whole number ≥ 1, got ${value}`);
  return value;
}
