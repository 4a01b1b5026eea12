import { isActive, type DownloadStatus } from './download-status.js';
import type { DownloadSnapshot } from './download-snapshot.js';
import { displayName } from './display-name.js';
import { FILE_KINDS, type FileKind, fileKind } from './file-kind.js';
import { resumable } from './resumable.js';

/** The sidebar's views: by state, or by what the file is. */
export type StatusView = 'all' | 'active' | 'queued' | 'completed' | 'failed';
export type View = StatusView | FileKind;
export type SortKey = 'added' | 'name' | 'progress' | 'size' | 'speed' | 'left';
export interface Sort {
  readonly key: SortKey;
  readonly descending: boolean;
}

export const STATUS_VIEWS: readonly StatusView[] = ['all', 'active', 'queued', 'completed', 'failed'];
export const VIEWS: readonly View[] = [...STATUS_VIEWS, ...FILE_KINDS];
export const SORT_KEYS: readonly SortKey[] = ['added', 'name', 'progress', 'size', 'speed', 'left'];

/** Which downloads a list shows, and in what order: the view, the search in names, the column sorted by. */
export interface ListQuery {
  readonly view: View;
  readonly search: string;
  readonly sort: Sort;
}

/** Speed and time left from the last progress tick (downloads moving bytes only). */
export interface Live {
  readonly speed: number;
  readonly eta: number | undefined;
}

/**
 * One window of the list as the engine orders it: a UI holds the rows it shows, never the whole
 * list, so its memory follows the window and not the number of downloads.
 */
export interface ListPage {
  /** Index of `rows[0]` in the whole ordered list. */
  readonly offset: number;
  /** How many downloads the query matches. */
  readonly total: number;
  /** How many downloads each view holds (the search aside). */
  readonly counts: Readonly<Record<View, number>>;
  readonly rows: readonly DownloadSnapshot[];
  /** Rows asked for by id besides the window (the focused one, an open dialog's), where they still exist. */
  readonly extra: readonly DownloadSnapshot[];
  /** Where each id asked for sits in the ordered list; -1 when the query leaves it out. */
  readonly positions: Readonly<Record<string, number>>;
  readonly live: Readonly<Record<string, Live>>;
}

/** What a selection keeps of each selected download: enough to say which commands apply. */
export interface Picked {
  readonly id: string;
  readonly status: DownloadStatus;
  /** Pausing would lose its bytes (the server does not serve ranges of it). */
  readonly unresumable: boolean;
}

/** The fields a view, a search and a sort look at. */
export type Listed = Pick<DownloadSnapshot, 'id' | 'status' | 'name' | 'requestedName' | 'url' | 'total' | 'bytes' | 'acceptsRanges'>;

export function picked(download: Listed): Picked {
  return { id: download.id, status: download.status, unresumable: download.bytes > 0 && resumable(download) === false };
}

export function inStatusView(status: DownloadStatus, view: StatusView): boolean {
  switch (view) {
    case 'all':
      return true;
    case 'active':
      return isActive(status);
    case 'queued':
      return status === 'queued' || status === 'paused';
    case 'completed':
      return status === 'completed';
    case 'failed':
      return status === 'failed' || status === 'cancelled';
  }
}

/** The views one download is in, as bits in the order of VIEWS: its state views and its kind. */
export function viewBits(download: Pick<Listed, 'status' | 'name' | 'requestedName' | 'url'>): number {
  let bits = 0;
  STATUS_VIEWS.forEach((view, index) => {
    if (inStatusView(download.status, view)) bits |= 1 << index;
  });
  return bits | (1 << VIEWS.indexOf(fileKind(displayName(download))));
}

export function viewBit(view: View): number {
  return 1 << VIEWS.indexOf(view);
}

export function emptyCounts(): Record<View, number> {
  return Object.fromEntries(VIEWS.map((view) => [view, 0])) as Record<View, number>;
}

/** What a download sorts by for `key`: names case-blind, an unknown size first, an unknown time left last. */
export function sortValue(download: Listed, key: Exclude<SortKey, 'added'>, live: Live | undefined): string | number {
  switch (key) {
    case 'name':
      return displayName(download).toLowerCase();
    case 'size':
      return download.total ?? -1;
    case 'progress':
      return download.total === undefined || download.total === 0 ? 0 : download.bytes / download.total;
    case 'speed':
      return live?.speed ?? 0;
    case 'left':
      return live?.eta ?? Number.MAX_SAFE_INTEGER;
  }
}

/** The longest search a list query takes: longer text cannot be in a name anyway. */
export const SEARCH_MAX = 1024;
/** The most rows one page holds: a window, never the list. */
export const PAGE_MAX = 1000;
