export interface ControllerOptions {
  /** A fixed number of connections, or 'auto'. */
  readonly mode: number | 'auto';
  /** Most connections 'auto' opens. */
  readonly cap: number;
  /** Connections 'auto' starts with once the file can be split. */
  readonly initial: number;
  /** How long one measurement lasts before 'auto' decides to grow. */
  readonly windowMs: number;
}

export const DEFAULT_CONTROLLER: ControllerOptions = { mode: 'auto', cap: 16, initial: 4, windowMs: 120 };

/**
 * How many connections one download should have. 'auto' is slow start: begin with a few, double
 * while the last doubling raised throughput enough to be worth its connections, stop when it did
 * not. A server that pushes back (429, 503, 403 on an extra connection, resets) lowers the count
 * and holds it for Retry-After; no download fails because it asked for too much.
 */
export class ConnectionController {
  readonly #options: ControllerOptions;
  #target: number;
  #ceiling: number;
  #holdUntil = 0;
  #growing: boolean;
  #windowStart: { at: number; bytes: number } | undefined;
  #lastRate = 0;
  #lastTarget = 1;
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

  /** Feed the download's byte count; returns true when the target changed. */
  sample(bytes: number, now: number, live: number): boolean {
    if (!this.#growing) return false;
    if (this.#windowStart === undefined || live < this.#target) {
      // Measure only once every wanted connection is up, or a slow opening looks like a bad idea.
      this.#windowStart = { at: now, bytes };
      return false;
    }
    const elapsed = now - this.#windowStart.at;
    if (elapsed < this.#options.windowMs) return false;
    const rate = ((bytes - this.#windowStart.bytes) * 1000) / elapsed;
    this.#windowStart = { at: now, bytes };
    const added = this.#target - this.#lastTarget;
    // Growth pays when the added connections brought at least a third of what the old ones each carried.
    const worthIt = this.#lastRate === 0 || rate - this.#lastRate >= (this.#lastRate / this.#lastTarget) * added * 0.33;
    this.#lastRate = rate;
    this.#lastTarget = this.#target;
    if (!worthIt || this.#target >= this.#ceiling) {
      this.#growing = false;
      return false;
    }
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
