import { isActive } from '../../../main/engine/download-status.js';
import type { DownloadSnapshot } from '../../../main/engine/engine.js';
import { displayName } from '../format.js';
import type { Filter, HaulState } from './store.js';

function matches(download: DownloadSnapshot, filter: Filter, search: string): boolean {
  const byFilter =
    filter === 'all' ||
    (filter === 'active' && isActive(download.status)) ||
    (filter === 'queued' && (download.status === 'queued' || download.status === 'paused')) ||
    (filter === 'completed' && download.status === 'completed') ||
    (filter === 'failed' && download.status === 'failed');
  return byFilter && (search === '' || displayName(download).toLowerCase().includes(search));
}

const progress = (download: DownloadSnapshot): number => (download.total === undefined || download.total === 0 ? 0 : download.bytes / download.total);

/** The ids the list shows, in order: what the filter and the search let through, sorted. */
export function visibleIds(state: Pick<HaulState, 'order' | 'downloads' | 'filter' | 'search' | 'sort'>): string[] {
  const search = state.search.trim().toLowerCase();
  const ids = state.order.filter((id) => {
    const download = state.downloads[id];
    return download !== undefined && matches(download, state.filter, search);
  });
  if (state.sort === 'added') return ids;
  const key = (id: string): string | number => {
    const download = state.downloads[id];
    if (download === undefined) return 0;
    if (state.sort === 'name') return displayName(download).toLowerCase();
    if (state.sort === 'size') return -(download.total ?? -1);
    return -progress(download);
  };
  return ids.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
