import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeContent, sha256 } from '../../helpers/content.js';
import { waitForStatus, withEngine } from '../../helpers/engine-fixture.js';
import { withServer } from '../../helpers/fault-server.js';

const SIZE = 2_000_000;

test('a reset mid-body resumes from the bytes written, with Range and If-Range', () =>
  withServer(async (server) => {
    const file = server.file('/r.bin', { body: makeContent(SIZE, 11) });
    file.faults.push({ kind: 'reset', afterBytes: 700_000 }, { kind: 'reset', afterBytes: 500_000 });
    await withEngine({}, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/r.bin'), dir });
      const done = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.equal(sha256(await readFile(join(dir, 'r.bin'))), sha256(file.body));
      assert.equal(file.requests.length, 3);
      const [first, second, third] = file.requests;
      assert.equal(first?.range, undefined);
      const secondStart = Number(/^bytes=(\d+)-$/.exec(second?.range ?? '')?.[1]);
      assert.ok(secondStart > 0 && secondStart <= 700_000, `second request ${second?.range ?? ''}`);
      assert.equal(second?.ifRange, file.requests[0]?.headers['if-range'] ?? second?.ifRange);
      assert.match(second?.ifRange ?? '', /^"[0-9a-f]+"$/, 'strong ETag sent as If-Range');
      const thirdStart = Number(/^bytes=(\d+)-$/.exec(third?.range ?? '')?.[1]);
      assert.ok(thirdStart > secondStart, `third request ${third?.range ?? ''} continues past ${secondStart}`);
      assert.equal(third?.status, 206);
    });
  }));

test('a body shorter than announced is an error that resumes, not a silent success', () =>
  withServer(async (server) => {
    const file = server.file('/t.bin', { body: makeContent(SIZE, 12) });
    file.faults.push({ kind: 'truncate', afterBytes: 1_234_567 });
    await withEngine({}, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/t.bin'), dir });
      const states: string[] = [];
      engine.on('state', (download) => {
        if (download.id === id) states.push(download.status);
      });
      const done = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.ok(states.includes('retrying'));
      assert.equal(sha256(await readFile(join(dir, 't.bin'))), sha256(file.body));
      assert.match(file.requests[1]?.range ?? '', /^bytes=\d+-$/);
    });
  }));

test('503 with Retry-After is waited for, then the download completes', () =>
  withServer(async (server) => {
    const file = server.file('/busy.bin', { body: makeContent(10_000, 13) });
    file.faults.push({ kind: 'status', status: 503, retryAfter: '1' }, { kind: 'status', status: 429, retryAfter: '0' });
    await withEngine({ retry: { baseDelayMs: 10, maxDelayMs: 20 } }, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/busy.bin'), dir });
      const retrying = await waitForStatus(engine, id, 'retrying');
      assert.equal(retrying.error?.status, 503);
      assert.match(retrying.error.message, /HTTP 503/);
      const due = (retrying.retryAt ?? 0) - Date.now();
      assert.ok(due > 800 && due <= 1000, `next attempt due in ${due} ms, Retry-After said 1 s`);
      const started = Date.now();
      const done = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(done.status, 'completed');
      assert.ok(Date.now() - started >= 800, 'waited for Retry-After');
      assert.equal(file.requests.length, 3);
    });
  }));

test('404 fails at once with the status in the error; no retry', () =>
  withServer(async (server) => {
    await withEngine({}, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/missing.bin'), dir });
      const failed = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(failed.status, 'failed');
      assert.equal(failed.error?.status, 404);
      assert.equal(failed.error.message, 'HTTP 404 Not Found');
      assert.equal(failed.attempts, 0);
      assert.deepEqual(await readdir(dir).catch(() => []), []);
    });
  }));

test('retries stop after the configured attempts; the partial stays for a later retry', () =>
  withServer(async (server) => {
    const file = server.file('/flaky.bin', { body: makeContent(SIZE, 14) });
    file.faults.push(
      { kind: 'reset', afterBytes: 300_000 },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 502 },
      { kind: 'status', status: 504 },
    );
    await withEngine({ retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 20 } }, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/flaky.bin'), dir });
      const failed = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(failed.status, 'failed');
      assert.equal(failed.error?.status, 502, 'reset made progress (counter restarts), then 500 and 502 used the 3 attempts');
      assert.deepEqual(
        failed.log?.map((entry) => entry.message.replace(/:.*$/, '')),
        ['ECONNRESET', 'HTTP 500 Internal Server Error', 'HTTP 502 Bad Gateway'],
        'the attempt log says what went wrong each time',
      );
      assert.ok((await readdir(dir)).includes('flaky.bin.part'));
      engine.retry(id);
      // A manual retry gets a fresh budget: the queued 504 is retried and the download completes.
      assert.equal((await waitForStatus(engine, id, ['completed', 'failed'])).status, 'completed');
      assert.deepEqual(
        file.requests.map((request) => request.status),
        [200, 500, 502, 504, 206],
      );
      assert.equal(sha256(await readFile(join(dir, 'flaky.bin'))), sha256(file.body));
      assert.match(file.requests.at(-1)?.range ?? '', /^bytes=\d+-$/, 'the manual retry continued from the partial');
    });
  }));

