import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ProgressBatch } from '../../../shared/download-snapshot.js';
import { segmentsCover } from '../../../main/engine/plan-segments.js';
import { makeContent, sha256 } from '../../helpers/content.js';
import { waitForBytes, waitForStatus, withEngine } from '../../helpers/engine-fixture.js';
import { withServer } from '../../helpers/fault-server.js';

const KiB = 1024;
const MiB = 1024 * KiB;
/** Small pieces so that small test files still split. */
const small = { minSplitSize: 64 * KiB };

/** Every ranged 206 must have been asked for exactly; returns the asked ranges. */
function rangesAsked(requests: readonly { range: string | undefined; status: number }[]): [number, number | undefined][] {
  return requests
    .filter((request) => request.range !== undefined)
    .map((request) => {
      const match = /^bytes=(\d+)-(\d*)$/.exec(request.range ?? '');
      assert.ok(match !== null, `malformed range ${request.range ?? ''}`);
      return [Number(match[1]), match[2] === '' ? undefined : Number(match[2])];
    });
}

test('a file is fetched over several connections, each at its own offset of one partial, byte-exact', () =>
  withServer(async (server) => {
    const file = server.file('/s.bin', { body: makeContent(6 * MiB, 301), pace: 2 * MiB });
    await withEngine({ ...small, connections: 6 }, async ({ engine, dir }) => {
      const batches: ProgressBatch[] = [];
      engine.on('progress', (batch) => batches.push(batch));
      const { id } = engine.add({ url: server.url('/s.bin'), dir });
      const done = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.equal(sha256(await readFile(join(dir, 's.bin'))), sha256(file.body));
      assert.equal(server.maxInFlight('/s.bin'), 6);
      for (const [start, end] of rangesAsked(file.requests)) {
        assert.ok(end === undefined || (end >= start && end < 6 * MiB), `range ${start}-${end ?? ''}`);
      }
      assert.ok(file.requests.filter((request) => request.range !== undefined).every((request) => request.status === 206));
      const busy = batches.flatMap((batch) => batch.items).filter((item) => item.connections > 1);
      assert.ok(busy.length > 0, 'progress shows the live connections');
      for (const item of busy)
        assert.ok(
          segmentsCover(
            item.segments.map((s) => ({ ...s, end: s.end ?? 6 * MiB })),
            6 * MiB,
          ),
          'segments tile the file',
        );
    });
  }));

test('auto opens more connections while a server paces each one, never more than 16', () =>
  withServer(async (server) => {
    const file = server.file('/p.bin', { body: makeContent(16 * MiB, 302), pace: 1 * MiB });
    await withEngine({ ...small, connections: 'auto' }, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/p.bin'), dir });
      await waitForStatus(engine, id, 'completed', 30_000);
      assert.equal(sha256(await readFile(join(dir, 'p.bin'))), sha256(file.body));
      assert.ok(server.maxInFlight('/p.bin') > 4, `grew past the first 4: ${server.maxInFlight('/p.bin')}`);
      assert.ok(server.maxInFlight('/p.bin') <= 16);
    });
  }));

test('a server that allows 4 connections per client: byte-exact, settles at 4 or fewer, nothing fails', () =>
  withServer(async (server) => {
    server.capConnections(4);
    const file = server.file('/c.bin', { body: makeContent(16 * MiB, 303), pace: 2 * MiB });
    await withEngine({ ...small, connections: 'auto' }, async ({ engine, dir }) => {
      const late: number[] = [];
      let started = 0;
      engine.on('progress', (batch) => {
        started ||= batch.at;
        if (batch.at - started > 1000) late.push(...batch.items.map((item) => item.connections));
      });
      const { id } = engine.add({ url: server.url('/c.bin'), dir });
      const done = await waitForStatus(engine, id, ['completed', 'failed'], 30_000);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.equal(sha256(await readFile(join(dir, 'c.bin'))), sha256(file.body));
      assert.ok(
        file.requests.some((request) => request.status === 503),
        'it did ask for more',
      );
      assert.ok(late.length > 0 && Math.max(...late) <= 4, `connections after settling: ${late.join(',')}`);
    });
  }));

test('the per-host cap holds across the connections of all downloads', () =>
  withServer(async (server) => {
    const a = server.file('/a.bin', { body: makeContent(3 * MiB, 304), pace: 2 * MiB });
    const b = server.file('/b.bin', { body: makeContent(3 * MiB, 305), pace: 2 * MiB });
    await withEngine({ ...small, connections: 8, maxPerHost: 3 }, async ({ engine, dir }) => {
      const ids = [engine.add({ url: server.url('/a.bin'), dir }).id, engine.add({ url: server.url('/b.bin'), dir }).id];
      for (const id of ids) assert.equal((await waitForStatus(engine, id, ['completed', 'failed'], 30_000)).status, 'completed');
      assert.equal(server.maxInFlight(), 3);
      assert.equal(sha256(await readFile(join(dir, 'a.bin'))), sha256(a.body));
      assert.equal(sha256(await readFile(join(dir, 'b.bin'))), sha256(b.body));
    });
  }));

