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
  VIEWS,
  emptyCounts,
  picked,
  sortValue,
  viewBit,
  viewBits,
} from '../../shared/list-query.js';

type Peeked = Readonly<{ record: DownloadRecord; bytes: number }>;

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
  /** Each download's views (bits in the order of VIEWS); built on the first query. */
  #bits: Map<string, number> | undefined;
  #counts = new Array<number>(VIEWS.length).fill(0);
  #live = new Map<string, Live>();
  #ordered: { key: string; ids: string[]; index: Map<string, number> | undefined } | undefined;
  readonly #stops: (() => void)[];

  constructor(engine: Engine) {
    this.#engine = engine;
    this.#stops = [
      engine.on('state', (download) => {
        this.#ordered = undefined;
        if (this.#bits === undefined) return;
        this.#count(this.#bits.get(download.id), -1);
        const bits = viewBits(download);
        this.#bits.set(download.id, bits);
        this.#count(bits, 1);
      }),
      engine.on('removed', (id) => {
        this.#ordered = undefined;
        this.#live.delete(id);
        if (this.#bits === undefined) return;
        this.#count(this.#bits.get(id), -1);
        this.#bits.delete(id);
      }),
      engine.on('progress', (batch) => {
        this.#live = new Map(batch.items.map((item) => [item.id, { speed: item.speed, eta: item.eta }]));
        // Bytes and speeds move every tick: an order by them is stale at once, an order by name or age is not.
        const key = this.#ordered?.key ?? '';
        if (!key.includes('"added"') && !key.includes('"name"')) this.#ordered = undefined;
      }),
    ];
  }

  close(): void {
    for (const stop of this.#stops) stop();
  }

  /** One window of the ordered list, the counts, and the rows and positions asked for by id. */
  page(query: ListQuery & { offset: number; limit: number; include?: readonly string[]; find?: readonly string[] }): ListPage {
    const { ids, index } = this.#order(query, (query.find?.length ?? 0) > 0);
    const rows = ids.slice(query.offset, query.offset + query.limit).flatMap((id) => this.#row(id));
    const extra = (query.include ?? []).flatMap((id) => this.#row(id));
    const positions = Object.fromEntries((query.find ?? []).map((id) => [id, index?.get(id) ?? -1]));
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
  pick(args: { query?: ListQuery | undefined; from?: string | undefined; to?: string | undefined; ids?: readonly string[] | undefined }): Picked[] {
    if (args.ids !== undefined) return args.ids.flatMap((id) => this.#picked(id));
    if (args.query === undefined) return [];
    const { ids, index } = this.#order(args.query, true);
    const at = (id: string | undefined, otherwise: number): number => (id === undefined ? otherwise : (index?.get(id) ?? -1));
    const start = at(args.from, 0);
    const end = at(args.to, ids.length - 1);
    if (start < 0 || end < 0) return [...(args.to === undefined ? [] : this.#picked(args.to))];
    return ids.slice(Math.min(start, end), Math.max(start, end) + 1).flatMap((id) => this.#picked(id));
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

  #viewBits(): Map<string, number> {
    if (this.#bits === undefined) {
      const bits = new Map<string, number>();
      this.#counts.fill(0);
      for (const id of this.#engine.ids()) {
        const task = this.#engine.peek(id);
        if (task === undefined) continue;
        const of = viewBits(task.record);
        bits.set(id, of);
        this.#count(of, 1);
      }
      this.#bits = bits;
    }
    return this.#bits;
  }

  /** The ids the query lets through, in its order; the same array until something changes. */
  #order(query: ListQuery, withIndex: boolean): { ids: string[]; index: Map<string, number> | undefined } {
    const key = JSON.stringify([query.view, query.search, query.sort.key, query.sort.descending]);
    let ordered = this.#ordered?.key === key ? this.#ordered : undefined;
    if (ordered === undefined) {
      const bits = this.#viewBits();
      const bit = viewBit(query.view);
      const search = query.search.trim().toLowerCase();
      const ids: string[] = [];
      for (const id of this.#engine.ids()) {
        if (((bits.get(id) ?? 0) & bit) === 0) continue;
        if (search !== '') {
          const task = this.#engine.peek(id);
          if (task === undefined || !displayName(task.record).toLowerCase().includes(search)) continue;
        }
        ids.push(id);
      }
      const { key: sortKey, descending } = query.sort;
      if (sortKey !== 'added') {
        const values = new Map<string, string | number>();
        for (const id of ids) {
          const task = this.#engine.peek(id);
          values.set(id, task === undefined ? 0 : sortValue(listed(task), sortKey, this.#live.get(id)));
        }
        // A stable sort: downloads with the same value stay in the order they were added.
        ids.sort((a, b) => {
          const x = values.get(a) ?? 0;
          const y = values.get(b) ?? 0;
          return x < y ? -1 : x > y ? 1 : 0;
        });
      }
      if (descending) ids.reverse();
      ordered = { key, ids, index: undefined };
      this.#ordered = ordered;
    }
    if (withIndex && ordered.index === undefined) ordered.index = new Map(ordered.ids.map((id, i) => [id, i]));
    return ordered;
  }
}
