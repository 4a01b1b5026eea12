import assert from 'node:assert/strict';
import { readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeContent, sha256 } from '../../helpers/content.js';
import { tempDir, waitForBytes, waitForStatus, withEngine } from '../../helpers/engine-fixture.js';
import { withServer } from '../../helpers/fault-server.js';
import { withSmallDisk } from '../../helpers/small-disk.js';

test('after a restart the journal brings downloads back and interrupted ones resume with Range', () =>
  withServer(async (server) => {
    const file = server.file('/big.bin', { body: makeContent(3_000_000, 101), pace: 3_000_000 });
    server.file('/done.bin', { body: makeContent(1000, 102) });
    await withEngine({}, async (fixture) => {
      const { dir } = fixture;
      const done = fixture.engine.add({ url: server.url('/done.bin'), dir });
      await waitForStatus(fixture.engine, done.id, 'completed');
      const running = fixture.engine.add({ url: server.url('/big.bin'), dir });
      await waitForBytes(fixture.engine, running.id, 1_200_000);
      const engine = await fixture.reopen();
      const restored = engine.get(running.id);
      assert.ok(restored !== undefined);
      assert.ok(['queued', 'connecting'].includes(restored.status), restored.status);
      assert.equal(engine.get(done.id)?.status, 'completed', 'history survives too');
      await waitForStatus(engine, running.id, 'completed');
      const resumedFrom = Number(/^bytes=(\d+)-$/.exec(file.requests[1]?.range ?? '')?.[1]);
      assert.ok(resumedFrom >= 1_000_000, `resumed from ${resumedFrom}`);
      assert.equal(sha256(await readFile(join(dir, 'big.bin'))), sha256(file.body));
    });
  }));

test('the CLI kind of engine (autoResume off) restores interrupted downloads as paused', () =>
  withServer(async (server) => {
    server.file('/a.bin', { body: makeContent(2_000_000, 103), pace: 2_000_000 });
    await withEngine({ autoResume: false }, async (fixture) => {
      const { id } = fixture.engine.add({ url: server.url('/a.bin'), dir: fixture.dir });
      await waitForBytes(fixture.engine, id, 300_000);
      const engine = await fixture.reopen();
      assert.equal(engine.get(id)?.status, 'paused');
      const adopted = engine.add({ url: server.url('/a.bin'), dir: fixture.dir, adopt: true });
      assert.equal(adopted.id, id, 'adding the same URL again adopts the partial instead of starting over');
      await waitForStatus(engine, id, 'completed');
    });
  }));

test('a partial shorter than the journal says (lost writes) is not trusted: start over', () =>
  withServer(async (server) => {
    const file = server.file('/l.bin', { body: makeContent(2_000_000, 104), pace: 3_000_000 });
    await withEngine({}, async (fixture) => {
      const { id } = fixture.engine.add({ url: server.url('/l.bin'), dir: fixture.dir });
      await waitForBytes(fixture.engine, id, 900_000);
      fixture.engine.pause(id);
      await waitForStatus(fixture.engine, id, 'paused');
      await rm(join(fixture.dir, 'l.bin.part'));
      fixture.engine.resume(id);
      await waitForStatus(fixture.engine, id, 'completed');
      assert.equal(file.requests[1]?.range, undefined, 'no Range: the missing bytes are fetched again');
      assert.equal(sha256(await readFile(join(fixture.dir, 'l.bin'))), sha256(file.body));
    });
  }));

test('ENOSPC mid-download fails that download with a clear error; the others go on', (t) =>
  withServer(async (server) => {
    server.file('/full.bin', { body: makeContent(3_000_000, 105), pace: 1_500_000 });
    const other = server.file('/other.bin', { body: makeContent(1_500_000, 106), pace: 3_000_000 });
    const outcome = await withSmallDisk(4 * 1024 * 1024, (disk) =>
      withEngine({}, async ({ engine, dir }) => {
        const full = engine.add({ url: server.url('/full.bin'), dir: disk });
        await waitForBytes(engine, full.id, 200_000);
        // Somebody else fills the disk: the free-space check passed, the writes now fail with ENOSPC.
        await writeFile(join(disk, 'filler'), Buffer.alloc(3_800_000)).catch(() => undefined);
        const second = engine.add({ url: server.url('/other.bin'), dir });
        const failed = await waitForStatus(engine, full.id, ['failed', 'completed']);
        assert.equal(failed.status, 'failed');
        assert.equal(failed.error?.code, 'NO_SPACE');
        assert.match(failed.error.message, /no space left on the device/);
        await waitForStatus(engine, second.id, 'completed');
        assert.equal(sha256(await readFile(join(dir, 'other.bin'))), sha256(other.body));
        assert.ok(!(await readdir(disk)).includes('full.bin'), 'nothing under the final name');
      }),
    );
    if (typeof outcome === 'object') t.skip(outcome.skipped);
  }));

test('a symlink planted at NAME.part is never followed: the download fails saying so, the link target is untouched', () =>
  withServer(async (server) => {
    server.file('/l.bin', { body: makeContent(3_000_000, 107), pace: 3_000_000 });
    await withEngine({}, async ({ engine, dir }) => {
      const outside = await tempDir();
      const victim = join(outside, 'victim.txt');
      await writeFile(victim, 'keep me');
      const paused = engine.add({ url: server.url('/l.bin'), dir });
      await waitForBytes(engine, paused.id, 200_000);
      engine.pause(paused.id);
      await waitForStatus(engine, paused.id, 'paused');
      // Between runs the partial is swapped for a link to an existing file.
      await rm(join(dir, 'l.bin.part'));
      await symlink(victim, join(dir, 'l.bin.part'));
      engine.resume(paused.id);
      const failed = await waitForStatus(engine, paused.id, ['failed', 'completed']);
      assert.equal(failed.status, 'failed');
      assert.match(failed.error?.message ?? '', /symbolic link/);
      assert.equal(await readFile(victim, 'utf8'), 'keep me');
      // A dangling link at a new download's partial: the name is taken, the next one is used, nothing is written through it.
      const dangling = join(outside, 'nowhere.bin');
      await symlink(dangling, join(dir, 'fresh.bin.part'));
      server.file('/fresh.bin', { body: makeContent(10_000, 108) });
      const fresh = engine.add({ url: server.url('/fresh.bin'), dir });
      const done = await waitForStatus(engine, fresh.id, ['failed', 'completed']);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.equal(done.name, 'fresh (1).bin');
      await assert.rejects(readFile(dangling), /ENOENT/);
    });
  }));

test('a folder deleted mid-download fails that download within a checkpoint, saying so', () =>
  withServer(async (server) => {
    server.file('/del.bin', { body: makeContent(3_000_000, 109), pace: 300_000 });
    await withEngine({ checkpointIntervalMs: 250 }, async ({ engine, dir }) => {
      const target = join(dir, 'sub');
      const { id } = engine.add({ url: server.url('/del.bin'), dir: target });
      await waitForBytes(engine, id, 100_000);
      await rm(target, { recursive: true, force: true });
      const deletedAt = Date.now();
      const failed = await waitForStatus(engine, id, ['failed', 'completed'], 8000);
      assert.equal(failed.status, 'failed');
      assert.match(failed.error?.message ?? '', /the folder .*sub was deleted while downloading/);
      assert.ok(Date.now() - deletedAt < 3000, 'noticed at the next checkpoint, not at the end');
    });
  }));
