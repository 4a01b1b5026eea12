/**
 * A text file's bytes as a string: UTF-16 (little or big endian) when it starts with that byte-order
 * mark, as Windows' Notepad and PowerShell write lists; UTF-8 otherwise (its BOM dropped).
 * Undecodable bytes become U+FFFD, so a bad byte spoils one line, never the file.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
