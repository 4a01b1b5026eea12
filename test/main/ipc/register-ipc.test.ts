import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { IpcMainInvokeEvent } from 'electron';
import { openHaul } from '../../../main/app/open-haul.js';
import { COMMAND_CHANNEL, EVENT_CHANNEL } from '../../../main/contract/channels.js';
import type { EventMessage } from '../../../shared/contract.js';
import { type IpcReply, registerIpc } from '../../../main/ipc/register-ipc.js';
import { APP_URL } from '../../../main/desktop/renderer-files.js';
import { tempDir, until } from '../../helpers/engine-fixture.js';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcReply>;

/** Electron's ipcMain and a window, as far as the wiring uses them: a mock for the thin shell only. */
function fakeElectron() {
  const handlers = new Map<string, Handler>();
  const sent: [string, EventMessage][] = [];
  return {
    handlers,
    sent,
    ipcMain: {
      handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
      removeHandler: (channel: string) => handlers.delete(channel),
    },
    webContents: { id: 7, isDestroyed: () => false, send: (channel: string, message: EventMessage) => sent.push([channel, message]) },
  };
}

const RENDERER = APP_URL;
const from = (id: number, url: string): IpcMainInvokeEvent => ({ sender: { id }, senderFrame: { url } }) as unknown as IpcMainInvokeEvent;

test('IPC answers only the app window on the app page, checks every payload, and forwards events', async () => {
  const root = await tempDir();
  const haul = await openHaul(join(root, 'state'), { overrides: { downloadDir: join(root, 'downloads') } });
  const fake = fakeElectron();
  const unregister = registerIpc({ ipcMain: fake.ipcMain, webContents: fake.webContents, rendererUrl: RENDERER }, haul.handlers, (send) =>
    haul.subscribe(send),
  );
  try {
    const invoke = fake.handlers.get(COMMAND_CHANNEL);
    assert.ok(invoke !== undefined, 'one handler on the command channel');
    const good = await invoke(from(7, `${RENDERER}index.html`), 'snapshot', {});
    assert.equal(good.ok, true);
    assert.deepEqual(await invoke(from(8, `${RENDERER}index.html`), 'snapshot', {}), { ok: false, error: 'refused: not the app window' });
    assert.deepEqual(await invoke(from(7, 'https://evil.example/'), 'snapshot', {}), { ok: false, error: 'refused: not the app window' });
    assert.deepEqual(
      await invoke(from(7, 'file:///tmp/dropped.html'), 'snapshot', {}),
      { ok: false, error: 'refused: not the app window' },
      'a local file is not the app',
    );
    assert.deepEqual(await invoke(from(7, 'app://haul.evil/index.html'), 'snapshot', {}), { ok: false, error: 'refused: not the app window' });
    const unknown = await invoke(from(7, `${RENDERER}index.html`), 'openShell', {});
    assert.ok(!unknown.ok);
    assert.match(unknown.error, /unknown command/);
    const malformed = await invoke(from(7, `${RENDERER}index.html`), 'remove', { ids: ['x'], deleteFile: 'yes' });
    assert.match(malformed.ok ? '' : malformed.error, /invalid remove arguments at deleteFile/);
    const notAName = await invoke(from(7, `${RENDERER}index.html`), 42, {});
    assert.equal(notAName.ok, false);
    const added = await invoke(from(7, `${RENDERER}index.html`), 'add', {
      entries: [{ url: 'http://127.0.0.1:9/never' }, { url: 'javascript:alert(1)' }],
    });
    assert.ok(added.ok);
    const result = added.result as { added: unknown[]; rejected: { url: string }[] };
    assert.equal(result.added.length, 1);
    assert.deepEqual(
      result.rejected.map((rejected) => rejected.url),
      ['javascript:alert(1)'],
    );
    await until(
      () => fake.sent.some(([channel, message]) => channel === EVENT_CHANNEL && message.type === 'states'),
      5000,
      'state events reach the window',
    );
  } finally {
    unregister();
    await haul.close();
  }
  assert.equal(fake.handlers.size, 0, 'unregistered');
});
