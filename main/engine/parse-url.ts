import { HaulError } from '../../shared/errors.js';
import { displayUrl } from '../../shared/printable.js';

/** Longer than any URL a server accepts (most stop at 8 KiB); checked before anything parses it. */
export const MAX_URL_LENGTH = 64 * 1024;

/** The only door a URL comes in by: absolute, http: or https:, with a host, at most 64 KiB. */
export function parseDownloadUrl(text: string): URL {
  if (text.length > MAX_URL_LENGTH) {
    throw new HaulError('INVALID_URL', `URL longer than 64 KiB (${Math.round(text.length / 1024)} KiB): "${truncate(text)}"`);
  }
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new HaulError('INVALID_URL', `not a valid URL: "${truncate(trimmed)}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HaulError(
      'UNSUPPORTED_PROTOCOL',
      `unsupported protocol "${url.protocol}" in "${truncate(trimmed)}": only http: and https: URLs can be downloaded`,
    );
  }
  if (url.hostname === '') throw new HaulError('INVALID_URL', `URL has no host: "${truncate(trimmed)}"`);
  url.hash = '';
  return url;
}

/** The text quoted back in an error: bounded, controls escaped, credentials hidden. */
function truncate(text: string): string {
  return displayUrl(text);
}
