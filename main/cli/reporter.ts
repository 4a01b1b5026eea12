import type { DownloadSnapshot, ProgressBatch } from '../../shared/download-snapshot.js';
import { formatBytes } from '../../shared/format-bytes.js';
import { displayUrl, redactUrl } from '../../shared/printable.js';
import { formatDuration, renderProgress } from './render-progress.js';
import { renderSummary } from './render-summary.js';
import type { RunTally } from './run-tally.js';

export interface Reporter {
  state(download: DownloadSnapshot): void;
  progress(batch: ProgressBatch): void;
  /** A download an earlier, interrupted run already finished: not fetched again. */
  skipped(download: DownloadSnapshot): void;
  /** A problem with the input or the run, not tied to a download. */
  warn(message: string): void;
  /** The run is over: the closing table. */
  summary(): void;
  close(): void;
}

interface Out {
  write(text: string): boolean;
}

const size = (total: number | undefined): string => (total === undefined ? '' : ` (${formatBytes(total)})`);

/**
 * Human lines for a log file or a pipe: one when a download starts, one when it resumes (after a
 * retry, a pause or an earlier run), one when it ends; every connection's request is not news.
 */
export function plainReporter(out: Out, err: Out, tally: RunTally): Reporter {
  const printed = new Map<string, string>();
  return {
    state(download) {
      const entry = tally.state(download);
      const previous = printed.get(download.id);
      switch (download.status) {
        case 'downloading':
          if (previous === 'downloading') return;
          out.write(
            previous === undefined && download.bytes === 0
              ? `downloading ${entry.label}${size(download.total)}\n`
              : `resuming ${entry.label} at ${formatBytes(download.bytes)}${download.total === undefined ? '' : ` of ${formatBytes(download.total)}`}\n`,
          );
          break;
        case 'retrying': {
          const wait = download.retryAt === undefined ? undefined : (download.retryAt - Date.now()) / 1000;
          out.write(`retrying ${entry.label} in ${formatDuration(wait)}: ${download.error?.message ?? ''}\n`);
          break;
        }
        case 'completed':
          out.write(`completed ${entry.path ?? entry.label}\n`);
          break;
        case 'failed':
          err.write(`failed ${entry.url}: ${download.error?.message ?? 'unknown error'}\n`);
          break;
        case 'paused':
          out.write(`paused ${entry.label} at ${formatBytes(download.bytes)}\n`);
          break;
        default:
          return;
      }
      printed.set(download.id, download.status);
    },
    progress(batch) {
      // Plain output is for logs: state changes only, no ticking numbers.
      tally.progress(batch);
    },
    skipped(download) {
      tally.skipped(download);
      out.write(`already complete ${tally.get(download.id)?.path ?? displayUrl(download.url)} (finished by an earlier run)\n`);
    },
    warn(message) {
      err.write(`haul: ${message}\n`);
    },
    summary() {
      if (tally.entries.length > 1) out.write(`\n${renderSummary(tally).join('\n')}\n`);
    },
    close() {
      // Nothing buffered.
    },
  };
}

/** A live block redrawn in place on a terminal, with finished downloads scrolling above it. */
export function ttyReporter(out: Out & { columns?: number }, err: Out, tally: RunTally): Reporter {
  let drawn = 0;
  const clear = (): void => {
    if (drawn > 0) out.write(`\x1b[${drawn}F\x1b[J`);
    drawn = 0;
  };
  const plain = plainReporter(
    {
      write: (text) => {
        clear();
        return out.write(text);
      },
    },
    {
      write: (text) => {
        clear();
        return err.write(text);
      },
    },
    tally,
  );
  return {
    state(download) {
      if (download.status === 'completed' || download.status === 'failed' || download.status === 'retrying') plain.state(download);
      else tally.state(download);
    },
    progress(batch) {
      const items = tally.progress(batch);
      const lines = renderProgress(items, tally, Math.max(40, (out.columns ?? 80) - 1));
      clear();
      out.write(`${lines.join('\n')}\n`);
      drawn = lines.length;
    },
    skipped(download) {
      plain.skipped(download);
    },
    warn(message) {
      plain.warn(message);
    },
    summary() {
      clear();
      out.write(`\n${renderSummary(tally).join('\n')}\n`);
    },
    close() {
      clear();
    },
  };
}

/** NDJSON for scripts: one event per line, the engine's own types. */
export function jsonReporter(out: Out, err: Out, tally: RunTally): Reporter {
  return {
    state(download) {
      tally.state(download);
      out.write(`${JSON.stringify({ type: 'state', download: { ...download, url: redactUrl(download.url) } })}\n`);
    },
    progress(batch) {
      tally.progress(batch);
      out.write(`${JSON.stringify({ type: 'progress', ...batch })}\n`);
    },
    skipped(download) {
      tally.skipped(download);
      out.write(`${JSON.stringify({ type: 'skipped', download: { ...download, url: redactUrl(download.url) } })}\n`);
    },
    warn(message) {
      out.write(`${JSON.stringify({ type: 'warning', message })}\n`);
      err.write(`haul: ${message}\n`);
    },
    summary() {
      const results = tally.entries.map((entry) => ({
        id: entry.id,
        url: entry.url,
        path: entry.path,
        status: entry.status,
        total: entry.total,
        averageSpeed: tally.averageSpeed(entry),
        error: entry.error,
      }));
      out.write(`${JSON.stringify({ type: 'summary', results })}\n`);
    },
    close() {
      // Nothing buffered.
    },
  };
}
