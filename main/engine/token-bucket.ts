/**
 * A byte-rate limiter that may go into debt: `reserve(n)` always succeeds and the caller waits
 * until the debt is paid. Over any interval the bytes passed never exceed rate × time + burst.
 *
 * A bucket starts full, as a token bucket does (RFC 2697), and as one idle for a moment is: the
 * burst (50 ms of the rate) belongs to the limit, not to how long ago its object was made. An empty
 * start gave the desktop app's global limit, made at launch, its burst and a CLI download none.
 *
 * A rate of 0 means unlimited. The rate can change at any moment; waiters re-read it at least every
 * `MAX_SLEEP_MS`, so a new limit applies to transfers already running.
 */
const MAX_SLEEP_MS = 100;

export class TokenBucket {
  #rate: number;
  #tokens: number;
  #last: number;
  readonly #burstSeconds: number;
  readonly #now: () => number;

  constructor(rate = 0, options: { burstSeconds?: number; now?: () => number } = {}) {
    this.#now = options.now ?? (() => performance.now());
    this.#burstSeconds = options.burstSeconds ?? 0.05;
    this.#rate = sanitizeRate(rate);
    this.#tokens = this.#burst();
    this.#last = this.#now();
  }

  get rate(): number {
    return this.#rate;
  }

  setRate(rate: number): void {
    this.#refill();
    const unlimited = this.#rate === 0;
    this.#rate = sanitizeRate(rate);
    // Unlimited kept no account: a new limit starts full, like a new bucket.
    if (this.#rate === 0) this.#tokens = 0;
    else this.#tokens = unlimited ? this.#burst() : Math.min(this.#tokens, this.#burst());
  }

  reserve(bytes: number): void {
    if (this.#rate === 0) return;
    this.#refill();
    this.#tokens -= bytes;
  }

  /** Milliseconds until this bucket is out of debt. */
  waitMs(): number {
    if (this.#rate === 0) return 0;
    this.#refill();
    return this.#tokens >= 0 ? 0 : (-this.#tokens / this.#rate) * 1000;
  }

  #burst(): number {
    return this.#rate * this.#burstSeconds;
  }

  #refill(): void {
    const now = this.#now();
    const elapsed = (now - this.#last) / 1000;
    this.#last = now;
    if (this.#rate === 0) return;
    this.#tokens = Math.min(this.#burst(), this.#tokens + elapsed * this.#rate);
  }
}

function sanitizeRate(rate: number): number {
  return Number.isFinite(rate) && rate > 0 ? rate : 0;
}

/**
 * Takes `bytes` from every bucket (global first, then the download's own) and resolves once all are
 * out of debt. The buckets are independent, so composition is the maximum of their waits, not the sum.
 */
export async function throttle(buckets: readonly TokenBucket[], bytes: number, signal?: AbortSignal): Promise<void> {
  for (const bucket of buckets) bucket.reserve(bytes);
  for (;;) {
    let wait = 0;
    for (const bucket of buckets) wait = Math.max(wait, bucket.waitMs());
    if (wait <= 0) return;
    if (signal?.aborted === true) return;
    await sleep(Math.min(wait, MAX_SLEEP_MS), signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(1, Math.ceil(ms)));
    signal?.addEventListener('abort', done, { once: true });
  });
}
