import { create } from 'zustand';
import type { ParsedList, Settings } from '../../../shared/contract.js';
import type { ProgressBatch, ProgressItem } from '../../../shared/download-snapshot.js';
import type { FileKind } from '../../../shared/file-kind.js';
import type { ProbeResult } from '../../../shared/probe-result.js';
import { DownloadIndex } from './download-index.js';

/** The sidebar's views: by state, or by what the file is. */
export type StatusView = 'all' | 'active' | 'queued' | 'completed' | 'failed';
export type View = StatusView | FileKind;
export type SortKey = 'added' | 'name' | 'progress' | 'size' | 'speed' | 'left';
export interface Sort {
  readonly key: SortKey;
  readonly descending: boolean;
}

/** How many samples of overall and per-download speed the charts keep (one per progress batch). */
export const SPEED_SAMPLES = 60;

export interface DownloadsSlice {
  /** Every download by id, as the engine last described it. */
  readonly downloads: DownloadIndex;
  /** Oldest first. */
  readonly order: readonly string[];
  /** Speed and ETA from the last progress batch. */
  readonly live: Readonly<Record<string, Pick<ProgressItem, 'speed' | 'eta'>>>;
  readonly overall: ProgressBatch['overall'] | undefined;
  /** Overall speed, oldest first: the status bar's sparkline. */
  readonly speedHistory: readonly number[];
  /** The focused download's speed, oldest first: the details panel's chart. */
  readonly focusHistory: { readonly id: string | undefined; readonly samples: readonly number[] };
  /**
   * How many downloads each sidebar view holds, kept up to date on state changes only: a progress
   * batch changes bytes, never a status or a name, so it costs nothing here.
   */
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
  order: [],
  live: {},
  overall: undefined,
  speedHistory: [],
  focusHistory: { id: undefined, samples: [] },
  counts: { all: 0, active: 0, queued: 0, completed: 0, failed: 0, documents: 0, archives: 0, video: 0, audio: 0, images: 0, programs: 0, other: 0 },
  settings: undefined,
  view: 'all',
  sort: { key: 'added', descending: false },
  desktop: false,
  skipped: [],
  menu: undefined,
  search: '',
  selected: [],
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
