import http from 'node:http';
import got from 'got';

/**
 * The `many` scenario's floor set by the HTTP client alone: 1000 small GETs, 16 at a time, bodies
 * read and dropped (no files, no journal), once through got (as the engine calls it) and once
 * through node:http. Whatever Haul adds for safety comes on top of the got figure.
 */
export async function clientFloor(urls: readonly string[], client: 'got' | 'http', concurrency = 16): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const started = performance.now();
  let next = 0;
  const fetchOne = async (url: string): Promise<void> => {
    if (client === 'got') {
      const stream = got.stream(url, { agent: { http: agent }, decompress: false, retry: { limit: 0 } });
      let bytes = 0;
      for await (const chunk of stream) bytes += (chunk as Buffer).length;
      if (bytes === 0) throw new Error(`${url}: empty body`);
      return;
    }
    await new Promise<void>((resolve, reject) => {
      http
        .get(url, { agent }, (response) => {
          response.resume();
          response.once('end', resolve);
          response.once('error', reject);
        })
        .once('error', reject);
    });
  };
  const worker = async (): Promise<void> => {
    while (next < urls.length) {
      const url = urls[next++];
      if (url !== undefined) await fetchOne(url);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return (performance.now() - started) / 1000;
}
