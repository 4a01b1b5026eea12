import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TasksByUrl } from '../../../main/engine/tasks-by-url.js';

test('finds the first accepted task under an address, in the order added, and none under another', () => {
  const index = new TasksByUrl<{ id: string; done: boolean }>();
  const a = { id: 'a', done: true };
  const b = { id: 'b', done: false };
  const c = { id: 'c', done: false };
  index.add('http://h/x', a);
  index.add('http://h/x', b);
  index.add('http://h/x', c);
  index.add('http://h/y', { id: 'd', done: false });
  assert.equal(
    index.find('http://h/x', (task) => !task.done),
    b,
  );
  assert.equal(
    index.find('http://h/x', () => true),
    a,
  );
  assert.equal(
    index.find('http://h/z', () => true),
    undefined,
  );
});

test('a deleted task is not found, and deleting what is not there changes nothing', () => {
  const index = new TasksByUrl<string>();
  index.add('http://h/x', 'one');
  index.add('http://h/x', 'two');
  index.delete('http://h/x', 'one');
  index.delete('http://h/x', 'three');
  index.delete('http://h/nowhere', 'one');
  assert.equal(
    index.find('http://h/x', () => true),
    'two',
  );
  index.delete('http://h/x', 'two');
  assert.equal(
    index.find('http://h/x', () => true),
    undefined,
  );
  index.add('http://h/x', 'one');
  assert.equal(
    index.find('http://h/x', () => true),
    'one',
    'an address emptied and used again',
  );
});
