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

export const DEFAULT_CONTROLLER: ControllerOptions = { mode: 'auto', cap: 16, initial: 4, windowMs: 40 };

/** One measurement: the download's bytes, its open connections, and how busy the process was. */
export interface Sample {
  readonly now: number;
  readonly bytes: number;
  readonly live: number;
  /** Event-loop utilisation since the previous sample (0..1). */
  readonly busy: number;
  /**
   * Share of the time since the previous sample the connections spent waiting for the disk to take
   * their bytes (0..1). Absent: none.
   */
  readonly disk?: number;
  /** The most bytes/s this download may have (the tighter of its own and the global speed limit); 0 or absent: none. */
  readonly limit?: number;
}

/** A first connection that keeps the event loop this busy on its own gets no company. */
const SATURATED = 0.5;

/** Doubling the connections must raise throughput at least this much to be kept. */
const MIN_GAIN = 1.1;

/** A lone connection watched for this many windows has a rate that its first company must beat. */
const PROBE_RATE_WINDOWS = 4;

/** A count that already gets this share of a speed limit gets no more connections: they could only wait for tokens. */
const LIMIT_SHARE = 0.9;

/**
 * How many connections one download should have. 'auto' first watches the one connection it has: if
 * that alone keeps this process busy (a fast link, loopback) or waits on the disk, more would only
 * cost CPU and memory, and it stays at one. Otherwise it is slow start: begin with a few and double
 * while the last step raised throughput enough (a server that paces each connection gives more with
 * more; a link or a CPU that is already full does not), and step back to the previous count when it
 * did not; the first few must beat what a lone connection watched for a while fetched. Each count
 * is measured over its own window, opened once all its connections are up, so the ramp-up of the
 * first ones does not flatter the later ones. A server that pushes back (429, 503, 403 on an extra
 * connection, resets) lowers the count and holds it for Retry-After; no download fails because it
 * asked for too much. Under a speed limit, growth stops at the count that already gets the limit
 * (one connection, usually): more could only wait for tokens.
 */
export class ConnectionController {
  readonly #options: ControllerOptions;
  #target: number;
  #ceiling: number;
  #holdUntil = 0;
  #growing: boolean;
  /** Still watching the first connection alone. */
  #probing: boolean;
  /** Start of the current count's measurement, once all its connections are up. */
  #window: { at: number; bytes: number; busy: number; samples: number } | undefined;
  #previous: { target: number; rate: number } | undefined;
  /** Where the lone first connection's first window began: its rate over a long look is what company must beat. */
  #probeFrom: { at: number; bytes: number } | undefined;
  #errors = 0;

  constructor(options: ControllerOptions) {
    this.#options = options;
    this.#ceiling = options.mode === 'auto' ? options.cap : options.mode;
    this.#target = options.mode === 'auto' ? 1 : options.mode;
    this.#growing = options.mode === 'auto';
    this.#probing = options.mode === 'auto';
  }

  get target(): number {
    return this.#target;
  }

  /** Whether another connection may open now, with `live` open. */
  canAdd(live: number, now: number): boolean {
    return live < this.#target && now >= this.#holdUntil;
  }

  /** Feed a measurement; returns true when the target changed. */
  sample(sample: Sample): boolean {
    if (!this.#growing) return false;
    if (sample.live < this.#target) {
      this.#window = undefined;
      return false;
    }
    if (this.#window === undefined) {
      this.#window = { at: sample.now, bytes: sample.bytes, busy: 0, samples: 0 };
      if (this.#probing) this.#probeFrom ??= { at: sample.now, bytes: sample.bytes };
      return false;
    }
    // Held back by our own disk is as busy as held back by our own CPU: more connections would wait
    // for it too. A connection whose writes wait on a slow disk (a USB stick, a network share) leaves
    // the event loop idle just as one a server paces does, and got four connections, then eight.
    this.#window.busy += Math.max(sample.busy, sample.disk ?? 0);
    this.#window.samples++;
    const elapsed = sample.now - this.#window.at;
    // A lone first connection that leaves the process idle (the server paces it) needs no long look.
    // Under a speed limit an idle process says nothing (it waits for tokens): the full window decides.
    const limit = sample.limit ?? 0;
    const plainlyIdle = this.#probing && limit === 0 && this.#window.busy / this.#window.samples < SATURATED / 2;
    if (elapsed < this.#options.windowMs && !plainlyIdle) return false;
    const rate = ((sample.bytes - this.#window.bytes) * 1000) / elapsed;
    const busy = this.#window.busy / this.#window.samples;
    this.#window = undefined;
    if (limit > 0 && rate >= LIMIT_SHARE * limit) {
      // The limit, not the connections, sets the pace: more connections would only wait for tokens.
      this.#probing = false;
      this.#growing = false;
      return false;
    }
    if (this.#probing) {
      if (this.#ceiling <= 1) {
        this.#probing = false;
        this.#growing = false;
        return false;
      }
      // Busy with one connection: stay at one, and keep watching. One window is not a verdict for the
      // whole download: the first one often falls on the process's own start-up (compiling, opening
      // the file), and a paced server then got one connection for good (capped: 15.8 s, not 0.7 s).
      if (busy >= SATURATED) return false;
      this.#probing = false;
      // A lone connection watched for a while has a rate of its own, and the first company must beat it
      // like every doubling after it: an idle window then is as likely a server that stalled for a
      // moment (on loopback, one reading its disk behind our fdatasync) as one that paces. 1 GiB from
      // nginx on loopback then often went to eight connections: 2.6-3.3 s and up to 121 MB, where
      // one takes 2.5-3.1 s and 86-91 MB (ten runs each, alternated).
      // One idle from its first windows (a paced server) gets company at once: a few windows of a paced
      // stream are too few bytes to tell a rate.
      const from = this.#probeFrom ?? { at: sample.now, bytes: sample.bytes };
      const watched = sample.now - from.at;
      this.#previous =
        watched >= PROBE_RATE_WINDOWS * this.#options.windowMs ? { target: 1, rate: ((sample.bytes - from.bytes) * 1000) / watched } : undefined;
      this.#target = Math.min(this.#options.initial, this.#ceiling);
      return true;
    }
    const previous = this.#previous;
    if (previous !== undefined && rate < previous.rate * MIN_GAIN) {
      // The last doubling did not pay: go back, the extra connections retire at their next piece.
      this.#target = previous.target;
      this.#growing = false;
      return true;
    }
    if (this.#target >= this.#ceiling) {
      this.#growing = false;
      return false;
    }
    this.#previous = { target: this.#target, rate };
    this.#target = Math.min(this.#ceiling, this.#target * 2);
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
