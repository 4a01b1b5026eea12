import { join } from 'node:path';
import type { DownloadRecord } from '../../shared/download-record.js';

/**
 * The one rule for which paths the desktop may open or reveal: a file this engine finished
 * writing, taken from its own record. A UI (or a notification) names a download, never a path.
 */
export function openablePath(download: Pick<DownloadRecord, 'status' | 'dir' | 'name'> | undefined): string {
  if (download === undefined) throw new Error('no such download');
  if (download.status !== 'completed' || download.name === undefined) throw new Error('only finished downloads can be opened');
  return join(download.dir, download.name);
}
