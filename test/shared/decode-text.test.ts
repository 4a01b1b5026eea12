import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeText } from '../../shared/decode-text.js';
import { parseUrlList } from '../../main/engine/parse-url-list.js';

const LIST = 'http://h/a.bin\r\nhttp://h/語.bin\r\n';

test('UTF-16 lists with a byte-order mark are decoded, both byte orders; UTF-8 with or without a BOM', () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LIST, 'utf16le')]);
  const be = Buffer.from(le);
  be.swap16();
  for (const bytes of [le, be, Buffer.from(`\uFEFF${LIST}`, 'utf8'), Buffer.from(LIST, 'utf8')]) {
    const parsed = parseUrlList(decodeText(bytes));
    assert.deepEqual(parsed.invalid, []);
    assert.deepEqual(
      parsed.entries.map((entry) => entry.url),
      ['http://h/a.bin', 'http://h/%E8%AA%9E.bin'],
    );
  }
});
