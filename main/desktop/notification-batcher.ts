import { type Finished, type NotificationContent, summarizeFinished } from './summarize-finished.js';

export interface BatcherOptions {
  /** Quiet time after the last finish before the notification goes out. */
  readonly quietMs?: number;
  /** A steady trickle still gets a notification this long after its first finish. */
  readonly maxWaitMs?: number;
}

/**
 * Collects downloads as they finish and shows one notification per burst: a list of 200 small
 * files finishing together is one notification, not 200.
 */
export class NotificationBatcher {
  readonly #show: (content: NotificationContent) => void;
  readonly #quietMs: number;
  readonly #maxWaitMs: number;
  #pending: Finished[] = [];
  #firstAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(show: (content: NotificationContent) => void, options: BatcherOptions = {}) {
    this.#show = show;
    this.#quietMs = options.quietMs ?? 1500;
    this.#maxWaitMs = options.maxWaitMs ?? 6000;
  }

  add(item: Finished): void {
    // The same download twice in one burst (failed, retried, failed) is told once, as it ended.
    this.#pending = this.#pending.filter((pending) => pending.id !== item.id);
    if (this.#pending.length === 0) this.#firstAt = Date.now();
    this.#pending.push(item);
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const wait = Math.max(0, Math.min(this.#quietMs, this.#firstAt + this.#maxWaitMs - Date.now()));
    this.#timer = setTimeout(() => {
      this.flush();
    }, wait);
  }

  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const items = this.#pending;
    this.#pending = [];
    if (items.length > 0) this.#show(summarizeFinished(items));
  }

  /** Drops what is pending (notifications turned off, app quitting). */
  clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = [];
  }
}
