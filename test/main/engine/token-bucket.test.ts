import assert from 'node:assert/strict';
import { test } from 'node:test';
import { throttle, TokenBucket } from '../../../main/engine/token-bucket.js';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

test('debt is paid at the configured rate, starting with no free burst', () => {
  const c = clock();
  const bucket = new TokenBucket(1000, { now: c.now, burstSeconds: 0 });
  bucket.reserve(500);
  assert.equal(bucket.waitMs(), 500);
  c.advance(250);
  assert.equal(bucket.waitMs(), 250);
  c.advance(250);
  assert.equal(bucket.waitMs(), 0);
});

test('a new bucket holds its burst and no more, as one idle for a while does', () => {
  const c = clock();
  const fresh = new TokenBucket(1000, { now: c.now, burstSeconds: 0.05 });
  fresh.reserve(50);
  assert.equal(fresh.waitMs(), 0);
  fresh.reserve(500);
  assert.equal(fresh.waitMs(), 500);
  // A limit set on an unlimited bucket starts the same way.
  const limited = new TokenBucket(0, { now: c.now, burstSeconds: 0.05 });
  c.advance(60_000);
  limited.setRate(1000);
  limited.reserve(550);
  assert.equal(limited.waitMs(), 500);
});

test('idle time builds at most a small burst', () => {
  const c = clock();
  const bucket = new TokenBucket(1000, { now: c.now, burstSeconds: 0.05 });
  c.advance(60_000);
  bucket.reserve(1050);
  assert.equal(Math.round(bucket.waitMs()), 1000);
});

test('rate 0 is unlimited and a live change applies to the debt already owed', () => {
  const c = clock();
  const bucket = new TokenBucket(0, { now: c.now, burstSeconds: 0 });
  bucket.reserve(1e9);
  assert.equal(bucket.waitMs(), 0);
  bucket.setRate(100);
  bucket.reserve(1000);
  assert.equal(bucket.waitMs(), 10_000);
  bucket.setRate(1000);
  assert.equal(bucket.waitMs(), 1000);
  bucket.setRate(0);
  assert.equal(bucket.waitMs(), 0);
});

test('composed buckets wait for the slower one, not the sum', async () => {
  const global = new TokenBucket(400_000, { burstSeconds: 0 });
  const own = new TokenBucket(100_000, { burstSeconds: 0 });
  const started = performance.now();
  await throttle([global, own], 20_000);
  const elapsed = performance.now() - started;
  assert.ok(elapsed >= 195 && elapsed < 400, `took ${elapsed} ms, expected ~200`);
});

test('an abort ends the wait early', async () => {
  const controller = new AbortController();
  const started = performance.now();
  setTimeout(() => {
    controller.abort();
  }, 30);
  await throttle([new TokenBucket(1000)], 100_000, controller.signal);
  assert.ok(performance.now() - started < 1000);
});
