import assert from 'node:assert/strict';
import { test } from 'node:test';
import { patchRecord } from '../../../main/engine/patch-record.js';

interface Row {
  readonly id: string;
  readonly status: string;
  readonly name?: string;
  readonly error?: string;
  readonly total?: number;
}

test('a patch overwrites in place, adds new keys after the record’s, and clears the keys it sets to undefined', () => {
  const record: Row = { id: 'a', status: 'queued', error: 'was', total: 5 };
  const next = patchRecord(record, { total: 7, name: 'n.bin', error: undefined });
  assert.deepEqual(next, { id: 'a', status: 'queued', total: 7, name: 'n.bin' });
  assert.deepEqual(Object.keys(next), ['id', 'status', 'total', 'name'], 'the order of { ...record, ...patch }');
  assert.ok(!('error' in next), 'no key is kept with undefined');
  assert.deepEqual(record, { id: 'a', status: 'queued', error: 'was', total: 5 }, 'the record itself is untouched');
});

test('an empty patch copies the record, dropping undefined values it may hold; a new key set to undefined is not added', () => {
  const record: Row = { id: 'b', status: 'paused', name: undefined };
  const copy = patchRecord(record, {});
  assert.notEqual(copy, record);
  assert.deepEqual(Object.keys(copy), ['id', 'status']);
  assert.deepEqual(Object.keys(patchRecord(record, { error: undefined })), ['id', 'status']);
});
