// What the engine says (snapshot, state batches, progress, removals, settings, desktop requests) becomes store state here, and only here.
import type { DesktopRequest, EventMessage } from '../../../shared/contract.js';
import type { DownloadSnapshot } from '../../../shared/download-snapshot.js';
import { openAdd, previewList } from './add-flow.js';
import { DownloadIndex } from './download-index.js';
import { SPEED_SAMPLES, useHaul } from './store.js';
import { openSettings } from './ui-actions.js';
import { adjustCounts, viewCounts } from './visible.js';

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
export function onDesktopRequest(request: DesktopRequest): void {
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

/** A batch of changes in one update: one copy of the list per batch, not one per download. */
export function upsert(batch: readonly DownloadSnapshot[]): void {
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
