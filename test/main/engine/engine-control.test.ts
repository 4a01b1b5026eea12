import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ProgressBatch } from '../../../shared/download-snapshot.js';
import { makeContent, sha256 } from '../../helpers/content.js';
import { until, waitForBytes, waitForStatus, withEngine } from '../../helpers/engine-fixture.js';
import { withServer } from '../../helpers/fault-server.js';

const openFds = async (): Promise<number> => (await readdir('/proc/self/fd')).length;

test('pause keeps the partial; resume continues it with a ranged request', () =>
  withServer(async (server) => {
    const file = server.file('/p.bin', { body: makeContent(2_000_000, 31), pace: 4_000_000 });
    await withEngine({}, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/p.bin'), dir });
      await waitForBytes(engine, id, 500_000);
      engine.pause(id);
      const paused = await waitForStatus(engine, id, 'paused');
      assert.ok(paused.bytes >= 500_000);
      assert.deepEqual(await readdir(dir), ['p.bin.part'], 'partial kept, lock released');
      engine.resume(id);
      const done = await waitForStatus(engine, id, 'completed');
      assert.equal(sha256(await readFile(join(dir, 'p.bin'))), sha256(file.body));
      assert.equal(file.requests[1]?.range, `bytes=${paused.bytes}-`);
      assert.equal(done.total, 2_000_000);
    });
  }));

test('cancel aborts the request, deletes the partial and leaves no socket or file descriptor', () =>
  withServer(async (server) => {
    server.file('/c.bin', { body: makeContent(4_000_000, 32), pace: 2_000_000 });
    await withEngine({}, async ({ engine, dir }) => {
      const before = await openFds();
      const { id } = engine.add({ url: server.url('/c.bin'), dir });
      await waitForBytes(engine, id, 300_000);
      assert.ok((await openFds()) > before, 'socket and partial are open while downloading');
      await engine.cancel(id);
      assert.equal(engine.get(id)?.status, 'cancelled');
      assert.deepEqual(await readdir(dir), []);
      await until(async () => (await openFds()) === before, 2000, `fd count back to ${before}`);
    });
  }));

test('a cancel right after a pause is not lost: the download ends cancelled and its partial is gone', () =>
  withServer(async (server) => {
    server.file('/pc.bin', { body: makeContent(2_000_000, 34), pace: 2_000_000 });
    await withEngine({}, async ({ engine, dir }) => {
      // While connecting, and while downloading: each time the pause is still unwinding when the cancel comes.
      const connecting = engine.add({ url: server.url('/pc.bin'), dir, name: 'connecting.bin' });
      engine.pause(connecting.id);
      await engine.cancel(connecting.id);
      assert.equal(engine.get(connecting.id)?.status, 'cancelled');
      const { id } = engine.add({ url: server.url('/pc.bin'), dir });
      await waitForBytes(engine, id, 200_000);
      engine.pause(id);
      await engine.cancel(id);
      assert.equal(engine.get(id)?.status, 'cancelled');
      assert.deepEqual(await readdir(dir), [], 'the partials went with the cancels');
    });
  }));

test('pause and cancel work while connecting and while waiting to retry', () =>
  withServer(async (server) => {
    const file = server.file('/b.bin', { body: makeContent(100_000, 33) });
    file.faults.push({ kind: 'status', status: 503, retryAfter: '30' });
    await withEngine({}, async ({ engine, dir }) => {
      const first = engine.add({ url: server.url('/b.bin'), dir });
      await waitForStatus(engine, first.id, 'retrying');
      const started = Date.now();
      engine.pause(first.id);
      await waitForStatus(engine, first.id, 'paused');
      assert.ok(Date.now() - started < 1000, 'the 30 s backoff did not hold up the pause');
      const second = engine.add({ url: server.url('/b.bin'), dir });
      assert.equal(engine.get(second.id)?.status, 'connecting');
      await engine.cancel(second.id);
      assert.equal(engine.get(second.id)?.status, 'cancelled');
      engine.resume(first.id);
      assert.equal((await waitForStatus(engine, first.id, ['completed', 'failed'])).status, 'completed');
    });
  }));

