import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type EngineOptions } from '../../main/engine/engine.js';
import type { DownloadSnapshot } from '../../shared/download-snapshot.js';
import type { DownloadStatus } from '../../shared/download-status.js';

export async function tempDir(prefix = 'haul-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export interface EngineFixture {
  readonly engine: Engine;
  readonly dir: string;
  readonly stateDir: string;
  /** Closes the engine and opens a new one on the same journal, like an app restart. */
  reopen(options?: Partial<EngineOptions>): Promise<Engine>;
}

/** A fresh engine on fresh folders, closed and deleted afterwards whatever happens. */
export async function withEngine<T>(options: Partial<EngineOptions>, fn: (fixture: EngineFixture) => Promise<T>): Promise<T> {
  const root = await tempDir();
  const dir = join(root, 'downloads');
  const stateDir = join(root, 'state');
  // One connection unless a test asks for more: most tests pin down the exact requests of one stream.
  const base: EngineOptions = { stateDir, connections: 1, retry: { baseDelayMs: 50, maxDelayMs: 400 }, stallTimeoutMs: 5000, ...options };
  let engine = await Engine.open(base);
  const fixture = {
    get engine() {
      return engine;
    },
    dir,
    stateDir,
    async reopen(more: Partial<EngineOptions> = {}) {
      await engine.close();
      engine = await Engine.open({ ...base, ...more });
      return engine;
    },
  };
  try {
    return await fn(fixture);
  } finally {
    await engine.close();
    await rm(root, { recursive: true, force: true });
  }
}

/** Resolves with the snapshot once download `id` reaches `status`; rejects after `timeoutMs`. */
export function waitForStatus(
  engine: Engine,
  id: string,
  status: DownloadStatus | readonly DownloadStatus[],
  timeoutMs = 20_000,
): Promise<DownloadSnapshot> {
  const wanted = typeof status === 'string' ? [status] : status;
  return new Promise((resolve, reject) => {
    const current = engine.get(id);
    if (current !== undefined && wanted.includes(current.status)) {
      resolve(current);
      return;
    }
    const timer = setTimeout(() => {
      off();
      reject(
        new Error(
          `timed out waiting for ${wanted.join('|')}; status is ${engine.get(id)?.status ?? 'gone'} (${engine.get(id)?.error?.message ?? ''})`,
        ),
      );
    }, timeoutMs);
    const off = engine.on('state', (download) => {
      if (download.id === id && wanted.includes(download.status)) {
        clearTimeout(timer);
        off();
        resolve(download);
      }
    });
  });
}

/** Resolves once download `id` has at least `bytes` bytes. */
export async function waitForBytes(engine: Engine, id: string, bytes: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((engine.get(id)?.bytes ?? 0) < bytes) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${bytes} bytes; have ${engine.get(id)?.bytes ?? 0}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
