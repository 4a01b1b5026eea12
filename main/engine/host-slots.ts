import { HaulError } from '../../shared/errors.js';

/** At most `limit` connections per host across all downloads; waiters are served in order. */
export class HostSlots {
  #limit: number;
  readonly #used = new Map<string, number>();
  readonly #waiters = new Map<string, (() => void)[]>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  get limit(): number {
    return this.#limit;
  }

  setLimit(limit: number): void {
    this.#limit = limit;
    for (const host of this.#waiters.keys()) this.#wake(host);
  }

  available(host: string): boolean {
    return (this.#used.get(host) ?? 0) < this.#limit && (this.#waiters.get(host)?.length ?? 0) === 0;
  }

  /** Takes a slot if one is free now; never waits. */
  tryAcquire(host: string): boolean {
    if (!this.available(host)) return false;
    this.#used.set(host, (this.#used.get(host) ?? 0) + 1);
    return true;
  }

  /** Takes a slot synchronously when one is free, so a scheduler loop sees the count at once. */
  acquire(host: string, signal: AbortSignal): Promise<void> {
    if (this.available(host)) {
      this.#used.set(host, (this.#used.get(host) ?? 0) + 1);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiters = this.#waiters.get(host) ?? [];
      this.#waiters.set(host, waiters);
      const grant = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        const index = waiters.indexOf(grant);
        if (index >= 0) waiters.splice(index, 1);
        reject(new HaulError('ABORTED', 'aborted while waiting for a connection'));
      };
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      waiters.push(grant);
    });
  }

  release(host: string): void {
    const used = (this.#used.get(host) ?? 1) - 1;
    if (used <= 0) this.#used.delete(host);
    else this.#used.set(host, used);
    this.#wake(host);
  }

  #wake(host: string): void {
    const waiters = this.#waiters.get(host);
    while (waiters !== undefined && waiters.length > 0 && (this.#used.get(host) ?? 0) < this.#limit) {
      this.#used.set(host, (this.#used.get(host) ?? 0) + 1);
      waiters.shift()?.();
    }
    if (waiters?.length === 0) this.#waiters.delete(host);
  }
}