test('at most N downloads run at once, the rest wait in order; raising N takes effect live', () =>
  withServer(async (server) => {
    for (let i = 0; i < 6; i++) server.file(`/q${i}.bin`, { body: makeContent(400_000, 40 + i), pace: 1_000_000 });
    await withEngine({ maxConcurrent: 2 }, async ({ engine, dir }) => {
      const ids = [0, 1, 2, 3, 4, 5].map((i) => engine.add({ url: server.url(`/q${i}.bin`), dir }).id);
      assert.deepEqual(
        ids.map((id) => engine.get(id)?.status),
        ['connecting', 'connecting', 'queued', 'queued', 'queued', 'queued'],
      );
      const startOrder: number[] = [];
      engine.on('state', (download) => {
        if (download.status === 'connecting' && !startOrder.includes(ids.indexOf(download.id))) startOrder.push(ids.indexOf(download.id));
      });
      await waitForStatus(engine, ids[0] ?? '', 'completed');
      assert.ok(server.maxInFlight() <= 2, `max in flight ${server.maxInFlight()}`);
      engine.setLimits({ maxConcurrent: 4 });
      await Promise.all(ids.map((id) => waitForStatus(engine, id, 'completed')));
      assert.deepEqual(startOrder.slice(0, 2), [2, 3], 'queued downloads start in the order they were added');
      assert.ok(server.maxInFlight() > 2 && server.maxInFlight() <= 4, `max in flight ${server.maxInFlight()}`);
    });
  }));

test('lowering N sends the newest downloads back to the queue, partials kept', () =>
  withServer(async (server) => {
    for (let i = 0; i < 3; i++) server.file(`/l${i}.bin`, { body: makeContent(1_000_000, 50 + i), pace: 1_000_000 });
    await withEngine({ maxConcurrent: 3 }, async ({ engine, dir }) => {
      const ids = [0, 1, 2].map((i) => engine.add({ url: server.url(`/l${i}.bin`), dir }).id);
      await Promise.all(ids.map((id) => waitForBytes(engine, id, 100_000)));
      engine.setLimits({ maxConcurrent: 1 });
      await until(() => ids.filter((id) => engine.get(id)?.status === 'queued').length === 2, 3000, 'two requeued');
      assert.equal(engine.get(ids[0] ?? '')?.status, 'downloading');
      await Promise.all(ids.map((id) => waitForStatus(engine, id, 'completed', 30_000)));
      for (let i = 0; i < 3; i++) assert.equal(sha256(await readFile(join(dir, `l${i}.bin`))), sha256(makeContent(1_000_000, 50 + i)));
    });
  }));

test('at most M connections per host across downloads', () =>
  withServer(async (server) => {
    for (let i = 0; i < 5; i++) server.file(`/h${i}.bin`, { body: makeContent(300_000, 60 + i), pace: 1_000_000 });
    await withEngine({ maxConcurrent: 5, maxPerHost: 2 }, async ({ engine, dir }) => {
      const ids = [0, 1, 2, 3, 4].map((i) => engine.add({ url: server.url(`/h${i}.bin`), dir }).id);
      await Promise.all(ids.map((id) => waitForStatus(engine, id, 'completed')));
      assert.equal(server.maxInFlight(), 2);
    });
  }));

test('the global limit holds across downloads and can be changed live', () =>
  withServer(async (server) => {
    const files = [0, 1].map((i) => server.file(`/g${i}.bin`, { body: makeContent(1_000_000, 70 + i) }));
    await withEngine({ globalLimit: 1_000_000 }, async ({ engine, dir }) => {
      const started = performance.now();
      const ids = [0, 1].map((i) => engine.add({ url: server.url(`/g${i}.bin`), dir }).id);
      await waitForBytes(engine, ids[0] ?? '', 200_000);
      const sample = performance.now() - started;
      const bytes = ids.reduce((sum, id) => sum + (engine.get(id)?.bytes ?? 0), 0);
      assert.ok(bytes <= 1_000_000 * (sample / 1000) + 200_000, `${bytes} bytes in ${sample} ms at 1 MB/s`);
      engine.setLimits({ globalLimit: 0 });
      await Promise.all(ids.map((id) => waitForStatus(engine, id, 'completed')));
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 1500, `unlimited after the change: ${elapsed} ms for 2 MB`);
      for (const [i, id] of ids.entries())
        assert.equal(sha256(await readFile(join(dir, engine.get(id)?.name ?? ''))), sha256(files[i]?.body ?? Buffer.alloc(0)));
    });
  }));

