import assert from 'node:assert/strict';
import { link, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { type DownloadRecord, parseDownloadRecord } from '../../../shared/download-record.js';
import { Journal } from '../../../main/storage/journal.js';
import { makeContent, sha256 } from '../../helpers/content.js';
import { waitForStatus, withEngine } from '../../helpers/engine-fixture.js';
import { withServer } from '../../helpers/fault-server.js';

test('killed between naming the file and journalling "completed": the next run finishes the bookkeeping, fetches nothing and makes no "name (1)"', () =>
  withServer(async (server) => {
    const file = server.file('/done.bin', { body: makeContent(500_000, 351) });
    await withEngine({}, async (fixture) => {
      const { id } = fixture.engine.add({ url: server.url('/done.bin'), dir: fixture.dir });
      const done = await waitForStatus(fixture.engine, id, 'completed');
      await fixture.engine.close();
      // What a kill -9 right after link(2) leaves: the final name and the partial both on the file, the journal one step behind.
      await link(join(fixture.dir, 'done.bin'), join(fixture.dir, 'done.bin.part'));
      const journal = await Journal.open<DownloadRecord>(fixture.stateDir, parseDownloadRecord);
      const record = journal.records.get(id);
      assert.ok(record?.file !== undefined, 'the file identity is journalled');
      journal.put({ ...record, status: 'verifying', completedAt: undefined });
      await journal.close();
      const requests = file.requests.length;
      const engine = await fixture.reopen();
      engine.resume(id);
      engine.retry(id);
      const again = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(again.status, 'completed', again.error?.message);
      assert.equal(file.requests.length, requests, 'nothing fetched again');
      assert.deepEqual((await readdir(fixture.dir)).sort(), ['done.bin']);
      assert.equal(sha256(await readFile(join(fixture.dir, 'done.bin'))), sha256(file.body));
      assert.equal((await stat(join(fixture.dir, 'done.bin'))).ino, done.file?.ino);
    });
  }));
