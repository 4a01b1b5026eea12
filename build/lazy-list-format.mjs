// @sindresorhus/is (got's argument checker) builds two Intl.ListFormat objects when it loads, for
// the wording of one kind of error message. The first Intl object loads ICU's locale data: 20 ms of
// every `haul` start (measured with `new Intl.ListFormat(...)` alone in `node -e`), a sixth of what
// `haul get` adds to `node -e 0`. This makes each one a formatter built when an error is worded.
const PATTERN = /new Intl\.ListFormat\(([^()]*)\)/g;
const MODULE = /[\\/]@sindresorhus[\\/]is[\\/]distribution[\\/]index\.js$/;

/** The rolldown plugin; it fails the build when the module no longer reads as expected, rather than keep the cost silently. */
export default function lazyListFormat() {
  return {
    name: 'haul-lazy-list-format',
    transform(code, id) {
      if (!MODULE.test(id)) return null;
      const found = code.match(PATTERN)?.length ?? 0;
      if (found !== 2) throw new Error(`lazy-list-format: expected two Intl.ListFormat in ${id}, found ${found}`);
      return { code: code.replace(PATTERN, '{ format: (list) => new Intl.ListFormat($1).format(list) }'), map: null };
    },
  };
}
