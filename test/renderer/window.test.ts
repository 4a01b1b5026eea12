import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { openHaul } from '../../main/app/open-haul.js';
import { startServe } from '../../main/serve/serve.js';
import { makeContent, sha256 } from '../helpers/content.js';
import { tempDir, until } from '../helpers/engine-fixture.js';
import { FaultServer } from '../helpers/fault-server.js';
import { browserSuite, grid, RENDERER, row, UI_TOKEN, type Ui, type UiOptions } from '../helpers/ui-fixture.js';

const TOKEN = UI_TOKEN;
const SHOTS = process.env.HAUL_SCREENSHOTS;
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const suite = browserSuite();
const { skipped } = suite;
/** This file's windows are 1280×800 unless a test asks for another size. */
const withUi = (fn: (ui: Ui) => Promise<void>, options: UiOptions = {}): Promise<void> =>
  suite.withUi(fn, { viewport: { width: 1280, height: 800 }, ...options });
const selectedCount = (page: Page): Promise<number> => grid(page).locator('[role=row][aria-selected=true]').count();

/** Serious and critical axe-core violations on the page as it is now (axe is injected past the CSP, as a tester's tool). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await readFile(AXE, 'utf8'));
  const result = await page.evaluate<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }>(
    `axe.run(document, { resultTypes: ['violations'] })`,
  );
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact ?? ''}): ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}

test('selection: click, Ctrl-click toggles, Shift-click selects a range, Ctrl+A all, Escape clears', async (t) => {
  if (skipped(t)) return;
  await withUi(async ({ page, haul, files }) => {
    await haul.handlers.add({ entries: Array.from({ length: 8 }, (_, index) => ({ url: files.url(`/missing-${index}.bin`) })) });
    await row(page, 'missing-7.bin')
      .getByText(/HTTP 404/)
      .waitFor({ timeout: 10_000 });
    await row(page, 'missing-1.bin').click();
    await row(page, 'missing-4.bin').click({ modifiers: ['Shift'] });
    assert.equal(await selectedCount(page), 4, 'rows 2 to 5');
    await row(page, 'missing-2.bin').click({ modifiers: ['Control'] });
    assert.equal(await selectedCount(page), 3, 'Ctrl-click takes one out');
    assert.equal(await row(page, 'missing-2.bin').getAttribute('aria-selected'), 'false');
    await page.getByRole('group', { name: '3 selected' }).waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await selectedCount(page), 0);
    await row(page, 'missing-0.bin').click();
    await page.keyboard.press('Control+a');
    assert.equal(await selectedCount(page), 8);
  });
});

test('arrow keys move the focus and keep the focused row in view in a long, virtualised list', async (t) => {
  if (skipped(t)) return;
  await withUi(
    async ({ page, haul, files }) => {
      await haul.handlers.add({
        entries: Array.from({ length: 300 }, (_, index) => ({ url: files.url(`/f-${String(index).padStart(3, '0')}.bin`) })),
      });
      await row(page, 'f-000.bin')
        .getByText(/HTTP 404/)
        .waitFor({ timeout: 20_000 });
      assert.ok((await grid(page).locator('[role=row][data-id]').count()) < 60, 'only the rows in view are in the DOM');
      // Rows enter the DOM in blocks ahead of the view: wherever the list is scrolled to, every line of it shows a row.
      for (const top of [1234, 5003, 9876, 0]) {
        await page.evaluate(`document.querySelector('.list-scroller').scrollTop = ${top}`);
        await until(
          () =>
            page.evaluate(`(() => {
              const box = document.querySelector('.list-scroller').getBoundingClientRect();
              for (let y = box.top + 1; y < box.bottom - 1; y += 9) {
                if (document.elementFromPoint(box.left + 200, y)?.closest('[role=row][data-id]') == null) return false;
              }
              return true;
            })()`),
          5000,
          `rows over the whole view at ${top}px`,
        );
        assert.ok((await grid(page).locator('[role=row][data-id]').count()) < 60, `few rows in the DOM at ${top}px`);
      }
      // A row's buttons show on hover, selection and focus; the others have none in the DOM.
      const retry = (name: string) => row(page, name).getByRole('button', { name: 'Retry', exact: true });
      assert.equal(await grid(page).getByRole('button', { name: 'Retry', exact: true }).count(), 0, 'no row shows its actions yet');
      await row(page, 'f-002.bin').hover();
      await retry('f-002.bin').waitFor();
      await row(page, 'f-004.bin').hover();
      await retry('f-004.bin').waitFor();
      await retry('f-002.bin').waitFor({ state: 'detached' });
      await row(page, 'f-000.bin').click();
      await page.keyboard.press('End');
      await row(page, 'f-299.bin').waitFor();
      await until(
        async () => (await page.evaluate('document.activeElement?.getAttribute("aria-label")')) === 'f-299.bin',
        5000,
        'focus on the last row',
      );
      const inView = async (name: string): Promise<boolean> => {
        const box = await row(page, name).boundingBox();
        const list = await page.locator('.list-scroller').boundingBox();
        return box !== null && list !== null && box.y >= list.y - 1 && box.y + box.height <= list.y + list.height + 1;
      };
      assert.ok(await inView('f-299.bin'), 'End shows the last row');
      await retry('f-299.bin').waitFor();
      for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowUp');
      await until(
        async () => (await page.evaluate('document.activeElement?.getAttribute("aria-label")')) === 'f-259.bin',
        5000,
        'focus forty rows up',
      );
      assert.ok(await inView('f-259.bin'));
      assert.equal(await row(page, 'f-259.bin').getAttribute('aria-selected'), 'true');
      await page.keyboard.press('Shift+ArrowDown');
      await page.keyboard.press('Shift+ArrowDown');
      // A row outside the rows the window holds is looked up in the engine first.
      await until(async () => (await selectedCount(page)) === 3, 5000, 'Shift+arrows grow the range');
    },
    { viewport: { width: 1280, height: 600 } },
  );
});

test('a 20,000-line add reaches the open window in batches, and the list stays usable', async (t) => {
  if (skipped(t)) return;
  await withUi(async ({ page, haul }) => {
    await haul.handlers.pauseAll({});
    await haul.handlers.add({ entries: Array.from({ length: 20_000 }, (_, index) => ({ url: `http://127.0.0.1:9/big/f${index}.bin` })) });
    // One store update per download copied the whole list each time: 20,000 of them took minutes.
    const all = page.getByRole('navigation', { name: 'Views' }).locator('li').first().locator('.count');
    await until(async () => (await all.textContent()) === '20000', 30_000, 'the All count shows every download');
    assert.equal(
      await grid(page).locator('[role=row][data-id]').first().getAttribute('aria-label'),
      'f0.bin',
      'listed in the order added, whatever changed first',
    );
    await row(page, 'f0.bin').click();
    await page.keyboard.press('End');
    await until(
      async () => (await page.evaluate('document.activeElement?.getAttribute("aria-label")')) === 'f19999.bin',
      5000,
      'focus on the last row',
    );
    assert.equal(await grid(page).getAttribute('aria-rowcount'), '20001');
  });
});

test('Refresh link gives a failed download a new address from the row menu; a different file is explained before it starts over', async (t) => {
  if (skipped(t)) return;
  await withUi(async ({ page, haul, files, dir }) => {
    const body = makeContent(300_000, 41);
    files.file('/mirror.bin', { body });
    await haul.handlers.add({ entries: [{ url: files.url('/expired.bin') }] });
    await row(page, 'expired.bin')
      .getByText(/HTTP 404/)
      .waitFor({ timeout: 10_000 });
    await row(page, 'expired.bin').click({ button: 'right' });
    await page.getByRole('menu', { name: 'Download actions' }).getByRole('menuitem', { name: 'Refresh link…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New link for expired.bin' });
    await dialog.getByLabel('New link').fill(files.url('/mirror.bin'));
    await dialog.getByRole('button', { name: 'Use this link' }).click();
    await row(page, 'mirror.bin').getByText('Completed').waitFor({ timeout: 10_000 });
    assert.equal(sha256(await readFile(join(dir, 'mirror.bin'))), sha256(body));
  });
});

test('sign-in after a 401 from the row menu, and the Add dialog’s advanced headers reach the server', async (t) => {
  if (skipped(t)) return;
  const body = makeContent(200_000, 43);
  const seen: http.IncomingHttpHeaders[] = [];
  const site = http.createServer((req, res) => {
    seen.push(req.headers);
    if (req.url === '/locked.bin' && req.headers.authorization !== `Basic ${Buffer.from('ann:open sesame').toString('base64')}`) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="t"' });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  try {
    await withUi(
      async ({ page, haul, dir }) => {
        await haul.handlers.add({ entries: [{ url: `${base}/locked.bin` }] });
        await row(page, 'locked.bin')
          .getByText(/needs a user name and password/)
          .waitFor({ timeout: 10_000 });
        await row(page, 'locked.bin').click({ button: 'right' });
        await page.getByRole('menuitem', { name: 'Sign in…' }).click();
        const dialog = page.getByRole('dialog', { name: /^Sign in to 127\.0\.0\.1/ });
        await dialog.getByLabel('User name').fill('ann');
        await dialog.getByLabel('Password').fill('wrong');
        await dialog.getByRole('button', { name: 'Sign in and retry' }).click();
        await page.getByText(/signing in did not work/).waitFor();
        await dialog.getByLabel('Password').fill('open sesame');
        await dialog.getByRole('button', { name: 'Sign in and retry' }).click();
        await row(page, 'locked.bin').getByText('Completed').waitFor({ timeout: 10_000 });
        assert.equal(sha256(await readFile(join(dir, 'locked.bin'))), sha256(body));
        assert.doesNotMatch(await page.content(), /open sesame|open%20sesame/, 'the password is shown nowhere');

        await page.getByRole('button', { name: 'Add downloads' }).click();
        const add = page.getByRole('dialog', { name: 'Add downloads' });
        await add.getByLabel('URLs').fill(`${base}/free.bin`);
        await add.getByText('Advanced: referer, user agent, cookies, headers').click();
        await add.getByLabel('Referer').fill('https://site.example/page');
        await add.getByLabel('More headers (one per line, Name: value)').fill('no colon');
        await add.locator('.advanced').getByText('Header line 1 needs the form "Name: value"').waitFor();
        assert.ok(await add.getByRole('button', { name: 'Add 1 download' }).isDisabled(), 'nothing is added with a bad header line');
        await add.getByLabel('More headers (one per line, Name: value)').fill('X-Extra: yes');
        await add.getByRole('button', { name: 'Add 1 download' }).click();
        await row(page, 'free.bin').getByText('Completed').waitFor({ timeout: 10_000 });
        const sent = seen.filter((headers) => headers['x-extra'] === 'yes');
        assert.ok(
          sent.length > 0 && sent.every((headers) => headers.referer === 'https://site.example/page'),
          'the download sent the advanced headers',
        );
      },
      { expectedRefusals: 1 },
    );
  } finally {
    site.closeAllConnections();
    await new Promise((resolve) => site.close(resolve));
  }
});

test('remove asks with counts and can delete the files; a dialog keeps the focus inside and gives it back', async (t) => {
  if (skipped(t)) return;
  await withUi(async ({ page, haul, files, dir }) => {
    for (const name of ['x.bin', 'y.bin', 'z.bin']) files.file(`/${name}`, { body: makeContent(10_000, name.charCodeAt(0)) });
    await haul.handlers.add({ entries: ['x.bin', 'y.bin', 'z.bin'].map((name) => ({ url: files.url(`/${name}`) })) });
    for (const name of ['x.bin', 'y.bin', 'z.bin']) await row(page, name).getByText('Completed').waitFor({ timeout: 10_000 });
    await row(page, 'x.bin').click();
    await row(page, 'y.bin').click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: 'Remove selected' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove 2 downloads?' });
    await confirm.waitFor();
    // Tab stays inside the dialog; Escape closes it and nothing is removed.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate('document.activeElement?.closest("dialog") !== null'), true, 'focus stays in the dialog');
    }
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    assert.equal(haul.engine.list().length, 3, 'Escape removes nothing');
    assert.equal(await page.evaluate('document.activeElement?.getAttribute("aria-label")'), 'Remove selected', 'focus is back where it was');
    await page.getByRole('button', { name: 'Remove selected' }).click();
    await confirm.getByLabel('Also delete their files from the disk').check();
    await confirm.getByRole('button', { name: 'Remove and delete files' }).click();
    await row(page, 'x.bin').waitFor({ state: 'detached' });
    await row(page, 'y.bin').waitFor({ state: 'detached' });
    await until(() => !existsSync(join(dir, 'x.bin')) && !existsSync(join(dir, 'y.bin')), 5000, 'files deleted');
    assert.ok(existsSync(join(dir, 'z.bin')));
  });
});

test('adding a URL that failed before restarts it instead of refusing it; lines that fail the check start unticked', async (t) => {
  if (skipped(t)) return;
  await withUi(async ({ page, haul, files, dir }) => {
    await haul.handlers.add({ entries: [{ url: files.url('/late.bin') }] });
    await row(page, 'late.bin')
      .getByText(/HTTP 404/)
      .waitFor({ timeout: 10_000 });
    const body = makeContent(50_000, 701);
    files.file('/late.bin', { body });
    await page.getByRole('button', { name: 'Add downloads' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add downloads' });
    await dialog.getByLabel('URLs').fill(`${files.url('/late.bin')}\n${files.url('/nothing-here.bin')}`);
    await dialog.getByRole('row').filter({ hasText: 'will start again' }).waitFor();
    await dialog.getByRole('row').filter({ hasText: 'HTTP 404' }).waitFor();
    assert.equal(await dialog.getByLabel('Add line 2').isChecked(), false, 'a line the probe found broken is unticked');
    await dialog.getByText(/1 failed the check/).waitFor();
    await dialog.getByLabel('Speed limit for these downloads').fill('fast');
    await dialog.getByText('The speed limit needs a number like 500K or 2M').waitFor();
    await dialog.getByLabel('Speed limit for these downloads').fill('2M');
    await dialog.getByRole('button', { name: 'Add 1 download' }).click();
    await row(page, 'late.bin').getByText('Completed').waitFor({ timeout: 10_000 });
    assert.equal(sha256(await readFile(join(dir, 'late.bin'))), sha256(body));
    assert.equal(haul.engine.list().length, 1, 'restarted, not added twice');
  });
});

test('losing haul serve shows a banner and freezes the numbers; it reconnects and refreshes the list', async (t) => {
  const browser = suite.browser();
  if (skipped(t) || browser === undefined) return;
  const root = await tempDir();
  const state = join(root, 'state');
  const files = await new FaultServer().listen();
  files.file('/first.bin', { body: makeContent(10_000, 702) });
  files.file('/second.bin', { body: makeContent(10_000, 703) });
  let haul = await openHaul(state, { overrides: { downloadDir: join(root, 'dl') } });
  let serving = await startServe({
    handlers: haul.handlers,
    subscribe: (send) => haul.subscribe(send),
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    staticDir: RENDERER,
  });
  const port = serving.port;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${serving.url}?token=${TOKEN}`);
    await haul.handlers.add({ entries: [{ url: files.url('/first.bin') }] });
    await row(page, 'first.bin').getByText('Completed').waitFor({ timeout: 10_000 });
    await serving.close();
    await haul.close();
    await page.getByRole('alert').getByText('Lost connection to Haul, reconnecting…').waitFor({ timeout: 15_000 });
    // While it was away, another download was added to the same state.
    haul = await openHaul(state);
    await haul.handlers.add({ entries: [{ url: files.url('/second.bin') }] });
    serving = await startServe({
      handlers: haul.handlers,
      subscribe: (send) => haul.subscribe(send),
      host: '127.0.0.1',
      port,
      token: TOKEN,
      staticDir: RENDERER,
    });
    await row(page, 'second.bin').waitFor({ timeout: 20_000 });
    await page.getByText('Lost connection to Haul, reconnecting…').waitFor({ state: 'detached' });
  } finally {
    await context.close();
    await serving.close();
    await haul.close();
    await files.close();
  }
});

test('no serious or critical accessibility violations: main window, details, Add and Settings, light and dark', async (t) => {
  if (skipped(t)) return;
  for (const theme of ['light', 'dark'] as const) {
    await withUi(
      async ({ page, haul, files }) => {
        files.file('/doc.pdf', { body: makeContent(20_000, 704) });
        files.file('/slow.iso', { body: makeContent(4_000_000, 705), pace: 500_000 });
        await haul.handlers.add({ entries: [{ url: files.url('/doc.pdf') }, { url: files.url('/slow.iso') }, { url: files.url('/gone.zip') }] });
        await row(page, 'doc.pdf').getByText('Completed').waitFor({ timeout: 10_000 });
        await row(page, 'gone.zip')
          .getByText(/HTTP 404/)
          .waitFor({ timeout: 10_000 });
        await row(page, 'gone.zip').click();
        await page.getByRole('complementary', { name: 'Details of gone.zip' }).waitFor();
        const found: string[] = [];
        found.push(...(await axeViolations(page)).map((v) => `main: ${v}`));
        await page.getByRole('button', { name: 'Add downloads' }).click();
        await page.getByLabel('URLs').fill(`${files.url('/doc.pdf')}\nnot a url`);
        await page.getByRole('dialog', { name: 'Add downloads' }).getByRole('row').first().waitFor();
        found.push(...(await axeViolations(page)).map((v) => `add: ${v}`));
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: 'Settings' }).click();
        await page.getByRole('dialog', { name: 'Settings' }).waitFor();
        found.push(...(await axeViolations(page)).map((v) => `settings: ${v}`));
        assert.deepEqual(found, [], `${theme}: ${found.join('\n')}`);
        t.diagnostic(`axe (${theme}): 0 serious or critical violations on the main window, details, Add and Settings`);
      },
      { theme },
    );
  }
});

test('screenshots at 800×600, 1280×800 and 1920×1080, light and dark', async (t) => {
  if (skipped(t)) return;
  const target = SHOTS ?? (await tempDir('haul-shots-'));
  await mkdir(target, { recursive: true });
  for (const theme of ['light', 'dark'] as const) {
    for (const [width, height] of [
      [800, 600],
      [1280, 800],
      [1920, 1080],
    ] as const) {
      await withUi(
        async ({ page, haul, files }) => {
          files.file('/ubuntu-26.04-desktop-amd64.iso', { body: makeContent(40_000_000, 711), pace: 1_000_000 });
          files.file('/dataset-2026-11.csv', { body: makeContent(3_000_000, 712) });
          files.file('/holiday-video.mkv', { body: makeContent(20_000_000, 713), pace: 600_000 });
          files.file('/flaky.bin', { body: makeContent(30_000_000, 714) }).faults.push({ kind: 'status', status: 503, retryAfter: '30' });
          files.file('/podcast-episode-42.mp3', { body: makeContent(2_000_000, 715) });
          await haul.handlers.add({
            entries: [
              '/ubuntu-26.04-desktop-amd64.iso',
              '/dataset-2026-11.csv',
              '/holiday-video.mkv',
              '/flaky.bin',
              '/missing.zip',
              '/podcast-episode-42.mp3',
            ].map((path) => ({ url: files.url(path) })),
          });
          await row(page, 'dataset-2026-11.csv').getByText('Completed').waitFor({ timeout: 10_000 });
          await row(page, 'missing.zip')
            .getByText(/HTTP 404/)
            .waitFor({ timeout: 10_000 });
          await row(page, 'flaky.bin')
            .getByText(/Retrying in/)
            .waitFor({ timeout: 10_000 });
          await row(page, 'ubuntu-26.04-desktop-amd64.iso').click();
          await page.waitForTimeout(1500);
          // The toolbar never wraps at 800 px or wider.
          const toolbar = await page.locator('.toolbar').boundingBox();
          assert.ok(toolbar !== null && toolbar.height < 50, `toolbar height ${toolbar?.height ?? 0} at ${width} px`);
          await page.screenshot({ path: join(target, `window-${width}x${height}-${theme}.png`) });
        },
        { theme, viewport: { width, height } },
      );
    }
  }
});

test('a list file picked while text is present is read by its own format (a CSV keeps its names)', async (t) => {
  if (skipped(t)) return;
  await withUi(async ({ page, files }) => {
    await page.getByRole('button', { name: 'Add downloads' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add downloads' });
    await dialog.getByLabel('URLs').fill(files.url('/typed.bin'));
    const csv = `url,name\n${files.url('/raw-name.bin')},Renamed.iso\n`;
    await dialog.getByLabel('Open a list file').setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await dialog.getByRole('row').filter({ hasText: 'Renamed.iso' }).waitFor();
    await dialog.getByRole('row').filter({ hasText: 'typed.bin' }).waitFor();
  });
});

test('pausing a download the server cannot resume warns first, and the row says so before; first launch and dropped files explain themselves', async (t) => {
  if (skipped(t)) return;
  await withUi(async ({ page, haul, files }) => {
    // First launch: a drop zone with a way to add and a paste hint.
    await page.getByRole('heading', { name: 'No downloads yet' }).waitFor();
    await page.getByRole('button', { name: 'Add links' }).waitFor();
    await page.getByText(/paste links anywhere/).waitFor();
    // A file that is not a list is not silently dropped.
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.items.add(new File(['%PDF'], 'notes.pdf', { type: 'application/pdf' }));
      for (const type of ['dragenter', 'dragover', 'drop']) window.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    })()`);
    await page
      .getByRole('alert')
      .getByText(/notes\.pdf was not added: only links and lists of links/)
      .waitFor();
    files.file('/stream.bin', { body: makeContent(4_000_000, 721), ranges: false, pace: 400_000 });
    await haul.handlers.add({ entries: [{ url: files.url('/stream.bin') }] });
    await row(page, 'stream.bin').getByText("can't resume").waitFor({ timeout: 10_000 });
    await row(page, 'stream.bin').click();
    await page
      .getByRole('complementary', { name: 'Details of stream.bin' })
      .getByText(/a pause starts over/)
      .waitFor();
    // Before its first bytes a pause loses nothing and is not asked about: wait until the window shows some.
    await until(
      async () => Number((await row(page, 'stream.bin').getByRole('progressbar').getAttribute('aria-valuenow')) ?? 0) >= 1,
      10_000,
      'bytes shown',
    );
    const warning = page.getByRole('dialog', { name: "Pause 1 download that can't resume?" });
    const pause = row(page, 'stream.bin').getByRole('button', { name: 'Pause', exact: true });
    await pause.click();
    await warning.getByRole('button', { name: 'Cancel' }).click();
    await warning.waitFor({ state: 'detached' });
    assert.notEqual(haul.engine.list()[0]?.status, 'paused', 'Cancel keeps it running');
    await pause.click();
    await warning.getByRole('button', { name: 'Pause anyway' }).click();
    await row(page, 'stream.bin').getByText('Paused').waitFor();
  });
});
