import type { AddEntry, DesktopRequest, EventMessage, Settings } from '../../../shared/contract.js';
import type { DownloadSnapshot } from '../../../shared/download-snapshot.js';
import { isActive } from '../../../shared/download-status.js';
import { toAria2Lines } from '../../../shared/to-aria2-lines.js';
import type { Transport } from '../transport/transport.js';
import { resumable } from '../format.js';
import { SPEED_SAMPLES, type SortKey, useHaul, type View } from './store.js';
import { adjustCounts, viewCounts, visibleIds } from './visible.js';
import { DownloadIndex } from './download-index.js';

let transport: Transport | undefined;

export function connect(next: Transport): () => void {
  transport = next;
  useHaul.setState({ desktop: next.desktop });
  const offConnection = next.onConnection?.((connection) => {
    useHaul.setState({ connection });
  });
  const offMessages = next.subscribe(onMessage);
  return () => {
    offConnection?.();
    offMessages();
  };
}

function api(): Transport {
  if (transport === undefined) throw new Error('not connected');
  return transport;
}

/**
 * State batches waiting to be applied. Applying one copies the list once, so with a long list they
 * are gathered for a while first (1 ms at 1,000 downloads, 100 ms from 100,000): a 100,000-line add
 * arriving costs a few dozen copies, not hundreds. Any other message applies them first, so order holds.
 */
let pendingStates: DownloadSnapshot[] = [];
let statesTimer: ReturnType<typeof setTimeout> | undefined;
/** At most this many changes per task when applied by the timer (about 25 ms of work), so the page stays responsive. */
const STATES_PER_TASK = 5000;

function applyPendingStates(limit = Infinity): void {
  if (statesTimer !== undefined) clearTimeout(statesTimer);
  statesTimer = undefined;
  const batch = pendingStates.length <= limit ? pendingStates : pendingStates.slice(0, limit);
  pendingStates = pendingStates.length <= limit ? [] : pendingStates.slice(limit);
  upsert(batch);
  if (pendingStates.length > 0) statesTimer = setTimeout(applyPendingStates, 0, STATES_PER_TASK);
}

/** Engine events land here, and only here. */
export function onMessage(message: EventMessage): void {
  if (message.type === 'states') {
    for (const download of message.payload) pendingStates.push(download);
    statesTimer ??= setTimeout(applyPendingStates, Math.min(100, useHaul.getState().order.length / 1000), STATES_PER_TASK);
    return;
  }
  applyPendingStates();
  switch (message.type) {
    case 'snapshot': {
      // A snapshot after a reconnect replaces the list: what went away meanwhile leaves the selection too.
      const downloads = DownloadIndex.of(message.payload.downloads);
      const { selected, focused } = useHaul.getState();
      useHaul.setState({
        downloads,
        counts: viewCounts(message.payload.downloads),
        order: message.payload.downloads.map((download) => download.id),
        settings: message.payload.settings,
        selected: selected.filter((id) => downloads.has(id)),
        focused: focused !== undefined && downloads.has(focused) ? focused : undefined,
        connection: 'open',
      });
      break;
    }
    case 'progress': {
      const { downloads, live } = useHaul.getState();
      const changed: DownloadSnapshot[] = [];
      const nextLive = { ...live };
      for (const item of message.payload.items) {
        const known = downloads.get(item.id);
        if (known !== undefined)
          changed.push({ ...known, bytes: item.bytes, total: item.total, liveConnections: item.connections, segments: [...item.segments] });
        nextLive[item.id] = { speed: item.speed, eta: item.eta };
      }
      const nextDownloads = downloads.with(changed);
      const { speedHistory, focusHistory, focused, selected } = useHaul.getState();
      const shown = selected.length === 1 ? selected[0] : focused;
      const sample = shown === undefined ? 0 : (nextLive[shown]?.speed ?? 0);
      useHaul.setState({
        downloads: nextDownloads,
        live: nextLive,
        overall: message.payload.overall,
        speedHistory: [...speedHistory, message.payload.overall.speed].slice(-SPEED_SAMPLES),
        focusHistory:
          focusHistory.id === shown
            ? { id: shown, samples: [...focusHistory.samples, sample].slice(-SPEED_SAMPLES) }
            : { id: shown, samples: [sample] },
      });
      break;
    }
    case 'removed': {
      const { downloads, order, selected, counts } = useHaul.getState();
      const gone = downloads.get(message.payload.id);
      useHaul.setState({
        downloads: downloads.without([message.payload.id]),
        counts: adjustCounts(counts, gone, undefined),
        order: order.filter((id) => id !== message.payload.id),
        selected: selected.filter((id) => id !== message.payload.id),
      });
      break;
    }
    case 'settings':
      useHaul.setState({ settings: message.payload });
      break;
    case 'desktop':
      onDesktopRequest(message.payload);
      break;
  }
}

