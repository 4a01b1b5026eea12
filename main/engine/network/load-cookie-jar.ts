import { Cookie, CookieJar } from 'tough-cookie';
import type { NetscapeCookie } from './netscape-cookies.js';

/**
 * A cookie jar holding `cookies` (expired ones left out), for got to send by domain and path and to
 * add to when a response sets more. Returns the jar and how many cookies were past their expiry.
 */
export function loadCookieJar(cookies: readonly NetscapeCookie[], now = Date.now()): { jar: CookieJar; expired: number } {
  const jar = new CookieJar();
  let expired = 0;
  for (const entry of cookies) {
    if (entry.expires !== 0 && entry.expires * 1000 <= now) {
      expired++;
      continue;
    }
    const cookie = new Cookie({
      key: entry.name,
      value: entry.value,
      domain: entry.domain,
      hostOnly: !entry.includeSubdomains,
      path: entry.path,
      secure: entry.secure,
      httpOnly: entry.httpOnly,
      expires: entry.expires === 0 ? 'Infinity' : new Date(entry.expires * 1000),
    });
    const url = `${entry.secure ? 'https' : 'http'}://${entry.domain}${entry.path}`;
    jar.setCookieSync(cookie, url, { ignoreError: true });
  }
  return { jar, expired };
}
