import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DownloadQueue } from '../../../main/engine/download-queue.js';

const item = (name: string): { name: string } => ({ name });
const names = (queue: DownloadQueue<{ name: string }>): string[] => {
  const seen: string[] = [];
  queue.drain(
    () => true,
    (entry) => {
      seen.push(entry.name);
      return false;
    },
  );
  return seen;
};

test('a download sent back to the queue takes its old place, not the end', () => {
  const queue = new DownloadQueue<{ name: string }>();
  const [a, b, c] = [item('a'), item('b'), item('c')];
  for (const entry of [a, b, c]) {
    queue.register(entry);
    queue.enqueue(entry);
  }
  queue.dequeue(a);
  assert.deepEqual(names(queue), ['b', 'c']);
  queue.enqueue(a);
  queue.enqueue(a);
  assert.deepEqual(names(queue), ['a', 'b', 'c'], 'in order, and never twice');
  assert.equal(queue.length, 3);
});

test('drain starts the oldest first while there is room; what starts leaves the queue without skipping its neighbour', () => {
  const queue = new DownloadQueue<{ name: string }>();
  const entries = ['a', 'b', 'c', 'd'].map(item);
  for (const entry of entries) {
    queue.register(entry);
    queue.enqueue(entry);
  }
  const started: string[] = [];
  queue.drain(
    () => started.length < 2,
    (entry) => {
      if (entry.name === 'a') return false;
      started.push(entry.name);
      queue.dequeue(entry);
      return true;
    },
  );
  assert.deepEqual(started, ['b', 'c'], 'a busy one (a) is passed over, b and c start, the room is then full');
  assert.deepEqual(names(queue), ['a', 'd']);
});
