import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linkDifferences } from '../../../main/engine/link-differences.js';

test('the same size, and the same validators where both sides send them, is the same file', () => {
  assert.deepEqual(linkDifferences({ total: 10, etag: '"a"' }, { url: 'u', resumable: true, size: 10 }), []);
  assert.deepEqual(linkDifferences({ total: 10, etag: '"a"' }, { url: 'u', resumable: true, size: 10, etag: '"a"' }), []);
  assert.deepEqual(linkDifferences({}, { url: 'u', resumable: true, size: 99 }), [], 'nothing known yet: nothing to differ from');
});

test('each difference is named in words', () => {
  assert.deepEqual(
    linkDifferences(
      { total: 10, etag: '"a"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' },
      { url: 'u', resumable: true, size: 12, etag: '"b"', lastModified: 'Tue, 02 Jan 2024 00:00:00 GMT' },
    ),
    ['12 bytes, not 10', 'another ETag', 'another Last-Modified date'],
  );
  assert.deepEqual(linkDifferences({ total: 10 }, { url: 'u', resumable: false }), ['an unknown size, not 10']);
});
