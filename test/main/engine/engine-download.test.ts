import assert from 'node:assert/strict';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeContent, sha256 } from '../../helpers/content.js';
import { waitForStatus, withEngine } from '../../helpers/engine-fixture.js';
import { withServer } from '../../helpers/fault-server.js';

test('downloads a file byte-exactly under its URL name, with no partial or lock left behind', () =>
  withServer(async (server) => {
    const file = server.file('/files/data.bin', { body: makeContent(3_000_000, 1) });
    await withEngine({}, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/files/data.bin'), dir });
      const done = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.equal(done.name, 'data.bin');
      assert.equal(sha256(await readFile(join(dir, 'data.bin'))), sha256(file.body));
      assert.deepEqual(await readdir(dir), ['data.bin']);
      assert.equal(file.requests.length, 1);
      assert.equal(file.requests[0]?.headers['accept-encoding'], 'identity');
    });
  }));

test('Content-Disposition names the file; a hostile one stays inside the folder', () =>
  withServer(async (server) => {
    server.file('/get?id=1', { body: makeContent(1000, 2) });
    server.file('/get', {
      body: makeContent(1000, 2),
      contentDisposition: `attachment; filename="../../escape.sh"; filename*=UTF-8''..%2F..%2F%E2%82%ACscape.sh`,
    });
    server.file('/nice', { body: makeContent(1000, 3), contentDisposition: 'attachment; filename="report 2026.pdf"' });
    await withEngine({}, async ({ engine, dir }) => {
      const hostile = engine.add({ url: server.url('/get'), dir });
      const nice = engine.add({ url: server.url('/nice'), dir });
      assert.equal((await waitForStatus(engine, hostile.id, 'completed')).name, '€scape.sh');
      assert.equal((await waitForStatus(engine, nice.id, 'completed')).name, 'report 2026.pdf');
      assert.deepEqual((await readdir(dir)).sort(), ['report 2026.pdf', '€scape.sh']);
      assert.deepEqual(await readdir(join(dir, '..')).then((names) => names.sort()), ['downloads', 'state']);
    });
  }));

test('a redirect is followed and the final URL names the file', () =>
  withServer(async (server) => {
    const file = server.file('/real/setup.exe', { body: makeContent(5000, 4) });
    server.redirect('/latest', '/real/setup.exe');
    await withEngine({}, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/latest'), dir });
      const done = await waitForStatus(engine, id, 'completed');
      assert.equal(done.name, 'setup.exe');
      assert.equal(sha256(await readFile(join(dir, 'setup.exe'))), sha256(file.body));
    });
  }));

test('names already taken get " (1)", " (2)" and nothing is overwritten', () =>
  withServer(async (server) => {
    const file = server.file('/a.txt', { body: makeContent(10_000, 5) });
    await withEngine({}, async ({ engine, dir }) => {
      const ids = [0, 1, 2].map(() => engine.add({ url: server.url('/a.txt'), dir }).id);
      const names = [];
      for (const id of ids) names.push((await waitForStatus(engine, id, 'completed')).name);
      assert.deepEqual([...names].sort(), ['a (1).txt', 'a (2).txt', 'a.txt']);
      for (const name of names) assert.equal(sha256(await readFile(join(dir, name ?? ''))), sha256(file.body));
    });
  }));

test('a body without Content-Length completes with the size it turned out to have', () =>
  withServer(async (server) => {
    const file = server.file('/stream', { body: makeContent(700_000, 6), chunked: true, contentType: 'text/plain' });
    await withEngine({}, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/stream'), dir });
      const done = await waitForStatus(engine, id, 'completed');
      assert.equal(done.name, 'stream.txt');
      assert.equal(done.total, 700_000);
      assert.equal(sha256(await readFile(join(dir, 'stream.txt'))), sha256(file.body));
    });
  }));

test('a matching checksum completes; a wrong one fails and keeps the data out of the final name', () =>
  withServer(async (server) => {
    const file = server.file('/c.bin', { body: makeContent(2_000_000, 7) });
    await withEngine({}, async ({ engine, dir }) => {
      const good = engine.add({ url: server.url('/c.bin'), dir, name: 'good.bin', checksum: { algorithm: 'sha-256', hex: sha256(file.body) } });
      assert.equal((await waitForStatus(engine, good.id, ['completed', 'failed'])).status, 'completed');
      const bad = engine.add({ url: server.url('/c.bin'), dir, name: 'bad.bin', checksum: { algorithm: 'md5', hex: '0'.repeat(32) } });
      const failed = await waitForStatus(engine, bad.id, ['completed', 'failed']);
      assert.equal(failed.status, 'failed');
      assert.equal(failed.error?.code, 'CHECKSUM_MISMATCH');
      assert.match(failed.error.message, /md5 mismatch: expected 0{32}, got [0-9a-f]{32}/);
      assert.deepEqual(await readdir(dir), ['good.bin']);
    });
  }));

