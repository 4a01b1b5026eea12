// Which rows are selected and focused: clicks, Ctrl/Shift ranges and arrow keys over the rows the list shows.
import { type Picked, picked as pickedOf } from '../../../shared/list-query.js';
import { api, report } from './connection.js';
import { idAt, positionOf, queryOf } from './list-window.js';
import { useHaul } from './store.js';

/** The selection's state brought up to date with what the engine said of some downloads; the same map when none of them is selected or changed. */
export function withPicked(picked: ReadonlyMap<string, Picked>, news: readonly Picked[]): ReadonlyMap<string, Picked> {
  let next: Map<string, Picked> | undefined;
  for (const now of news) {
    const before = picked.get(now.id);
    if (before === undefined || (now.status === before.status && now.unresumable === before.unresumable)) continue;
    next ??= new Map(picked);
    next.set(now.id, now);
  }
  return next ?? picked;
}

/** A selection of rows the window holds (a click, a menu). */
function pickHeld(ids: readonly string[]): Map<string, Picked> {
  const { downloads } = useHaul.getState();
  return new Map(
    ids.flatMap((id) => {
      const download = downloads.get(id);
      return download === undefined ? [] : [[id, pickedOf(download)] as const];
    }),
  );
}

function setSelection(picked: readonly Picked[], extra: { anchor?: string | undefined; focused?: string | undefined }): void {
  useHaul.setState({ selected: picked.map((item) => item.id), picked: new Map(picked.map((item) => [item.id, item])), ...extra });
}

/** The window's ids between two positions, both included, when the window holds them all. */
function heldRange(from: number, to: number): string[] | undefined {
  const { list } = useHaul.getState();
  const start = Math.min(from, to) - list.offset;
  const end = Math.max(from, to) - list.offset;
  return start >= 0 && end < list.ids.length ? list.ids.slice(start, end + 1) : undefined;
}

/** The rows between two ids in the list's order, both included: from the window when it holds them, else as the engine orders them now. */
async function selectRange(from: string | undefined, to: string): Promise<void> {
  const state = useHaul.getState();
  const start = positionOf(state, from ?? to);
  const end = positionOf(state, to);
  const held = start === undefined || end === undefined ? undefined : heldRange(start, end);
  if (held !== undefined) {
    const picked = pickHeld(held);
    useHaul.setState({ selected: [...picked.keys()], picked, focused: to });
    return;
  }
  try {
    const { picked } = await api().call('pick', { query: queryOf(state), from: from ?? to, to });
    setSelection(picked.length > 0 ? picked : [...pickHeld([to]).values()], { focused: to });
  } catch (error) {
    report(error);
  }
}

/** A click on a row: alone it selects the row; Ctrl/Cmd toggles it; Shift selects the range from the anchor. */
export function clickRow(id: string, keys: { readonly toggle: boolean; readonly extend: boolean }): void {
  const { selected, picked, anchor } = useHaul.getState();
  if (keys.extend) {
    useHaul.setState({ focused: id });
    void selectRange(anchor, id);
  } else if (keys.toggle) {
    if (picked.has(id)) {
      const next = new Map(picked);
      next.delete(id);
      useHaul.setState({ selected: selected.filter((other) => other !== id), picked: next, anchor: id, focused: id });
    } else {
      const next = new Map([...picked, ...pickHeld([id])]);
      useHaul.setState({ selected: [...selected, id], picked: next, anchor: id, focused: id });
    }
  } else useHaul.setState({ selected: [id], picked: pickHeld([id]), anchor: id, focused: id });
}

/** Focus (and select) the row at `index`; with `extend`, the range from the anchor. */
async function focusAt(index: number, id: string, extend: boolean): Promise<void> {
  const { focused, anchor, positions } = useHaul.getState();
  // Its place is known at once, so the list scrolls there and fetches the rows around it.
  if (positionOf(useHaul.getState(), id) === undefined) useHaul.setState({ positions: { ...positions, [id]: index } });
  if (extend) {
    const from = anchor ?? focused ?? id;
    useHaul.setState({ focused: id, anchor: from });
    await selectRange(from, id);
    return;
  }
  useHaul.setState({ focused: id, anchor: id });
  const held = pickHeld([id]);
  if (held.size > 0) useHaul.setState({ selected: [id], picked: held });
  else setSelection((await api().call('pick', { ids: [id] })).picked, {});
}

/** Arrow keys, Page Up/Down, Home/End: focus (and select) another row; with Shift, grow the range. */
export function moveFocus(delta: number, extend: boolean): void {
  const state = useHaul.getState();
  const { list } = state;
  if (list.total === 0) return;
  const current = state.focused === undefined ? undefined : positionOf(state, state.focused);
  const target = Math.max(0, Math.min(list.total - 1, current === undefined ? (delta > 0 ? 0 : list.total - 1) : current + delta));
  const held = list.ids[target - list.offset];
  // A row the window holds moves at once (key repeat stays in step); one further away is asked of the engine.
  const next = held !== undefined ? Promise.resolve(held) : idAt(target);
  void next.then((id) => (id === undefined ? undefined : focusAt(target, id, extend))).catch(report);
}

/** Ctrl+A: every row the view and the search let through, however many the window holds. */
export function selectAll(): void {
  const { list } = useHaul.getState();
  // The window holds the whole list: selected at once, without asking.
  if (list.offset === 0 && list.ids.length === list.total) {
    const picked = pickHeld(list.ids);
    useHaul.setState({ selected: [...picked.keys()], picked, anchor: list.ids[0] });
    return;
  }
  void (async () => {
    try {
      const { picked } = await api().call('pick', { query: queryOf(useHaul.getState()) });
      setSelection(picked, { anchor: picked[0]?.id });
    } catch (error) {
      report(error);
    }
  })();
}

export function clearSelection(): void {
  useHaul.setState({ selected: [], picked: new Map(), anchor: undefined });
}

/** After a reconnect: the selection keeps only what still exists, with its state now. */
export async function recheckSelection(): Promise<void> {
  const { selected } = useHaul.getState();
  if (selected.length === 0) return;
  const { picked } = await api().call('pick', { ids: [...selected] });
  setSelection(picked, {});
}
