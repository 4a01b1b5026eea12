import type { DownloadSnapshot } from '../../../shared/download-snapshot.js';

/**
 * The downloads the window holds, by id. An update changes one Map in place and returns a new
 * index over it, so a progress batch costs what it changes; the new reference tells React something
 * changed. An old index sees the new contents too, so only the newest is ever kept (the store's).
 */
export class DownloadIndex {
  readonly #map: Map<string, DownloadSnapshot>;

  private constructor(map: Map<string, DownloadSnapshot>) {
    this.#map = map;
  }

  static of(downloads: Iterable<DownloadSnapshot>): DownloadIndex {
    return new DownloadIndex(new Map([...downloads].map((download) => [download.id, download])));
  }

  get(id: string): DownloadSnapshot | undefined {
    return this.#map.get(id);
  }

  has(id: string): boolean {
    return this.#map.has(id);
  }

  get size(): number {
    return this.#map.size;
  }

  values(): IterableIterator<DownloadSnapshot> {
    return this.#map.values();
  }

  /** This index with `changes` put in (new ones and replacements). */
  with(changes: Iterable<DownloadSnapshot>): DownloadIndex {
    for (const download of changes) this.#map.set(download.id, download);
    return new DownloadIndex(this.#map);
  }

  without(ids: Iterable<string>): DownloadIndex {
    for (const id of ids) this.#map.delete(id);
    return new DownloadIndex(this.#map);
  }
}
