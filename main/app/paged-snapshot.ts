import type { EventMessage, Events } from '../../shared/contract.js';

/** Downloads per message when a snapshot is sent in pages. */
export const SNAPSHOT_PAGE = 2000;

export interface PagedSnapshot {
  /** Passes a live event on, noting which downloads it speaks for. */
  readonly live: (message: EventMessage) => void;
  readonly stop: () => void;
}

/**
 * A snapshot sent in pages: the first page as the `snapshot`, the rest as `states` batches, one per
 * turn of the event loop, so a client with 100,000 downloads gets its first rows at once and no
 * single 25 MB message. Live events flow meanwhile; a download they have already spoken for (changed
 * or removed) is left out of the later pages, so an old page never undoes a newer change.
 */
export function sendPagedSnapshot(snapshot: Events['snapshot'], send: (message: EventMessage) => void, page = SNAPSHOT_PAGE): PagedSnapshot {
  const { downloads } = snapshot;
  const touched = new Set<string>();
  let offset = Math.min(page, downloads.length);
  let stopped = false;
  send({ type: 'snapshot', payload: { ...snapshot, downloads: downloads.slice(0, offset) } });
  const next = (): void => {
    if (stopped) return;
    if (offset >= downloads.length) {
      touched.clear();
      return;
    }
    const rest = downloads.slice(offset, offset + page).filter((download) => !touched.has(download.id));
    offset += page;
    if (rest.length > 0) send({ type: 'states', payload: rest });
    setImmediate(next);
  };
  if (offset < downloads.length) setImmediate(next);
  return {
    live(message) {
      if (offset < downloads.length) {
        if (message.type === 'states') for (const download of message.payload) touched.add(download.id);
        else if (message.type === 'removed') touched.add(message.payload.id);
      }
      send(message);
    },
    stop() {
      stopped = true;
    },
  };
}