/** The desktop shell's requests: a second launch's or the tray's URLs go to the Add preview, added to what is there. */
function onDesktopRequest(request: DesktopRequest): void {
  switch (request.kind) {
    case 'add': {
      const { addDialog } = useHaul.getState();
      if (request.problems.length > 0) useHaul.setState({ notice: request.problems.join('; ') });
      if (!addDialog.open) openAdd(request.text);
      else if (request.text !== '') void previewList(addDialog.text.trim() === '' ? request.text : `${addDialog.text}\n${request.text}`);
      break;
    }
    case 'offer':
      useHaul.setState({ offer: { text: request.text, count: request.count } });
      break;
    case 'settings':
      openSettings();
      break;
  }
}

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

/** A batch of changes in one update: one copy of the list per batch, not one per download. */
function upsert(batch: readonly DownloadSnapshot[]): void {
  if (batch.length === 0) return;
  const state = useHaul.getState();
  let counts = state.counts;
  const fresh: string[] = [];
  // Counted against what is there before any of the batch goes in: a download twice in one batch counts once.
  const seen = new Map<string, DownloadSnapshot | undefined>();
  for (const download of batch) {
    const before = seen.has(download.id) ? seen.get(download.id) : state.downloads.get(download.id);
    if (before === undefined) fresh.push(download.id);
    counts = adjustCounts(counts, before, download);
    seen.set(download.id, download);
  }
  useHaul.setState({ downloads: state.downloads.with(batch), counts, order: fresh.length === 0 ? state.order : [...state.order, ...fresh] });
}

function report(error: unknown): void {
  useHaul.setState({ notice: error instanceof Error ? error.message : String(error) });
}

export function setView(view: View): void {
  useHaul.setState({ view });
}

/** A column header: the first click sorts by it, the next reverses it. */
export function sortBy(key: SortKey): void {
  const { sort } = useHaul.getState();
  useHaul.setState({ sort: sort.key === key ? { key, descending: !sort.descending } : { key, descending: key === 'size' || key === 'speed' } });
}

export function toggleEntry(url: string): void {
  const { skipped } = useHaul.getState();
  useHaul.setState({ skipped: skipped.includes(url) ? skipped.filter((item) => item !== url) : [...skipped, url] });
}

export function openMenu(id: string, x: number, y: number): void {
  const { selected } = useHaul.getState();
  // Right-clicking inside the selection keeps it (the menu acts on all of it); elsewhere it selects that row.
  useHaul.setState({ menu: { id, x, y }, ...(selected.includes(id) ? {} : { selected: [id], anchor: id }), focused: id });
}

export function closeMenu(): void {
  if (useHaul.getState().menu !== undefined) useHaul.setState({ menu: undefined });
}

export function openFile(id: string): void {
  api().call('openFile', { id }).catch(report);
}

export function showInFolder(id: string): void {
  api().call('showInFolder', { id }).catch(report);
}

export function copyUrl(id: string): void {
  const url = useHaul.getState().downloads.get(id)?.url;
  if (url !== undefined) navigator.clipboard.writeText(url).catch(report);
}

export function setSearch(search: string): void {
  useHaul.setState({ search });
}

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

let previewSeq = 0;

/** Opens the Add dialog with `text` (pasted, dropped or typed) and previews it. */
export function openAdd(text = ''): void {
  useHaul.setState({ addDialog: { open: true, text, preview: undefined, probes: {}, unchecked: [] }, skipped: [] });
  void previewList(text);
}

export function closeAdd(): void {
  useHaul.setState({ addDialog: { open: false, text: '', preview: undefined, probes: {}, unchecked: [] } });
}

const PROBE_DELAY_MS = 400;
const PROBE_MAX = 200;
let probeTimer: ReturnType<typeof setTimeout> | undefined;

