// Loaded with `node --import` into a CLI under test: records what its start-up cost and writes it
// as JSON to the file named by HAUL_TEST_START_COST when the process exits: how many Intl
// objects it built (the first loads ICU's locale data, about 20 ms), the built-in modules it
// loaded (process.moduleLoadList, which names Node's internal modules too), which of those loaded
// after it first changed a V8 flag (they miss Node's code cache), and whether it touched
// process.stdin (Node builds the stream on first access: 5 ms).
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';

export interface StartCost {
  readonly intlObjects: number;
  readonly modules: readonly string[];
  /** The V8 flags it set, in order. */
  readonly flags: readonly string[];
  /** Built-in modules loaded after the first of those flags was set. */
  readonly modulesAfterFlags: readonly string[];
  readonly stdinTouched: boolean;
}

const out = process.env['HAUL_TEST_START_COST'];
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
let stdinTouched = false;
const stdin = Object.getOwnPropertyDescriptor(process, 'stdin');
if (stdin?.get !== undefined) {
  Object.defineProperty(process, 'stdin', {
    ...stdin,
    get(this: NodeJS.Process) {
      stdinTouched = true;
      return stdin.get?.call(this) as unknown;
    },
  });
}
const loadList = (): readonly string[] => (process as unknown as { moduleLoadList: readonly string[] }).moduleLoadList;
const flags: string[] = [];
let loadedBeforeFlags: number | undefined;
const setFlags = v8.setFlagsFromString.bind(v8);
v8.setFlagsFromString = (flag: string): void => {
  loadedBeforeFlags ??= loadList().length;
  flags.push(flag);
  setFlags(flag);
};
const builtins = (list: readonly string[]): string[] => list.filter((entry) => entry.startsWith('NativeModule ')).map((entry) => entry.slice(13));
process.on('exit', () => {
  const list = loadList();
  const modules = builtins(list);
  const modulesAfterFlags = loadedBeforeFlags === undefined ? [] : builtins(list.slice(loadedBeforeFlags));
  const cost: StartCost = { intlObjects: built, modules, flags, modulesAfterFlags, stdinTouched };
  if (out !== undefined) writeFileSync(out, JSON.stringify(cost));
});
