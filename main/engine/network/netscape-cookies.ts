/** One cookie of a Netscape cookies.txt (the file curl -b/-c, wget --load-cookies and aria2 read). */
export interface NetscapeCookie {
  /** Without a leading dot. */
  readonly domain: string;
  /** TRUE in the file: sent to subdomains too. */
  readonly includeSubdomains: boolean;
  readonly path: string;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  /** Seconds since the epoch; 0 = a session cookie. */
  readonly expires: number;
  readonly name: string;
  readonly value: string;
}

export interface ParsedCookies {
  readonly cookies: NetscapeCookie[];
  readonly invalid: { readonly line: number; readonly reason: string }[];
}

const MAX_LINE = 16 * 1024;
const HTTP_ONLY_PREFIX = '#HttpOnly_';

/**
 * Reads a Netscape cookies.txt: seven tab-separated fields per line (domain, subdomains, path,
 * secure, expiry, name, value); `#` comments, except the `#HttpOnly_` prefix browsers' exporters
 * write. A line that is not a cookie is named with its reason and skipped; the rest are used.
 * Linear in the text; lines over 16 KiB are refused unread.
 */
export function parseNetscapeCookies(text: string): ParsedCookies {
  const cookies: NetscapeCookie[] = [];
  const invalid: { line: number; reason: string }[] = [];
  let start = 0;
  let number = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    number++;
    const length = end - start;
    const line = text.slice(start, Math.min(end, start + MAX_LINE + 1)).replace(/\r$/, '');
    start = end + 1;
    if (length > MAX_LINE + 1) {
      invalid.push({ line: number, reason: `longer than ${MAX_LINE} characters` });
      continue;
    }
    let body = line;
    let httpOnly = false;
    if (body.startsWith(HTTP_ONLY_PREFIX)) {
      httpOnly = true;
      body = body.slice(HTTP_ONLY_PREFIX.length);
    } else if (body.trim() === '' || body.startsWith('#')) continue;
    const fields = body.split('\t');
    if (fields.length !== 7) {
      invalid.push({ line: number, reason: `expected 7 tab-separated fields, found ${fields.length}` });
      continue;
    }
    const [domain = '', subdomains = '', path = '', secure = '', expires = '', name = '', value = ''] = fields;
    const host = domain.replace(/^\./, '').toLowerCase();
    if (!/^[a-z0-9.-]+$/.test(host)) {
      invalid.push({ line: number, reason: 'the domain is not a host name' });
      continue;
    }
    if (!/^(TRUE|FALSE)$/i.test(subdomains) || !/^(TRUE|FALSE)$/i.test(secure)) {
      invalid.push({ line: number, reason: 'the second and fourth fields must be TRUE or FALSE' });
      continue;
    }
    if (!/^\d{1,12}$/.test(expires)) {
      invalid.push({ line: number, reason: 'the expiry is not a number of seconds' });
      continue;
    }
    if (name === '' || /[\s;=,]/.test(name) || /[;\r\n]/.test(value)) {
      invalid.push({ line: number, reason: 'the cookie name or value has characters a cookie cannot hold' });
      continue;
    }
    cookies.push({
      domain: host,
      includeSubdomains: subdomains.toUpperCase() === 'TRUE' || domain.startsWith('.'),
      path: path.startsWith('/') ? path : '/',
      secure: secure.toUpperCase() === 'TRUE',
      httpOnly,
      expires: Number(expires),
      name,
      value,
    });
  }
  return { cookies, invalid };
}
