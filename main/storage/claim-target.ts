import { lstat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { HaulError } from '../engine/errors.js';
import { truncateUtf8 } from '../engine/sanitize-file-name.js';
import { describeOwner, FileLock } from './file-lock.js';

export const PART_SUFFIX = '.part';
const LOCK_SUFFIX = '.part.lock';
const MAX_CANDIDATES = 10_000;
/** Room for " (9999)" and ".part.lock" inside the 255-byte limit of most file systems. */
const NAME_BUDGET = 255 - ' (9999)'.length - LOCK_SUFFIX.length;

export interface ClaimedTarget {
  readonly name: string;
  readonly lock: FileLock;
}

/** Names already claimed by downloads of this process: the lock file says "held by us" for those too. */
const claimedHere = new Set<string>();

export function partPath(dir: string, name: string): string {
  return join(dir, name + PART_SUFFIX);
}

/**
 * Claims a free final name in `dir`: `name`, else `name (1).ext`, `name (2).ext`… A candidate is
 * free when its lock can be taken and neither the final file nor a partial exists under it (nor a
 * link of either name, dangling or not).
 * The lock makes the choice atomic between processes; the in-process set between downloads.
 */
export async function claimTarget(dir: string, desired: string): Promise<ClaimedTarget> {
  const base = truncateUtf8(desired, NAME_BUDGET);
  const ext = extname(base);
  const stem = ext === '' || ext === base ? base : base.slice(0, -ext.length);
  for (let n = 0; n < MAX_CANDIDATES; n++) {
    const candidate = n === 0 ? base : `${stem} (${n})${ext}`;
    const key = join(dir, candidate);
    if (claimedHere.has(key)) continue;
    claimedHere.add(key);
    const lock = await FileLock.acquire(join(dir, candidate + LOCK_SUFFIX)).catch((error: unknown) => {
      claimedHere.delete(key);
      throw error;
    });
    if (!(lock instanceof FileLock)) {
      claimedHere.delete(key);
      continue;
    }
    const taken = (await exists(key)) || (await exists(partPath(dir, candidate)));
    if (!taken) return { name: candidate, lock: wrap(lock, key) };
    await lock.release();
    claimedHere.delete(key);
  }
  throw new HaulError('FILE_SYSTEM', `no free file name for "${desired}" in ${dir}`);
}

/** Takes the lock on a name this download claimed before (resume after pause or restart). */
export async function relockTarget(dir: string, name: string): Promise<FileLock> {
  const key = join(dir, name);
  if (claimedHere.has(key)) throw new HaulError('LOCKED', `${name} is being written by another download`);
  claimedHere.add(key);
  let lock;
  try {
    lock = await FileLock.acquire(join(dir, name + LOCK_SUFFIX));
  } catch (error) {
    claimedHere.delete(key);
    throw error;
  }
  if (!(lock instanceof FileLock)) {
    claimedHere.delete(key);
    throw new HaulError('LOCKED', `${name} is being written by ${describeOwner(lock.heldBy)}`);
  }
  return wrap(lock, key);
}

function wrap(lock: FileLock, key: string): FileLock {
  const release = lock.release.bind(lock);
  lock.release = async (): Promise<void> => {
    claimedHere.delete(key);
    await release();
  };
  return lock;
}

/** lstat, not access: a dangling link still takes the name. Errors other than "no such file" are raised. */
async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
