import { editDependency } from './edit-dependency.mjs';

// got builds the options of every request (Options#createNativeRequestOptions) as an object
// literal that starts with two spreads and goes on with thirty properties. V8 11 (Node 20) takes a
// slow path for every property added after a spread: 60 µs and 23 KB of garbage per request
// (measured with that literal alone in `node -e`: 62 µs, against 0.1 µs with the spreads at the
// end). This moves the two spreads to the end. The object is the same: the spread objects' keys
// (cacheable-request's four settings; socketPath, path and host for a Unix socket) are none of the
// literal's, so no value overrides another either way.

/** The rolldown plugin. */
export default function gotRequestOptions() {
  return editDependency('haul-got-request-options', /[\\/]got[\\/]dist[\\/]source[\\/]core[\\/]options\.js$/, [
    { pattern: /return \{\s*\.\.\.internals\.cacheOptions,\s*\.\.\.this\._unixOptions,/g, count: 1, replacement: 'return {' },
    { pattern: /(h2session: internals\.h2session,\s*)\};/g, count: 1, replacement: '$1...internals.cacheOptions, ...this._unixOptions };' },
  ]);
}
