import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarizeFinished } from '../../../main/desktop/summarize-finished.js';

test('one finish, several, and a mix: one notification with a few names and the count of the rest', () => {
  assert.deepEqual(summarizeFinished([{ id: '1', name: 'a.iso', outcome: 'completed' }]), { title: 'Download complete', body: 'a.iso', reveal: '1' });
  assert.deepEqual(summarizeFinished([{ id: '1', name: 'a.iso', outcome: 'failed', reason: 'HTTP 404' }]), {
    title: 'Download failed',
    body: 'a.iso: HTTP 404',
    reveal: undefined,
  });
  const many = ['a', 'b', 'c', 'd', 'e'].map((name, index) => ({ id: String(index), name, outcome: 'completed' as const }));
  assert.deepEqual(summarizeFinished(many), { title: '5 downloads complete', body: 'a, b, c and 2 more', reveal: '0' });
  const mixed = summarizeFinished([{ id: 'x', name: 'bad', outcome: 'failed' }, ...many.slice(0, 2)]);
  assert.deepEqual(mixed, { title: '2 complete, 1 failed', body: 'Failed: bad\nComplete: a, b', reveal: '0' });
  assert.equal(
    summarizeFinished([
      { id: 'x', name: 'p', outcome: 'failed' },
      { id: 'y', name: 'q', outcome: 'failed' },
    ]).title,
    '2 downloads failed',
  );
});
