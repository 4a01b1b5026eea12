import type { DownloadSnapshot } from './download-snapshot.js';

/**
 * Whether a pause keeps the bytes: true once the server said it serves ranges of this file, false
 * once it answered without saying so (a pause would start over), undefined before it answered.
 */
export function resumable(download: Pick<DownloadSnapshot, 'acceptsRanges' | 'status' | 'bytes'>): boolean | undefined {
  if (download.acceptsRanges === true) return true;
  if (download.acceptsRanges === false) return false;
  return download.status === 'downloading' || download.status === 'verifying' || download.bytes > 0 ? false : undefined;
}
