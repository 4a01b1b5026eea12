import type { AddEntry, DesktopRequest, EventMessage, Settings } from '../../../main/contract/contract.js';
import type { DownloadSnapshot } from '../../../main/engine/engine.js';
import type { Transport } from '../transport/transport.js';
import { type Filter, type Sort, useHaul } from './store.js';

let transport: Transport | undefined;

export function connect(next: Transport): () => void {
  transport = next;
  useHaul.setState({ desktop: next.desktop });
  return next.subscribe(onMessage);
}

function api(): Transport {
  if (transport === undefined) throw new Error('not connected');
  return transport;
}

/** Engine events land here, and only here. */
export function onMessage(message: EventMessage): void {
  switch (message.type) {
    case 'snapshot':
      useHaul.setState({
        downloads: Object.fromEntries(message.payload.downloads.map((download) => [download.id, download])),
        order: message.payload.downloads.map((download) => download.id),
        settings: message.payload.settings,
      });
      break;
    case 'state':
      upsert(message.payload);
      break;
    case 'progress': {
      const { downloads, live } = useHaul.getState();
      const nextDownloads = { ...downloads };
      const nextLive = { ...live };
      for (const item of message.payload.items) {
        const known = nextDownloads[item.id];
        if (known !== undefined) {
          nextDownloads[item.id] = { ...known, bytes: item.bytes, total: item.total, liveConnections: item.connections, segments: [...item.segments] };
        }
        nextLive[item.id] = { speed: item.speed, eta: item.eta };
      }
      useHaul.setState({ downloads: nextDownloads, live: nextLive, overall: message.payload.overall });
      break;
    }
    case 'removed': {
      const { downloads, order, selected } = useHaul.getState();
      const rest = { ...downloads };
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a record keyed by download id
      delete rest[message.payload.id];
      useHaul.setState({
        downloads: rest,
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

function upsert(download: DownloadSnapshot): void {
  const { downloads, order } = useHaul.getState();
  const known = download.id in downloads;
  useHaul.setState({
    downloads: { ...downloads, [download.id]: download },
    order: known ? order : [...order, download.id],
  });
}

function report(error: unknown): void {
  useHaul.setState({ notice: error instanceof Error ? error.message : String(error) });
}

export function setFilter(filter: Filter): void {
  useHaul.setState({ filter });
}

export function setSort(sort: Sort): void {
  useHaul.setState({ sort });
}

export function toggleEntry(url: string): void {
  const { skipped } = useHaul.getState();
  useHaul.setState({ skipped: skipped.includes(url) ? skipped.filter((item) => item !== url) : [...skipped, url] });
}

export function openMenu(id: string, x: number, y: number): void {
  useHaul.setState({ menu: { id, x, y }, selected: [id] });
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
  const url = useHaul.getState().downloads[id]?.url;
  if (url !== undefined) navigator.clipboard.writeText(url).catch(report);
}

export function setSearch(search: string): void {
  useHaul.setState({ search });
}

export function select(ids: readonly string[]): void {
  useHaul.setState({ selected: ids });
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
  useHaul.setState({ addDialog: { open: true, text, preview: undefined, probes: {} }, skipped: [] });
  void previewList(text);
}

export function closeAdd(): void {
  useHaul.setState({ addDialog: { open: false, text: '', preview: undefined, probes: {} } });
}

const PROBE_DELAY_MS = 400;
const PROBE_MAX = 200;
let probeTimer: ReturnType<typeof setTimeout> | undefined;

/** Once typing pauses, asks the engine about each new URL in the preview (size, resumable, name). */
function scheduleProbe(urls: readonly string[]): void {
  if (probeTimer !== undefined) clearTimeout(probeTimer);
  probeTimer = setTimeout(() => {
    const known = useHaul.getState().addDialog.probes;
    const wanted = urls.filter((url) => !(url in known)).slice(0, PROBE_MAX);
    if (wanted.length === 0) return;
    api()
      .call('probe', { urls: wanted })
      .then(({ results }) => {
        useHaul.setState((state) => ({
          addDialog: { ...state.addDialog, probes: { ...state.addDialog.probes, ...Object.fromEntries(results.map((result) => [result.url, result])) } },
        }));
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

export async function addFromPreview(options: { dir?: string | undefined; limit?: number | undefined; connections?: number | 'auto' | undefined }): Promise<void> {
  const preview = useHaul.getState().addDialog.preview;
  if (preview === undefined) return;
  // What is already in the list is shown, not added twice; what the user unticked stays out.
  const { skipped } = useHaul.getState();
  const fresh = preview.entries.filter((entry) => !preview.existing.includes(entry.url) && !skipped.includes(entry.url));
  if (fresh.length === 0) return;
  const entries: AddEntry[] = fresh.map((entry) => ({
    url: entry.url,
    name: entry.name,
    dir: entry.dir,
    checksum: entry.checksum === undefined ? undefined : `${entry.checksum.algorithm}=${entry.checksum.hex}`,
    headers: entry.headers,
  }));
  try {
    const result = await api().call('add', { entries, dir: options.dir, limit: options.limit, connections: options.connections });
    // The event stream is the truth and may already be ahead of this answer (a small file can be
    // done before the reply arrives): the reply only fills in what the events have not.
    const known = useHaul.getState().downloads;
    for (const download of result.added) if (!(download.id in known)) upsert(download);
    closeAdd();
    if (result.rejectedCount > 0) {
      const more = result.rejectedCount > result.rejected.length ? `; and ${result.rejectedCount - result.rejected.length} more` : '';
      report(`${result.rejectedCount} not added: ${result.rejected.slice(0, 5).map((r) => `${r.url} (${r.reason})`).join('; ')}${more}`);
    }
  } catch (error) {
    report(error);
  }
}

type IdCommand = 'pause' | 'resume' | 'cancel' | 'retry';

export function act(command: IdCommand, ids: readonly string[]): void {
  if (ids.length === 0) return;
  api().call(command, { ids: [...ids] }).catch(report);
}

export function remove(ids: readonly string[], deleteFile: boolean): void {
  if (ids.length === 0) return;
  api().call('remove', { ids: [...ids], deleteFile }).catch(report);
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
