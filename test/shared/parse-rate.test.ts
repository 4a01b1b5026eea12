import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseChecksum } from '../../shared/checksum.js';
import { parseContentRange } from '../../main/engine/parse-content-range.js';
import { parseRate } from '../../shared/parse-rate.js';
import { parseDownloadUrl } from '../../main/engine/parse-url.js';

test('rates use powers of 1024', () => {
  assert.equal(parseRate('500K'), 512_000);
  assert.equal(parseRate('16M'), 16 * 1024 * 1024);
  assert.equal(parseRate('1.5M'), 1_572_864);
  assert.equal(parseRate('2g'), 2 * 1024 ** 3);
  assert.equal(parseRate('1000'), 1000);
  assert.equal(parseRate('0'), 0);
  for (const bad of ['', 'fast', '-1M', '16X', '1e9']) assert.throws(() => parseRate(bad), /invalid rate/, bad);
});

test('checksums name their algorithm and have the right length', () => {
  assert.deepEqual(parseChecksum(`sha-256=${'A'.repeat(64)}`), { algorithm: 'sha-256', hex: 'a'.repeat(64) });
  assert.deepEqual(parseChecksum(`sha1:${'0'.repeat(40)}`), { algorithm: 'sha-1', hex: '0'.repeat(40) });
  assert.deepEqual(parseChecksum(`md5=${'f'.repeat(32)}`), { algorithm: 'md5', hex: 'f'.repeat(32) });
  assert.throws(() => parseChecksum(`sha-256=${'a'.repeat(63)}`), /64 hex digits/);
  assert.throws(() => parseChecksum('crc32=abcd'), /ALGO=HEX/);
});

test('Content-Range forms', () => {
  assert.deepEqual(parseContentRange('bytes 0-499/1234'), { start: 0, end: 499, total: 1234 });
  assert.deepEqual(parseContentRange('bytes 0-499/*'), { start: 0, end: 499, total: undefined });
  assert.deepEqual(parseContentRange('bytes */1234'), { start: undefined, end: undefined, total: 1234 });
  assert.equal(parseContentRange('bytes 500-499/1234'), undefined);
  assert.equal(parseContentRange('bytes 0-1234/1234'), undefined);
  assert.equal(parseContentRange('items 0-1/2'), undefined);
});

test('only http and https URLs get in', () => {
  assert.equal(parseDownloadUrl(' https://e.com/a#frag ').href, 'https://e.com/a');
  for (const bad of ['ftp://e.com/a', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/plain,x']) {
    assert.throws(() => parseDownloadUrl(bad), /unsupported protocol/, bad);
  }
  assert.throws(() => parseDownloadUrl('not a url'), /not a valid URL/);
});
