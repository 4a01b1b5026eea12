import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideResponse, ifRangeValue } from '../../../main/engine/decide-response.js';

const fresh = { start: 0, knownTotal: undefined, etag: undefined, lastModified: undefined };
const resume = { start: 100, knownTotal: 1000, etag: '"v1"', lastModified: undefined };

test('200 to a fresh request: body from 0 with its validators', () => {
  const decision = decideResponse(fresh, { status: 200, headers: { 'content-length': '1000', etag: '"v1"' } });
  assert.deepEqual(decision, { kind: 'body', start: 0, total: 1000, etag: '"v1"', lastModified: undefined });
});

test('200 to a ranged request: start over from byte 0', () => {
  const decision = decideResponse(resume, { status: 200, headers: { 'content-length': '1000', etag: '"v2"' } });
  assert.ok(decision.kind === 'body');
  assert.equal(decision.start, 0);
});

test('206 with exactly the range asked for', () => {
  const decision = decideResponse(resume, { status: 206, headers: { 'content-range': 'bytes 100-999/1000', 'content-length': '900', etag: '"v1"' } });
  assert.deepEqual(decision, { kind: 'body', start: 100, total: 1000, etag: '"v1"', lastModified: undefined });
});

test('206 with a different start, end or total is rejected', () => {
  const wrongStart = decideResponse(resume, { status: 206, headers: { 'content-range': 'bytes 101-999/1000' } });
  assert.equal(wrongStart.kind === 'error' && wrongStart.error.code, 'RANGE_MISMATCH');
  const wrongEnd = decideResponse(resume, { status: 206, headers: { 'content-range': 'bytes 100-500/1000' } });
  assert.equal(wrongEnd.kind === 'error' && wrongEnd.error.code, 'RANGE_MISMATCH');
  const wrongTotal = decideResponse(resume, { status: 206, headers: { 'content-range': 'bytes 100-1999/2000' } });
  assert.equal(wrongTotal.kind, 'restart');
  const missing = decideResponse(resume, { status: 206, headers: {} });
  assert.equal(missing.kind === 'error' && missing.error.code, 'RANGE_MISMATCH');
  const badLength = decideResponse(resume, { status: 206, headers: { 'content-range': 'bytes 100-999/1000', 'content-length': '5' } });
  assert.equal(badLength.kind === 'error' && badLength.error.code, 'RANGE_MISMATCH');
});

test('206 carrying another ETag than ours: a new version, start over', () => {
  const decision = decideResponse(resume, { status: 206, headers: { 'content-range': 'bytes 100-999/1000', etag: '"v2"' } });
  assert.equal(decision.kind, 'restart');
});

test('416: done when its total equals the bytes held, otherwise start over', () => {
  const done = decideResponse({ ...resume, start: 1000 }, { status: 416, headers: { 'content-range': 'bytes */1000' } });
  assert.deepEqual(done, { kind: 'complete' });
  const other = decideResponse(resume, { status: 416, headers: { 'content-range': 'bytes */50' } });
  assert.equal(other.kind, 'restart');
});

test('errors carry the status and Retry-After', () => {
  const decision = decideResponse(fresh, { status: 503, statusMessage: 'Service Unavailable', headers: { 'retry-after': '4' } });
  assert.ok(decision.kind === 'error');
  assert.equal(decision.error.status, 503);
  assert.equal(decision.error.retryAfterMs, 4000);
  assert.equal(decision.error.message, 'HTTP 503 Service Unavailable');
});

test('If-Range uses a strong ETag, else Last-Modified, never a weak ETag', () => {
  assert.equal(ifRangeValue('"abc"', 'Thu, 01 Jan 2026 00:00:00 GMT'), '"abc"');
  assert.equal(ifRangeValue('W/"abc"', 'Thu, 01 Jan 2026 00:00:00 GMT'), 'Thu, 01 Jan 2026 00:00:00 GMT');
  assert.equal(ifRangeValue(undefined, undefined), undefined);
});

test('a bounded segment must come back exactly as asked', () => {
  const asked = { start: 1000, end: 2000, knownTotal: 5000, etag: '"v1"', lastModified: undefined };
  const good = decideResponse(asked, { status: 206, headers: { 'content-range': 'bytes 1000-1999/5000', etag: '"v1"' } });
  assert.deepEqual(good, { kind: 'body', start: 1000, total: 5000, etag: '"v1"', lastModified: undefined });
  const toTheEnd = decideResponse(asked, { status: 206, headers: { 'content-range': 'bytes 1000-4999/5000' } });
  assert.ok(toTheEnd.kind === 'error');
  assert.equal(toTheEnd.error.code, 'RANGE_MISMATCH');
});
