// A file system's name limit is in bytes, so this lives with the code that names files on disk.
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
