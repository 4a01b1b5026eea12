import got, { type Got } from 'got';
import type { CookieJar } from 'tough-cookie';

export interface HttpClientOptions {
  readonly connectTimeoutMs?: number | undefined;
  readonly userAgent?: string | undefined;
  readonly cookieJar?: CookieJar | undefined;
}

/**
 * The engine's got instance. The engine decides everything a download manager must own: no
 * retries (its own backoff reads Retry-After and counts real progress), no decompression (the
 * bytes on disk are the server's), no HTTP errors thrown (a status is a decision), HTTP/1.1 (one
 * connection per segment).
 */
export function createHttpClient(options: HttpClientOptions): Got {
  const connectTimeout = options.connectTimeoutMs ?? 30_000;
  return got.extend({
    cookieJar: options.cookieJar,
    decompress: false,
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: true,
    maxRedirects: 10,
    http2: false,
    timeout: { lookup: connectTimeout, connect: connectTimeout, secureConnect: connectTimeout, send: connectTimeout, response: connectTimeout * 2 },
    headers: { 'user-agent': options.userAgent ?? 'Haul/0.1' },
  });
}
