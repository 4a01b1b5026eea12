import { open } from 'node:fs/promises';

/** Makes a rename or create inside `dir` durable; a no-op where directories cannot be opened (Windows). */
export async function fsyncDir(dir: string): Promise<void> {
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
