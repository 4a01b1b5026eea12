import type { DownloadSnapshot } from '../../shared/download-snapshot.js';

/** A download as the engine describes it, before any byte: for tests of what carries snapshots. */
export function snapshotOf(id: string, status: DownloadSnapshot['status'] = 'queued'): DownloadSnapshot {
  return {
    id,
    url: `http://127.0.0.1:9/${id}`,
    dir: '/tmp',
    headers: {},
    status,
    segments: [],
    attempts: 0,
    limit: 0,
    createdAt: 0,
    bytes: 0,
    liveConnections: 0,
  };
}
