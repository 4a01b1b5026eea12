import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createHttpClient } from '../../../main/engine/create-http-client.js';
import { CLI, runCli } from '../../helpers/cli.js';
import { makeContent } from '../../helpers/content.js';
import { tempDir } from '../../helpers/engine-fixture.js';
import type { StartCost } from '../../helpers/start-cost-hook.js';

const START_COST_HOOK = fileURLToPath(new URL('../../helpers/start-cost-hook.js', import.meta.url));

// The `haul` bundle replaces the parts of got that Haul turns off with stand-ins that throw
// (build/got-unused.mjs): these tests fail if Haul turns one on, or got reaches one anyway. The
// bundle also builds got's argument checker without the two Intl formatters it makes when it loads
// (build/lazy-list-format.mjs) and reads Node's built-ins without ESM namespaces
// (build/builtins-by-require.mjs): the download test fails if either is undone. Every chunk is
// ASCII (build/ascii-only.mjs), so V8 holds and scans its source as one-byte text.

test('the engine keeps the got features the CLI bundle leaves out turned off', () => {
  const { options } = createHttpClient({}).defaults;
  assert.equal(options.http2, false, 'HTTP/2 (http2-wrapper)');
  assert.equal(options.decompress, false, 'decompression (decompress-response)');
  assert.equal(options.cache, undefined, 'the response cache (cacheable-request)');
  assert.equal(options.dnsCache, undefined, 'the DNS cache (cacheable-lookup)');
});

test('the CLI bundle saves a gzip-encoded body as the server sent it, through a redirect', async () => {
  const packed = gzipSync(makeContent(200_000, 411));
  const server = http.createServer((req, res) => {
    if (req.url === '/old') {
      res.writeHead(302, { location: '/page.html.gz' });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': packed.length });
    res.end(packed);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const dir = await tempDir();
    const { port } = server.address() as AddressInfo;
    const result = await runCli(['get', '-d', dir, `http://127.0.0.1:${port}/old`], { timeoutMs: 30_000 });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(await readdir(dir), ['page.html.gz']);
    assert.ok((await readFile(join(dir, 'page.html.gz'))).equals(packed), 'the bytes on disk are the encoded body');
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a download with the CLI bundle builds no Intl object, loads neither WebCrypto nor the diagnostic report, sets its V8 flag after the built-ins it needs, and leaves stdin alone', async () => {
  const body = makeContent(50_000, 412);
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const dir = await tempDir();
    const costFile = join(await tempDir(), 'start-cost.json');
    const { port } = server.address() as AddressInfo;
    const result = await runCli(['get', '-d', dir, `http://127.0.0.1:${port}/a.bin`], {
      nodeArgs: ['--import', START_COST_HOOK],
      env: { HAUL_TEST_START_COST: costFile },
      timeoutMs: 30_000,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.ok((await readFile(join(dir, 'a.bin'))).equals(body));
    const cost = JSON.parse(await readFile(costFile, 'utf8')) as StartCost;
    assert.equal(cost.intlObjects, 0, 'Intl objects built (ICU’s locale data: 20 ms)');
    // An ESM namespace over node:crypto reads every export and so loads WebCrypto; one over
    // node:process loads the diagnostic report. Reading the built-ins as CommonJS loads neither.
    assert.ok(cost.modules.includes('http'), 'the list names built-in modules');
    assert.ok(!cost.modules.includes('internal/crypto/webcrypto'), 'WebCrypto was loaded');
    assert.ok(!cost.modules.includes('internal/process/report'), 'the diagnostic report was loaded');
    assert.equal(cost.stdinTouched, false, 'process.stdin was built (only -i - reads it)');
    // A changed V8 flag makes every built-in compiled afterwards miss Node's code cache (node:http
    // took twice as long to load): the CLI keeps the young generation small only once the engine's
    // built-ins are in.
    assert.deepEqual(cost.flags, ['--semi-space-growth-factor=1', '--heap-growing-percent=20'], 'the flags the CLI set');
    const late = cost.modulesAfterFlags.filter((name) =>
      /^(crypto|http|https|tls|net|zlib|stream|dns)$|^internal\/(crypto|http|tls|streams)\//.test(name),
    );
    assert.deepEqual(late, [], `built-ins loaded after the flag: ${cost.modulesAfterFlags.join(', ')}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('every chunk of the CLI bundle is ASCII: one character past U+007F makes V8 hold and scan the whole source as two-byte text', async () => {
  const bin = dirname(CLI);
  const chunks = (await readdir(bin)).filter((name) => name.endsWith('.js'));
  assert.ok(chunks.length > 3, 'the bundle is built');
  for (const name of chunks) {
    const text = await readFile(join(bin, name), 'latin1');
    const at = text.search(/[\u0080-\u00ff]/);
    assert.equal(at, -1, `${name} has a non-ASCII byte at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 10))}`);
  }
});
