// got builds the options of every request (Options#createNativeRequestOptions) as an object
// literal that starts with two spreads and goes on with thirty properties. V8 11 (Node 20) takes a
// slow path for every property added after a spread: 60 µs and 23 KB of garbage per request
// (measured with that literal alone in `node -e`: 62 µs, against 0.1 µs with the spreads at the
// end). This moves the two spreads to the end. The object is the same: the spread objects' keys
// (cacheable-request's four settings; socketPath, path and host for a Unix socket) are none of the
// literal's, so no value overrides another either way.
const FILE = /[\\/]got[\\/]dist[\\/]source[\\/]core[\\/]options\.js$/;
const OPEN = /return \{\s*\.\.\.internals\.cacheOptions,\s*\.\.\.this\._unixOptions,/g;
const CLOSE = /(h2session: internals\.h2session,\s*)\};/g;

/** The rolldown plugin; it fails the build when got's code no longer reads as expected, rather than keep the cost silently. */
export default function gotRequestOptions() {
  return {
    name: 'haul-got-request-options',
    transform(code, id) {
      if (!FILE.test(id)) return null;
      const opens = code.match(OPEN)?.length ?? 0;
      const closes = code.match(CLOSE)?.length ?? 0;
      if (opens !== 1 || closes !== 1)
        throw new Error(`got-request-options: expected one request-options literal in ${id}, found ${opens} starts and ${closes} ends`);
      const next = code.replace(OPEN, 'return {').replace(CLOSE, '$1...internals.cacheOptions, ...this._unixOptions };');
      return { code: next, map: null };
    },
  };
}
