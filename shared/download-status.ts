/** A download is in exactly one of these states; flags like `isPaused && isRetrying` cannot exist. */
export type DownloadStatus = 'queued' | 'connecting' | 'downloading' | 'paused' | 'retrying' | 'verifying' | 'completed' | 'failed' | 'cancelled';

export const DOWNLOAD_STATUSES: readonly DownloadStatus[] = [
  'queued',
  'connecting',
  'downloading',
  'paused',
  'retrying',
  'verifying',
  'completed',
  'failed',
  'cancelled',
];

const TRANSITIONS: Readonly<Record<DownloadStatus, readonly DownloadStatus[]>> = {
  queued: ['connecting', 'paused', 'cancelled', 'failed'],
  connecting: ['downloading', 'verifying', 'retrying', 'paused', 'failed', 'cancelled', 'queued'],
  downloading: ['verifying', 'retrying', 'paused', 'failed', 'cancelled', 'queued', 'connecting'],
  retrying: ['connecting', 'paused', 'failed', 'cancelled', 'queued'],
  verifying: ['completed', 'retrying', 'failed', 'cancelled', 'paused', 'queued'],
  paused: ['queued', 'cancelled'],
  failed: ['queued', 'cancelled'],
  completed: [],
  // A cancelled download can be started again (from zero: its partial was deleted).
  cancelled: ['queued'],
};

/** Staying in a state is always legal (a retry that reconnects is `connecting` again). */
export function canTransition(from: DownloadStatus, to: DownloadStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

/** Holding a connection slot or about to. */
export function isActive(status: DownloadStatus): boolean {
  return status === 'connecting' || status === 'downloading' || status === 'retrying' || status === 'verifying';
}

export function isTerminal(status: DownloadStatus): boolean {
  return status === 'completed' || status === 'cancelled';
}

export function canPause(status: DownloadStatus): boolean {
  return status === 'queued' || isActive(status);
}

export function canResume(status: DownloadStatus): boolean {
  return status === 'paused';
}

/** Failed downloads continue from what they have; cancelled ones start again from zero. */
export function canRetry(status: DownloadStatus): boolean {
  return status === 'failed' || status === 'cancelled';
}

export function canCancel(status: DownloadStatus): boolean {
  return !isTerminal(status);
}

export function isDownloadStatus(value: unknown): value is DownloadStatus {
  return typeof value === 'string' && (DOWNLOAD_STATUSES as readonly string[]).includes(value);
}
