import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tempDir } from './engine-fixture.js';

const run = promisify(execFile);

/**
 * A real, small file system (tmpfs of `bytes`) mounted on a fresh folder for the duration of `fn`,
 * so that ENOSPC comes from the kernel, not a stand-in. Resolves to the reason instead when this
 * machine does not let the tests mount (not root, no mount namespace rights).
 */
export async function withSmallDisk<T>(bytes: number, fn: (dir: string) => Promise<T>): Promise<T | { skipped: string }> {
  const dir = await tempDir('haul-disk-');
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    return { skipped: `cannot mount a small tmpfs here (${(error as Error).message.split('\n')[0] ?? ''}); run the tests as root` };
  }
  try {
    return await fn(dir);
  } finally {
    await run('umount', ['-l', dir]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
