import { clipboardOffer } from './clipboard-offer.js';

export interface ClipboardWatchOptions {
  readonly readText: () => string;
  /** URLs already in the list (asked only when the clipboard holds some). */
  readonly knownUrls: () => ReadonlySet<string>;
  readonly onOffer: (offer: { text: string; count: number }) => void;
  readonly intervalMs?: number;
}

/**
 * Polls the clipboard (no platform tells Electron it changed) and offers copied URLs; it never
 * adds anything itself. What was on the clipboard when watching began is not offered: the user
 * copied it before asking.
 */
export class ClipboardWatch {
  readonly #options: ClipboardWatchOptions;
  #timer: ReturnType<typeof setInterval> | undefined;
  #previous: string | undefined;

  constructor(options: ClipboardWatchOptions) {
    this.#options = options;
  }

  get running(): boolean {
    return this.#timer !== undefined;
  }

  start(): void {
    if (this.#timer !== undefined) return;
    this.#previous = this.#read();
    this.#timer = setInterval(() => {
      this.check();
    }, this.#options.intervalMs ?? 1000);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  check(): void {
    const text = this.#read();
    const offer = clipboardOffer(text, this.#previous, this.#options.knownUrls);
    this.#previous = text;
    if (offer !== undefined) this.#options.onOffer(offer);
  }

  #read(): string {
    try {
      return this.#options.readText();
    } catch {
      // A clipboard another program holds open (Windows) is read on the next tick.
      return this.#previous ?? '';
    }
  }
}
