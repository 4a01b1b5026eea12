import { randomBytes } from 'node:crypto';
import { open, readFile, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
}

/** A lock nobody refreshed for this long is stale even if its pid looks alive (pid reuse, other host). */
const STALE_MS = 30_000;
const REFRESH_MS = 10_000;
const BREAKER_STALE_MS = 10_000;
/** An empty lock this old was left by an owner killed between creating and writing it. */
const EMPTY_STALE_MS = 2000;

const held = new Set<FileLock>();
const HOST = hostname();
let refreshTimer: NodeJS.Timeout | undefined;

/**
 * An exclusive, cross-process lock on a path, made for "never two writers on one file" between
 * Haul processes (two app instances, the CLI and the app). The lock file is created with O_EXCL,
 * which is atomic and fails if it exists; it names its owner's pid and host, so a lock
 * left by a process that died (kill -9, power loss) is taken over at once on the same host, and
 * after STALE_MS without refresh elsewhere. Pure JavaScript: no native module to rebuild for Electron.
 */
export class FileLock {
  readonly path: string;
  /** The lock file's inode: release deletes the file only if it is still the one we made. */
  readonly #ino: number;
  #released = false;

  private constructor(path: string, ino: number) {
    this.path = path;
    this.#ino = ino;
  }

  /** Resolves to the lock, or to the owner holding it when another live process does. */
  static async acquire(path: string): Promise<FileLock | { readonly heldBy: LockOwner }> {
    const owner: LockOwner = { pid: process.pid, host: HOST, token: randomBytes(8).toString('hex') };
    const started = Date.now();
    for (let tries = 0; tries < 5; tries++) {
      const ino = await createExclusive(path, owner);
      if (ino !== undefined) {
        const lock = new FileLock(path, ino);
        held.add(lock);
        startRefreshing();
        return lock;
      }
      const current = await readOwner(path);
      if (current === 'gone') continue;
      if (current !== 'unreadable' && !(await isStale(path, current))) return { heldBy: current };
      if (current === 'unreadable' && !(await olderThan(path, STALE_MS))) {
        // An empty lock: its owner is between its create and its write (microseconds), or was
        // killed right there and left it empty for good. Wait for the write, and past
        // EMPTY_STALE_MS take it as abandoned, so a rerun after kill -9 is not locked out for 30 s.
        if (await isEmpty(path)) {
          if (await olderThan(path, EMPTY_STALE_MS)) {
            await breakLock(path, current, owner);
            continue;
          }
          if (Date.now() - started < EMPTY_STALE_MS + 500) {
            tries--;
            await new Promise((resolve) => setTimeout(resolve, 50));
            continue;
          }
        }
        if (tries < 4) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          continue;
        }
        return { heldBy: { pid: 0, host: 'unknown', token: '' } };
      }
      await breakLock(path, current, owner);
    }
    return { heldBy: { pid: 0, host: 'unknown', token: '' } };
  }

  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    held.delete(this);
    if (held.size === 0 && refreshTimer !== undefined) {
      clearInterval(refreshTimer);
      refreshTimer = undefined;
    }
    const current = await stat(this.path).catch(() => undefined);
    if (current?.ino === this.#ino) await unlink(this.path).catch(() => undefined);
  }
}

export function describeOwner(owner: LockOwner): string {
  return owner.pid === 0 ? 'another process' : `process ${owner.pid}${owner.host === HOST ? '' : ` on ${owner.host}`}`;
}

/**
 * Creates the lock file with O_EXCL, which fails if it exists. Between the create and the write a
 * reader sees an empty file: readOwner calls that 'unreadable', which counts as held, so the gap
 * never lets a second holder in. Resolves to the new file's inode, or undefined when it existed.
 */
async function createExclusive(path: string, owner: LockOwner): Promise<number | undefined> {
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(owner));
    return (await handle.stat()).ino;
  } finally {
    await handle.close();
  }
}

async function readOwner(path: string): Promise<LockOwner | 'gone' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    return 'unreadable';
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null) {
      const { pid, host, token } = value as Record<string, unknown>;
      if (typeof pid === 'number' && typeof host === 'string' && typeof token === 'string') return { pid, host, token };
    }
  } catch {
    // Falls through: a torn write from a foreign tool.
  }
  return 'unreadable';
}

async function isStale(path: string, owner: LockOwner): Promise<boolean> {
  if (owner.host === HOST && !isAlive(owner.pid)) return true;
  return olderThan(path, STALE_MS);
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isEmpty(path: string): Promise<boolean> {
  try {
    return (await stat(path)).size === 0;
  } catch {
    return false;
  }
}

async function olderThan(path: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs > ms;
  } catch {
    return false;
  }
}

/**
 * Removes a stale lock without racing another process doing the same: only the holder of the
 * `.break` file may remove it, and only if it still holds the stale owner we judged.
 */
async function breakLock(path: string, stale: LockOwner | 'unreadable', me: LockOwner): Promise<void> {
  const breaker = `${path}.break`;
  if ((await createExclusive(breaker, me)) === undefined) {
    // Another breaker is at work, or was killed at it (every rerun after a kill -9 breaks the lock
    // its predecessor left, so a kill lands here too): a dead breaker on this host holds nobody out,
    // any other only until it is old.
    const breaking = await readOwner(breaker);
    if (typeof breaking === 'object' && breaking.host === HOST && !isAlive(breaking.pid)) {
      // Removed only while it is still that dead breaker's: a live one may have replaced it meanwhile.
      const still = await readOwner(breaker);
      if (typeof still === 'object' && still.token === breaking.token) await unlink(breaker).catch(() => undefined);
    } else if (breaking === 'unreadable' && (await isEmpty(breaker))) {
      // Created and never written: a live breaker writes within microseconds, so one still empty
      // after EMPTY_STALE_MS was killed between the two.
      while ((await isEmpty(breaker)) && !(await olderThan(breaker, EMPTY_STALE_MS))) await new Promise((resolve) => setTimeout(resolve, 50));
      if ((await isEmpty(breaker)) && (await olderThan(breaker, EMPTY_STALE_MS))) await unlink(breaker).catch(() => undefined);
    } else if (await olderThan(breaker, BREAKER_STALE_MS)) await unlink(breaker).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    return;
  }
  try {
    const current = await readOwner(path);
    const same = stale === 'unreadable' ? current === 'unreadable' : typeof current === 'object' && current.token === stale.token;
    if (same) await unlink(path).catch(() => undefined);
  } finally {
    await unlink(breaker).catch(() => undefined);
  }
}

function startRefreshing(): void {
  if (refreshTimer !== undefined) return;
  refreshTimer = setInterval(() => {
    const now = new Date();
    for (const lock of held) void utimes(lock.path, now, now).catch(() => undefined);
  }, REFRESH_MS);
  refreshTimer.unref();
}
