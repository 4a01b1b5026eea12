import { create } from 'zustand';
import type { ParsedList, Settings } from '../../../shared/contract.js';
import type { ProgressBatch } from '../../../shared/download-snapshot.js';
import { emptyCounts, type Live, type Picked, type Sort, type View } from '../../../shared/list-query.js';
import type { ProbeResult } from '../../../shared/probe-result.js';
import { DownloadIndex } from './download-index.js';

export type { Sort, SortKey, StatusView, View } from '../../../shared/list-query.js';

/** How many samples of overall and per-download speed the charts keep (one per progress batch). */
export const SPEED_SAMPLES = 60;

/**
 * The window of the list the engine last sent: the list itself (ordered, filtered, searched) stays
 * with the engine, so the window holds a few hundred rows whether there are ten downloads or 100,000.
 */
export interface ListWindow {
  /** False until the first page arrives (neither the list nor "No downloads yet" is shown before). */
  readonly ready: boolean;
  /** Index of `ids[0]` in the whole ordered list. */
  readonly offset: number;
  readonly ids: readonly string[];
  /** How many downloads the view and the search let through. */
  readonly total: number;
}

export interface DownloadsSlice {
  /** The downloads the window shows, and the few asked for by id (focused, in a menu or dialog), as the engine last described them. */
  readonly downloads: DownloadIndex;
  readonly list: ListWindow;
  /** Where the focused row and the selection's anchor sit in the ordered list (-1: left out). */
  readonly positions: Readonly<Record<string, number>>;
  /** Speed and ETA from the last progress batch, for the downloads held. */
  readonly live: Readonly<Record<string, Live>>;
  readonly overall: ProgressBatch['overall'] | undefined;
  /** Overall speed, oldest first: the status bar's sparkline. */
  readonly speedHistory: readonly number[];
  /** The focused download's speed, oldest first: the details panel's chart. */
  readonly focusHistory: { readonly id: string | undefined; readonly samples: readonly number[] };
  /** How many downloads each sidebar view holds, as the engine counted them with the last page. */
  readonly counts: Readonly<Record<View, number>>;
}

export interface SettingsSlice {
  readonly settings: Settings | undefined;
}

/** An action that could lose something, waiting for the person to say yes. */
export type Confirm =
  | { readonly kind: 'remove'; readonly ids: readonly string[]; readonly deleteFiles: boolean }
  | { readonly kind: 'pause'; readonly ids: readonly string[]; readonly unresumable: readonly string[] };

export interface UiSlice {
  readonly view: View;
  readonly sort: Sort;
  /** The engine side can open files (the desktop app). */
  readonly desktop: boolean;
  /** Preview entries the user unticked, by URL. */
  readonly skipped: readonly string[];
  readonly menu: { readonly id: string; readonly x: number; readonly y: number } | undefined;
  readonly search: string;
  readonly selected: readonly string[];
  /** What the selection needs of each selected download (its state), kept fresh by state events. */
  readonly picked: ReadonlyMap<string, Picked>;
  /** Where a Shift-click or Shift-arrow range starts. */
  readonly anchor: string | undefined;
  /** The row with keyboard focus. */
  readonly focused: string | undefined;
  readonly detailsOpen: boolean;
  readonly detailsWidth: number;
  readonly addDialog: {
    readonly open: boolean;
    readonly text: string;
    readonly preview: ParsedList | undefined;
    /** What probing each URL found, by URL. */
    readonly probes: Readonly<Record<string, ProbeResult>>;
    /** URLs the probe did not reach (the list was longer than the probe limit). */
    readonly unchecked: readonly string[];
  };
  readonly dragging: boolean;
  readonly notice: string | undefined;
  readonly settingsOpen: boolean;
  readonly confirm: Confirm | undefined;
  /** The event stream to the engine: lost while haul serve is away (the banner, frozen numbers). */
  readonly connection: 'open' | 'lost';
  /** A new link being given to a download; `different` is why the engine would start it over. */
  readonly refresh: { readonly id: string; readonly different: string | undefined } | undefined;
  /** A download whose server asked for a user name and password (HTTP 401), being signed in. */
  readonly signIn: { readonly id: string } | undefined;
  /** Copied URLs the desktop app offers to add (clipboard watch); never added without the user. */
  readonly offer: { readonly text: string; readonly count: number } | undefined;
}

export type HaulState = DownloadsSlice & SettingsSlice & UiSlice;

/** One store of typed slices; only the store's action modules (engine-events, add-flow, selection, download-commands, ui-actions) write to it. */
export const useHaul = create<HaulState>()(() => ({
  downloads: DownloadIndex.of([]),
  list: { ready: false, offset: 0, ids: [], total: 0 },
  positions: {},
  live: {},
  overall: undefined,
  speedHistory: [],
  focusHistory: { id: undefined, samples: [] },
  counts: emptyCounts(),
  settings: undefined,
  view: 'all',
  sort: { key: 'added', descending: false },
  desktop: false,
  skipped: [],
  menu: undefined,
  search: '',
  selected: [],
  picked: new Map(),
  anchor: undefined,
  focused: undefined,
  detailsOpen: true,
  detailsWidth: 340,
  addDialog: { open: false, text: '', preview: undefined, probes: {}, unchecked: [] },
  dragging: false,
  notice: undefined,
  settingsOpen: false,
  confirm: undefined,
  connection: 'open',
  offer: undefined,
  refresh: undefined,
  signIn: undefined,
}));
