import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseUrlList } from '../../main/engine/parse-url-list.js';
import { toAria2Lines } from '../../shared/to-aria2-lines.js';

test('a CSV picked while text is present keeps its names and folders: its entries are appended as aria2 lines', () => {
  const csv = parseUrlList(`url,name,dir,sha256\nhttp://h/a.iso,A.iso,isos,${'a'.repeat(64)}\nhttp://h/b.iso,,,\n`);
  const combined = parseUrlList(`http://h/typed.bin\n${toAria2Lines(csv.entries)}`);
  assert.deepEqual(combined.invalid, []);
  assert.deepEqual(
    combined.entries.map((entry) => [entry.url, entry.name, entry.dir, entry.checksum?.hex.length]),
    [
      ['http://h/typed.bin', undefined, undefined, undefined],
      ['http://h/a.iso', 'A.iso', 'isos', 64],
      ['http://h/b.iso', undefined, undefined, undefined],
    ],
  );
});
