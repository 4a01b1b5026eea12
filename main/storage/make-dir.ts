import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { HaulError, toHaulError } from '../../shared/errors.js';

/**
 * mkdir -p that always ends. Node's `mkdir(…, { recursive: true })` loops forever (and pins a
 * thread) where the kernel answers ENOENT for a folder whose parent exists, as /proc does. This
 * walks up once to the nearest existing ancestor, then creates each missing folder once: at most
 * two system calls per path component, and every failure becomes a HaulError naming the folder.
 */
export async function makeDir(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = resolve(dir);
  for (;;) {
    const found = await stat(current).catch((error: unknown) => error as NodeJS.ErrnoException);
    if (!(found instanceof Error)) {
      if (!found.isDirectory()) throw new HaulError('FILE_SYSTEM', `${current} is not a folder`);
      break;
    }
    if (found.code !== 'ENOENT') throw toHaulError(found, `cannot use the folder ${current}`);
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const path of missing.reverse()) {
    try {
      await mkdir(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (
        code === 'EEXIST' &&
        (await stat(path).then(
          (found) => found.isDirectory(),
          () => false,
        ))
      )
        continue;
      if (code === 'ENOENT') {
        // The parent exists (we just saw or made it), so the file system itself refuses folders here.
        throw new HaulError('FILE_SYSTEM', `cannot create the folder ${path}: this file system does not allow new folders there`, { cause: error });
      }
      throw toHaulError(error, `cannot create the folder ${path}`);
    }
  }
}
