import { formatBytes } from '../../shared/format-bytes.js';
import type { RunTally, TallyEntry } from './run-tally.js';

function status(entry: TallyEntry): string {
  switch (entry.status) {
    case 'completed':
      return 'OK';
    case 'skipped':
      return 'DONE';
    case 'failed':
    case 'cancelled':
      return 'ERR';
    default:
      return 'INPR';
  }
}

function where(entry: TallyEntry): string {
  if (entry.status === 'completed') return entry.path ?? entry.url;
  if (entry.status === 'skipped') return `${entry.path ?? entry.url} (finished by an earlier run)`;
  if (entry.status === 'failed' || entry.status === 'cancelled') return `${entry.url} (${entry.error ?? entry.status})`;
  return `${entry.path ?? entry.url} (paused at ${formatBytes(entry.bytes)}: run the same command to resume)`;
}

/** The closing table, like aria2c's "Download Results": one row per download of the run. */
export function renderSummary(tally: RunTally): string[] {
  const entries = tally.entries;
  if (entries.length === 0) return [];
  const rows = entries.map((entry) => {
    const speed = tally.averageSpeed(entry);
    return [
      status(entry),
      speed === undefined ? '--' : `${formatBytes(Math.round(speed))}/s`,
      entry.total === undefined ? '--' : formatBytes(entry.total),
      where(entry),
    ] as const;
  });
  const header = ['stat', 'avg speed', 'size', 'path/URL'] as const;
  const widths = [0, 1, 2].map((column) => Math.max(header[column]?.length ?? 0, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === 3 ? cell : column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join(' | ');
  const rule = widths.map((width) => '='.repeat(width)).join('=+=') + '=+=' + '='.repeat(8);
  const totals = tally.totals();
  return [
    'Download Results:',
    line(header),
    rule,
    ...rows.map(line),
    '',
    `Status: OK = downloaded, DONE = finished by an earlier run, ERR = failed, INPR = not finished. ${totals.done} of ${totals.downloads} complete${totals.failed > 0 ? `, ${totals.failed} failed` : ''}.`,
  ];
}
