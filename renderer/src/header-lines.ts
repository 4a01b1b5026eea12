import { HEADER_NAME } from '../../shared/http-names.js';

/** The Add dialog's advanced fields: what every added download sends, checked before anything is added. */
export interface AdvancedFields {
  readonly referer: string;
  readonly userAgent: string;
  readonly cookie: string;
  /** "Name: value", one per line. */
  readonly headers: string;
}

/** The fields as request headers (names in lower case), or why they cannot be sent. */
export function advancedHeaders(fields: AdvancedFields): { readonly headers: Record<string, string> } | { readonly error: string } {
  const headers: Record<string, string> = {};
  for (const [index, raw] of fields.headers.slice(0, 65_536).split('\n').entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    const name = colon <= 0 ? '' : line.slice(0, colon).trim();
    if (!HEADER_NAME.test(name)) return { error: `Header line ${index + 1} needs the form "Name: value"` };
    headers[name.toLowerCase()] = line.slice(colon + 1).trim();
  }
  const single: [string, string][] = [
    ['referer', fields.referer],
    ['user-agent', fields.userAgent],
    ['cookie', fields.cookie],
  ];
  for (const [name, value] of single) if (value.trim() !== '') headers[name] = value.trim();
  for (const value of Object.values(headers))
    if (/[\r\n\0]/.test(value) || value.length > 8192) return { error: 'A header value is too long or has a line break' };
  return { headers };
}
