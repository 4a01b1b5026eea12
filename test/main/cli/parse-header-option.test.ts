import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basicAuth, parseHeaderOption } from '../../../main/cli/parse-header-option.js';

test('--header "Name: value" → lower-case name and trimmed value; anything else is an error in words', () => {
  assert.deepEqual(parseHeaderOption('X-Token:  abc: def '), ['x-token', 'abc: def']);
  assert.throws(() => parseHeaderOption('nocolon'), /needs "Name: value"/);
  assert.throws(() => parseHeaderOption(': value'), /needs "Name: value"/);
  assert.throws(() => parseHeaderOption('Bad Name: v'), /not a header name/);
  assert.throws(() => parseHeaderOption(`X: ${'a'.repeat(9000)}`), /longer than 8192/);
  assert.equal(basicAuth('alice', 'pw:with:colons'), `Basic ${Buffer.from('alice:pw:with:colons').toString('base64')}`);
  assert.throws(() => basicAuth('a:b', 'x'), /cannot contain ":"/);
});
