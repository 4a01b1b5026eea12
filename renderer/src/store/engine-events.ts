// What the engine says (snapshot, state batches, progress, removals, settings, desktop requests) becomes store state here, and only here.
import type { DesktopRequest, EventMessage } from '../../../shared/contract.js';
import type { DownloadSnapshot } from '../../../shared/download-snapshot.js';
import { openAdd, previewList } from './add-flow.js';
import { type Live, picked as pickedOf } from '../../../shared/list-query.js';
import { report } from './connection.js';
import { listChanged, refreshList } from './list-window.js';
import { recheckSelection, withPicked } from './selection.js';
import { SPEED_SAMPLES, useHaul } from './store.js';
import { openSettings } from './ui-actions.js';

/** How soon a row in view that changed state (completed, failed) is fetched again. */
const HELD_ROW_CHANGED_MS = 30;
/** How often a list sorted by progress, size, speed or time left is ordered again while bytes move. */
const SORTED_BY_PROGRESS_MS = 1000;

/** Engine events land here, and only here. The window holds a few hundred rows: events update those, and say the window should be fetched again. */
export function onMessage(message: EventMessage): void {
  switch (message.type) {
    case 'snapshot': {
      // A snapshot starts every stream, and a reconnect: the window and the selection are fetched afresh.
      useHaul.setState({ settings: message.payload.settings, connection: 'open' });
      void refreshList();
      recheckSelection().catch(report);
      break;
    }
    case 'states': {
      const { downloads, picked } = useHaul.getState();
      const held = message.payload.filter((download) => downloads.has(download.id));
      const nextPicked = withPicked(picked, message.payload.map(pickedOf));
      if (held.length > 0 || nextPicked !== picked) useHaul.setState({ downloads: downloads.with(held), picked: nextPicked });
      listChanged();
      break;
    }
    case 'changed': {
      // Which downloads changed and their state: the selection takes it at once, the rows come with the next page.
      const { downloads, picked } = useHaul.getState();
      const nextPicked = withPicked(picked, message.payload);
      if (nextPicked !== picked) useHaul.setState({ picked: nextPicked });
      listChanged(message.payload.some((item) => downloads.has(item.id)) ? HELD_ROW_CHANGED_MS : undefined);
      break;
    }
    case 'progress': {
      const { downloads, sort } = useHaul.getState();
      const changed: DownloadSnapshot[] = [];
      const nextLive: Record<string, Live> = {};
      for (const item of message.payload.items) {
        const known = downloads.get(item.id);
        if (known === undefined) continue;
        changed.push({ ...known, bytes: item.bytes, total: item.total, liveConnections: item.connections, segments: [...item.segments] });
        nextLive[item.id] = { speed: item.speed, eta: item.eta };
      }
      const nextDownloads = changed.length === 0 ? downloads : downloads.with(changed);
      const { speedHistory, focusHistory, focused, selected } = useHaul.getState();
      const shown = selected.length === 1 ? selected[0] : focused;
      const sample = shown === undefined ? 0 : (message.payload.items.find((item) => item.id === shown)?.speed ?? 0);
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
      // An order by bytes, speed or time left moves with every tick; an order by name or age does not.
      if (sort.key !== 'added' && sort.key !== 'name') listChanged(SORTED_BY_PROGRESS_MS);
      break;
    }
    case 'removed': {
      const { downloads, selected, picked } = useHaul.getState();
      const id = message.payload.id;
      if (downloads.has(id) || picked.has(id)) {
        const nextPicked = new Map(picked);
        nextPicked.delete(id);
        useHaul.setState({ downloads: downloads.without([id]), selected: selected.filter((other) => other !== id), picked: nextPicked });
      }
      listChanged();
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
