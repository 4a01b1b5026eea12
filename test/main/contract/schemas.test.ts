import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCommand } from '../../../main/contract/schemas.js';

test('well-formed commands pass, typed', () => {
  const add = parseCommand('add', { entries: [{ url: 'https://e.com/a', headers: { 'X-A': '1' } }], connections: 'auto' });
  assert.ok(add.ok);
  assert.equal(add.command.name, 'add');
  assert.ok(parseCommand('pause', { ids: ['a', 'b'] }).ok);
  assert.ok(parseCommand('remove', { ids: ['a'], deleteFile: true }).ok);
  assert.ok(parseCommand('setSettings', { settings: { globalLimit: 1024, theme: 'dark' } }).ok);
  assert.ok(parseCommand('snapshot', {}).ok);
});

test('unknown commands, unknown keys, wrong types and injection attempts are refused with the reason', () => {
  const cases: [string, unknown, RegExp][] = [
    ['launchMissiles', {}, /unknown command "launchMissiles"/],
    ['__proto__', {}, /unknown command/],
    ['pause', { ids: [] }, /invalid pause arguments at ids/],
    ['pause', { ids: ['a'], extra: 1 }, /invalid pause arguments/],
    ['pause', null, /invalid pause arguments/],
    ['remove', { ids: ['a'] }, /at deleteFile/],
    ['add', { entries: [{ url: 'https://e.com/', headers: { 'X-A': 'a\r\nSet-Cookie: x' } }] }, /line breaks/],
    ['add', { entries: [{ url: 'https://e.com/', headers: { 'Bad Name': 'x' } }] }, /at entries.0.headers.Bad Name: Invalid key/],
    ['add', { entries: [] }, /at entries/],
    ['add', { entries: [{ url: 'https://e.com/' }], connections: 0 }, /at connections/],
    ['setSettings', { settings: { maxConcurrent: -1 } }, /at settings.maxConcurrent/],
    ['setSettings', { settings: { theme: 'neon' } }, /at settings.theme/],
    ['setSettings', { settings: { downloadDir: 'x', evil: true } }, /invalid setSettings arguments/],
  ];
  for (const [name, args, reason] of cases) {
    const parsed = parseCommand(name, args);
    assert.ok(!parsed.ok, `${name} ${JSON.stringify(args)} should be refused`);
    assert.match(parsed.error, reason);
  }
});
