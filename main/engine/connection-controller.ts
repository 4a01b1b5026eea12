export interface ControllerOptions {
  /** A fixed number of connections, or 'auto'. */
  readonly mode: number | 'auto';
  /** Most connections 'auto' opens. */
  readonly cap: number;
  /** Connections 'auto' starts with once the file can be split. */
  readonly initial: number;
  /** Shortest measurement before 'auto' decides to grow. */
  readonly windowMs: number;
}

export const DEFAULT_CONTROLLER: ControllerOptions = { mode: 'auto', cap: 16, initial: 4, windowMs: 50 };

/** One measurement window: the download's bytes, and how busy this process's event loop was (0..1). */
export interface Sample {
  readonly now: number;
  readonly bytes: number;
  readonly live: number;
  /** Event-loop utilisation over the window (performance.eventLoopUtilization). */
  readonly busy: number;
}

/** A loop busier than this is the bottleneck: more connections would only add overhead. */
const BUSY = 0.5;
/** Growth must raise throughput at least this much to be kept going. */
const MIN_GAIN = 1.1;

/**
 * How many connections one download should have. 'auto' is slow start: begin with a few and
 * double while the last doubling raised throughput and the process still has room (a server that
 * paces each connection leaves the loop idle; a transfer bound by our own CPU does not). Measured
 * over whole windows, so servers that send in bursts do not fool it. A server that pushes back
 * (429, 503, 403 on an extra connection, resets) lowers the count and holds it for Retry-After;
 * no download fails because it asked for too much.
 */
export class ConnectionController {
  readonly #options: ControllerOptions;
  #target: number;
  #ceiling: number;
  #holdUntil = 0;
  #growing: boolean;
  /** Where the average rate is measured from: the first sample with every wanted connection up. */
  #origin: { at: number; bytes: number } | undefined;
  #levelAt = 0;
  #rateAtGrowth = 0;
  #errors = 0;

  constructor(options: ControllerOptions) {
    this.#options = options;
    this.#ceiling = options.mode === 'auto' ? options.cap : options.mode;
    this.#target = options.mode === 'auto' ? Math.min(options.initial, this.#ceiling) : options.mode;
    this.#growing = options.mode === 'auto';
  }

  get target(): number {
    return this.#target;
  }

  /** Whether another connection may open now, with `live` open. */
  canAdd(live: number, now: number): boolean {
    return live < this.#target && now >= this.#holdUntil;
  }

  /**
   * Feed one window's measurement; returns true when the target changed. Throughput is the average
   * since the connections first all ran: servers that pace in bursts (nginx's limit_rate sends a
   * connection's share every half second) make short windows swing from nothing to everything,
   * while the running average keeps rising for as long as added connections bring bytes.
   */
  sample(sample: Sample): boolean {
    if (!this.#growing) return false;
    if (sample.live < this.#target) return false;
    if (this.#origin === undefined) {
      this.#origin = { at: sample.now, bytes: sample.bytes };
      this.#levelAt = sample.now;
      return false;
    }
    if (sample.now - this.#levelAt < this.#options.windowMs) return false;
    const rate = ((sample.bytes - this.#origin.bytes) * 1000) / Math.max(1, sample.now - this.#origin.at);
    const gained = this.#rateAtGrowth === 0 || rate >= this.#rateAtGrowth * MIN_GAIN;
    if (!gained || sample.busy > BUSY || this.#target >= this.#ceiling) {
      this.#growing = false;
      return false;
    }
    this.#rateAtGrowth = rate;
    this.#target = Math.min(this.#ceiling, this.#target * 2);
    this.#levelAt = sample.now;
    return true;
  }

  /** The server refused an extra connection (429, 503, 403) or reset it. */
  pushBack(live: number, now: number, retryAfterMs: number | undefined): void {
    this.#ceiling = Math.max(1, Math.min(this.#ceiling, live - 1));
    this.#target = Math.min(this.#target, this.#ceiling);
    this.#growing = false;
    this.#holdUntil = Math.max(this.#holdUntil, now + (retryAfterMs ?? 1000));
  }

  /** A connection failed in a way worth retrying: wait a little longer each time before reopening. */
  failed(now: number): void {
    this.#errors++;
    this.#holdUntil = Math.max(this.#holdUntil, now + Math.min(5000, 100 * 2 ** Math.min(this.#errors, 6)));
  }

  progressed(): void {
    this.#errors = 0;
  }
}
