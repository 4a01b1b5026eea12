import { join } from 'node:path';
import type { DownloadSnapshot, ProgressBatch, ProgressItem } from '../../shared/download-snapshot.js';
import type { DownloadStatus } from '../../shared/download-status.js';
import { displayUrl } from '../../shared/printable.js';

/** What the CLI knows of one download of this run. */
export interface TallyEntry {
  readonly id: string;
  label: string;
  url: string;
  /** The address and name `url`, `label` and `path` were made from. */
  source: string;
  name: string | undefined;
  path: string | undefined;
  status: DownloadStatus | 'skipped';
  bytes: number;
  total: number | undefined;
  speed: number;
  eta: number | undefined;
  connections: number;
  error: string | undefined;
  /** When this run first saw it transfer, and how many bytes it had then: the run's own average speed. */
  startedAt: number | undefined;
  startBytes: number;
  endedAt: number | undefined;
}

export interface RunTotals {
  readonly downloads: number;
  readonly done: number;
  readonly failed: number;
  readonly active: number;
  readonly queued: number;
  readonly bytes: number;
  /** Undefined while any download's size is unknown. */
  readonly total: number | undefined;
  readonly speed: number;
}

/**
 * Every download of one `haul get` run, finished or not, so the display counts the whole run (its
 * total does not shrink as files finish) and the closing table lists each one.
 */
export class RunTally {
  readonly #entries = new Map<string, TallyEntry>();
  readonly #now: () => number;

  constructor(now: () => number = () => Date.now()) {
    this.#now = now;
  }

  get entries(): readonly TallyEntry[] {
    return [...this.#entries.values()];
  }

  get(id: string): TallyEntry | undefined {
    return this.#entries.get(id);
  }

  state(download: DownloadSnapshot): TallyEntry {
    const entry = this.#entry(download);
    entry.status = download.status;
    // A download changes state five times or more; its address and name far less often.
    if (entry.source !== download.url) {
      entry.source = download.url;
      entry.url = displayUrl(download.url);
    }
    if (entry.name !== download.name) {
      entry.name = download.name;
      entry.label = download.name ?? entry.url;
      entry.path = download.name === undefined ? undefined : join(download.dir, download.name);
    }
    entry.bytes = download.status === 'completed' ? (download.total ?? download.bytes) : download.bytes;
    entry.total = download.total;
    entry.error = download.error?.message;
    if (download.status === 'downloading' && entry.startedAt === undefined) {
      entry.startedAt = this.#now();
      entry.startBytes = download.bytes;
    }
    if (download.status === 'completed' || download.status === 'failed' || download.status === 'cancelled') entry.endedAt = this.#now();
    return entry;
  }

  /** A download an earlier, interrupted run already finished. */
  skipped(download: DownloadSnapshot): void {
    const entry = this.state(download);
    entry.status = 'skipped';
  }

  progress(batch: ProgressBatch): ProgressItem[] {
    const items: ProgressItem[] = [];
    for (const item of batch.items) {
      const entry = this.#entries.get(item.id);
      if (entry === undefined) continue;
      entry.bytes = item.bytes;
      entry.total = item.total;
      entry.speed = item.speed;
      entry.eta = item.eta;
      entry.connections = item.connections;
      items.push(item);
    }
    return items;
  }

  totals(): RunTotals {
    let done = 0;
    let failed = 0;
    let active = 0;
    let queued = 0;
    let bytes = 0;
    let total: number | undefined = 0;
    let speed = 0;
    for (const entry of this.#entries.values()) {
      if (entry.status === 'completed' || entry.status === 'skipped') done++;
      else if (entry.status === 'failed' || entry.status === 'cancelled') failed++;
      else if (entry.status === 'queued' || entry.status === 'paused') queued++;
      else {
        active++;
        speed += entry.speed;
      }
      bytes += entry.bytes;
      total = total === undefined || entry.total === undefined ? undefined : total + entry.total;
    }
    return { downloads: this.#entries.size, done, failed, active, queued, bytes, total, speed };
  }

  /** Bytes per second this run fetched for `entry`, from its first byte to its end. */
  averageSpeed(entry: TallyEntry): number | undefined {
    if (entry.startedAt === undefined || entry.endedAt === undefined) return undefined;
    const seconds = (entry.endedAt - entry.startedAt) / 1000;
    return seconds > 0 ? (entry.bytes - entry.startBytes) / seconds : undefined;
  }

  #entry(download: DownloadSnapshot): TallyEntry {
    let entry = this.#entries.get(download.id);
    if (entry === undefined) {
      const url = displayUrl(download.url);
      entry = {
        id: download.id,
        label: download.name ?? url,
        url,
        source: download.url,
        name: download.name,
        path: download.name === undefined ? undefined : join(download.dir, download.name),
        status: download.status,
        bytes: download.bytes,
        total: download.total,
        speed: 0,
        eta: undefined,
        connections: 0,
        error: undefined,
        startedAt: undefined,
        startBytes: 0,
        endedAt: undefined,
      };
      this.#entries.set(download.id, entry);
    }
    return entry;
  }
}
