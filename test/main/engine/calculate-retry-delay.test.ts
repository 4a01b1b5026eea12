import assert from 'node:assert/strict';
import { test } from 'node:test';
import { calculateRetryDelay, DEFAULT_RETRY_POLICY } from '../../../main/engine/calculate-retry-delay.js';
import { HaulError, isRetryable, toHaulError } from '../../../shared/errors.js';

const policy = { ...DEFAULT_RETRY_POLICY, attempts: 8, baseDelayMs: 1000, maxDelayMs: 60_000 };
const status = (code: number, retryAfterMs?: number): HaulError =>
  new HaulError('HTTP_STATUS', `HTTP ${code}`, { status: code, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });

test('backoff ceilings double from 1 s and cap at 60 s (full jitter: random × ceiling)', () => {
  const ceilings = [1, 2, 3, 4, 5, 6, 7].map((attempt) => calculateRetryDelay(attempt, status(503), { ...policy, attempts: 100 }, () => 0.999999));
  assert.deepEqual(
    ceilings.map((ms) => Math.round((ms ?? 0) / 1000)),
    [1, 2, 4, 8, 16, 32, 60],
  );
  assert.equal(
    calculateRetryDelay(20, status(503), { ...policy, attempts: 100 }, () => 0.999999),
    59_999,
  );
  assert.equal(
    calculateRetryDelay(3, status(503), policy, () => 0),
    0,
  );
  assert.equal(
    calculateRetryDelay(3, status(503), policy, () => 0.5),
    2000,
  );
});

test('gives up after the configured number of attempts', () => {
  assert.notEqual(
    calculateRetryDelay(7, status(500), policy, () => 0.5),
    undefined,
  );
  assert.equal(
    calculateRetryDelay(8, status(500), policy, () => 0.5),
    undefined,
  );
  assert.equal(
    calculateRetryDelay(1, status(500), { ...policy, attempts: 1 }, () => 0.5),
    undefined,
  );
});

test('Retry-After wins over backoff and is capped', () => {
  assert.equal(
    calculateRetryDelay(1, status(429, 7000), policy, () => 0.5),
    7000,
  );
  assert.equal(
    calculateRetryDelay(1, status(503, 3_600_000), policy, () => 0.5),
    policy.maxRetryAfterMs,
  );
});

test('retries network errors, stalls, short bodies and 408/425/429/5xx; never 4xx client errors', () => {
  for (const code of [408, 425, 429, 500, 502, 503, 504]) assert.equal(isRetryable(status(code)), true, `HTTP ${code}`);
  for (const code of [400, 401, 403, 404, 405, 410, 451, 501]) {
    assert.equal(isRetryable(status(code)), false, `HTTP ${code}`);
    assert.equal(calculateRetryDelay(1, status(code), policy), undefined);
  }
  for (const code of ['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN']) {
    const error = toHaulError(Object.assign(new Error(code), { code }));
    assert.equal(error.code, 'NETWORK', code);
    assert.equal(isRetryable(error), true, code);
  }
  assert.equal(isRetryable(new HaulError('STALLED', 'no data')), true);
  assert.equal(isRetryable(new HaulError('LENGTH_MISMATCH', 'short')), true);
  assert.equal(isRetryable(new HaulError('CHECKSUM_MISMATCH', 'bad')), false);
  assert.equal(toHaulError(Object.assign(new Error('x'), { code: 'ENOSPC' })).code, 'NO_SPACE');
  assert.equal(toHaulError(Object.assign(new Error('x'), { code: 'EACCES' })).code, 'ACCESS_DENIED');
  assert.equal(isRetryable(toHaulError(Object.assign(new Error('x'), { code: 'ENOSPC' }))), false);
});

test('a network code buried in a cause chain is still found', () => {
  const inner = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
  const outer = new Error('request failed', { cause: inner });
  assert.equal(toHaulError(outer).code, 'NETWORK');
});

test("an unknown host: one quick retry, then give up, with the host in people's words", () => {
  const resolverError = Object.assign(new Error('getaddrinfo ENOTFOUND example.com'), {
    code: 'ENOTFOUND',
    syscall: 'getaddrinfo',
    hostname: 'example.com',
  });
  const error = toHaulError(Object.assign(new Error('wrapped'), { code: 'ERR_GOT_REQUEST_ERROR', cause: resolverError }));
  assert.equal(error.code, 'HOST_NOT_FOUND');
  assert.equal(error.message, "couldn't find host example.com");
  const first = calculateRetryDelay(1, error, policy, () => 0.999);
  assert.ok(first !== undefined && first < 500, `a quick retry, not backoff: ${first ?? 'none'}`);
  assert.equal(
    calculateRetryDelay(2, error, policy, () => 0.5),
    undefined,
  );
});

test("file-system errors name the path in people's words", () => {
  const fsError = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: x`), { code, path: '/data/x.part' });
  assert.equal(toHaulError(fsError('EROFS')).message, 'the folder is on a read-only file system (/data/x.part)');
  assert.equal(toHaulError(fsError('ENOSPC')).code, 'NO_SPACE');
  assert.match(toHaulError(fsError('ELOOP')).message, /symbolic link/);
  assert.equal(toHaulError(fsError('EACCES')).message, 'permission denied (/data/x.part)');
});
