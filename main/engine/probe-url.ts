import type { Got } from 'got';
import type { ProbeResult } from '../../shared/probe-result.js';
import { toHaulError } from '../../shared/errors.js';
import { chooseFileName } from './choose-file-name.js';
import { type Network, type Route, transportOptions } from './network/network.js';
import { parseContentRange } from './parse-content-range.js';
import { headerValue, responseOf } from './response-head.js';

const PROBE_TIMEOUT_MS = 15_000;

/**
 * A quick look at a URL (already parsed) for the Add preview: size, resumability and the name it
 * would get, from a one-byte ranged GET (HEAD is answered wrongly by too many servers). `headers`
 * are already checked. Never throws: a failure is the result's `error`, in words.
 */
export async function probeUrl(client: Got, network: Network, href: string, headers: Readonly<Record<string, string>>): Promise<ProbeResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, PROBE_TIMEOUT_MS);
  let route: Route;
  try {
    route = await network.route(href);
  } catch (error) {
    clearTimeout(timer);
    return { url: href, resumable: false, error: toHaulError(error).message };
  }
  const stream = client.stream(href, {
    headers: { ...headers, range: 'bytes=0-0', 'accept-encoding': 'identity' },
    signal: controller.signal,
    ...transportOptions(route),
  });
  stream.on('error', () => undefined);
  try {
    const response = await responseOf(stream);
    const header = (name: string): string | undefined => headerValue(response.headers, name);
    if (response.status >= 400) {
      return {
        url: href,
        resumable: false,
        error: `HTTP ${response.status}${response.statusMessage === undefined ? '' : ` ${response.statusMessage}`}`,
      };
    }
    const range = response.status === 206 ? parseContentRange(header('content-range')) : undefined;
    const length = header('content-length');
    const size = range?.total ?? (response.status === 200 && length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined);
    const name = chooseFileName({ url: response.url, contentDisposition: header('content-disposition'), contentType: header('content-type') });
    const etag = header('etag');
    const lastModified = header('last-modified');
    return {
      url: href,
      name,
      ...(size === undefined ? {} : { size }),
      resumable: response.status === 206,
      ...(etag === undefined ? {} : { etag }),
      ...(lastModified === undefined ? {} : { lastModified }),
    };
  } catch (error) {
    return {
      url: href,
      resumable: false,
      error: controller.signal.aborted ? `no answer within ${PROBE_TIMEOUT_MS / 1000} s` : network.explain(error, route, href).message,
    };
  } finally {
    clearTimeout(timer);
    stream.destroy();
  }
}
