import type { Request } from 'got';
import type { ResponseHead } from './decide-response.js';

/** One header's value; Node gives repeated ones as an array, and only the first counts here. */
export function headerValue(headers: ResponseHead['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Resolves with a got stream's response head (status, headers, final URL after redirects), or its error. */
export function responseOf(stream: Request): Promise<ResponseHead & { url: string }> {
  return new Promise((resolve, reject) => {
    stream.once('response', (response: { statusCode: number; statusMessage?: string; headers: ResponseHead['headers']; url: string }) => {
      stream.off('error', reject);
      resolve({ status: response.statusCode, statusMessage: response.statusMessage, headers: response.headers, url: response.url });
    });
    stream.once('error', reject);
  });
}
