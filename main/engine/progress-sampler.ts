import type { DownloadStatus } from '../../shared/download-status.js';
import { isActive } from '../../shared/download-status.js';
import type { Segment } from '../../shared/download-record.js';
import type { ProgressBatch, ProgressItem } from '../../shared/download-snapshot.js';
import { estimateEta, SpeedMeter } from './speed-meter.js';

/** What the sampler reads of a download: its recorded state and its live counters. */
export interface Sampled {
  readonly record: { readonly id: string; readonly status: DownloadStatus; readonly total?: number | undefined };
  readonly bytes: number;
  readonly connections: number;
  readonly segments: Segment[];
}

/**
 * Progress sampled on a tick, as one batch: each active download's bytes, smoothed speed, ETA and
 * segments, and the totals. Keeps one speed meter per active download.
 */
export class ProgressSampler {
  readonly #meters = new Map<string, SpeedMeter>();

  /**
   * One batch from `downloads` at `now` (ms, monotonic), or undefined when none is active. `each` is
   * called for every active download (the engine's checkpoints ride on the same pass).
   */
  sample<T extends Sampled>(downloads: Iterable<T>, now: number, each?: (download: T) => void): ProgressBatch | undefined {
    const items: ProgressItem[] = [];
    let bytes = 0;
    let total: number | undefined = 0;
    let queued = 0;
    for (const download of downloads) {
      const { status, id } = download.record;
      if (status === 'queued') queued++;
      if (!isActive(status)) continue;
      let meter = this.#meters.get(id);
      if (meter === undefined) {
        meter = new SpeedMeter();
        this.#meters.set(id, meter);
      }
      const done = download.bytes;
      const speed = meter.sample(done, now);
      const taskTotal = download.record.total;
      items.push({
        id,
        status,
        bytes: done,
        total: taskTotal,
        speed,
        eta: estimateEta(taskTotal === undefined ? undefined : taskTotal - done, speed),
        connections: download.connections,
        segments: download.segments,
      });
      bytes += done;
      total = total === undefined || taskTotal === undefined ? undefined : total + taskTotal;
      each?.(download);
    }
    if (items.length === 0) return undefined;
    const speed = items.reduce((sum, item) => sum + item.speed, 0);
    return {
      at: Date.now(),
      items,
      overall: { bytes, total, speed, eta: estimateEta(total === undefined ? undefined : total - bytes, speed), active: items.length, queued },
    };
  }

  /** A download stopped: its next run starts a fresh speed estimate. */
  reset(id: string): void {
    this.#meters.get(id)?.reset();
  }

  forget(id: string): void {
    this.#meters.delete(id);
  }
}
