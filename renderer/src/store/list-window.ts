// The list's window: which rows the engine sends (the viewport and a margin), fetched again when the view, the order or the rows change.
import type { DownloadSnapshot } from '../../../shared/download-snapshot.js';
import { PAGE_MAX, type ListPage, type ListQuery, picked as pickedOf } from '../../../shared/list-query.js';
import { api, report } from './connection.js';
import { DownloadIndex } from './download-index.js';
import { withPicked } from './selection.js';
import { type HaulState, useHaul } from './store.js';

/** Rows fetched beyond each side of the viewport, so scrolling a little needs no new page. */
const MARGIN = 60;
/** How long changes gather before the window is fetched again: a 100,000-line add refreshes a few times a second, not per event. */
const CHANGE_DELAY_MS = 150;

/** The rows the list shows, by index in the ordered list (the last excluded). */
let wanted = { first: 0, last: 50 };
let running = false;
let again = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let timerDue = 0;

export const queryOf = (state: Pick<HaulState, 'view' | 'search' | 'sort'>): ListQuery => ({
  view: state.view,
  search: state.search,
  sort: state.sort,
});

/** Rows held besides the window: the one the details panel, a menu or a dialog is about. */
function pinned(state: HaulState): string[] {
  const ids = [
    state.focused,
    state.selected.length === 1 ? state.selected[0] : undefined,
    state.menu?.id,
    state.refresh?.id,
    state.signIn?.id,
    state.confirm?.ids.length === 1 ? state.confirm.ids[0] : undefined,
  ];
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}

/** The list scrolled or resized: fetch at once when the rows it shows are not all held. */
export function showRows(first: number, last: number): void {
  wanted = { first, last };
  const { list } = useHaul.getState();
  const end = list.offset + list.ids.length;
  if (!list.ready || first < list.offset || (last > end && end < list.total)) void refreshList();
}

/** Something the window may show changed (a state, a removal, an add): fetch again shortly, once for many changes. */
export function listChanged(delay = CHANGE_DELAY_MS): void {
  const due = performance.now() + delay;
  // A sooner request (a row in view changed) moves a later one forward; a later one waits for it.
  if (timer !== undefined && due >= timerDue) return;
  if (timer !== undefined) clearTimeout(timer);
  timerDue = due;
  timer = setTimeout(() => {
    timer = undefined;
    void refreshList();
  }, delay);
}

/** Fetches the window now; a call while one is on its way fetches once more after it. */
export async function refreshList(): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  running = true;
  try {
    do {
      again = false;
      const state = useHaul.getState();
      const query = queryOf(state);
      const offset = Math.max(0, wanted.first - MARGIN);
      const limit = Math.min(PAGE_MAX, wanted.last + MARGIN - offset);
      const find = [state.focused, state.anchor].filter((id): id is string => id !== undefined);
      const page = await api().call('list', { ...query, offset, limit, include: pinned(state), find });
      const now = useHaul.getState();
      // The view, search or order changed meanwhile: this page answers an old question.
      if (now.view !== query.view || now.search !== query.search || now.sort !== query.sort) again = true;
      else applyPage(page);
    } while (again);
  } catch (error) {
    report(error);
  } finally {
    running = false;
  }
}

/** A row the engine sent again unchanged keeps its object, so its row does not render again. */
function same(a: DownloadSnapshot, b: DownloadSnapshot): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function applyPage(page: ListPage): void {
  const { downloads, picked } = useHaul.getState();
  const rows = [...page.rows, ...page.extra].map((row) => {
    const held = downloads.get(row.id);
    return held !== undefined && same(held, row) ? held : row;
  });
  const nextPicked = withPicked(picked, rows.map(pickedOf));
  useHaul.setState({
    downloads: DownloadIndex.of(rows),
    list: { ready: true, offset: page.offset, ids: page.rows.map((row) => row.id), total: page.total },
    counts: page.counts,
    positions: page.positions,
    live: page.live,
    picked: nextPicked,
  });
}

/** Where a row sits in the ordered list, if known: in the window, or found by the last page. */
export function positionOf(state: Pick<HaulState, 'list' | 'positions'>, id: string): number | undefined {
  const inWindow = state.list.ids.indexOf(id);
  if (inWindow >= 0) return state.list.offset + inWindow;
  const found = state.positions[id];
  return found === undefined || found < 0 ? undefined : found;
}

/** The id of the row at `index` in the ordered list: from the window, or asked of the engine. */
export async function idAt(index: number): Promise<string | undefined> {
  const state = useHaul.getState();
  const { list } = state;
  if (index >= list.offset && index < list.offset + list.ids.length) return list.ids[index - list.offset];
  const page = await api().call('list', { ...queryOf(state), offset: index, limit: 1 });
  return page.rows[0]?.id;
}