/** Once typing pauses, asks the engine about each new URL in the preview (size, resumable, name). */
function scheduleProbe(urls: readonly string[]): void {
  if (probeTimer !== undefined) clearTimeout(probeTimer);
  probeTimer = setTimeout(() => {
    const known = useHaul.getState().addDialog.probes;
    const fresh = urls.filter((url) => !(url in known));
    const wanted = fresh.slice(0, PROBE_MAX);
    // Past the limit a line is marked "not checked", never left "checking…" for ever.
    useHaul.setState((state) => ({ addDialog: { ...state.addDialog, unchecked: fresh.slice(PROBE_MAX) } }));
    if (wanted.length === 0) return;
    api()
      .call('probe', { urls: wanted })
      .then(({ results }) => {
        useHaul.setState((state) => {
          const probes = { ...state.addDialog.probes, ...Object.fromEntries(results.map((result) => [result.url, result])) };
          // A line the probe found broken (404, 503, unknown host) starts unticked.
          const broken = results.filter((result) => result.error !== undefined).map((result) => result.url);
          return { addDialog: { ...state.addDialog, probes }, skipped: [...new Set([...state.skipped, ...broken])] };
        });
      })
      .catch(report);
  }, PROBE_DELAY_MS);
}

export async function previewList(text: string): Promise<void> {
  const seq = ++previewSeq;
  useHaul.setState((state) => ({ addDialog: { ...state.addDialog, text } }));
  try {
    const preview = await api().call('parseList', { text });
    // Typing on while a parse is in flight: only the newest answer counts.
    if (seq === previewSeq) {
      useHaul.setState((state) => ({ addDialog: { ...state.addDialog, preview } }));
      scheduleProbe(preview.entries.map((entry) => entry.url));
    }
  } catch (error) {
    report(error);
  }
}

/**
 * A list file picked in the Add dialog: alone, its text is the preview; next to text already there,
 * it is parsed by its own format (a CSV's header must come first) and its entries appended in a
 * form that keeps their options. Its unusable lines are named in a notice.
 */
export async function addListFile(fileName: string, content: string): Promise<void> {
  const { text } = useHaul.getState().addDialog;
  if (text.trim() === '') {
    await previewList(content);
    return;
  }
  try {
    const parsed = await api().call('parseList', { text: content });
    if (parsed.invalid.length > 0)
      notify(
        `${fileName}: ${parsed.invalid.length} line${parsed.invalid.length === 1 ? '' : 's'} could not be used (line ${parsed.invalid[0]?.line ?? '?'}: ${parsed.invalid[0]?.reason ?? ''})`,
      );
    await previewList(`${text.replace(/\s+$/, '')}\n${toAria2Lines(parsed.entries)}`);
  } catch (error) {
    report(error);
  }
}

export async function addFromPreview(options: {
  dir?: string | undefined;
  limit?: number | undefined;
  connections?: number | 'auto' | undefined;
  /** Sent by every download added (the Advanced fields); a list line's own headers win. */
  headers?: Readonly<Record<string, string>> | undefined;
}): Promise<void> {
  const preview = useHaul.getState().addDialog.preview;
  if (preview === undefined) return;
  // What is already in the list is shown, not added twice; what the user unticked stays out.
  const { skipped, downloads } = useHaul.getState();
  // Already in the list as failed or cancelled: restarted instead of refused.
  const restart = [...downloads.values()]
    .filter(
      (download) =>
        (download.status === 'failed' || download.status === 'cancelled') &&
        preview.entries.some((entry) => entry.url === download.url) &&
        !skipped.includes(download.url),
    )
    .map((download) => download.id);
  if (restart.length > 0) act('retry', restart);
  const fresh = preview.entries.filter((entry) => !preview.existing.includes(entry.url) && !skipped.includes(entry.url));
  if (fresh.length === 0) {
    if (restart.length > 0) closeAdd();
    return;
  }
  const entries: AddEntry[] = fresh.map((entry) => ({
    url: entry.url,
    name: entry.name,
    dir: entry.dir,
    checksum: entry.checksum === undefined ? undefined : `${entry.checksum.algorithm}=${entry.checksum.hex}`,
    headers: options.headers === undefined && entry.headers === undefined ? undefined : { ...options.headers, ...entry.headers },
  }));
  try {
    const result = await api().call('add', { entries, dir: options.dir, limit: options.limit, connections: options.connections });
    // The event stream is the truth and may already be ahead of this answer (a small file can be
    // done before the reply arrives): the reply only fills in what the events have not.
    const known = useHaul.getState().downloads;
    upsert(result.added.filter((download) => !known.has(download.id)));
    closeAdd();
    if (result.rejectedCount > 0) {
      const more = result.rejectedCount > result.rejected.length ? `; and ${result.rejectedCount - result.rejected.length} more` : '';
      report(
        `${result.rejectedCount} not added: ${result.rejected
          .slice(0, 5)
          .map((r) => `${r.url} (${r.reason})`)
          .join('; ')}${more}`,
      );
    }
  } catch (error) {
    report(error);
  }
}

