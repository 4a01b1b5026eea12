import type { DownloadSnapshot } from '../../main/engine/engine.js';
import { formatBytes as formatKnownBytes } from '../../main/engine/format-bytes.js';
import { redactUrl } from '../../main/engine/printable.js';

/** The engine's byte format, with a dash for sizes not known yet. */
export function formatBytes(bytes: number | undefined): string {
  return bytes === undefined ? '—' : formatKnownBytes(bytes);
}

export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** The status in words, with the reason when there is one. */
export function statusText(download: DownloadSnapshot, now: number): string {
  switch (download.status) {
    case 'queued':
      return 'Queued';
    case 'connecting':
      return 'Connecting';
    case 'downloading':
      return download.liveConnections > 1 ? `Downloading over ${download.liveConnections} connections` : 'Downloading';
    case 'paused':
      return 'Paused';
    case 'retrying': {
      const wait = download.retryAt === undefined ? undefined : (download.retryAt - now) / 1000;
      return `Retrying in ${formatDuration(wait)} — ${download.error?.message ?? ''}`;
    }
    case 'verifying':
      return 'Verifying';
    case 'completed':
      return 'Completed';
    case 'failed':
      return `Failed — ${download.error?.message ?? 'unknown error'}`;
    case 'cancelled':
      return 'Cancelled';
  }
}

export function displayName(download: DownloadSnapshot): string {
  if (download.name !== undefined) return download.name;
  try {
    const path = new URL(download.url).pathname.split('/').filter((part) => part !== '');
    return decodeURIComponent(path.at(-1) ?? redactUrl(download.url));
  } catch {
    return redactUrl(download.url);
  }
}
