import { HaulError } from './errors.js';

const UNITS: Readonly<Record<string, number>> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/**
 * "500K", "16M", "1.5M", "2G", "1048576" → bytes per second (K/M/G are powers of 1024, like curl and
 * aria2). "0" means unlimited. A trailing "B" or "/s" is accepted, anything else is an error.
 */
export function parseRate(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?(?:\/s)?\s*$/i.exec(text);
  if (match === null) {
    throw new HaulError('INVALID_OPTION', `invalid rate "${text}": use a number with an optional K, M or G suffix, like 500K or 16M`);
  }
  const value = Number(match[1]) * (UNITS[(match[2] ?? '').toUpperCase()] ?? 1);
  if (!Number.isFinite(value)) throw new HaulError('INVALID_OPTION', `invalid rate "${text}"`);
  return Math.round(value);
}