test('a stalled connection is dropped after the stall timeout and resumed', () =>
  withServer(async (server) => {
    const file = server.file('/s.bin', { body: makeContent(SIZE, 15) });
    file.faults.push({ kind: 'stall', afterBytes: 400_000, ms: 10_000 });
    await withEngine({ stallTimeoutMs: 400, retry: { baseDelayMs: 10, maxDelayMs: 20 } }, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/s.bin'), dir });
      const retrying = await waitForStatus(engine, id, 'retrying', 5000);
      assert.equal(retrying.error?.code, 'STALLED');
      const done = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(done.status, 'completed');
      assert.equal(sha256(await readFile(join(dir, 's.bin'))), sha256(file.body));
    });
  }));

test('a 200 to a ranged request restarts from byte 0 into a clean file', () =>
  withServer(async (server) => {
    const file = server.file('/n.bin', { body: makeContent(SIZE, 16) });
    file.faults.push({ kind: 'reset', afterBytes: 900_000 }, { kind: 'ignoreRange' });
    await withEngine({}, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/n.bin'), dir });
      const done = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.equal(file.requests[1]?.status, 200);
      assert.equal(sha256(await readFile(join(dir, 'n.bin'))), sha256(file.body));
    });
  }));

test('a changed file on the server (If-Range fails) restarts; bytes of two versions never mix', () =>
  withServer(async (server) => {
    const file = server.file('/v.bin', { body: makeContent(SIZE, 17) });
    file.faults.push({ kind: 'reset', afterBytes: 800_000 });
    await withEngine({}, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/v.bin'), dir });
      await waitForStatus(engine, id, 'retrying');
      const v2 = makeContent(SIZE + 5, 18);
      file.replace(v2);
      const done = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.equal(file.requests[1]?.status, 200, 'If-Range no longer matched, so the server sent the whole new file');
      assert.equal(sha256(await readFile(join(dir, 'v.bin'))), sha256(v2));
    });
  }));

test('without a validator (no ETag, no Last-Modified) a changed size still restarts cleanly', () =>
  withServer(async (server) => {
    const file = server.file('/nv.bin', { body: makeContent(SIZE, 19), etag: false, lastModified: false });
    file.faults.push({ kind: 'reset', afterBytes: 800_000 });
    await withEngine({}, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/nv.bin'), dir });
      await waitForStatus(engine, id, 'retrying');
      const v2 = makeContent(SIZE * 2, 20);
      file.replace(v2);
      const done = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.equal(file.requests[1]?.ifRange, undefined);
      assert.equal(file.requests[1]?.status, 206);
      assert.equal(file.requests[2]?.range, undefined, 'started over without a Range');
      assert.equal(sha256(await readFile(join(dir, 'nv.bin'))), sha256(v2));
    });
  }));

test('a 206 with the wrong Content-Range is rejected and nothing misplaced is written', () =>
  withServer(async (server) => {
    const file = server.file('/w.bin', { body: makeContent(SIZE, 21) });
    file.faults.push({ kind: 'reset', afterBytes: 600_000 }, { kind: 'wrongRange' });
    await withEngine({}, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/w.bin'), dir });
      const errors: string[] = [];
      engine.on('state', (download) => {
        if (download.id === id && download.status === 'retrying') errors.push(download.error?.code ?? '');
      });
      const done = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.deepEqual(errors, ['NETWORK', 'RANGE_MISMATCH']);
      assert.equal(sha256(await readFile(join(dir, 'w.bin'))), sha256(file.body));
    });
  }));

test('a body longer than announced is cut at the announced size and retried', () =>
  withServer(async (server) => {
    const file = server.file('/o.bin', { body: makeContent(SIZE, 22) });
    file.faults.push({ kind: 'reset', afterBytes: 500_000 }, { kind: 'overlong', extra: 70_000 });
    await withEngine({}, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/o.bin'), dir });
      const errors: string[] = [];
      engine.on('state', (download) => {
        if (download.id === id && download.status === 'retrying') errors.push(download.error?.message ?? '');
      });
      const done = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.match(errors[1] ?? '', /more than the 2000000 bytes/);
      const data = await readFile(join(dir, 'o.bin'));
      assert.equal(data.length, SIZE);
      assert.equal(sha256(data), sha256(file.body));
    });
  }));

test('a 416 whose total equals the bytes held means done', () =>
  withServer(async (server) => {
    // Unknown length (chunked), every byte sent, then the end of the body never comes: the retry
    // asks for bytes=300000- and the server's 416 "bytes */300000" says there is nothing left.
    const file = server.file('/d.bin', { body: makeContent(300_000, 23), chunked: true });
    file.faults.push({ kind: 'stall', afterBytes: 300_000, ms: 10_000 });
    await withEngine({ stallTimeoutMs: 300, retry: { baseDelayMs: 10, maxDelayMs: 20 } }, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/d.bin'), dir });
      const done = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.deepEqual(
        file.requests.map((request) => [request.status, request.range]),
        [
          [200, undefined],
          [416, 'bytes=300000-'],
        ],
      );
      assert.equal(sha256(await readFile(join(dir, 'd.bin'))), sha256(file.body));
    });
  }));
