import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openHaul } from '../../main/app/open-haul.js';

export interface AddFigures {
  readonly urls: number;
  readonly seconds: number;
  /** Longest the event loop went without running a 5 ms timer while the add ran. */
  readonly maxStallMs: number;
  readonly rssMb: number;
  readonly events: number;
}

/**
 * `add100k`: 100,000 URLs added through the contract (as `haul serve` and the desktop app add a
 * pasted list), everything paused so nothing downloads: how long the loop stalls and how big the
 * process gets. Targets (issue 14): no stall over 100 ms, RSS under 300 MB.
 */
export async function measureAdd(count = 100_000): Promise<AddFigures> {
  const root = await mkdtemp(join(tmpdir(), 'haul-add-bench-'));
  const haul = await openHaul(join(root, 'state'), { overrides: { downloadDir: join(root, 'dl'), maxConcurrent: 1 } });
  let events = 0;
  const off = haul.subscribe(() => {
    events++;
  });
  try {
    await haul.handlers.pauseAll({});
    const entries = Array.from({ length: count }, (_, index) => ({ url: `http://127.0.0.1:9/bench/f${index}.bin` }));
    let maxStallMs = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxStallMs = Math.max(maxStallMs, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    await haul.handlers.add({ entries });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(timer);
    return { urls: count, seconds, maxStallMs, rssMb: process.memoryUsage().rss / 1024 / 1024, events };
  } finally {
    off();
    await haul.close();
    await rm(root, { recursive: true, force: true });
  }
}

// Run alone (`node add-bench.js`), so the figures are this work's and not the benchmark's own heap.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await measureAdd())}\n`);
}
