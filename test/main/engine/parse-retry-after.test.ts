import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRetryAfter } from '../../../main/engine/parse-retry-after.js';

test('delta-seconds and HTTP-dates', () => {
  const now = Date.UTC(2026, 10, 22, 12, 0, 0);
  assert.equal(parseRetryAfter('120', now), 120_000);
  assert.equal(parseRetryAfter(' 0 ', now), 0);
  assert.equal(parseRetryAfter('Sun, 22 Nov 2026 12:00:30 GMT', now), 30_000);
  assert.equal(parseRetryAfter('Sun, 22 Nov 2026 11:00:00 GMT', now), 0, 'a date in the past means now');
});

test('absent or malformed values give undefined', () => {
  for (const value of [undefined, '', '-5', '1.5', 'soon', '12abc']) assert.equal(parseRetryAfter(value, 0), undefined, String(value));
});
