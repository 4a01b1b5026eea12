import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FolderIo } from './folder-io.js';
import { fsyncDir } from './fsync-dir.js';
import { NO_HARD_LINKS } from './no-hard-links.js';

const WINDOWS_RETRY_CODES = new Set(['EPERM', 'EBUSY', 'EACCES']);

/**
 * Moves a finished, fsynced partial to its final name without ever replacing a file someone else
 * put there: link(2) fails with EEXIST instead of clobbering, and is atomic, so the final name
 * shows either nothing or the whole file. Returns false when the name was taken meanwhile.
 */
export async function commitFile(io: FolderIo, part: string, dir: string, name: string): Promise<boolean> {
  const target = join(dir, name);
  try {
    await io.link(part, target);
    await io.unlink(part);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(code ?? '')) throw error;
    // No hard links here (FAT, some mounts): rename, which on Windows refuses to replace a file anyway.
    await renameWithRetry(part, target);
  }
  await fsyncDir(dir);
  return true;
}

/** Antivirus and indexers briefly hold new files open on Windows; give them a bounded moment. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!WINDOWS_RETRY_CODES.has(code) || attempt >= 8) throw error;
      await sleep(Math.min(1000, 20 * 2 ** attempt));
    }
  }
}
