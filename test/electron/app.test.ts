import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
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

/** Clicks a tray menu item in the running app's main process (a tray has no DOM to click). */
async function clickTray(app: ElectronApplication, label: string): Promise<void> {
  await app.evaluate((_electron, wanted) => {
    const shell = (globalThis as unknown as { haulDesktopShell?: { trayMenu: readonly { label?: string; click?: () => void }[] } }).haulDesktopShell;
    const item = shell?.trayMenu.find((entry) => entry.label === wanted);
    if (item?.click === undefined) throw new Error(`no tray item ${wanted}`);
    item.click();
  }, label);
}

test('the desktop app: a list with a bad line, pause and resume, a second launch forwarded, tray actions', async (t) => {
  const binary = electronBinary();
  if (binary === undefined) {
    const reason = 'no Electron binary; `npm start` fetches it where the network allows';
    console.log(`# skipping the Electron test: ${reason}`);
    t.skip(reason);
    return;
  }
  await withServer(async (server) => {
    const file = server.file('/app.bin', { body: makeContent(3_000_000, 701), pace: 1_500_000 });
    server.file('/second.bin', { body: makeContent(2000, 702) });
    const profile = await tempDir('haul-electron-');
    const env = { ...process.env, HAUL_USER_DATA: profile };
    const app = await electron.launch({ executablePath: binary, args: [ROOT], env });
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
      await clickTray(app, 'Resume All');
      await row.getByText('Downloading').waitFor();
      await clickTray(app, 'Pause All');
      await row.getByText('Paused').waitFor();
      await row.getByRole('button', { name: 'Resume' }).click();
      await row.getByText('Completed').waitFor({ timeout: 20_000 });
      const downloads = await app.evaluate(({ app: electronApp }) => electronApp.getPath('downloads'));
      assert.equal(sha256(await readFile(join(downloads, 'app.bin'))), sha256(file.body));

      // A second launch with a URL: it starts no engine, exits, and the first instance previews the URL.
      const second = spawn(binary, [ROOT, server.url('/second.bin'), 'not-a-list.pdf'], { env, stdio: 'ignore' });
      const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
      assert.equal(code, 0, 'the second instance quits at once');
      const dialog = page.getByRole('dialog', { name: 'Add downloads' });
      await dialog.getByRole('row').filter({ hasText: 'second.bin' }).first().waitFor({ timeout: 10_000 });
      assert.equal(await dialog.getByLabel('URLs').inputValue(), server.url('/second.bin'));
      await page
        .getByRole('alert')
        .getByText(/not-a-list\.pdf/)
        .waitFor();
    } finally {
      // Closing goes to the tray; the quit question has nothing to ask once all is finished or paused.
      await app.evaluate(({ app: electronApp }) => {
        electronApp.quit();
      });
      await app.close();
    }
  });
});
