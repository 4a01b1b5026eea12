/**
 * Downloads waiting to start, in the order they were first added: a download sent back (paused and
 * resumed, requeued by a lower limit) takes its old place, not the end. Insertion is a binary
 * search on that order, so a queue of 100,000 stays cheap.
 */
export class DownloadQueue<T extends object> {
  readonly #items: T[] = [];
  readonly #order = new WeakMap<T, number>();
  #next = 0;

  /** Gives `item` its place in the order (once, when it is first known); it is not queued yet. */
  register(item: T): void {
    if (!this.#order.has(item)) this.#order.set(item, this.#next++);
  }

  enqueue(item: T): void {
    const order = this.#order.get(item) ?? 0;
    let low = 0;
    let high = this.#items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.#order.get(this.#items[mid] as T) ?? 0) < order) low = mid + 1;
      else high = mid;
    }
    if (this.#items[low] !== item) this.#items.splice(low, 0, item);
  }

  dequeue(item: T): void {
    const index = this.#items.indexOf(item);
    if (index >= 0) this.#items.splice(index, 1);
  }

  get length(): number {
    return this.#items.length;
  }

  /**
   * Offers queued items, oldest first, to `start` while `more()` says there is room; `start` returns
   * whether it started the item (which may leave the queue while this runs).
   */
  drain(more: () => boolean, start: (item: T) => boolean): void {
    for (let index = 0; index < this.#items.length && more(); index++) {
      const item = this.#items[index];
      if (item === undefined || !start(item)) continue;
      // Starting moved it out of the queue (queued → connecting): the same index is the next one now.
      if (this.#items[index] !== item) index--;
    }
  }
}
