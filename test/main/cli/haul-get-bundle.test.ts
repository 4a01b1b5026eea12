import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createHttpClient } from '../../../main/engine/create-http-client.js';
import { runCli } from '../../helpers/cli.js';
import { makeContent } from '../../helpers/content.js';
import { tempDir } from '../../helpers/engine-fixture.js';

const INTL_HOOK = fileURLToPath(new URL('../../helpers/intl-count-hook.js', import.meta.url));

// The `haul` bundle replaces the parts of got that Haul turns off with stand-ins that throw
// (build/got-unused.mjs): these tests fail if Haul turns one on, or got reaches one anyway. It also
// builds got's argument checker without the two Intl formatters it makes when it loads
// (build/lazy-list-format.mjs).

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

test('a download with the CLI bundle builds no Intl object (ICU’s locale data costs 20 ms of start-up)', async () => {
  const body = makeContent(50_000, 412);
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const dir = await tempDir();
    const count = join(await tempDir(), 'intl-count');
    const { port } = server.address() as AddressInfo;
    const result = await runCli(['get', '-d', dir, `http://127.0.0.1:${port}/a.bin`], {
      nodeArgs: ['--import', INTL_HOOK],
      env: { HAUL_TEST_INTL_COUNT: count },
      timeoutMs: 30_000,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.ok((await readFile(join(dir, 'a.bin'))).equals(body));
    assert.equal(await readFile(count, 'utf8'), '0', 'Intl objects built');
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
