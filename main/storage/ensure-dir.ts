import { makeDir } from './make-dir.js';

const madeDirs = new Set<string>();

/** mkdir -p, once per folder per process: a thousand files into one folder need one. */
export async function ensureDir(dir: string): Promise<void> {
  if (madeDirs.has(dir)) return;
  await makeDir(dir);
  madeDirs.add(dir);
}

/** The folder was deleted since it was made here: the next ensureDir makes it again. */
export function forgetDir(dir: string): void {
  madeDirs.delete(dir);
}
