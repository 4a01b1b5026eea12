import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseFileName } from '../../../main/engine/choose-file-name.js';
import { parseDownloadUrl } from '../../../main/engine/parse-url.js';
import { parseUrlList } from '../../../main/engine/parse-url-list.js';
import { sanitizeFileName } from '../../../main/engine/sanitize-file-name.js';
import { truncateUtf8 } from '../../../main/storage/truncate-utf8.js';

/**
 * Each input here took a quadratic algorithm seconds to minutes (a 65k-character name 58 s, a 1 MB
 * list line over 120 s). The bounds are generous for a slow machine and far below what n² costs.
 */
function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = fn();
  return { value, ms: performance.now() - started };
}

test('a 65,536-character file name is cut to 255 bytes in one pass, keeping the extension and whole characters', () => {
  for (const char of ['a', 'é', '語', '😀']) {
    const { value, ms } = timed(() => sanitizeFileName(`${char.repeat(65_536)}.iso`));
    assert.ok(ms < 200, `${ms.toFixed(0)} ms for "${char}"`);
    assert.ok(Buffer.byteLength(value) <= 255);
    assert.ok(value.endsWith('.iso'));
    assert.ok(!value.includes('\uFFFD'));
  }
  assert.equal(truncateUtf8('😀😀😀.txt', 13), '😀😀.txt');
});

test('a server naming its file with 15,000 characters in Content-Disposition costs microseconds, not seconds', () => {
  const { value, ms } = timed(() => chooseFileName({ url: 'http://h/x', contentDisposition: `attachment; filename="${'n'.repeat(15_000)}.bin"` }));
  assert.ok(ms < 100, `${ms.toFixed(0)} ms`);
  assert.ok(value.endsWith('.bin') && Buffer.byteLength(value) <= 255);
  const star = timed(() => chooseFileName({ url: 'http://h/x', contentDisposition: `attachment; filename*=UTF-8''${'%E8%AA%9E'.repeat(1700)}.bin` }));
  assert.ok(star.ms < 100, `${star.ms.toFixed(0)} ms`);
});

test('a 1 MB URL in a list is an error for its line, and the rest of the list still parses, in linear time', () => {
  const huge = `http://h/${'a'.repeat(1024 * 1024)}`;
  const { value, ms } = timed(() => parseUrlList(`http://h/one.bin\n${huge}\nhttp://h/two.bin\n`));
  assert.ok(ms < 500, `${ms.toFixed(0)} ms`);
  assert.deepEqual(
    value.entries.map((entry) => entry.url),
    ['http://h/one.bin', 'http://h/two.bin'],
  );
  const [problem] = value.invalid;
  assert.ok(problem !== undefined);
  assert.equal(problem.line, 2);
  assert.match(problem.reason, /line longer than 64 KiB/);
  assert.throws(() => parseDownloadUrl(`http://h/${'a'.repeat(70_000)}`), /URL longer than 64 KiB/);
});

test('lines built to make a backtracking scanner crawl parse in linear time', () => {
  const cases = [
    'a.'.repeat(30_000),
    `http://h/x${')'.repeat(60_000)}`,
    `http://h/x${'.'.repeat(60_000)}`,
    '://'.repeat(20_000),
    `${'a'.repeat(60_000)}://`,
  ];
  for (const line of cases) {
    const { ms } = timed(() => parseUrlList(line));
    assert.ok(ms < 300, `${ms.toFixed(0)} ms for ${line.slice(0, 12)}…`);
  }
  assert.deepEqual(
    parseUrlList(`see (http://h/a_(1)). and http://h/b.`).entries.map((entry) => entry.url),
    ['http://h/a_(1)', 'http://h/b'],
  );
});
