import type { DownloadSnapshot, ProgressBatch } from './download-snapshot.js';
import type { ListPage, ListQuery, Picked } from './list-query.js';
import type { ProbeResult } from './probe-result.js';
import type { ParsedUrlList } from './url-list.js';
import type { SiteRule } from './site-rules.js';

export type Theme = 'system' | 'light' | 'dark';

/** What the user can change in Settings; persisted, applied live. */
export interface Settings {
  readonly downloadDir: string;
  readonly maxConcurrent: number;
  /** Connections per download: a number, or 'auto'. */
  readonly connections: number | 'auto';
  /** Global byte-rate limit; 0 = none. */
  readonly globalLimit: number;
  readonly retries: number;
  readonly theme: Theme;
  /** Rows of the list: dense (38 px) or comfortable (48 px). */
  readonly density: 'compact' | 'comfortable';
  /** Desktop app only (haul serve keeps them and ignores them): closing the window keeps downloads running in the tray. */
  readonly closeToTray: boolean;
  /** A notification when downloads finish or fail (batched). */
  readonly notifications: boolean;
  /** Keep the machine from sleeping while downloads are active. */
  readonly keepAwake: boolean;
  /** Start with the session, hidden in the tray. */
  readonly startAtLogin: boolean;
  /** Offer to add URLs when they are copied (never adds by itself). */
  readonly watchClipboard: boolean;
  /**
   * How downloads reach the internet: the system's proxy settings (the desktop app asks the OS for
   * each URL, PAC files included; haul serve reads HTTP_PROXY, HTTPS_PROXY and NO_PROXY), none, or
   * `proxyUrl` (http://, https:// or socks5://, user:password@ allowed).
   */
  readonly proxyMode: 'system' | 'none' | 'manual';
  readonly proxyUrl: string;
  /** A PEM file of certificate authorities trusted besides the system's ('' for none). */
  readonly caFile: string;
  /** Per-site settings: a host (and its subdomains) with its own connection cap, headers and proxy. */
  readonly siteRules: readonly SiteRule[];
}

/**
 * What the desktop shell asks of the UI: open the Add preview with some text (a second launch's
 * URLs and lists, the tray's Add from clipboard), offer copied URLs, open Settings.
 */
export type DesktopRequest =
  | { readonly kind: 'add'; readonly text: string; readonly problems: readonly string[] }
  | { readonly kind: 'offer'; readonly text: string; readonly count: number }
  | { readonly kind: 'settings' };

