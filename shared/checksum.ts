import { HaulError } from './errors.js';

export type ChecksumAlgorithm = 'sha-256' | 'sha-1' | 'md5';

export interface Checksum {
  readonly algorithm: ChecksumAlgorithm;
  /** Lower-case hex. */
  readonly hex: string;
}

const HEX_LENGTH: Readonly<Record<ChecksumAlgorithm, number>> = { 'sha-256': 64, 'sha-1': 40, md5: 32 };

/** Node's crypto name for each algorithm. */
export const NODE_HASH_NAME: Readonly<Record<ChecksumAlgorithm, string>> = { 'sha-256': 'sha256', 'sha-1': 'sha1', md5: 'md5' };

/** Accepts `sha-256=HEX`, `sha256=HEX`, `sha-256:HEX`, `sha1=…`, `md5=…` (aria2 spells them `sha-256=`). */
export function parseChecksum(text: string): Checksum {
  const match = /^\s*(sha-?256|sha-?1|md5)\s*[=:]\s*([0-9a-f]+)\s*$/i.exec(text);
  if (match === null) {
    throw new HaulError('INVALID_OPTION', `invalid checksum "${text}": use ALGO=HEX with ALGO one of sha-256, sha-1, md5`);
  }
  const name = (match[1] ?? '').toLowerCase().replace('-', '');
  const algorithm: ChecksumAlgorithm = name === 'sha256' ? 'sha-256' : name === 'sha1' ? 'sha-1' : 'md5';
  const hex = (match[2] ?? '').toLowerCase();
  if (hex.length !== HEX_LENGTH[algorithm]) {
    throw new HaulError('INVALID_OPTION', `invalid ${algorithm} checksum: expected ${HEX_LENGTH[algorithm]} hex digits, got ${hex.length}`);
  }
  return { algorithm, hex };
}
