import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HaulError } from '../../../shared/errors.js';
import { MIN_REQUEST, requestRange, requestSizes, workerFailure } from '../../../main/engine/session-policy.js';

const MiB = 1024 * 1024;

test('on loopback (fast, near) pieces stay small; far away and fast, requests grow to ten round trips', () => {
  const near = requestSizes(100 * MiB, 1, 1 * MiB);
  assert.equal(near.requestCap, MIN_REQUEST);
  assert.equal(near.minSteal, 1 * MiB, 'never above the configured split size');
  const slowNear = requestSizes(256 * 1024, 1, 1 * MiB);
  assert.equal(slowNear.minSteal, 64 * 1024, 'never below 64 KiB');
  const far = requestSizes(10 * MiB, 200, 1 * MiB);
  assert.equal(far.requestCap, Math.floor((10 * MiB * 200 * 10) / 1000));
});

test('the lead is a second of one connection, at least a request', () => {
  assert.equal(requestSizes(10 * MiB, 1, 1 * MiB).lead, 10 * MiB);
  assert.equal(requestSizes(100 * 1024, 1, 1 * MiB).lead, MIN_REQUEST);
});

test('before a round trip was measured, 100 ms is assumed', () => {
  assert.deepEqual(requestSizes(10 * MiB, undefined, 8 * MiB), requestSizes(10 * MiB, 100, 8 * MiB));
});

test('a shared segment is fetched a piece at a time, up to its own end; alone, to the end of the file', () => {
  const segment = { pos: 10 * MiB, end: 30 * MiB };
  assert.deepEqual(requestRange(segment, 64 * MiB, true, 4 * MiB), { start: 10 * MiB, end: 14 * MiB });
  assert.deepEqual(requestRange(segment, 64 * MiB, false, 4 * MiB), { start: 10 * MiB, end: 30 * MiB });
  assert.deepEqual(
    requestRange({ pos: 60 * MiB, end: 64 * MiB }, 64 * MiB, true, 8 * MiB),
    { start: 60 * MiB, end: undefined },
    'the last piece is open-ended',
  );
  assert.deepEqual(requestRange(undefined, undefined, false, MIN_REQUEST), { start: 0, end: undefined }, 'the first request asks for everything');
});

test("one connection's failure: push back on 429, 503, resets and an extra connection's 403; end the pass on the last one's", () => {
  const status = (code: number): HaulError => new HaulError('HTTP_STATUS', `HTTP ${code}`, { status: code });
  assert.equal(workerFailure(status(429), 2), 'push-back');
  assert.equal(workerFailure(status(503), 1), 'push-back');
  assert.equal(workerFailure(new HaulError('NETWORK', 'ECONNRESET'), 3), 'push-back');
  assert.equal(workerFailure(status(403), 1), 'push-back');
  assert.equal(workerFailure(new HaulError('STALLED', 'no data'), 1), 'pause');
  assert.equal(workerFailure(new HaulError('NETWORK', 'ECONNRESET'), 0), 'end');
  assert.equal(workerFailure(status(404), 2), 'fatal');
  assert.equal(workerFailure(status(403), 0), 'fatal');
});
