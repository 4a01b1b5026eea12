import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventMessage } from '../../shared/contract.js';
import { fromSnapshot } from '../../shared/from-snapshot.js';
import { snapshotOf } from '../helpers/snapshot.js';

test('events before the snapshot are dropped (the snapshot holds them); from it on, everything passes in order', () => {
  const seen: EventMessage['type'][] = [];
  const deliver = fromSnapshot((message) => seen.push(message.type));
  const settings = { downloadDir: '/tmp' } as unknown as Extract<EventMessage, { type: 'settings' }>['payload'];
  deliver({ type: 'states', payload: [snapshotOf('a')] });
  deliver({ type: 'removed', payload: { id: 'b' } });
  assert.deepEqual(seen, []);
  deliver({ type: 'snapshot', payload: { downloads: [snapshotOf('a')], settings } });
  deliver({ type: 'states', payload: [snapshotOf('c')] });
  deliver({ type: 'removed', payload: { id: 'a' } });
  deliver({ type: 'snapshot', payload: { downloads: [], settings } });
  assert.deepEqual(seen, ['snapshot', 'states', 'removed', 'snapshot']);
});
