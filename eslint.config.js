import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const LAZY = 'loaded on first use: `await import()` it where it is needed, so `haul get` does not compile it at every start';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['vite.config.ts', 'vite.preload.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // node:test's test() returns a promise the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }] },
      ],
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
      // Electron and the engine must not meet outside the thin shell. Types are free: they leave no import behind.
      // The cookie jar and the proxy agents are half the code `haul get` would compile at every start:
      // they are loaded on first use (`await import(…)`), never by a static import.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', allowTypeImports: true, message: 'Only main/index.ts, main/window.ts and main/ipc/ may import electron.' },
            ...['tough-cookie', 'hpagent', 'socks-proxy-agent'].map((name) => ({ name, allowTypeImports: true, message: LAZY })),
          ],
          patterns: [{ group: ['**/load-cookie-jar.js'], allowTypeImports: true, message: LAZY }],
        },
      ],
    },
  },
  {
    // The one module that holds the cookie jar (itself loaded on first use), and the tests, which may load anything.
    files: ['main/engine/network/load-cookie-jar.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', allowTypeImports: true, message: 'Only main/index.ts, main/window.ts and main/ipc/ may import electron.' }] },
      ],
    },
  },
  {
    // The layers, so arrows cannot run upwards again: shared/ is imported by both processes and imports
    // neither; storage knows nothing of the engine; the renderer reaches the main process only through the contract.
    files: ['shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/main/**', 'node:*', 'electron'], message: 'shared/ runs in the renderer too: no main/, Node or Electron.' }] },
      ],
    },
  },
  {
    files: ['main/storage/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only main/index.ts, main/window.ts and main/ipc/ may import electron.' }],
          patterns: [
            {
              regex: String.raw`^\.\./(?!\.\./shared/)`,
              message: 'storage sits below the engine: it may import shared/ and itself only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', 'node:*', 'electron'],
              message: 'The renderer imports shared/ and talks to the engine through its transport, never main/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The thin Electron shell: the only files that may touch Electron.
    files: ['main/index.ts', 'main/window.ts', 'main/ipc/**/*.ts', 'preload/**/*.ts', 'test/electron/**/*.ts', 'test/main/ipc/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    // The rules of hooks, and the React Compiler's checks (refs read or written during render…).
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // npm start's launcher runs before anything is built, so it is plain JavaScript.
    files: ['build/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
);
