// The window's own state: views, sorting, search, menus, panels, notices, settings.
import type { Settings } from '../../../shared/contract.js';
import { api, report } from './connection.js';
import { onDesktopRequest } from './engine-events.js';
import { refreshList } from './list-window.js';
import { clickRow } from './selection.js';
import { type SortKey, type View, useHaul } from './store.js';

export function openSettings(): void {
  useHaul.setState({ settingsOpen: true });
}

export function closeSettings(): void {
  useHaul.setState({ settingsOpen: false });
}

/** The user looks at the copied URLs: the Add preview, where nothing is added until they say so. */
export function reviewOffer(): void {
  const { offer } = useHaul.getState();
  useHaul.setState({ offer: undefined });
  if (offer !== undefined) onDesktopRequest({ kind: 'add', text: offer.text, problems: [] });
}

export function dismissOffer(): void {
  useHaul.setState({ offer: undefined });
}

export function setView(view: View): void {
  useHaul.setState({ view });
  void refreshList();
}

/** A column header: the first click sorts by it, the next reverses it. */
export function sortBy(key: SortKey): void {
  const { sort } = useHaul.getState();
  useHaul.setState({ sort: sort.key === key ? { key, descending: !sort.descending } : { key, descending: key === 'size' || key === 'speed' } });
  void refreshList();
}

export function toggleEntry(url: string): void {
  const { skipped } = useHaul.getState();
  useHaul.setState({ skipped: skipped.includes(url) ? skipped.filter((item) => item !== url) : [...skipped, url] });
}

export function openMenu(id: string, x: number, y: number): void {
  const { selected } = useHaul.getState();
  // Right-clicking inside the selection keeps it (the menu acts on all of it); elsewhere it selects that row.
  if (!selected.includes(id)) clickRow(id, { toggle: false, extend: false });
  useHaul.setState({ menu: { id, x, y }, focused: id });
}

export function closeMenu(): void {
  if (useHaul.getState().menu !== undefined) useHaul.setState({ menu: undefined });
}

export function setSearch(search: string): void {
  useHaul.setState({ search });
  void refreshList();
}

export function closeDetails(): void {
  useHaul.setState({ detailsOpen: false });
}

export function openDetails(): void {
  useHaul.setState({ detailsOpen: true });
}

/** The details panel's width, kept between 260 px and 640 px. */
export function resizeDetails(width: number): void {
  useHaul.setState({ detailsWidth: Math.round(Math.max(260, Math.min(640, width))) });
}

/** A sentence for the person, shown until dismissed. */
export function notify(message: string): void {
  useHaul.setState({ notice: message });
}

export function dismissNotice(): void {
  useHaul.setState({ notice: undefined });
}

export function setDragging(dragging: boolean): void {
  if (useHaul.getState().dragging !== dragging) useHaul.setState({ dragging });
}

export function changeSettings(settings: Partial<Settings>): void {
  api().call('setSettings', { settings }).catch(report);
}

/** The desktop app's folder picker; undefined when cancelled or where there is none. */
export async function chooseFolder(current: string): Promise<string | undefined> {
  try {
    return (await api().call('chooseFolder', { current })).path;
  } catch (error) {
    report(error);
    return undefined;
  }
}
