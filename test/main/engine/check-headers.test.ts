import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HaulError } from '../../../shared/errors.js';
import { checkHeaders } from '../../../main/engine/check-headers.js';

const refused = (headers: Record<string, string>, words: RegExp): void => {
  assert.throws(
    () => checkHeaders(headers),
    (error: unknown) => error instanceof HaulError && error.code === 'INVALID_OPTION' && words.test(error.message),
  );
};

test('headers are lower-cased and kept', () => {
  assert.deepEqual(checkHeaders({ Referer: 'https://example.com/', 'X-Token': 'a b' }), { referer: 'https://example.com/', 'x-token': 'a b' });
});

test('a bad name, a line break in a value and a header Haul manages are refused, saying which', () => {
  refused({ 'bad name': 'x' }, /invalid header name "bad name"/);
  refused({ 'x-a': 'one\r\nInjected: two' }, /invalid value for header "x-a"/);
  refused({ Range: 'bytes=0-' }, /header "Range" is managed by Haul/);
  refused({ 'Accept-Encoding': 'gzip' }, /managed by Haul/);
});
