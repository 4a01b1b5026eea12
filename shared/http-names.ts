/** An HTTP header name (RFC 9110's token): what every place that takes a header from a person or a file checks. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;

/** The host (and port) of a URL, or `fallback` for text that is not one: for sentences that name a server. */
export function hostOf(url: string | undefined, fallback = 'the server'): string {
  if (url === undefined) return fallback;
  try {
    return new URL(url).host;
  } catch {
    return fallback;
  }
}
