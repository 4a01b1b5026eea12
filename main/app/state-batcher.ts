import type { DownloadSnapshot } from '../../shared/download-snapshot.js';

/** How long state changes gather before they go out as one message. */
export const STATE_BATCH_MS = 16;

/**
 * State changes sent as one batch per short tick, the newest change per download only (in the order
 * each download first changed): a
 * 100,000-line add is a few hundred messages, not 100,000, and a UI applies each batch in one
 * update instead of copying its list once per download.
 */
export class StateBatcher {
  readonly #send: (batch: DownloadSnapshot[]) => void;
  #pending = new Map<string, DownloadSnapshot>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(send: (batch: DownloadSnapshot[]) => void) {
    this.#send = send;
  }

  push(download: DownloadSnapshot): void {
    // A download changed again keeps its place: new downloads arrive in the order they were added,
    // which is the order a UI lists them in.
    this.#pending.set(download.id, download);
    this.#timer ??= setTimeout(() => {
      this.flush();
    }, STATE_BATCH_MS);
  }

  /** Sends what is pending now (before an event that must not overtake it). */
  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.size === 0) return;
    const batch = [...this.#pending.values()];
    this.#pending = new Map();
    this.#send(batch);
  }

  close(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending.clear();
  }
}
