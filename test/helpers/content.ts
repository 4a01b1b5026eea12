import { createHash } from 'node:crypto';

/**
 * Deterministic bytes where every position differs from its neighbours (xorshift per 4-byte word,
 * seeded): a byte written at the wrong offset always changes the file's hash.
 */
export function makeContent(size: number, seed = 1): Buffer {
  const buffer = Buffer.allocUnsafe(size);
  let x = (seed * 2654435761) >>> 0 || 1;
  let i = 0;
  for (; i + 4 <= size; i += 4) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    buffer.writeUInt32LE(x, i);
  }
  for (; i < size; i++) buffer[i] = (i * 31 + seed) & 0xff;
  return buffer;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
