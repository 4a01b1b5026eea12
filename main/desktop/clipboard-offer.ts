import { parseUrlList } from '../engine/parse-url-list.js';

/** Clipboard text longer than this is not a few copied links. */
export const MAX_CLIPBOARD_CHARS = 1024 * 1024;

/**
 * Whether newly copied text is worth offering: it changed, and it holds downloadable URLs that
 * are not in the list already (copying a download's own URL from Haul offers nothing).
 */
export function clipboardOffer(
  text: string,
  previous: string | undefined,
  known: () => ReadonlySet<string>,
): { text: string; count: number } | undefined {
  if (text === previous || text.length > MAX_CLIPBOARD_CHARS || text.trim() === '') return undefined;
  const entries = parseUrlList(text).entries;
  if (entries.length === 0) return undefined;
  const inList = known();
  const count = entries.filter((entry) => !inList.has(entry.url)).length;
  return count > 0 ? { text, count } : undefined;
}
