import type { DownloadRecord, Segment } from './download-record.js';
import type { DownloadStatus } from './download-status.js';

/** What the engine tells its UIs about one download, and the progress tick's batch: the contract's data. */
export interface DownloadSnapshot extends DownloadRecord {
  /** Bytes downloaded so far (live, ahead of what the journal holds). */
  readonly bytes: number;
  /** Connections open right now. */
  readonly liveConnections: number;
}

export interface ProgressItem {
  readonly id: string;
  readonly status: DownloadStatus;
  readonly bytes: number;
  readonly total: number | undefined;
  /** Smoothed bytes per second. */
  readonly speed: number;
  /** Seconds left, when known. */
  readonly eta: number | undefined;
  readonly connections: number;
  /** Each segment's range and progress (live), for a segment bar. */
  readonly segments: readonly Segment[];
}

export interface ProgressBatch {
  readonly at: number;
  readonly items: readonly ProgressItem[];
  readonly overall: {
    readonly bytes: number;
    readonly total: number | undefined;
    readonly speed: number;
    readonly eta: number | undefined;
    readonly active: number;
    readonly queued: number;
  };
}
