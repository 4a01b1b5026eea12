import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { openHaul } from '../../main/app/open-haul.js';
import { startServe } from '../../main/serve/serve.js';
import { launchChromium } from '../helpers/browser.js';
import { makeContent } from '../helpers/content.js';
import { tempDir, until } from '../helpers/engine-fixture.js';
import { FaultServer } from '../helpers/fault-server.js';

const RENDERER = fileURLToPath(new URL('../../renderer/', import.meta.url));
const TOKEN = 'bench-token-0123456789abcdefghij';

export interface UiFigures {
  readonly rows: number;
  readonly active: number;
  readonly frameP50: number;
  readonly frameP95: number;
  readonly frameMax: number;
  /** Frames that came a display period or more late (an interval over 1.5 periods): what a user sees as a stutter. */
  readonly late: number;
  readonly frames: number;
  /** Main-thread work per frame: from the frame's callbacks to the end of its rendering. */
  readonly workP95: number;
  readonly batchesPerSecond: number;
  readonly domRows: number;
  /** Whether the page was cross-origin isolated: its clock then reads to 5 µs, otherwise to 100 µs with jitter, too coarse to tell 16.7 ms from 16.8. */
  readonly isolated: boolean;
}

/**
 * 10,000 downloads in the real UI against the real engine, 100 of them moving: frame times while
 * the list scrolls, and how many progress batches per second reach the page.
 */
export async function measureUi(rows = 10_000, active = 100, seconds = 5): Promise<UiFigures | string> {
  const browser = await launchChromium();
  if (typeof browser === 'string') return browser;
  const root = await tempDir('haul-ui-bench-');
  const files = await new FaultServer().listen();
  const body = makeContent(50_000_000, 1);
  for (let i = 0; i < rows; i++) files.file(`/file-${i}.bin`, { body, pace: 50_000 });
  const haul = await openHaul(join(root, 'state'), { overrides: { downloadDir: join(root, 'downloads'), maxConcurrent: active, connections: 1 } });
  haul.engine.setLimits({ maxPerHost: active });
  const serving = await startServe({
    handlers: haul.handlers,
    subscribe: (send) => haul.subscribe(send),
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    staticDir: RENDERER,
  });
  try {
    await haul.handlers.add({ entries: Array.from({ length: rows }, (_, i) => ({ url: files.url(`/file-${i}.bin`) })) });
    await until(() => haul.engine.list().filter((download) => download.status === 'downloading').length >= active, 60_000, `${active} active`);
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    await page.goto(`${serving.url}?token=${TOKEN}`);
    await page.locator('[role=row][data-id]').first().waitFor({ timeout: 30_000 });
    const result: {
      p50: number;
      p95: number;
      max: number;
      late: number;
      frames: number;
      work: number;
      batches: number;
      dom: number;
      isolated: boolean;
    } = await page.evaluate(`new Promise((resolve) => {
      const frames = [];
      const work = [];
      const channel = new MessageChannel();
      let frameStart = 0;
      channel.port1.onmessage = () => { work.push(performance.now() - frameStart); };
      let batches = 0;
      // As the app listens (?rows=0): without it the bench's own stream carried all 10,000 rows, 3 MB the page parsed while measured.
      const source = new EventSource('/api/events?rows=0&token=${TOKEN}');
      source.addEventListener('progress', () => { batches++; });
      const scroller = document.querySelector('.list-scroller');
      const started = performance.now();
      let last = started;
      const tick = (now) => {
        frames.push(now - last);
        last = now;
        frameStart = performance.now();
        channel.port2.postMessage(0);
        scroller.scrollTop += 37;
        if (now - started < ${seconds * 1000}) requestAnimationFrame(tick);
        else {
          source.close();
          frames.sort((a, b) => a - b);
          work.sort((a, b) => a - b);
          const at = (list, q) => list[Math.min(list.length - 1, Math.floor(q * list.length))];
          const period = at(frames, 0.5);
          resolve({ p50: period, p95: at(frames, 0.95), max: frames[frames.length - 1], late: frames.filter((frame) => frame > period * 1.5).length, frames: frames.length, work: at(work, 0.95), batches: batches / ((now - started) / 1000), dom: document.querySelectorAll('[role=row][data-id]').length, isolated: crossOriginIsolated });
        }
      };
      requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick); });
    })`);
    return {
      rows,
      active,
      frameP50: result.p50,
      frameP95: result.p95,
      frameMax: result.max,
      late: result.late,
      frames: result.frames,
      workP95: result.work,
      batchesPerSecond: result.batches,
      domRows: result.dom,
      isolated: result.isolated,
    };
  } finally {
    await browser.close();
    await serving.close();
    await haul.close();
    await files.close();
  }
}
