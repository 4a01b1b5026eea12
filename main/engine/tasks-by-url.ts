/**
 * The downloads under each address, so that adding a list of N addresses finds an unfinished
 * download of the same one (to adopt it) without going through every download N times.
 */
export class TasksByUrl<T> {
  readonly #byUrl = new Map<string, Set<T>>();

  add(url: string, task: T): void {
    const tasks = this.#byUrl.get(url);
    if (tasks === undefined) this.#byUrl.set(url, new Set([task]));
    else tasks.add(task);
  }

  delete(url: string, task: T): void {
    const tasks = this.#byUrl.get(url);
    if (tasks === undefined) return;
    tasks.delete(task);
    if (tasks.size === 0) this.#byUrl.delete(url);
  }

  /** The first download under `url` that `accept` takes, in the order they were added. */
  find(url: string, accept: (task: T) => boolean): T | undefined {
    const tasks = this.#byUrl.get(url);
    if (tasks === undefined) return undefined;
    for (const task of tasks) if (accept(task)) return task;
    return undefined;
  }
}
