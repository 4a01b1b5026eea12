import type { Engine } from '../engine/engine.js';
import type { DownloadRecord } from '../../shared/download-record.js';
import type { DownloadSnapshot } from '../../shared/download-snapshot.js';
import { displayName } from '../../shared/display-name.js';
import {
  type ListPage,
  type ListQuery,
  type Listed,
  type Live,
  type Picked,
  type SortKey,
  VIEWS,
  emptyCounts,
  picked,
  sortValue,
  viewBit,
  viewBits,
} from '../../shared/list-query.js';

type Peeked = Readonly<{ record: DownloadRecord; bytes: number }>;

/** Longest stretch the first count may hold the event loop before it yields (100,000 downloads take about 100 ms in all). */
const SLICE_MS = 8;

/** The ordering key of the list as it opens: every download, no search, oldest first. */
const ALL_BY_AGE = JSON.stringify(['all', '', 'added', false]);

const listed = ({ record, bytes }: Peeked): Listed => ({
  id: record.id,
  status: record.status,
  name: record.name,
  requestedName: record.requestedName,
  url: record.url,
  total: record.total,
  bytes,
  acceptsRanges: record.acceptsRanges,
});

/**
 * The download list as UIs page through it: views, search and sort answered here, next to the
 * engine, so a window onto 100,000 downloads costs a UI its window. Each download's views are kept
 * as bits, updated on its state changes, so counting and filtering never work out a file's kind
 * again; the last ordering is kept until something it depends on changes.
 */
export class ListView {
  readonly #engine: Engine;
  /** Each download's views (bits in the order of VIEWS): counted once on the first query, in slices, then kept up to date. */
  readonly #bits = new Map<string, number>();
  #counting: Promise<void> | undefined;
  readonly #counts = new Array<number>(VIEWS.length).fill(0);
  /** Names in lower case, made when a search or a sort by name first needs them, dropped on the download's next change. */
  readonly #names = new Map<string, string>();
  #live = new Map<string, Live>();
  #ordered: { key: string; sort: SortKey; ids: string[] } | undefined;
  readonly #stops: (() => void)[];

