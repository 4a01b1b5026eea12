import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DownloadStatus } from '../../../shared/download-status.js';
import { ProgressSampler, type Sampled } from '../../../main/engine/progress-sampler.js';

const download = (id: string, status: DownloadStatus, bytes: number, total?: number): Sampled & { bytes: number } => ({
  record: { id, status, total },
  bytes,
  connections: status === 'downloading' ? 2 : 0,
  segments: [],
});

test('one batch holds every active download and the totals; queued ones are counted, not listed', () => {
  const sampler = new ProgressSampler();
  const a = download('a', 'downloading', 0, 1000);
  const b = download('b', 'downloading', 0, 3000);
  const all = [a, b, download('c', 'queued', 0), download('d', 'completed', 5, 5)];
  sampler.sample(all, 0);
  a.bytes = 500;
  b.bytes = 1000;
  const visited: string[] = [];
  const batch = sampler.sample(all, 1000, (entry) => visited.push(entry.record.id));
  assert.ok(batch !== undefined);
  assert.deepEqual(
    batch.items.map((item) => [item.id, item.bytes, item.speed]),
    [
      ['a', 500, 500],
      ['b', 1000, 1000],
    ],
  );
  assert.deepEqual(visited, ['a', 'b']);
  assert.equal(batch.overall.bytes, 1500);
  assert.equal(batch.overall.total, 4000);
  assert.equal(batch.overall.speed, 1500);
  assert.equal(batch.overall.active, 2);
  assert.equal(batch.overall.queued, 1);
  assert.equal(batch.items[0]?.eta, 1, '500 bytes left at 500 bytes/s');
});

test('an unknown size makes the overall total unknown; nothing active is no batch', () => {
  const sampler = new ProgressSampler();
  assert.equal(sampler.sample([download('a', 'paused', 10, 100)], 0), undefined);
  const batch = sampler.sample([download('a', 'downloading', 10, 100), download('b', 'connecting', 0)], 0);
  assert.equal(batch?.overall.total, undefined);
});
