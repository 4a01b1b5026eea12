import { create } from 'zustand';
import type { ParsedList, Settings } from '../../../main/contract/contract.js';
import type { DownloadSnapshot, ProgressBatch, ProgressItem } from '../../../main/engine/engine.js';
import type { ProbeResult } from '../../../main/engine/probe-result.js';

export type Filter = 'all' | 'active' | 'queued' | 'completed' | 'failed';
export type Sort = 'added' | 'name' | 'size' | 'progress';

export interface DownloadsSlice {
  /** Every download by id, as the engine last described it. */
  readonly downloads: Readonly<Record<string, DownloadSnapshot>>;
  /** Oldest first. */
  readonly order: readonly string[];
  /** Speed and ETA from the last progress batch. */
  readonly live: Readonly<Record<string, Pick<ProgressItem, 'speed' | 'eta'>>>;
  readonly overall: ProgressBatch['overall'] | undefined;
}

export interface SettingsSlice {
  readonly settings: Settings | undefined;
}

export interface UiSlice {
  readonly filter: Filter;
  readonly sort: Sort;
  /** The engine side can open files (the desktop app). */
  readonly desktop: boolean;
  /** Preview entries the user unticked, by URL. */
  readonly skipped: readonly string[];
  readonly menu: { readonly id: string; readonly x: number; readonly y: number } | undefined;
  readonly search: string;
  readonly selected: readonly string[];
  readonly addDialog: {
    readonly open: boolean;
    readonly text: string;
    readonly preview: ParsedList | undefined;
    /** What probing each URL found, by URL. */
    readonly probes: Readonly<Record<string, ProbeResult>>;
  };
  readonly dragging: boolean;
  readonly notice: string | undefined;
  readonly settingsOpen: boolean;
  /** Copied URLs the desktop app offers to add (clipboard watch); never added without the user. */
  readonly offer: { readonly text: string; readonly count: number } | undefined;
}

export type HaulState = DownloadsSlice & SettingsSlice & UiSlice;

/** One store of typed slices; only the actions module writes to it. */
export const useHaul = create<HaulState>()(() => ({
  downloads: {},
  order: [],
  live: {},
  overall: undefined,
  settings: undefined,
  filter: 'all',
  sort: 'added',
  desktop: false,
  skipped: [],
  menu: undefined,
  search: '',
  selected: [],
  addDialog: { open: false, text: '', preview: undefined, probes: {} },
  dragging: false,
  notice: undefined,
  settingsOpen: false,
  offer: undefined,
}));
