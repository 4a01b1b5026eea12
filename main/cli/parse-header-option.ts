import { HaulError } from '../../shared/errors.js';
import { HEADER_NAME } from '../../shared/http-names.js';

/** Longest --header value accepted (servers refuse far shorter header blocks anyway). */
const MAX_HEADER = 8192;

/** `Name: value` (curl's and wget's form) → a lower-case name and its value; a clear error otherwise. */
export function parseHeaderOption(text: string): [string, string] {
  if (text.length > MAX_HEADER) throw new HaulError('INVALID_OPTION', `--header is longer than ${MAX_HEADER} characters`);
  const colon = text.indexOf(':');
  if (colon <= 0) throw new HaulError('INVALID_OPTION', `--header needs "Name: value", got "${text.slice(0, 80)}"`);
  const name = text.slice(0, colon).trim();
  const value = text.slice(colon + 1).trim();
  if (!HEADER_NAME.test(name)) throw new HaulError('INVALID_OPTION', `--header: "${name.slice(0, 80)}" is not a header name`);
  if (/[\r\n\0]/.test(value)) throw new HaulError('INVALID_OPTION', `--header: the value of ${name} has a line break`);
  return [name.toLowerCase(), value];
}

/** user:password as an Authorization header (Basic, as curl -u and wget --http-user send it). */
export function basicAuth(user: string, password: string): string {
  if (user.includes(':')) throw new HaulError('INVALID_OPTION', '--http-user cannot contain ":"');
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}
