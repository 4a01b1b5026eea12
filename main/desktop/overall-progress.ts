import type { DownloadStatus } from '../../shared/download-status.js';
import { isActive } from '../../shared/download-status.js';

export interface OverallProgress {
  /** Transferring, connecting, retrying or verifying. */
  readonly active: number;
  readonly queued: number;
  readonly paused: number;
  readonly failed: number;
  /** Bytes done of the active and queued downloads. */
  readonly bytes: number;
  /** Their total size; undefined while any of them has no known size. */
  readonly total: number | undefined;
  /** 0..1, undefined when the total is unknown or nothing is under way. */
  readonly fraction: number | undefined;
  /** Bytes per second (from the engine's last progress batch). */
  readonly speed: number;
}

type Counted = { readonly status: DownloadStatus; readonly bytes: number; readonly total?: number | undefined };

/**
 * One figure for the whole list, for the tray, the taskbar and the dock. Queued downloads count
 * toward the bar (the batch is not done until they are); paused and failed ones do not hold it.
 */
export function overallProgress(downloads: Iterable<Counted>, speed = 0): OverallProgress {
  let active = 0;
  let queued = 0;
  let paused = 0;
  let failed = 0;
  let bytes = 0;
  let total: number | undefined = 0;
  for (const download of downloads) {
    const { status } = download;
    if (status === 'paused') paused++;
    else if (status === 'failed') failed++;
    if (status !== 'queued' && !isActive(status)) continue;
    if (status === 'queued') queued++;
    else active++;
    bytes += download.bytes;
    total = total === undefined || download.total === undefined ? undefined : total + download.total;
  }
  const underWay = active + queued > 0;
  const fraction = underWay && total !== undefined && total > 0 ? Math.min(1, bytes / total) : undefined;
  return { active, queued, paused, failed, bytes, total: underWay ? total : 0, fraction, speed: active > 0 ? speed : 0 };
}
