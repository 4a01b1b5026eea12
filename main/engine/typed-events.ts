/** A minimal typed event hub whose `on` returns the unsubscribe, so listeners cannot leak by name. */
export class TypedEvents<Events extends { [K in keyof Events]: (payload: never) => void }> {
  readonly #listeners = new Map<keyof Events, Set<Events[keyof Events]>>();

  on<K extends keyof Events>(event: K, listener: Events[K]): () => void {
    let set = this.#listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit<K extends keyof Events>(event: K, payload: Parameters<Events[K]>[0]): void {
    const set = this.#listeners.get(event);
    if (set === undefined) return;
    for (const listener of [...set]) (listener as (payload: Parameters<Events[K]>[0]) => void)(payload);
  }
}
