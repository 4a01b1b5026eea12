import { statfs } from 'node:fs/promises';

const CACHE_MS = 1000;
const cache = new Map<string, { at: number; bytes: Promise<number | undefined> }>();

/**
 * Bytes an unprivileged process may still write in `dir`'s file system, or undefined if unknown.
 * Asked for many files at once it answers from a reading at most a second old.
 */
export function freeSpace(dir: string): Promise<number | undefined> {
  const now = Date.now();
  const hit = cache.get(dir);
  if (hit !== undefined && now - hit.at < CACHE_MS) return hit.bytes;
  const bytes = statfs(dir).then(
    (stats) => stats.bavail * stats.bsize,
    () => undefined,
  );
  cache.set(dir, { at: now, bytes });
  return bytes;
}
