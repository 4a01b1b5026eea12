import { realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { HaulError } from '../../shared/errors.js';

/**
 * The real path of `path` even where its last folders do not exist yet: the nearest existing
 * ancestor is resolved (symbolic links included) and the missing rest appended. Bounded by the
 * path's depth.
 */
async function realpathOfNearest(path: string): Promise<string> {
  const rest: string[] = [];
  let current = resolve(path);
  for (;;) {
    try {
      return join(await realpath(current), ...rest.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const parent = dirname(current);
      if (parent === current) return join(current, ...rest.reverse());
      rest.push(basename(current));
      current = parent;
    }
  }
}

function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Where a caller of `haul serve`'s API may have files written: its download folder and the folders
 * below it, plus any root the person who started it allowed. Paths are compared after resolving
 * `..` and symbolic links, so neither leads out.
 */
export class DirConfinement {
  readonly #roots: readonly string[];

  private constructor(roots: readonly string[]) {
    this.#roots = roots;
  }

  static async of(roots: readonly string[]): Promise<DirConfinement> {
    return new DirConfinement(await Promise.all(roots.map((root) => realpathOfNearest(root))));
  }

  get roots(): readonly string[] {
    return this.#roots;
  }

  /** Resolves `dir` (against `base` when relative) and throws ACCESS_DENIED unless it lies inside a root. */
  async check(dir: string, base?: string): Promise<string> {
    const absolute = base === undefined ? resolve(dir) : resolve(base, dir);
    const real = await realpathOfNearest(absolute);
    if (!this.#roots.some((root) => within(real, root))) {
      throw new HaulError(
        'ACCESS_DENIED',
        `${absolute} is outside the folders this Haul may write to (${this.#roots.join(', ')}); start haul serve with --allow-dir to add one`,
      );
    }
    return absolute;
  }
}
