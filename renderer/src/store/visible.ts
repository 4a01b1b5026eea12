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

/** The ids the list shows, in order: what the filter and the search let through. */
export function visibleIds(state: Pick<HaulState, 'order' | 'downloads' | 'filter' | 'search'>): string[] {
  const search = state.search.trim().toLowerCase();
  return state.order.filter((id) => {
    const download = state.downloads[id];
    return download !== undefined && matches(download, state.filter, search);
  });
}
