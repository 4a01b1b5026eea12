import { isBuiltin } from 'node:module';

// An ESM `import` of one of Node's built-in modules builds a module namespace over it, and building
// it reads every export, which runs the lazy getters behind them: `node:crypto`'s loads all of
// WebCrypto (17 internal modules), `node:process`'s the diagnostic report. Importing the built-ins
// the `haul get` bundle uses took 23 ms this way and 12 ms read as CommonJS exports, measured in one
// process with performance.now(). This rewrites each chunk's static imports of built-ins into
// reads of process.getBuiltinModule (Node 20.16+ and 22.3+, inside package.json's engines), which
// returns those exports without a namespace: a named import becomes a property read once, when the
// chunk runs, so a hook that replaced a built-in's function before (a test's `--import`) is seen.

const IMPORT = /^import\s+(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\}|\*\s+as\s+([\w$]+))?\s*from\s*"([^"]+)";?[ \t]*$/gm;
const SIDE_EFFECT = /^import\s*"([^"]+)";?[ \t]*$/gm;

/** `a, b as c` → `a, b: c`, refusing anything else (a string-named import). */
function bindings(list) {
  return list
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const match = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(part);
      if (match === null) throw new Error(`builtins-by-require: cannot read the import binding "${part}"`);
      return match[2] === undefined ? match[1] : `${match[1]}: ${match[2]}`;
    })
    .join(', ');
}

/** One import statement of a built-in as `const` reads of process.getBuiltinModule; other imports unchanged. */
function rewrite(statement, defaultName, named, namespace, specifier) {
  if (!isBuiltin(specifier)) return statement;
  const module = `globalThis.process.getBuiltinModule(${JSON.stringify(specifier)})`;
  const out = [];
  const whole = defaultName ?? namespace;
  if (whole !== undefined) out.push(`const ${whole} = ${module};`);
  if (named !== undefined && named.trim() !== '') out.push(`const { ${bindings(named)} } = ${whole ?? module};`);
  return out.join(' ');
}

/** The rolldown plugin. */
export default function builtinsByRequire() {
  return {
    name: 'haul-builtins-by-require',
    renderChunk(code) {
      const next = code
        .replace(IMPORT, (statement, defaultName, named, namespace, specifier) => rewrite(statement, defaultName, named, namespace, specifier))
        .replace(SIDE_EFFECT, (statement, specifier) =>
          isBuiltin(specifier) ? `globalThis.process.getBuiltinModule(${JSON.stringify(specifier)});` : statement,
        );
      return next === code ? null : { code: next, map: null };
    },
  };
}
