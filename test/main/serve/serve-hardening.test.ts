import assert from 'node:assert/strict';
import { mkdir, readdir, symlink } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DownloadSnapshot } from '../../../shared/download-snapshot.js';
import { makeContent } from '../../helpers/content.js';
import { tempDir, waitForStatus } from '../../helpers/engine-fixture.js';
import { withServer } from '../../helpers/fault-server.js';
import { withServe } from '../../helpers/serve-fixture.js';

interface AddResult {
  result: { added: DownloadSnapshot[]; rejected: { url: string; reason: string }[] };
}

test('haul serve writes only below its download folder: other folders, "..", symlinks out and a new downloadDir are refused', () =>
  withServer(async (server) => {
    server.file('/c.bin', { body: makeContent(1000, 451) });
    const outside = await tempDir();
    await withServe(
      async ({ call, dir, haul }) => {
        await mkdir(dir, { recursive: true });
        await symlink(outside, join(dir, 'escape'));
        const url = server.url('/c.bin');
        const refused = await call('add', { entries: [{ url }], dir: '/etc' });
        assert.equal(refused.status, 403);
        assert.match(((await refused.json()) as { error: string }).error, /outside the folders this Haul may write to/);
        const entries = (await (
          await call('add', {
            entries: [
              { url, dir: '../../elsewhere' },
              { url, dir: 'escape/ssh' },
              { url, dir: join(outside, 'x') },
              { url, dir: 'sub/ok' },
            ],
          })
        ).json()) as AddResult;
        assert.equal(entries.result.rejected.length, 3, JSON.stringify(entries.result.rejected));
        assert.equal(entries.result.added.length, 1);
        const [added] = entries.result.added;
        assert.ok(added !== undefined);
        assert.equal((await waitForStatus(haul.engine, added.id, ['completed', 'failed'])).status, 'completed');
        assert.deepEqual(await readdir(join(dir, 'sub', 'ok')), ['c.bin']);
        assert.deepEqual(await readdir(outside), [], 'nothing was written outside');
        const moved = await call('setSettings', { settings: { downloadDir: '/etc' } });
        assert.equal(moved.status, 403);
        assert.notEqual(haul.settings().downloadDir, '/etc');
      },
      { confine: { extraRoots: [] } },
    );
  }));

test('--allow-dir adds a root callers may write below', () =>
  withServer(async (server) => {
    server.file('/a.bin', { body: makeContent(1000, 452) });
    const extra = await tempDir();
    await withServe(
      async ({ call, haul }) => {
        const response = (await (await call('add', { entries: [{ url: server.url('/a.bin') }], dir: join(extra, 'deeper') })).json()) as AddResult;
        const [added] = response.result.added;
        assert.ok(added !== undefined, JSON.stringify(response));
        assert.equal((await waitForStatus(haul.engine, added.id, ['completed', 'failed'])).status, 'completed');
        assert.deepEqual(await readdir(join(extra, 'deeper')), ['a.bin']);
      },
      { confine: { extraRoots: [extra] } },
    );
  }));

test('slow bodies are cut off: a body dripped a byte at a time is closed at the request timeout, and one client cannot hold more than its share', () =>
  withServe(
    async ({ serving }) => {
      const open = (): Promise<net.Socket> =>
        new Promise((resolve, reject) => {
          const socket = net.connect(serving.port, '127.0.0.1', () => {
            resolve(socket);
          });
          socket.on('error', reject);
        });
      const closed = (socket: net.Socket): Promise<void> =>
        new Promise((resolve) => {
          if (socket.destroyed) resolve();
          socket.once('close', () => {
            resolve();
          });
        });
      // Fewer than the per-client cap: these are closed by the request timeout, not the cap.
      const sockets = await Promise.all(Array.from({ length: 6 }, open));
      const drips: NodeJS.Timeout[] = [];
      for (const socket of sockets) {
        socket.on('error', () => undefined);
        socket.write(
          `POST /api/snapshot HTTP/1.1\r\nHost: 127.0.0.1:${serving.port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`,
        );
        drips.push(setInterval(() => socket.write('{'), 200));
      }
      const started = Date.now();
      await Promise.all(sockets.map(closed));
      for (const drip of drips) clearInterval(drip);
      const took = Date.now() - started;
      assert.ok(took >= 1500 && took < 6000, `every dripping request was closed by the 2 s request timeout, after ${took} ms`);
      // The per-client cap: past it, a new connection is closed at once.
      const held = await Promise.all(Array.from({ length: 8 }, open));
      const extra = await open();
      await closed(extra);
      for (const socket of held) socket.destroy();
    },
    { limits: { headersMs: 1000, requestMs: 2000, idleMs: 5000, perClient: 8 } },
  ));
