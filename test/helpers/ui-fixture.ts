import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { openHaul, type Haul } from '../../main/app/open-haul.js';
import { startServe, type Serving } from '../../main/serve/serve.js';
import { launchChromium } from './browser.js';
import { tempDir } from './engine-fixture.js';
import { FaultServer } from './fault-server.js';

export const RENDERER = fileURLToPath(new URL('../../renderer/', import.meta.url));
export const UI_TOKEN = 'browser-test-token-0123456789abcdef';

export interface Ui {
  readonly page: Page;
  readonly haul: Haul;
  readonly files: FaultServer;
  readonly dir: string;
  readonly serving: Serving;
}

export interface UiOptions {
  readonly theme?: 'light' | 'dark';
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Script run in the page before its own (the desktop bridge a test stands in for). */
  readonly initScript?: string;
  /** How many refused API calls the test provokes on purpose (the browser logs each as a failed resource). */
  readonly expectedRefusals?: number;
}

export interface BrowserSuite {
  readonly browser: () => Browser | undefined;
  /** Says why and skips when no browser could be started here. */
  readonly skipped: (t: { skip: (message: string) => void }) => boolean;
  /** A real haul serve with the built UI, a fault server, and a fresh page, all torn down after; no error may reach the page. */
  readonly withUi: (fn: (ui: Ui) => Promise<void>, options?: UiOptions) => Promise<void>;
}

/** Debian's Chromium for one test file: started before its tests, closed after them. */
export function browserSuite(): BrowserSuite {
  let browser: Browser | undefined;
  let skip: string | false = false;
  before(async () => {
    if (!existsSync(join(RENDERER, 'index.html'))) {
      skip = 'the renderer is not built (npm run build)';
      return;
    }
    const launched = await launchChromium();
    if (typeof launched === 'string') skip = launched;
    else browser = launched;
    if (skip !== false) console.log(`# skipping browser tests: ${skip}`);
  });
  after(async () => {
    await browser?.close();
  });
  return {
    browser: () => browser,
    skipped(t) {
      if (browser !== undefined) return false;
      t.skip(skip === false ? 'no browser' : skip);
      return true;
    },
    async withUi(fn, options = {}) {
      if (browser === undefined) return;
      const root = await tempDir();
      const dir = join(root, 'downloads');
      const haul = await openHaul(join(root, 'state'), { overrides: { downloadDir: dir, connections: 1, theme: options.theme ?? 'light' } });
      const serving = await startServe({
        handlers: haul.handlers,
        subscribe: (send) => haul.subscribe(send),
        host: '127.0.0.1',
        port: 0,
        token: UI_TOKEN,
        staticDir: RENDERER,
      });
      const files = await new FaultServer().listen();
      const context = await browser.newContext({ viewport: options.viewport ?? { width: 1100, height: 700 } });
      if (options.initScript !== undefined) await context.addInitScript(options.initScript);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      try {
        await page.goto(`${serving.url}?token=${UI_TOKEN}`);
        await page.getByRole('button', { name: 'Add downloads' }).waitFor();
        await fn({ page, haul, files, dir, serving });
        const refusals = errors.filter((error) => error.includes('status of 400'));
        assert.equal(refusals.length, options.expectedRefusals ?? 0, 'only the refused calls the test meant');
        assert.deepEqual(
          errors.filter((error) => !error.includes('status of 400')),
          [],
          'no errors in the page (CSP violations included)',
        );
      } finally {
        await context.close();
        await files.close();
        await serving.close();
        await haul.close();
      }
    },
  };
}

export const grid = (page: Page) => page.getByRole('grid', { name: 'Downloads' });
export const row = (page: Page, name: string) => grid(page).getByRole('row', { name, exact: true });
