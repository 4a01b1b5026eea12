import { open } from 'node:fs/promises';

/** Per folder: the sync running now, and the one that will cover everything asked for meanwhile. */
const running = new Map<string, { current: Promise<void>; next: Promise<void> | undefined }>();

/**
 * Makes renames and creates inside `dir` durable. Calls for one folder that arrive while a sync is
 * running share the next one, so a thousand small files finishing together cost a few syncs, not
 * a thousand. A no-op where folders cannot be opened (Windows journals metadata itself).
 */
export function fsyncDir(dir: string): Promise<void> {
  const state = running.get(dir);
  if (state === undefined) {
    const current = syncOnce(dir).finally(() => {
      const after = running.get(dir);
      if (after?.next === undefined) running.delete(dir);
    });
    running.set(dir, { current, next: undefined });
    return current;
  }
  state.next ??= state.current.then(() => {
    const next = syncOnce(dir);
    running.set(dir, { current: next, next: undefined });
    return next.finally(() => {
      if (running.get(dir)?.next === undefined) running.delete(dir);
    });
  });
  return state.next;
}

async function syncOnce(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // EISDIR/EPERM on Windows: NTFS journals metadata itself.
  } finally {
    await handle?.close();
  }
}
