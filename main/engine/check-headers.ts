import { HaulError } from '../../shared/errors.js';
import { HEADER_NAME } from '../../shared/http-names.js';

/** Headers the engine sets itself: a caller's value would break ranges, framing or the bytes on disk. */
const FORBIDDEN_HEADERS = new Set(['host', 'range', 'if-range', 'content-length', 'transfer-encoding', 'connection', 'accept-encoding']);

/** A caller's extra headers, checked once (a token name, no line breaks, none Haul manages) and lower-cased. Throws INVALID_OPTION. */
export function checkHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) throw new HaulError('INVALID_OPTION', `invalid header name "${name}"`);
    if (/[\r\n\0]/.test(value)) throw new HaulError('INVALID_OPTION', `invalid value for header "${name}"`);
    if (FORBIDDEN_HEADERS.has(name.toLowerCase())) throw new HaulError('INVALID_OPTION', `header "${name}" is managed by Haul`);
    checked[name.toLowerCase()] = value;
  }
  return checked;
}
