import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canPause, canResume, canRetry, canTransition, DOWNLOAD_STATUSES, isActive, isTerminal } from '../../shared/download-status.js';

test('completed is final; cancelled can only be queued again (a restart from zero)', () => {
  for (const to of DOWNLOAD_STATUSES) {
    if (to !== 'completed') assert.equal(canTransition('completed', to), false, `completed → ${to}`);
    if (to !== 'cancelled' && to !== 'queued') assert.equal(canTransition('cancelled', to), false, `cancelled → ${to}`);
  }
  assert.ok(canTransition('cancelled', 'queued'));
});

test('the everyday paths are legal, shortcuts are not', () => {
  assert.ok(canTransition('queued', 'connecting'));
  assert.ok(canTransition('connecting', 'downloading'));
  assert.ok(canTransition('downloading', 'retrying'));
  assert.ok(canTransition('retrying', 'connecting'));
  assert.ok(canTransition('downloading', 'verifying'));
  assert.ok(canTransition('verifying', 'completed'));
  assert.ok(canTransition('paused', 'queued'));
  assert.ok(canTransition('failed', 'queued'));
  assert.equal(canTransition('queued', 'completed'), false);
  assert.equal(canTransition('paused', 'downloading'), false);
  assert.equal(canTransition('failed', 'completed'), false);
  assert.equal(canTransition('downloading', 'completed'), false, 'must verify first');
});

test('predicates derive from the status alone', () => {
  assert.deepEqual(DOWNLOAD_STATUSES.filter(isActive), ['connecting', 'downloading', 'retrying', 'verifying']);
  assert.deepEqual(DOWNLOAD_STATUSES.filter(isTerminal), ['completed', 'cancelled']);
  assert.deepEqual(DOWNLOAD_STATUSES.filter(canResume), ['paused']);
  assert.deepEqual(DOWNLOAD_STATUSES.filter(canRetry), ['failed', 'cancelled']);
  assert.equal(canPause('completed'), false);
  assert.equal(canPause('retrying'), true);
});
