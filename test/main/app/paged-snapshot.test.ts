import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventMessage, Settings } from '../../../shared/contract.js';
import { snapshotOf } from '../../helpers/snapshot.js';
import { defaultSettings } from '../../../main/settings/settings-store.js';
import { sendPagedSnapshot } from '../../../main/app/paged-snapshot.js';

const settings: Settings = defaultSettings();
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What a client ends up holding after these messages, applied in order. */
function replay(messages: readonly EventMessage[]): Map<string, string> {
  const held = new Map<string, string>();
  for (const message of messages) {
    if (message.type === 'snapshot') {
      held.clear();
      for (const item of message.payload.downloads) held.set(item.id, item.status);
    } else if (message.type === 'states') for (const item of message.payload) held.set(item.id, item.status);
    else if (message.type === 'removed') held.delete(message.payload.id);
  }
  return held;
}

test('a large snapshot goes out in pages; live changes made meanwhile are never undone by a later page', async () => {
  const all = Array.from({ length: 10 }, (_, index) => snapshotOf(`d${index}`));
  const sent: EventMessage[] = [];
  const paged = sendPagedSnapshot({ downloads: all, settings }, (message) => sent.push(message), 3);
  assert.equal(sent.length, 1);
  assert.equal(sent[0]?.type, 'snapshot');
  paged.live({ type: 'states', payload: [snapshotOf('d7', 'completed')] });
  paged.live({ type: 'removed', payload: { id: 'd8' } });
  for (let i = 0; i < 6; i++) await turn();
  const held = replay(sent);
  assert.equal(held.get('d7'), 'completed', 'the page holding d7 came later and left it out');
  assert.equal(held.has('d8'), false, 'a removed download is not brought back');
  assert.equal(held.size, 9);
  assert.ok(
    sent.every((message) => message.type !== 'states' || message.payload.length <= 3),
    'no page over the page size',
  );
});

test('a small snapshot is one message; stop ends the paging', async () => {
  const sent: EventMessage[] = [];
  sendPagedSnapshot({ downloads: [snapshotOf('a')], settings }, (message) => sent.push(message), 3);
  await turn();
  assert.equal(sent.length, 1);
  const big: EventMessage[] = [];
  const paged = sendPagedSnapshot(
    { downloads: Array.from({ length: 9 }, (_, index) => snapshotOf(`d${index}`)), settings },
    (message) => big.push(message),
    3,
  );
  paged.stop();
  for (let i = 0; i < 4; i++) await turn();
  assert.equal(big.length, 1, 'nothing after stop');
});
