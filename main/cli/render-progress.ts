import { formatBytes } from '../../shared/format-bytes.js';
import type { ProgressItem } from '../../shared/download-snapshot.js';
import type { RunTally } from './run-tally.js';

export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '--';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Pads or cuts to exactly `width` characters (code points, so a name never ends in half a character). */
export function fit(text: string, width: number): string {
  if (text.length <= width) return text.padEnd(width);
  const chars = Array.from(text);
  return chars.length <= width ? text.padEnd(width) : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/** `[#####.....]`: done / total in `width` cells; a moving marker while the size is unknown. */
export function bar(done: number, total: number | undefined, width: number): string {
  if (total === undefined || total <= 0) return `[${'?'.repeat(width)}]`;
  const filled = Math.min(width, Math.floor((done / total) * width));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

function percent(done: number, total: number | undefined): string {
  return total === undefined || total === 0 ? ' --%' : `${Math.floor((done / total) * 100)}%`.padStart(4);
}

/**
 * The terminal display: one line per transferring download (name, bar, percent, size, connections
 * as aria2c's CN:, speed and time left) and a total line over the whole run, finished files included.
 */
export function renderProgress(items: readonly ProgressItem[], tally: RunTally, width: number): string[] {
  const lines: string[] = [];
  const barWidth = width >= 100 ? 20 : 10;
  const nameWidth = Math.max(12, Math.min(40, width - 58 - barWidth));
  for (const item of items) {
    const name = tally.get(item.id)?.label ?? item.id;
    const size = item.total === undefined ? formatBytes(item.bytes) : `${formatBytes(item.bytes)}/${formatBytes(item.total)}`;
    const state = item.status === 'downloading' ? `${formatBytes(Math.round(item.speed))}/s ETA ${formatDuration(item.eta)}` : item.status;
    lines.push(
      fit(
        `${fit(name, nameWidth)} ${bar(item.bytes, item.total, barWidth)} ${percent(item.bytes, item.total)} ${size.padEnd(19)} CN:${String(item.connections).padEnd(2)} ${state}`,
        width,
      ),
    );
  }
  const run = tally.totals();
  const eta = run.total === undefined || run.speed <= 0 ? undefined : (run.total - run.bytes) / run.speed;
  lines.push(
    fit(
      `total: ${run.done}/${run.downloads} done${run.failed > 0 ? `, ${run.failed} failed` : ''}, ${run.active} active, ${run.queued} queued, ` +
        `${formatBytes(run.bytes)}${run.total === undefined ? '' : `/${formatBytes(run.total)} ${percent(run.bytes, run.total).trim()}`}, ` +
        `${formatBytes(Math.round(run.speed))}/s, ETA ${formatDuration(eta)}`,
      width,
    ),
  );
  return lines;
}