test('invalid input is refused with a clear error and nothing is queued', () =>
  withEngine({}, ({ engine, dir }) => {
    assert.throws(() => engine.add({ url: 'ftp://example.com/x', dir }), { code: 'UNSUPPORTED_PROTOCOL', message: /only http: and https:/ });
    assert.throws(() => engine.add({ url: 'file:///etc/passwd', dir }), { code: 'UNSUPPORTED_PROTOCOL' });
    assert.throws(() => engine.add({ url: 'nonsense', dir }), { code: 'INVALID_URL' });
    assert.throws(() => engine.add({ url: 'http://e.com/', dir, headers: { 'x-bad': 'a\r\nInjected: 1' } }), { code: 'INVALID_OPTION' });
    assert.throws(() => engine.add({ url: 'http://e.com/', dir, headers: { Range: 'bytes=5-' } }), { code: 'INVALID_OPTION' });
    assert.throws(() => engine.add({ url: 'http://e.com/', dir, limit: -1 }), { code: 'INVALID_OPTION' });
    assert.deepEqual(engine.list(), []);
    return Promise.resolve();
  }));

test('custom headers are sent', () =>
  withServer(async (server) => {
    const file = server.file('/private', { body: makeContent(100, 8) });
    await withEngine({}, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/private'), dir, headers: { Authorization: 'Bearer t0k3n' } });
      await waitForStatus(engine, id, 'completed');
      assert.equal(file.requests[0]?.headers.authorization, 'Bearer t0k3n');
    });
  }));

test('a download too big for the disk fails before writing, with sizes in the message', () =>
  withServer(async (server) => {
    server.file('/huge.iso', { body: makeContent(1000, 9), announcedLength: 2 ** 52 });
    await withEngine({}, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/huge.iso'), dir });
      const failed = await waitForStatus(engine, id, ['failed', 'completed']);
      assert.equal(failed.status, 'failed');
      assert.equal(failed.error?.code, 'NO_SPACE');
      assert.match(failed.error.message, /not enough disk space: .* needed, .* free/);
    });
  }));

test('a download folder deleted while the engine runs is made again', () =>
  withServer(async (server) => {
    const file = server.file('/again.bin', { body: makeContent(5000, 10) });
    await withEngine({}, async ({ engine, dir }) => {
      const first = engine.add({ url: server.url('/again.bin'), dir });
      await waitForStatus(engine, first.id, 'completed');
      await rm(dir, { recursive: true });
      const second = engine.add({ url: server.url('/again.bin'), dir });
      const done = await waitForStatus(engine, second.id, ['completed', 'failed']);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.equal(sha256(await readFile(join(dir, 'again.bin'))), sha256(file.body));
    });
  }));

test('probe tells size, resumability and the name a download would get, and never throws', () =>
  withServer(async (server) => {
    server.file('/ranged.iso', { body: makeContent(123_456, 11) });
    server.file('/plain', { body: makeContent(5000, 12), ranges: false, contentType: 'application/zip' });
    server.file('/named', { body: makeContent(10, 13), contentDisposition: 'attachment; filename="../../evil.sh"' });
    await withEngine({}, async ({ engine }) => {
      const { etag, lastModified, ...ranged } = await engine.probe(server.url('/ranged.iso'));
      assert.deepEqual(ranged, {
        url: server.url('/ranged.iso'),
        name: 'ranged.iso',
        size: 123_456,
        resumable: true,
      });
      assert.match(etag ?? '', /^"[0-9a-f]+"$/, 'the validators a refreshed link is compared with');
      assert.match(lastModified ?? '', /GMT$/);
      const plain = await engine.probe(server.url('/plain'));
      assert.deepEqual(
        { url: plain.url, name: plain.name, size: plain.size, resumable: plain.resumable },
        { url: server.url('/plain'), name: 'plain.zip', size: 5000, resumable: false },
      );
      assert.equal((await engine.probe(server.url('/named'))).name, 'evil.sh');
      assert.deepEqual(await engine.probe(server.url('/missing')), { url: server.url('/missing'), resumable: false, error: 'HTTP 404 Not Found' });
      assert.match((await engine.probe('ftp://example.com/x')).error ?? '', /only http: and https:/);
      assert.match((await engine.probe('http://127.0.0.1:9/closed')).error ?? '', /ECONNREFUSED/);
      assert.deepEqual(engine.list(), [], 'probing adds nothing');
    });
  }));
