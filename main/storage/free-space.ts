import { statfs } from 'node:fs/promises';

/** Bytes an unprivileged process may still write in `dir`'s file system, or undefined if unknown. */
export async function freeSpace(dir: string): Promise<number | undefined> {
  try {
    const stats = await statfs(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}
