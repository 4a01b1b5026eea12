import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { decodeText } from '../../shared/decode-text.js';
import type { LaunchRequest } from './launch-request.js';

/** A list bigger than this is not a URL list someone double-clicked. */
export const MAX_LIST_BYTES = 16 * 1024 * 1024;

/**
 * Turns a launch request into the text the Add preview parses: its URLs, then each list file's
 * contents. A file that cannot be read is reported and the rest still comes through.
 */
export async function readLaunchLists(request: LaunchRequest): Promise<{ text: string; problems: string[] }> {
  const parts: string[] = [...request.urls];
  const problems = [...request.problems];
  for (const path of request.listFiles) {
    try {
      parts.push(await readList(path));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : error instanceof Error ? error.message : String(error);
      problems.push(`${basename(path)}: ${why}`);
    }
  }
  return { text: parts.join('\n'), problems };
}

async function readList(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new Error('not a file');
    if (stats.size > MAX_LIST_BYTES) throw new Error(`too big for a URL list (${stats.size} bytes)`);
    const text = decodeText(await handle.readFile());
    if (text.includes('\0')) throw new Error('not a text file');
    return text;
  } finally {
    await handle.close();
  }
}