test('a 200 to a second connection falls back to one connection from byte 0 in a clean file', () =>
  withServer(async (server) => {
    const file = server.file('/n.bin', { body: makeContent(4 * MiB, 306), pace: 2 * MiB });
    file.faults.push({ kind: 'ok' }, { kind: 'ignoreRange' });
    await withEngine({ ...small, connections: 4 }, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/n.bin'), dir });
      const done = await waitForStatus(engine, id, ['completed', 'failed'], 30_000);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.equal(done.acceptsRanges, false);
      assert.equal(sha256(await readFile(join(dir, 'n.bin'))), sha256(file.body));
      const restart = file.requests.findIndex((request, index) => index > 1 && request.range === undefined);
      assert.ok(restart > 1, 'a fresh whole-file request after the 200');
      assert.deepEqual(
        file.requests.slice(restart + 1).map((request) => request.range),
        [],
        'and nothing else after it',
      );
    });
  }));

test('resets in the middle of segments are resumed by the connections that are left', () =>
  withServer(async (server) => {
    const file = server.file('/r.bin', { body: makeContent(6 * MiB, 307), pace: 3 * MiB });
    file.faults.push(
      { kind: 'ok' },
      { kind: 'reset', afterBytes: 100 * KiB },
      { kind: 'ok' },
      { kind: 'reset', afterBytes: 300 * KiB },
      { kind: 'truncate', afterBytes: 50 * KiB },
    );
    await withEngine({ ...small, connections: 4 }, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/r.bin'), dir });
      const done = await waitForStatus(engine, id, ['completed', 'failed'], 30_000);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.equal(sha256(await readFile(join(dir, 'r.bin'))), sha256(file.body));
    });
  }));

test('a segment answered with the wrong Content-Range is rejected, its bytes never written', () =>
  withServer(async (server) => {
    const file = server.file('/w.bin', { body: makeContent(4 * MiB, 308), pace: 2 * MiB });
    file.faults.push({ kind: 'ok' }, { kind: 'wrongRange' }, { kind: 'wrongRange' });
    await withEngine({ ...small, connections: 4 }, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/w.bin'), dir });
      const done = await waitForStatus(engine, id, ['completed', 'failed'], 30_000);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.equal(sha256(await readFile(join(dir, 'w.bin'))), sha256(file.body));
    });
  }));

test('a new version of the file in the middle of a segmented download restarts it cleanly', () =>
  withServer(async (server) => {
    const file = server.file('/v.bin', { body: makeContent(6 * MiB, 309), pace: 2 * MiB });
    await withEngine({ ...small, connections: 4 }, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/v.bin'), dir });
      await waitForBytes(engine, id, 2 * MiB);
      const v2 = makeContent(6 * MiB, 310);
      file.replace(v2);
      const done = await waitForStatus(engine, id, ['completed', 'failed'], 30_000);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.notEqual(done.acceptsRanges, false, 'a changed file is not mistaken for a server without ranges');
      assert.equal(sha256(await readFile(join(dir, 'v.bin'))), sha256(v2));
    });
  }));

test('pause and an engine restart resume every live segment where it stopped', () =>
  withServer(async (server) => {
    const size = 8 * MiB;
    const file = server.file('/k.bin', { body: makeContent(size, 311), pace: 1 * MiB });
    await withEngine({ ...small, connections: 8 }, async (fixture) => {
      const { id } = fixture.engine.add({ url: server.url('/k.bin'), dir: fixture.dir });
      await waitForBytes(fixture.engine, id, 3 * MiB);
      fixture.engine.pause(id);
      const paused = await waitForStatus(fixture.engine, id, 'paused');
      assert.ok(paused.segments.length >= 8, `${paused.segments.length} segments`);
      fixture.engine.resume(id);
      await waitForBytes(fixture.engine, id, 5 * MiB);
      const before = file.requests.length;
      const engine = await fixture.reopen();
      const restored = engine.get(id);
      assert.ok(restored !== undefined && restored.segments.length >= 2);
      const done = await waitForStatus(engine, id, ['completed', 'failed'], 30_000);
      assert.equal(done.status, 'completed', done.error?.message);
      const asked = rangesAsked(file.requests.slice(before)).reduce((sum, [start, end]) => sum + (end ?? size - 1) - start + 1, 0);
      assert.ok(asked < size / 2, `after the restart only ${asked} bytes were asked for again`);
      assert.equal(sha256(await readFile(join(fixture.dir, 'k.bin'))), sha256(file.body));
    });
  }));

test('the global limit holds across all connections', () =>
  withServer(async (server) => {
    server.file('/t.bin', { body: makeContent(3 * MiB, 312) });
    await withEngine({ ...small, connections: 8, globalLimit: 2 * MiB }, async ({ engine, dir }) => {
      const started = performance.now();
      const { id } = engine.add({ url: server.url('/t.bin'), dir });
      await waitForStatus(engine, id, 'completed');
      const seconds = (performance.now() - started) / 1000;
      assert.ok(seconds >= 1.4, `3 MiB at 2 MiB/s over 8 connections took ${seconds} s`);
    });
  }));
