// Loaded with `node --import` into a CLI under test: counts the Intl objects it builds (the first
// loads ICU's locale data, about 20 ms of start-up) and writes the count to the file named by
// HAUL_TEST_INTL_COUNT when the process exits.
import { writeFileSync } from 'node:fs';

const out = process.env['HAUL_TEST_INTL_COUNT'];
let built = 0;
const intl = Intl as unknown as Record<string, unknown>;
for (const name of ['Collator', 'DateTimeFormat', 'DisplayNames', 'ListFormat', 'NumberFormat', 'PluralRules', 'RelativeTimeFormat', 'Segmenter']) {
  const Original = intl[name];
  if (typeof Original !== 'function') continue;
  intl[name] = new Proxy(Original, {
    construct(target, args, newTarget) {
      built += 1;
      return Reflect.construct(target, args, newTarget) as object;
    },
  });
}
process.on('exit', () => {
  if (out !== undefined) writeFileSync(out, String(built));
});
