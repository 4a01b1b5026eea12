import { join } from 'node:path';
import type { DownloadSnapshot, ProgressBatch } from '../engine/engine.js';
import { formatBytes } from '../engine/format-bytes.js';
import { formatDuration, renderProgress } from './render-progress.js';

export interface Reporter {
  state(download: DownloadSnapshot): void;
  progress(batch: ProgressBatch): void;
  /** A problem with the input or the run, not tied to a download. */
  warn(message: string): void;
  close(): void;
}

interface Out {
  write(text: string): boolean;
}

const label = (download: DownloadSnapshot): string => download.name ?? download.url;

/** Human lines on state changes: what a log file or a pipe wants. */
export function plainReporter(out: Out, err: Out): Reporter {
  return {
    state(download) {
      switch (download.status) {
        case 'downloading':
          out.write(`downloading ${label(download)}${download.total === undefined ? '' : ` (${formatBytes(download.total)})`}${download.bytes > 0 ? ` from byte ${download.bytes}` : ''}\n`);
          break;
        case 'retrying': {
          const wait = download.retryAt === undefined ? undefined : (download.retryAt - Date.now()) / 1000;
          out.write(`retrying ${label(download)} in ${formatDuration(wait)}: ${download.error?.message ?? ''}\n`);
          break;
        }
        case 'completed':
          out.write(`completed ${join(download.dir, download.name ?? '')}\n`);
          break;
        case 'failed':
          err.write(`failed ${download.url}: ${download.error?.message ?? 'unknown error'}\n`);
          break;
        case 'paused':
          out.write(`paused ${label(download)} at ${formatBytes(download.bytes)}\n`);
          break;
        default:
          break;
      }
    },
    progress() {
      // Plain output is for logs: state changes only, no ticking numbers.
    },
    warn(message) {
      err.write(`haul: ${message}\n`);
    },
    close() {
      // Nothing buffered.
    },
  };
}

/** A live block redrawn in place on a terminal, with finished downloads scrolling above it. */
export function ttyReporter(out: Out & { columns?: number }, err: Out): Reporter {
  const names = new Map<string, string>();
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
  );
  return {
    state(download) {
      names.set(download.id, label(download));
      if (download.status === 'completed' || download.status === 'failed' || download.status === 'retrying') plain.state(download);
    },
    progress(batch) {
      const lines = renderProgress(batch, names, Math.max(40, (out.columns ?? 80) - 1));
      clear();
      out.write(`${lines.join('\n')}\n`);
      drawn = lines.length;
    },
    warn(message) {
      plain.warn(message);
    },
    close() {
      clear();
    },
  };
}

/** NDJSON for scripts: one event per line, the engine's own types. */
export function jsonReporter(out: Out, err: Out): Reporter {
  return {
    state(download) {
      out.write(`${JSON.stringify({ type: 'state', download })}\n`);
    },
    progress(batch) {
      out.write(`${JSON.stringify({ type: 'progress', ...batch })}\n`);
    },
    warn(message) {
      out.write(`${JSON.stringify({ type: 'warning', message })}\n`);
      err.write(`haul: ${message}\n`);
    },
    close() {
      // Nothing buffered.
    },
  };
}
