import { isActive } from '../../../shared/download-status.js';
import type { DownloadSnapshot } from '../../../shared/download-snapshot.js';
import { FILE_KINDS, type FileKind, fileKind } from '../../../shared/file-kind.js';
import { displayName } from '../format.js';
import type { HaulState, StatusView, View } from './store.js';

function inStatusView(download: DownloadSnapshot, view: StatusView): boolean {
  switch (view) {
    case 'all':
      return true;
    case 'active':
      return isActive(download.status);
    case 'queued':
      return download.status === 'queued' || download.status === 'paused';
    case 'completed':
      return download.status === 'completed';
    case 'failed':
      return download.status === 'failed' || download.status === 'cancelled';
  }
}

export function inView(download: DownloadSnapshot, view: View): boolean {
  return (FILE_KINDS as readonly string[]).includes(view) ? fileKind(displayName(download)) === view : inStatusView(download, view as StatusView);
}

const STATUS_VIEWS = ['all', 'active', 'queued', 'completed', 'failed'] as const;

/** The views one download is in: its state views and its kind. */
function viewsOf(download: DownloadSnapshot): View[] {
  const kind: FileKind = fileKind(displayName(download));
  return [...STATUS_VIEWS.filter((view) => inStatusView(download, view)), kind];
}

/** The counts after `before` became `after` (either may be missing: an add, a removal). */
export function adjustCounts(
  counts: Readonly<Record<View, number>>,
  before: DownloadSnapshot | undefined,
  after: DownloadSnapshot | undefined,
): Record<View, number> {
  const next = { ...counts };
  if (before !== undefined) for (const view of viewsOf(before)) next[view] -= 1;
  if (after !== undefined) for (const view of viewsOf(after)) next[view] += 1;
  return next;
}

/** How many downloads each sidebar view holds, counted afresh (a snapshot). */
export function viewCounts(downloads: Iterable<DownloadSnapshot>): Record<View, number> {
  const counts = Object.fromEntries([...STATUS_VIEWS, ...FILE_KINDS].map((view) => [view, 0])) as Record<View, number>;
  for (const download of downloads) for (const view of viewsOf(download)) counts[view] += 1;
  return counts;
}

const progress = (download: DownloadSnapshot): number => (download.total === undefined || download.total === 0 ? 0 : download.bytes / download.total);

/** The ids the list shows, in order: what the view and the search let through, sorted by the chosen column. */
export function visibleIds(state: Pick<HaulState, 'order' | 'downloads' | 'view' | 'search' | 'sort' | 'live'>): string[] {
  const search = state.search.trim().toLowerCase();
  const ids = state.order.filter((id) => {
    const download = state.downloads.get(id);
    return download !== undefined && inView(download, state.view) && (search === '' || displayName(download).toLowerCase().includes(search));
  });
  const { key, descending } = state.sort;
  if (key !== 'added') {
    const value = (id: string): string | number => {
      const download = state.downloads.get(id);
      if (download === undefined) return 0;
      switch (key) {
        case 'name':
          return displayName(download).toLowerCase();
        case 'size':
          return download.total ?? -1;
        case 'progress':
          return progress(download);
        case 'speed':
          return state.live[id]?.speed ?? 0;
        case 'left':
          return state.live[id]?.eta ?? Number.MAX_SAFE_INTEGER;
      }
    };
    ids.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }
  return descending ? ids.reverse() : ids;
}
