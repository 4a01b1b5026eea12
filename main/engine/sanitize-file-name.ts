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

/** Shortens the stem, never the extension, to fit `maxBytes` of UTF-8 without splitting a character. One pass: linear in the name. */
export function truncateUtf8(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const stem = ext === '' ? name : name.slice(0, dot);
  const budget = maxBytes - Buffer.byteLength(ext);
  let bytes = 0;
  let end = 0;
  for (const char of stem) {
    const point = char.codePointAt(0) ?? 0;
    const size = point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
    if (bytes + size > budget) break;
    bytes += size;
    end += char.length;
  }
  return stem.slice(0, end) + ext;
}
