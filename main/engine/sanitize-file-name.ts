import { truncateUtf8 } from '../storage/truncate-utf8.js';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const MAX_BYTES = 255;

/**
 * Makes any string safe to use as one file name inside a folder on Linux, macOS and Windows:
 * no separators, no `..`, no control or reserved characters, no reserved device names,
 * at most 255 bytes of UTF-8 (keeping the extension). Returns `fallback` when nothing usable is left.
 */
export function sanitizeFileName(raw: string, fallback = 'download'): string {
  let name = raw
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/[/\\:*?"<>|]/g, '_')
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .trim();
  // Trailing dots and spaces are stripped by Windows, which could turn "a.." into "a"; leading dots hide files.
  name = name.replace(/[. ]+$/, '').replace(/^[. ]+/, '');
  if (name === '' || /^\.+$/.test(name)) name = fallback;
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  return truncateUtf8(name, MAX_BYTES);
}
