import { fileURLToPath } from 'node:url';

import asciiOnly from './ascii-only.mjs';
import builtinsByRequire from './builtins-by-require.mjs';
import gotRequestOptions from './got-request-options.mjs';
import lazyListFormat from './lazy-list-format.mjs';

const unused = fileURLToPath(new URL('./got-unused.mjs', import.meta.url));

/** The `haul` CLI as one ESM bundle (dist/cli/bin), from tsc's output. */
export default {
  input: ['dist/main/cli/haul.js', 'dist/main/storage/hash-worker.js'],
  platform: 'node',
  resolve: {
    alias: Object.fromEntries(['http2-wrapper', 'cacheable-request', 'cacheable-lookup', 'decompress-response'].map((name) => [name, unused])),
  },
  plugins: [lazyListFormat(), gotRequestOptions(), builtinsByRequire(), asciiOnly()],
  output: { format: 'esm', dir: 'dist/cli/bin' },
  logLevel: 'warn',
};
