import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeContent, sha256 } from '../../helpers/content.js';
import { waitForBytes, waitForStatus, withEngine } from '../../helpers/engine-fixture.js';
import { withServer } from '../../helpers/fault-server.js';

const MiB = 1024 * 1024;
const SAME_DATE = 'Thu, 01 Jan 2026 00:00:00 GMT';

test('refresh: a new link to the same file keeps the bytes; one to a different file is refused with the reason, or starts over when asked', () =>
  withServer(async (server) => {
    const body = makeContent(8 * MiB, 77);
    const other = makeContent(5 * MiB, 78);
    server.file('/old.bin', { body, pace: 2 * MiB, lastModified: SAME_DATE });
    const fresh = server.file('/new.bin', { body, lastModified: SAME_DATE });
    server.file('/other.bin', { body: other, lastModified: SAME_DATE });
    await withEngine({ connections: 1 }, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/old.bin'), dir });
      await waitForBytes(engine, id, 2 * MiB);
      engine.pause(id);
      await waitForStatus(engine, id, 'paused');
      await assert.rejects(engine.refresh(id, server.url('/other.bin')), /the new link serves a different file \(5242880 bytes, not 8388608/);
      assert.equal(engine.get(id)?.url, server.url('/old.bin'), 'a refused link changes nothing');
      assert.deepEqual(await engine.refresh(id, server.url('/new.bin')), { kept: true });
      assert.equal(engine.get(id)?.status, 'paused', 'a paused download stays paused with its new link');
      const adopted = engine.add({ url: server.url('/new.bin'), dir, adopt: true });
      assert.equal(adopted.id, id, 'adding the new link again adopts the download that has it now, and resumes it');
      const done = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.equal(sha256(await readFile(join(dir, 'old.bin'))), sha256(body));
      const asked = fresh.requests.filter((request) => request.method === 'GET' && request.range !== 'bytes=0-0');
      assert.ok(
        asked.length > 0 && asked.every((request) => /^bytes=[1-9]\d*-/.test(request.range ?? '')),
        `the new link was asked only for the rest: ${asked.map((request) => request.range).join(', ')}`,
      );

      const second = engine.add({ url: server.url('/old.bin'), dir, name: 'second.bin' });
      await waitForBytes(engine, second.id, 1 * MiB);
      assert.deepEqual(await engine.refresh(second.id, server.url('/other.bin'), { startOver: true }), { kept: false });
      const again = await waitForStatus(engine, second.id, ['completed', 'failed']);
      assert.equal(again.status, 'completed', again.error?.message);
      assert.equal(sha256(await readFile(join(dir, 'second.bin'))), sha256(other), 'started over: the new file, whole');
      await assert.rejects(engine.refresh(second.id, server.url('/new.bin')), /complete/);
    });
  }));
