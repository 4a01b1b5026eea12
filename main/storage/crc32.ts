import { crc32 as zlibCrc32 } from 'node:zlib';

/** CRC-32 (IEEE) of a string's UTF-8 bytes: Node's own (zlib.crc32, Node ≥ 20.15), the checksum on every journal line. */
export function crc32(text: string): number {
  return zlibCrc32(text);
}
