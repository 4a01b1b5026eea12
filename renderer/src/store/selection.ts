// Which rows are selected and focused: clicks, Ctrl/Shift ranges and arrow keys over the rows the list shows.
import { useHaul } from './store.js';
import { visibleIds } from './visible.js';

export function select(ids: readonly string[]): void {
  useHaul.setState({ selected: ids, anchor: ids.at(-1), focused: ids.at(-1) ?? useHaul.getState().focused });
}

const shownIds = (): string[] => visibleIds(useHaul.getState());

/** The range of shown rows between two ids, both included. */
function range(from: string | undefined, to: string): string[] {
  const ids = shownIds();
  const end = ids.indexOf(to);
  const start = from === undefined ? end : ids.indexOf(from);
  if (start < 0 || end < 0) return [to];
  return ids.slice(Math.min(start, end), Math.max(start, end) + 1);
}

/** A click on a row: alone it selects the row; Ctrl/Cmd toggles it; Shift selects the range from the anchor. */
export function clickRow(id: string, keys: { readonly toggle: boolean; readonly extend: boolean }): void {
  const { selected, anchor } = useHaul.getState();
  if (keys.extend) useHaul.setState({ selected: range(anchor, id), focused: id });
  else if (keys.toggle)
    useHaul.setState({ selected: selected.includes(id) ? selected.filter((other) => other !== id) : [...selected, id], anchor: id, focused: id });
  else useHaul.setState({ selected: [id], anchor: id, focused: id });
}

/** Arrow keys: focus (and select) the next or previous row; with Shift, grow the range. */
export function moveFocus(delta: number, extend: boolean): void {
  const ids = shownIds();
  if (ids.length === 0) return;
  const { focused, anchor } = useHaul.getState();
  const current = focused === undefined ? -1 : ids.indexOf(focused);
  const next = ids[Math.max(0, Math.min(ids.length - 1, current < 0 ? (delta > 0 ? 0 : ids.length - 1) : current + delta))];
  if (next === undefined) return;
  if (extend) useHaul.setState({ selected: range(anchor ?? focused ?? next, next), focused: next, anchor: anchor ?? focused ?? next });
  else useHaul.setState({ selected: [next], focused: next, anchor: next });
}

export function selectAll(): void {
  const ids = shownIds();
  useHaul.setState({ selected: ids, anchor: ids[0] });
}

export function clearSelection(): void {
  useHaul.setState({ selected: [], anchor: undefined });
}