  constructor(engine: Engine) {
    this.#engine = engine;
    this.#stops = [
      engine.on('state', (download) => {
        this.#names.delete(download.id);
        // Before the first count nothing is kept; during it, a change counts the download (and the count skips it).
        if (this.#counting === undefined) {
          this.#ordered = undefined;
          return;
        }
        const before = this.#bits.get(download.id);
        // The list as it opens (every download, oldest first) keeps its order through any change but an
        // add, which goes last: kept up to date instead of rebuilt, so a 100,000-line add arriving
        // costs each refresh a slice, not a pass over the list.
        if (this.#ordered?.key === ALL_BY_AGE) {
          if (before === undefined) this.#ordered.ids.push(download.id);
        } else this.#ordered = undefined;
        this.#count(before, -1);
        const bits = viewBits(download);
        this.#bits.set(download.id, bits);
        this.#count(bits, 1);
      }),
      engine.on('removed', (id) => {
        this.#ordered = undefined;
        this.#names.delete(id);
        this.#live.delete(id);
        this.#count(this.#bits.get(id), -1);
        this.#bits.delete(id);
      }),
      engine.on('progress', (batch) => {
        this.#live = new Map(batch.items.map((item) => [item.id, { speed: item.speed, eta: item.eta }]));
        // Bytes and speeds move every tick: an order by them is stale at once, an order by name or age is not.
        const sort = this.#ordered?.sort;
        if (sort !== 'added' && sort !== 'name') this.#ordered = undefined;
      }),
    ];
  }

  close(): void {
    for (const stop of this.#stops) stop();
  }

  /** One window of the ordered list, the counts, and the rows and positions asked for by id. */
  async page(query: ListQuery & { offset: number; limit: number; include?: readonly string[]; find?: readonly string[] }): Promise<ListPage> {
    const ids = await this.#order(query);
    const rows = ids.slice(query.offset, query.offset + query.limit).flatMap((id) => this.#row(id));
    const extra = (query.include ?? []).flatMap((id) => this.#row(id));
    // indexOf over 100,000 ids is a fraction of a millisecond: cheaper than keeping an index of them.
    const positions = Object.fromEntries((query.find ?? []).map((id) => [id, ids.indexOf(id)]));
    const live: Record<string, Live> = {};
    for (const row of [...rows, ...extra]) {
      const now = this.#live.get(row.id);
      if (now !== undefined) live[row.id] = now;
    }
    const counts = emptyCounts();
    VIEWS.forEach((view, i) => {
      counts[view] = this.#counts[i] ?? 0;
    });
    return { offset: query.offset, total: ids.length, counts, rows, extra, positions, live };
  }

  /**
   * What a selection needs of the rows between `from` and `to` in the ordered list (both included;
   * a missing end is the list's end), or of the `ids` given: Select all, a Shift-click range.
   */
  async pick(args: {
    query?: ListQuery | undefined;
    from?: string | undefined;
    to?: string | undefined;
    ids?: readonly string[] | undefined;
  }): Promise<Picked[]> {
    if (args.ids !== undefined) return args.ids.flatMap((id) => this.#picked(id));
    if (args.query === undefined) return [];
    const ids = await this.#order(args.query);
    const at = (id: string | undefined, otherwise: number): number => (id === undefined ? otherwise : ids.indexOf(id));
    const start = at(args.from, 0);
    const end = at(args.to, ids.length - 1);
    if (start < 0 || end < 0) return args.to === undefined ? [] : this.#picked(args.to);
    return ids.slice(Math.min(start, end), Math.max(start, end) + 1).flatMap((id) => this.#picked(id));
  }

  #name(record: DownloadRecord): string {
    let name = this.#names.get(record.id);
    if (name === undefined) {
      name = displayName(record).toLowerCase();
      this.#names.set(record.id, name);
    }
    return name;
  }

  #picked(id: string): Picked[] {
    const task = this.#engine.peek(id);
    return task === undefined ? [] : [picked(listed(task))];
  }

  #row(id: string): DownloadSnapshot[] {
    const download = this.#engine.get(id);
    return download === undefined ? [] : [download];
  }

  #count(bits: number | undefined, by: number): void {
    if (bits === undefined) return;
    for (let i = 0; i < VIEWS.length; i++) if ((bits & (1 << i)) !== 0) this.#counts[i] = (this.#counts[i] ?? 0) + by;
  }

  /** The first count, in slices that give the loop back: the window opening on 100,000 downloads stalls nothing. */
  async #counted(): Promise<void> {
    this.#counting ??= (async () => {
      let sliceStart = performance.now();
      let n = 0;
      // The engine's map, read live: downloads added meanwhile are met too; those already counted by a change are skipped.
      for (const { record } of this.#engine.each()) {
        if (++n % 512 === 0 && performance.now() - sliceStart > SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
        if (this.#bits.has(record.id)) continue;
        const bits = viewBits(record);
        this.#bits.set(record.id, bits);
        this.#count(bits, 1);
      }
    })();
    return this.#counting;
  }

  /** The ids the query lets through, in its order; the same array until something changes. */
  async #order(query: ListQuery): Promise<string[]> {
    await this.#counted();
    const key = JSON.stringify([query.view, query.search, query.sort.key, query.sort.descending]);
    if (this.#ordered?.key === key) return this.#ordered.ids;
    const bit = viewBit(query.view);
    const search = query.search.trim().toLowerCase();
    const { key: sortKey, descending } = query.sort;
    let ids: string[] = [];
    const values: { id: string; value: string | number }[] = [];
    for (const task of this.#engine.each()) {
      const id = task.record.id;
      if (((this.#bits.get(id) ?? 0) & bit) === 0) continue;
      if (search !== '' && !this.#name(task.record).includes(search)) continue;
      if (sortKey === 'added') ids.push(id);
      else values.push({ id, value: sortKey === 'name' ? this.#name(task.record) : sortValue(listed(task), sortKey, this.#live.get(id)) });
    }
    if (sortKey !== 'added') {
      // A stable sort: downloads with the same value stay in the order they were added.
      values.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      ids = values.map((entry) => entry.id);
    }
    if (descending) ids.reverse();
    this.#ordered = { key, sort: sortKey, ids };
    return ids;
  }
}
