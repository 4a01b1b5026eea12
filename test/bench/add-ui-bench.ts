import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { openHaul } from '../../main/app/open-haul.js';
import { startServe } from '../../main/serve/serve.js';
import { launchChromium } from '../helpers/browser.js';
import { tempDir } from '../helpers/engine-fixture.js';

const RENDERER = fileURLToPath(new URL('../../renderer/', import.meta.url));
const TOKEN = 'bench-token-0123456789abcdefghij';

export interface AddUiFigures {
  readonly urls: number;
  /** From the add's request until the sidebar's All count shows every URL. */
  readonly seconds: number;
  /** The page's longest task (PerformanceObserver longtask) while the add, sent by another client, arrived. */
  readonly longestTaskMs: number;
  /** The page's JS heap once everything has arrived, after a collection. */
  readonly heapMb: number;
  readonly messages: number;
  readonly streamMb: number;
}

/**
 * `add100kui`: the web UI open on haul serve while 100,000 URLs are added (as a pasted list is):
 * how long until the page shows them all, the page's longest task, its heap, and what the event
 * stream carried.
 */
export async function measureAddInUi(count = 100_000): Promise<AddUiFigures | string> {
  const browser = await launchChromium();
  if (typeof browser === 'string') return browser;
  const root = await tempDir('haul-add-ui-bench-');
  const haul = await openHaul(join(root, 'state'), { overrides: { downloadDir: join(root, 'downloads'), maxConcurrent: 1 } });
  const serving = await startServe({
    handlers: haul.handlers,
    subscribe: (send) => haul.subscribe(send),
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    staticDir: RENDERER,
  });
  try {
    await haul.handlers.pauseAll({});
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    await page.goto(`${serving.url}?token=${TOKEN}`);
    await page.getByRole('button', { name: 'Add links' }).first().waitFor({ timeout: 30_000 });
    // The page watches; the add is sent from here, as another client would send it: handing a browser a
    // 4.6 MB request body is that request's own cost, and it fell inside the watched window once the
    // page's own tasks were short enough to leave it the longest.
    await page.evaluate(`void (window.__haulBench = new Promise((resolve, reject) => {
      let longest = 0;
      new PerformanceObserver((list) => { for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration); }).observe({ type: 'longtask' });
      let messages = 0;
      let bytes = 0;
      const source = new EventSource('/api/events?rows=0&token=${TOKEN}');
      for (const type of ['states', 'changed', 'snapshot', 'progress', 'removed']) source.addEventListener(type, (event) => { messages++; bytes += event.data.length; });
      const started = performance.now();
      const check = () => {
        const all = document.querySelector('nav.sidebar li .count');
        if (all !== null && all.textContent === '${count}') {
          const seconds = (performance.now() - started) / 1000;
          setTimeout(() => { source.close(); resolve({ seconds, longest, messages, bytes }); }, 500);
        } else if (performance.now() - started > 120000) reject(new Error('the page never showed every URL: ' + (all && all.textContent)));
        else setTimeout(check, 20);
      };
      check();
    }))`);
    const body = JSON.stringify({ entries: Array.from({ length: count }, (_, i) => ({ url: `http://127.0.0.1:9/bench/f${i}.bin` })) });
    const added = await fetch(`${serving.url}api/add`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body,
    });
    if (!added.ok) throw new Error(`the add was refused: HTTP ${added.status}`);
    const result = await page.evaluate<{ seconds: number; longest: number; messages: number; bytes: number }>('window.__haulBench');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return {
      urls: count,
      seconds: result.seconds,
      longestTaskMs: result.longest,
      heapMb: usedSize / 1024 / 1024,
      messages: result.messages,
      streamMb: result.bytes / 1024 / 1024,
    };
  } finally {
    await browser.close();
    await serving.close();
    await haul.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await measureAddInUi(Number(process.argv[2] ?? 100_000)))}\n`);
}
