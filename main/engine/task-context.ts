import type { Got } from 'got';
import type { DownloadRecord } from '../../shared/download-record.js';
import type { DownloadStatus } from '../../shared/download-status.js';
import type { RetryPolicy } from './calculate-retry-delay.js';
import type { DownloadTask } from './download-task.js';
import type { HostSlots } from './host-slots.js';
import type { Network } from './network/network.js';
import type { RecordPatch } from './patch-record.js';
import type { TokenBucket } from './token-bucket.js';

export type StopReason = 'pause' | 'cancel' | 'requeue' | 'shutdown';

/** A change to a download's record (patchRecord applies it). */
export type Patch = RecordPatch<DownloadRecord>;

/** What a task needs from its engine; the engine owns state, the task owns one download's I/O. */
export interface TaskContext {
  readonly got: Got;
  /** The way out (direct or through a proxy) for each request, and the words for its failures. */
  network: Network;
  /** Read at every retry decision, so a change applies to running downloads. */
  policy: RetryPolicy;
  readonly stallTimeoutMs: number;
  readonly globalBucket: TokenBucket;
  readonly hostSlots: HostSlots;
  /**
   * Lowest acceptable speed of one download in bytes/s (0 = no rule) over `stallTimeoutMs`: a
   * download slower than this for that long ends its attempt with TOO_SLOW, counted as a failure.
   */
  readonly lowestSpeed: number;
  /** Connections per download unless the download says otherwise; read at each session. */
  connections: number | 'auto';
  /** No connection is opened for less than this many bytes. */
  readonly minSplitSize: number;
  /** Moves the task to a new status (checked against the legal transitions), journalled and emitted. */
  transition(task: DownloadTask, status: DownloadStatus, patch?: Patch): void;
  /** Changes recorded fields without a change of status; `durable` fsyncs the journal. */
  update(task: DownloadTask, patch: Patch, durable: boolean): void;
  /** Called once a run loop has fully unwound (files closed, status settled). */
  settled(task: DownloadTask): void;
  /** Resolves once every change recorded so far is written to the journal (it survives a kill). */
  written(): Promise<void>;
}
