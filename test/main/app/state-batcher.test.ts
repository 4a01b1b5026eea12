import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STATE_BATCH_MS, StateBatcher } from '../../../main/app/state-batcher.js';
import type { DownloadSnapshot } from '../../../shared/download-snapshot.js';
import { snapshotOf } from '../../helpers/snapshot.js';

test('changes within a tick go out as one batch: the newest per download, each in its first place', async () => {
  const batches: DownloadSnapshot[][] = [];
  const batcher = new StateBatcher((batch) => batches.push(batch));
  batcher.push(snapshotOf('a', 'queued'));
  batcher.push(snapshotOf('b', 'queued'));
  batcher.push(snapshotOf('a', 'downloading'));
  assert.equal(batches.length, 0, 'nothing before the tick');
  await new Promise((resolve) => setTimeout(resolve, STATE_BATCH_MS * 3));
  assert.deepEqual(
    batches.map((batch) => batch.map((item) => `${item.id}:${item.status}`)),
    [['a:downloading', 'b:queued']],
  );
});

test('flush sends at once (before an event that must not overtake it); close drops what is pending', async () => {
  const batches: DownloadSnapshot[][] = [];
  const batcher = new StateBatcher((batch) => batches.push(batch));
  batcher.push(snapshotOf('a', 'completed'));
  batcher.flush();
  assert.equal(batches.length, 1);
  batcher.flush();
  assert.equal(batches.length, 1, 'an empty flush sends nothing');
  batcher.push(snapshotOf('b', 'queued'));
  batcher.close();
  await new Promise((resolve) => setTimeout(resolve, STATE_BATCH_MS * 3));
  assert.equal(batches.length, 1);
});
