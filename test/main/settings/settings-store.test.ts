import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultSettings, SettingsStore } from '../../../main/settings/settings-store.js';
import { tempDir } from '../../helpers/engine-fixture.js';

test('settings persist across opens', async () => {
  const dir = await tempDir();
  const store = await SettingsStore.open(dir);
  assert.deepEqual(store.settings, defaultSettings());
  await store.update({ globalLimit: 2048, theme: 'dark', connections: 4 });
  const again = await SettingsStore.open(dir);
  assert.equal(again.settings.globalLimit, 2048);
  assert.equal(again.settings.theme, 'dark');
  assert.equal(again.settings.connections, 4);
  assert.deepEqual(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')), again.settings);
});

test('a damaged or hand-edited file keeps its good fields and drops the bad ones', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'settings.json'), JSON.stringify({ maxConcurrent: 9, theme: 'neon', retries: 'many', unknown: 1 }));
  const store = await SettingsStore.open(dir);
  assert.equal(store.settings.maxConcurrent, 9);
  assert.equal(store.settings.theme, defaultSettings().theme);
  assert.equal(store.settings.retries, defaultSettings().retries);
  await writeFile(join(dir, 'settings.json'), '{ not json');
  assert.deepEqual((await SettingsStore.open(dir)).settings, defaultSettings());
});