test('a per-download limit composes with the global one', () =>
  withServer(async (server) => {
    server.file('/slow.bin', { body: makeContent(600_000, 80) });
    server.file('/fast.bin', { body: makeContent(600_000, 81) });
    await withEngine({ globalLimit: 2_000_000 }, async ({ engine, dir }) => {
      const started = performance.now();
      const slow = engine.add({ url: server.url('/slow.bin'), dir, limit: 500_000 });
      const fast = engine.add({ url: server.url('/fast.bin'), dir });
      await waitForStatus(engine, fast.id, 'completed');
      const fastTime = performance.now() - started;
      await waitForStatus(engine, slow.id, 'completed');
      const slowTime = performance.now() - started;
      assert.ok(slowTime >= 1100, `slow download capped at 500 kB/s took ${slowTime} ms`);
      assert.ok(fastTime < slowTime, 'the unlimited one was not held to the per-download limit');
      assert.ok(fastTime >= 250, `the global cap still applied to the fast one: ${fastTime} ms`);
    });
  }));

test('progress arrives as one batch per tick, never per chunk', () =>
  withServer(async (server) => {
    server.file('/t0.bin', { body: makeContent(1_500_000, 90), pace: 1_500_000 });
    server.file('/t1.bin', { body: makeContent(1_500_000, 91), pace: 1_500_000 });
    await withEngine({}, async ({ engine, dir }) => {
      const batches: ProgressBatch[] = [];
      engine.on('progress', (batch) => batches.push(batch));
      const started = Date.now();
      const ids = [0, 1].map((i) => engine.add({ url: server.url(`/t${i}.bin`), dir }).id);
      await Promise.all(ids.map((id) => waitForStatus(engine, id, 'completed')));
      const seconds = (Date.now() - started) / 1000;
      assert.ok(batches.length >= 3, `${batches.length} batches`);
      assert.ok(batches.length <= seconds * 4 + 2, `${batches.length} batches in ${seconds} s: at most 4 per second`);
      const mid = batches.find((batch) => batch.items.length === 2 && batch.items.every((item) => item.status === 'downloading' && item.speed > 0));
      assert.ok(mid !== undefined, 'a batch carries both downloads with a speed');
      assert.equal(mid.overall.total, 3_000_000);
      assert.equal(
        mid.overall.bytes,
        mid.items.reduce((sum, item) => sum + item.bytes, 0),
      );
      assert.ok(mid.overall.eta !== undefined && mid.overall.eta > 0);
      const speed = mid.overall.speed;
      assert.ok(speed > 1_000_000 && speed < 5_000_000, `overall speed ${speed} for two 1.5 MB/s connections`);
    });
  }));

test('remove forgets a download; with deleteFile it deletes what it wrote', () =>
  withServer(async (server) => {
    server.file('/x.bin', { body: makeContent(50_000, 95) });
    await withEngine({}, async ({ engine, dir }) => {
      const keep = engine.add({ url: server.url('/x.bin'), dir, name: 'keep.bin' });
      const drop = engine.add({ url: server.url('/x.bin'), dir, name: 'drop.bin' });
      await waitForStatus(engine, keep.id, 'completed');
      await waitForStatus(engine, drop.id, 'completed');
      const removed: string[] = [];
      engine.on('removed', (id) => removed.push(id));
      await engine.remove(keep.id);
      await engine.remove(drop.id, { deleteFile: true });
      assert.deepEqual(removed, [keep.id, drop.id]);
      assert.deepEqual(engine.list(), []);
      assert.deepEqual(await readdir(dir), ['keep.bin']);
    });
  }));

test('a cancelled download can be started again, from zero, and completes byte-exact', () =>
  withServer(async (server) => {
    const file = server.file('/again.bin', { body: makeContent(2_000_000, 121), pace: 2_000_000 });
    await withEngine({}, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/again.bin'), dir });
      await waitForBytes(engine, id, 100_000);
      await engine.cancel(id);
      assert.equal(engine.get(id)?.status, 'cancelled');
      engine.retry(id);
      const done = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.equal(sha256(await readFile(join(dir, 'again.bin'))), sha256(file.body));
      assert.equal(file.requests.at(-1)?.range, undefined, 'started again from byte 0');
    });
  }));
