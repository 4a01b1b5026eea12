import { editDependency } from './edit-dependency.mjs';

// @sindresorhus/is (got's argument checker) builds two Intl.ListFormat objects when it loads, for
// the wording of one kind of error message. The first Intl object loads ICU's locale data: 20 ms of
// every `haul` start (measured with `new Intl.ListFormat(...)` alone in `node -e`), a sixth of what
// `haul get` adds to `node -e 0`. This makes each one a formatter built when an error is worded.

/** The rolldown plugin. */
export default function lazyListFormat() {
  return editDependency('haul-lazy-list-format', /[\\/]@sindresorhus[\\/]is[\\/]distribution[\\/]index\.js$/, [
    { pattern: /new Intl\.ListFormat\(([^()]*)\)/g, count: 2, replacement: '{ format: (list) => new Intl.ListFormat($1).format(list) }' },
  ]);
}
