import { lstat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AddInput } from '../engine/engine.js';
import type { DownloadSnapshot } from '../../shared/download-snapshot.js';
import { parseDownloadUrl } from '../engine/parse-url.js';

/**
 * The completed download of an earlier, interrupted run of the same command: same URL, folder and
 * requested name, and its file still there as the journal recorded it (same size, same inode: a
 * link keeps the partial's). `stale` lists completed records whose file is gone or was changed.
 */
export async function finishedEarlier(
  downloads: readonly DownloadSnapshot[],
  input: AddInput,
): Promise<{ found: DownloadSnapshot | undefined; stale: DownloadSnapshot[] }> {
  const url = parseDownloadUrl(input.url).href;
  const dir = resolve(input.dir);
  const stale: DownloadSnapshot[] = [];
  for (const download of downloads) {
    if (
      download.status !== 'completed' ||
      download.url !== url ||
      download.dir !== dir ||
      download.requestedName !== input.name ||
      download.name === undefined
    )
      continue;
    const info = await lstat(join(dir, download.name)).catch(() => undefined);
    const same =
      info?.isFile() === true &&
      info.size === download.total &&
      (download.file === undefined || (download.file.dev === info.dev && download.file.ino === info.ino));
    if (same) return { found: download, stale };
    stale.push(download);
  }
  return { found: undefined, stale };
}
