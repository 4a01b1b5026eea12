import { formatBytes } from '../engine/format-bytes.js';
import type { ProgressBatch } from '../engine/engine.js';

export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '--';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function fit(text: string, width: number): string {
  const chars = Array.from(text);
  return chars.length <= width ? text.padEnd(width) : `${chars.slice(0, width - 1).join('')}…`;
}

/** The TTY display: one line per active download and a total line, each fitted to the terminal width. */
export function renderProgress(batch: ProgressBatch, names: ReadonlyMap<string, string>, width: number): string[] {
  const lines: string[] = [];
  const nameWidth = Math.max(12, Math.min(40, width - 52));
  for (const item of batch.items) {
    const percent = item.total === undefined || item.total === 0 ? '  -- ' : `${((item.bytes / item.total) * 100).toFixed(0).padStart(3)}% `;
    const size = item.total === undefined ? formatBytes(item.bytes) : `${formatBytes(item.bytes)}/${formatBytes(item.total)}`;
    const state = item.status === 'downloading' ? `${formatBytes(Math.round(item.speed))}/s ETA ${formatDuration(item.eta)}` : item.status;
    lines.push(fit(`${fit(names.get(item.id) ?? item.id, nameWidth)} ${percent}${size.padEnd(20)} ${state}`, width));
  }
  const { overall } = batch;
  lines.push(
    fit(
      `total: ${overall.active} active, ${overall.queued} queued, ${formatBytes(overall.bytes)}` +
        `${overall.total === undefined ? '' : `/${formatBytes(overall.total)}`}, ${formatBytes(Math.round(overall.speed))}/s, ETA ${formatDuration(overall.eta)}`,
      width,
    ),
  );
  return lines;
}
