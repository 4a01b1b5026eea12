import { HaulError } from './errors.js';

/** The only door a URL comes in by: absolute, http: or https:, with a host. */
export function parseDownloadUrl(text: string): URL {
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

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
