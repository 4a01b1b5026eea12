import assert from 'node:assert/strict';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { Journal } from '../../../main/storage/journal.js';
import { tempDir } from '../../helpers/engine-fixture.js';

interface Item {
  readonly id: string;
  readonly n: number;
}
const parse = (value: unknown): Item | undefined =>
  typeof value === 'object' && value !== null && typeof (value as Item).id === 'string' && typeof (value as Item).n === 'number'
    ? (value as Item)
    : undefined;

test('puts and deletes survive a reopen', async () => {
  const dir = await tempDir();
  const journal = await Journal.open(dir, parse);
  journal.put({ id: 'a', n: 1 });
  journal.put({ id: 'b', n: 1 });
  journal.put({ id: 'a', n: 2 }, false);
  journal.delete('b');
  await journal.close();
  const again = await Journal.open(dir, parse);
  assert.deepEqual([...again.records.values()], [{ id: 'a', n: 2 }]);
  await again.close();
});

test('a torn last line (a crash mid-write) and a corrupted line are skipped, the rest kept', async () => {
  const dir = await tempDir();
  const journal = await Journal.open(dir, parse);
  journal.put({ id: 'a', n: 1 });
  journal.put({ id: 'b', n: 1 });
  await journal.close();
  const path = join(dir, 'journal.log');
  const lines = (await readFile(path, 'utf8')).split('\n');
  await writeFile(path, [lines[0], lines[1]?.replace('"n":1', '"n":9'), ''].join('\n'));
  await appendFile(path, '0badc0de {"op":"put","rec":{"id":"c","n":');
  const again = await Journal.open(dir, parse);
  assert.deepEqual([...again.records.values()], [{ id: 'a', n: 1 }], 'b failed its checksum, c was torn');
  again.put({ id: 'd', n: 1 });
  await again.close();
  const third = await Journal.open(dir, parse);
  assert.deepEqual([...third.records.keys()], ['a', 'd']);
  await third.close();
});

test('records that fail validation are ignored', async () => {
  const dir = await tempDir();
  const journal = await Journal.open(dir, (value: unknown) => (parse(value)?.n === 1 ? parse(value) : undefined));
  journal.put({ id: 'ok', n: 1 });
  journal.put({ id: 'bad', n: 2 });
  await journal.close();
  const again = await Journal.open(dir, (value: unknown) => (parse(value)?.n === 1 ? parse(value) : undefined));
  assert.deepEqual([...again.records.keys()], ['ok']);
  await again.close();
});

test('compaction keeps the log near its live size', async () => {
  const dir = await tempDir();
  const journal = await Journal.open(dir, parse);
  for (let i = 0; i < 40_000; i++) journal.put({ id: `k${i % 10}`, n: i }, false);
  await journal.flush();
  await journal.close();
  const size = (await readFile(join(dir, 'journal.log'))).length;
  assert.ok(size < 2 << 20, `log is ${size} bytes`);
  const again = await Journal.open(dir, parse);
  assert.equal(again.records.get('k9')?.n, 39_999);
  await again.close();
});
