// Stands in, in the `haul` bundle only, for the parts of got that Haul turns off (createHttpClient):
// HTTP/2 (http2-wrapper), the response cache (cacheable-request), the DNS cache (cacheable-lookup)
// and decompression (decompress-response). got loads them at start-up all the same: 140 KB of code
// and a third of `haul get`'s start (30 ms a run, measured over ten runs). Should one ever be
// reached, it says so instead of doing something else.
function unused() {
  throw new Error('this got feature is turned off in Haul (HTTP/2, cache or decompression)');
}

export class CacheError extends Error {}

export default unused;
