import type { UrlListEntry } from './url-list.js';

/**
 * Entries as aria2 input-file lines (the URL, then its options indented): a form that keeps each
 * entry's name, folder, checksum and headers when appended to whatever is already in the Add
 * dialog, whatever format the entries were read from (a CSV's header row only works first).
 */
export function toAria2Lines(entries: readonly UrlListEntry[]): string {
  const lines: string[] = [];
  for (const entry of entries) {
    lines.push([entry.url, ...entry.mirrors].join('\t'));
    if (entry.name !== undefined) lines.push(`  out=${entry.name}`);
    if (entry.dir !== undefined) lines.push(`  dir=${entry.dir}`);
    if (entry.checksum !== undefined) lines.push(`  checksum=${entry.checksum.algorithm}=${entry.checksum.hex}`);
    for (const [name, value] of Object.entries(entry.headers ?? {})) lines.push(`  header=${name}: ${value}`);
  }
  return lines.join('\n');
}
