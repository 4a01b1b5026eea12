import { extname, join } from 'node:path';
import { HaulError } from '../../shared/errors.js';
import type { FolderIo } from './folder-io.js';
import { truncateUtf8 } from './truncate-utf8.js';

export const PART_SUFFIX = '.part';
const MAX_CANDIDATES = 10_000;
/** Room for " (9999)" and ".part" inside the 255-byte limit of most file systems. */
const NAME_BUDGET = 255 - ' (9999)'.length - PART_SUFFIX.length;

/** A name this process holds for one download until `release`. */
export interface ClaimedName {
  readonly name: string;
  release(): void;
}

/** Names held by downloads of this process (the claim between processes is the partial's O_EXCL create). */
const claimedHere = new Set<string>();

export function partPath(dir: string, name: string): string {
  return join(dir, name + PART_SUFFIX);
}

/** Where a download's new partial is made before it takes its name: a name only that download uses (it holds its id). */
export function newPartPath(dir: string, id: string): string {
  // Ids are UUIDs; one read from a tampered journal still cannot name a path elsewhere.
  return join(dir, `.haul-${id.replace(/[^A-Za-z0-9-]/g, '_').slice(0, 64)}${PART_SUFFIX}`);
}

/**
 * Picks a free final name in `dir`: `name`, else `name (1).ext`, `name (2).ext`…, passing over
 * `skip`. A candidate is free when no download of this process holds it and nothing exists under
 * it (not even a dangling link). Its partial is not looked at here: creating it with O_EXCL settles
 * that, between processes too, and a caller whose create finds something there asks again with the
 * name in `skip`.
 */
export async function claimTarget(io: FolderIo, dir: string, desired: string, skip: ReadonlySet<string> = new Set()): Promise<ClaimedName> {
  const base = truncateUtf8(desired, NAME_BUDGET);
  const ext = extname(base);
  const stem = ext === '' || ext === base ? base : base.slice(0, -ext.length);
  for (let n = 0; n < MAX_CANDIDATES; n++) {
    const candidate = n === 0 ? base : `${stem} (${n})${ext}`;
    const key = join(dir, candidate);
    if (claimedHere.has(key) || skip.has(candidate)) continue;
    claimedHere.add(key);
    try {
      if (!(await exists(io, key))) return held(candidate, key);
    } catch (error) {
      claimedHere.delete(key);
      throw error;
    }
    claimedHere.delete(key);
  }
  throw new HaulError('FILE_SYSTEM', `no free file name for "${desired}" in ${dir}`);
}

/** Holds a name this download chose before (resume after pause or restart) against the process's other downloads. */
export function reclaimTarget(dir: string, name: string): ClaimedName {
  const key = join(dir, name);
  if (claimedHere.has(key)) throw new HaulError('LOCKED', `${name} is being written by another download`);
  claimedHere.add(key);
  return held(name, key);
}

function held(name: string, key: string): ClaimedName {
  let released = false;
  return {
    name,
    release() {
      if (released) return;
      released = true;
      claimedHere.delete(key);
    },
  };
}

/** lstat, not access: a dangling link still takes the name. Errors other than "nothing there" are raised. */
async function exists(io: FolderIo, path: string): Promise<boolean> {
  return (await io.lstat(path)) !== undefined;
}
