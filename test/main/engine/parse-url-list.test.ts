import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseUrlList } from '../../../main/engine/parse-url-list.js';

test('plain text: comments, blanks, junk around URLs, duplicates collapsed, bad lines reported', () => {
  const list = parseUrlList(
    [
      '# my downloads',
      '',
      'https://example.com/a.iso',
      '  <https://example.com/b.iso>,  ',
      '- "https://example.com/c.iso"',
      'see [the file](https://example.com/d_(1).iso).',
      'https://example.com/a.iso',
      'ftp://example.com/e.iso',
      'www.example.com/f.iso',
      'just some words',
      'query https://example.com/q?a=(1).',
    ].join('\r\n'),
  );
  assert.equal(list.format, 'text');
  assert.deepEqual(
    list.entries.map((entry) => [entry.line, entry.url]),
    [
      [3, 'https://example.com/a.iso'],
      [4, 'https://example.com/b.iso'],
      [5, 'https://example.com/c.iso'],
      [6, 'https://example.com/d_(1).iso'],
      [11, 'https://example.com/q?a=(1)'],
    ],
  );
  assert.deepEqual(list.duplicates, [{ line: 7, url: 'https://example.com/a.iso', firstLine: 3 }]);
  const invalid = new Map(list.invalid.map((problem) => [problem.line, problem.reason]));
  assert.match(invalid.get(8) ?? '', /unsupported protocol "ftp:"/);
  assert.match(invalid.get(9) ?? '', /add http:\/\/ or https:\/\//);
  assert.match(invalid.get(10) ?? '', /no URL found/);
});

test('text/uri-list', () => {
  const list = parseUrlList('# urn:comment\r\nhttp://example.com/one\r\nhttp://example.com/two\r\n');
  assert.deepEqual(
    list.entries.map((entry) => entry.url),
    ['http://example.com/one', 'http://example.com/two'],
  );
  assert.deepEqual(list.invalid, []);
});

test('aria2 input files: TAB mirrors and indented options', () => {
  const list = parseUrlList(
    [
      'https://a.example/f.iso\thttps://b.example/f.iso',
      '  out=renamed.iso',
      '  dir=isos',
      '  checksum=sha-256=' + 'ab'.repeat(32),
      '  header=Authorization: Bearer x',
      '  header=X-Trace: 1',
      '  max-connection-per-server=4',
      'https://a.example/g.iso',
      '  checksum=md5=xyz',
      '  header=broken',
      '  out=',
    ].join('\n'),
  );
  assert.equal(list.format, 'aria2');
  const [first, second] = list.entries;
  assert.ok(first !== undefined && second !== undefined);
  assert.equal(first.url, 'https://a.example/f.iso');
  assert.deepEqual(first.mirrors, ['https://b.example/f.iso']);
  assert.equal(first.name, 'renamed.iso');
  assert.equal(first.dir, 'isos');
  assert.deepEqual(first.checksum, { algorithm: 'sha-256', hex: 'ab'.repeat(32) });
  assert.deepEqual(first.headers, { Authorization: 'Bearer x', 'X-Trace': '1' });
  assert.equal(second.url, 'https://a.example/g.iso');
  assert.deepEqual(
    list.invalid.map((problem) => problem.line),
    [9, 10, 11],
  );
});

test('an option line with no URL line above it is reported', () => {
  const list = parseUrlList('  out=x.bin\nhttps://e.com/a\n');
  assert.deepEqual(
    list.invalid.map((problem) => [problem.line, problem.reason]),
    [[1, 'option line without a URL line above it']],
  );
  assert.equal(list.entries.length, 1);
});

test('CSV with a header row, quoted fields and a bad row', () => {
  const list = parseUrlList(
    [
      'url,name,dir,sha256',
      'https://e.com/a.bin,a.bin,,',
      '"https://e.com/b,c.bin","b, c.bin",sub,' + 'cd'.repeat(32),
      'notaurl,x,,',
      'https://e.com/d.bin,,,tooshort',
      '',
    ].join('\n'),
  );
  assert.equal(list.format, 'csv');
  assert.deepEqual(
    list.entries.map((entry) => [entry.line, entry.url, entry.name, entry.dir, entry.checksum?.hex]),
    [
      [2, 'https://e.com/a.bin', 'a.bin', undefined, undefined],
      [3, 'https://e.com/b,c.bin', 'b, c.bin', 'sub', 'cd'.repeat(32)],
    ],
  );
  assert.deepEqual(
    list.invalid.map((problem) => problem.line),
    [4, 5],
  );
});

test('never throws on binary junk', () => {
  const list = parseUrlList('\u0000\u0001\uFFFF https://ok.example/x \u0000');
  assert.deepEqual(
    list.entries.map((entry) => entry.url),
    ['https://ok.example/x'],
  );
});