export interface AddEntry {
  readonly url: string;
  readonly name?: string | undefined;
  /** Relative to the add's folder (or absolute). */
  readonly dir?: string | undefined;
  /** ALGO=HEX, as in aria2 lists. */
  readonly checksum?: string | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

export interface Rejected {
  readonly url: string;
  readonly reason: string;
}

/** The parser's answer, and which of its URLs are already in the download list. */
export interface ParsedList extends ParsedUrlList {
  readonly existing: readonly string[];
  /** Of those, the ones that failed or were cancelled: adding them again restarts them. */
  readonly restartable: readonly { readonly url: string; readonly id: string }[];
}

/**
 * The one contract between the engine and any UI, whatever carries it (Electron IPC, haul serve's
 * HTTP). Each command's arguments and result; handlers are checked against it on the engine side
 * and clients are typed from it on the UI side.
 */
/** How many added downloads and rejected entries an add answers with; the counts say how many there were. */
export const ADD_RESULT_LIMIT = 100;

export interface Commands {
  snapshot: { args: Record<string, never>; result: { downloads: DownloadSnapshot[]; settings: Settings } };
  /**
   * One window of the list, ordered and filtered by the engine (a UI never holds the whole list):
   * `include` asks for rows by id besides the window, `find` for where ids sit in the order.
   */
  list: {
    args: ListQuery & { offset: number; limit: number; include?: string[] | undefined; find?: string[] | undefined };
    result: ListPage;
  };
  /** What a selection needs of a range of the ordered list (`from`…`to`, a missing end the list's end) or of the `ids` given. */
  pick: {
    args: { query?: ListQuery | undefined; from?: string | undefined; to?: string | undefined; ids?: string[] | undefined };
    result: { picked: Picked[] };
  };
  parseList: { args: { text: string }; result: ParsedList };
  add: {
    args: { entries: AddEntry[]; dir?: string | undefined; connections?: number | 'auto' | undefined; limit?: number | undefined };
    /**
     * The first ADD_RESULT_LIMIT of each, and how many there were: the downloads themselves arrive as
     * events, so a 100,000-line add does not answer with 100,000 snapshots.
     */
    result: { added: DownloadSnapshot[]; addedCount: number; rejected: Rejected[]; rejectedCount: number };
  };
  probe: { args: { urls: string[] }; result: { results: ProbeResult[] } };
  pause: { args: { ids: string[] }; result: { ok: true } };
  resume: { args: { ids: string[] }; result: { ok: true } };
  cancel: { args: { ids: string[] }; result: { ok: true } };
  retry: { args: { ids: string[] }; result: { ok: true } };
  remove: { args: { ids: string[]; deleteFile: boolean }; result: { ok: true } };
  /**
   * A new link for an unfinished download (a signed link that expired): `kept` says the bytes were
   * kept. A link to a different file is refused with the reason unless `startOver` is set.
   */
  refresh: { args: { id: string; url: string; startOver?: boolean | undefined }; result: { kept: boolean } };
  /** Desktop only: open a finished file, or show it in its folder. The path comes from the engine's record, never from the UI. */
  openFile: { args: { id: string }; result: { ok: true } };
  showInFolder: { args: { id: string }; result: { ok: true } };
  /** Desktop only: the system's folder picker; `path` is absent when the person cancelled. */
  chooseFolder: { args: { current?: string | undefined }; result: { path?: string | undefined } };
  pauseAll: { args: Record<string, never>; result: { ok: true } };
  resumeAll: { args: Record<string, never>; result: { ok: true } };
  setSettings: { args: { settings: Partial<Settings> }; result: { settings: Settings } };
}

export type CommandName = keyof Commands;
export type CommandArgs<K extends CommandName> = Commands[K]['args'];
export type CommandResult<K extends CommandName> = Commands[K]['result'];

/** Everything the engine pushes: a snapshot first, then changes. Progress comes one batch per tick. */
export interface Events {
  snapshot: { downloads: DownloadSnapshot[]; settings: Settings };
  /** State changes, gathered over a short tick: the newest per download, in the order each first changed (new ones in the order added). */
  states: DownloadSnapshot[];
  /**
   * The same changes, as a subscriber without rows gets them (a UI that pages the list with `list`):
   * which downloads changed and their state, not their whole records. A 100,000-line add is a few
   * MB instead of 25.
   */
  changed: Picked[];
  progress: ProgressBatch;
  removed: { id: string };
  settings: Settings;
  /** Desktop app only. */
  desktop: DesktopRequest;
}

export type EventName = keyof Events;
export type EventMessage = { [K in EventName]: { type: K; payload: Events[K] } }[EventName];

/** What only a desktop shell can do with a file the engine wrote. */
export interface Desktop {
  openPath(path: string): Promise<void>;
  showItemInFolder(path: string): void;
  /** Asks the person before a program downloaded from `from` is opened; resolves true to open it. */
  confirmOpenProgram(path: string, from: string): Promise<boolean>;
  /** The system's folder picker, starting at `current`; undefined when cancelled. */
  chooseFolder(current: string | undefined): Promise<string | undefined>;
}

/** The server side of the contract: a handler for every command, nothing else. */
export type Handlers = { [K in CommandName]: (args: CommandArgs<K>) => Promise<CommandResult<K>> };