type IdCommand = 'pause' | 'resume' | 'cancel' | 'retry';

export function act(command: IdCommand, ids: readonly string[]): void {
  if (ids.length === 0) return;
  api()
    .call(command, { ids: [...ids] })
    .catch(report);
}

export function remove(ids: readonly string[], deleteFile: boolean): void {
  if (ids.length === 0) return;
  api()
    .call('remove', { ids: [...ids], deleteFile })
    .catch(report);
}

/** Remove (the button, the menu, the Delete key) always asks first, with the count and whether files go too. */
export function askRemove(ids: readonly string[], deleteFiles = false): void {
  if (ids.length === 0) return;
  useHaul.setState({ confirm: { kind: 'remove', ids: [...ids], deleteFiles } });
}

/** Pausing a download the server cannot resume restarts it from zero: that is asked first. */
export function askPause(ids: readonly string[]): void {
  const { downloads } = useHaul.getState();
  const pausable = ids.filter((id) => {
    const status = downloads.get(id)?.status;
    return status !== undefined && (isActive(status) || status === 'queued');
  });
  if (pausable.length === 0) return;
  const unresumable = pausable.filter((id) => {
    const download = downloads.get(id);
    return download !== undefined && download.bytes > 0 && resumable(download) === false;
  });
  if (unresumable.length === 0) act('pause', pausable);
  else useHaul.setState({ confirm: { kind: 'pause', ids: pausable, unresumable } });
}

export function setConfirmDeleteFiles(deleteFiles: boolean): void {
  const { confirm } = useHaul.getState();
  if (confirm?.kind === 'remove') useHaul.setState({ confirm: { ...confirm, deleteFiles } });
}

export function answerConfirm(yes: boolean): void {
  const { confirm } = useHaul.getState();
  useHaul.setState({ confirm: undefined });
  if (!yes || confirm === undefined) return;
  if (confirm.kind === 'remove') remove(confirm.ids, confirm.deleteFiles);
  else act('pause', confirm.ids);
}

export function pauseAll(): void {
  api().call('pauseAll', {}).catch(report);
}

export function resumeAll(): void {
  api().call('resumeAll', {}).catch(report);
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

export function openRefresh(id: string): void {
  useHaul.setState({ refresh: { id, different: undefined } });
}

export function closeRefresh(): void {
  useHaul.setState({ refresh: undefined });
}

/**
 * Gives the download a new link. A link to a different file is not used at once: the reason is
 * shown and the person decides whether to start over (`startOver`).
 */
export async function refreshLink(url: string, startOver: boolean): Promise<void> {
  const refresh = useHaul.getState().refresh;
  if (refresh === undefined) return;
  try {
    const { kept } = await api().call('refresh', { id: refresh.id, url, startOver });
    closeRefresh();
    notify(kept ? 'New link set: the download goes on from where it was.' : 'New link set: the download starts over.');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!startOver && message.includes('serves a different file')) useHaul.setState({ refresh: { id: refresh.id, different: message } });
    else report(error);
  }
}

export function openSignIn(id: string): void {
  useHaul.setState({ signIn: { id } });
}

export function closeSignIn(): void {
  useHaul.setState({ signIn: undefined });
}

/**
 * Retries a download that got HTTP 401 with the user name and password typed in: they go into its
 * address (user:password@, which the engine sends as Basic and never shows), checked with the
 * server first; a wrong pair is said, and nothing changes.
 */
export async function signIn(user: string, password: string): Promise<void> {
  const pending = useHaul.getState().signIn;
  const download = pending === undefined ? undefined : useHaul.getState().downloads.get(pending.id);
  if (pending === undefined || download === undefined) return;
  const url = new URL(download.url);
  url.username = encodeURIComponent(user);
  url.password = encodeURIComponent(password);
  try {
    await api().call('refresh', { id: pending.id, url: url.href });
    closeSignIn();
  } catch (error) {
    report(error instanceof Error ? new Error(error.message.replace('the new link does not work', 'signing in did not work')) : error);
  }
}
