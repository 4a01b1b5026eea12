import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { NotificationBatcher } from '../../../main/desktop/notification-batcher.js';
import type { NotificationContent } from '../../../main/desktop/summarize-finished.js';

test('finishes close together are one notification; a steady trickle still gets one by the deadline; a download is told once', () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  try {
    const shown: NotificationContent[] = [];
    const batcher = new NotificationBatcher((content) => shown.push(content), { quietMs: 1000, maxWaitMs: 3000 });
    batcher.add({ id: '1', name: 'a', outcome: 'completed' });
    mock.timers.tick(500);
    batcher.add({ id: '2', name: 'b', outcome: 'completed' });
    mock.timers.tick(999);
    assert.equal(shown.length, 0, 'still quiet-waiting');
    mock.timers.tick(1);
    assert.deepEqual(
      shown.map((content) => content.title),
      ['2 downloads complete'],
    );

    for (let i = 0; i < 8; i++) {
      batcher.add({ id: `t${i}`, name: `t${i}`, outcome: 'completed' });
      mock.timers.tick(500);
    }
    assert.equal(shown.length, 2, 'a trickle every 500 ms is told 3 s after its first finish');
    assert.equal(shown[1]?.title, '6 downloads complete');
    mock.timers.tick(1000);
    assert.equal(shown[2]?.title, '2 downloads complete');

    batcher.add({ id: 'r', name: 'r', outcome: 'failed' });
    batcher.add({ id: 'r', name: 'r', outcome: 'completed' });
    batcher.flush();
    assert.equal(shown.at(-1)?.title, 'Download complete');
    batcher.add({ id: 'z', name: 'z', outcome: 'completed' });
    batcher.clear();
    mock.timers.tick(10_000);
    assert.equal(shown.length, 4, 'cleared: nothing more');
  } finally {
    mock.timers.reset();
  }
});
