/** Longest piece of someone else's text echoed on one line. */
export const ECHO_WIDTH = 200;

/**
 * Someone else's text (a list line, a server's file name, a URL) made safe to print on a terminal or
 * in a log: control characters (ESC and OSC sequences among them), DEL, C1 controls and bidi
 * overrides become visible escapes, and the result is cut to `max` characters. Linear, and it
 * looks at no more than `max` characters of its input.
 */
export function printable(text: string, max = ECHO_WIDTH): string {
  const cut = text.length > max;
  const head = cut ? text.slice(0, max) : text;
  let out = '';
  for (const char of head) {
    const point = char.codePointAt(0) ?? 0;
    const control =
      point < 0x20 ||
      (point >= 0x7f && point <= 0x9f) ||
      (point >= 0x200b && point <= 0x200f) ||
      (point >= 0x202a && point <= 0x202e) ||
      (point >= 0x2066 && point <= 0x2069);
    out += control ? (point <= 0xff ? `\\x${point.toString(16).padStart(2, '0')}` : `\\u${point.toString(16).padStart(4, '0')}`) : char;
  }
  return cut ? `${out}… (${text.length} characters)` : out;
}

/**
 * A URL as it may be shown or logged: a user name and password in it become `***`. Text that is
 * not a URL is returned as it is; the real URL (credentials included) is what the engine fetches.
 */
export function redactUrl(text: string): string {
  const at = text.indexOf('@');
  if (at < 0) return text;
  try {
    const url = new URL(text);
    if (url.username === '' && url.password === '') return text;
    url.username = '***';
    url.password = '';
    return url.href;
  } catch {
    // Not a URL (a list line): hide whatever sits between "//" and the "@" of a would-be authority.
    return text.replace(/\/\/[^/@\s]*@/g, '//***@');
  }
}

/** A URL for a terminal or a log: credentials hidden, controls escaped, length bounded. */
export function displayUrl(text: string, max = ECHO_WIDTH): string {
  return printable(redactUrl(text.length > max * 4 ? text.slice(0, max * 4) : text), max);
}
