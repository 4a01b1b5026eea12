import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from 'playwright-core';
import { makeContent, sha256 } from '../helpers/content.js';
import { tempDir } from '../helpers/engine-fixture.js';
import { withServer } from '../helpers/fault-server.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The Electron binary, when this machine has one (it cannot be downloaded everywhere). */
function electronBinary(): string | undefined {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

test('the desktop app: add a list with a bad line, download, pause and resume', async (t) => {
  const binary = electronBinary();
  if (binary === undefined) {
    const reason = 'no Electron binary on this machine (npm could not download it); run where it can';
    console.log(`# skipping the Electron test: ${reason}`);
    t.skip(reason);
    return;
  }
  await withServer(async (server) => {
    const file = server.file('/app.bin', { body: makeContent(3_000_000, 701), pace: 1_500_000 });
    const profile = await tempDir('haul-electron-');
    const app = await electron.launch({ executablePath: binary, args: [ROOT], env: { ...process.env, HAUL_USER_DATA: profile } });
    try {
      const page = await app.firstWindow();
      await page.getByRole('button', { name: 'Add downloads' }).click();
      await page.getByLabel('URLs').fill(`${server.url('/app.bin')}\nnot a url`);
      await page.getByRole('row').filter({ hasText: 'no URL found' }).waitFor();
      await page.getByRole('button', { name: 'Add 1 download' }).click();
      const row = page.getByRole('listitem', { name: 'app.bin' });
      await row.getByText('Downloading').waitFor();
      await row.getByRole('button', { name: 'Pause' }).click();
      await row.getByText('Paused').waitFor();
      await row.getByRole('button', { name: 'Resume' }).click();
      await row.getByText('Completed').waitFor({ timeout: 20_000 });
      const downloads = await app.evaluate(({ app: electronApp }) => electronApp.getPath('downloads'));
      assert.equal(sha256(await readFile(join(downloads, 'app.bin'))), sha256(file.body));
    } finally {
      await app.close();
    }
  });
});
