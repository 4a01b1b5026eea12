import type { DownloadSnapshot } from '../../shared/download-snapshot.js';
import { formatBytes as formatKnownBytes } from '../../shared/format-bytes.js';
import { describeError } from '../../shared/describe-error.js';
import { parseRate } from '../../shared/parse-rate.js';
import { resumable } from '../../shared/resumable.js';

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
      return `Retrying in ${formatDuration(wait)} — ${download.error === undefined ? '' : describeError(download.error, download.url).sentence}`;
    }
    case 'verifying':
      return 'Verifying';
    case 'completed':
      return 'Completed';
    case 'failed':
      return `Failed — ${download.error === undefined ? 'unknown error' : describeError(download.error, download.url).sentence}`;
    case 'cancelled':
      return 'Cancelled';
  }
}

/** "Resumable: yes, checked by ETag": why a pause keeps the bytes, in words. */
export function resumableText(download: DownloadSnapshot): string {
  const can = resumable(download);
  if (can === undefined) return 'not known yet';
  if (!can) return 'no: the server does not serve parts of this file, so a pause starts over';
  const by = download.etag !== undefined ? 'ETag' : download.lastModified !== undefined ? 'the modification date' : undefined;
  return by === undefined ? 'yes (the server gives no validator: a changed file is noticed by its size only)' : `yes, checked by ${by}`;
}

/** A speed limit as people type it: the CLI's units (500K, 2M, 1.5M), plain numbers in KiB/s, empty for none. */
export function parseLimit(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '0') return 0;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1024);
  try {
    return parseRate(trimmed);
  } catch {
    return undefined;
  }
}

export function formatLimit(bytes: number | undefined): string {
  if (bytes === undefined || bytes === 0) return '';
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)}M` : bytes % 1024 === 0 ? `${bytes / 1024}K` : String(bytes);
}
