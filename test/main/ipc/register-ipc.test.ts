import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { openHaul } from '../../../main/app/open-haul.js';
import { COMMAND_CHANNEL, EVENT_CHANNEL, SUBSCRIBE_CHANNEL } from '../../../main/contract/channels.js';
import type { EventMessage } from '../../../shared/contract.js';
import { type IpcReply, registerIpc } from '../../../main/ipc/register-ipc.js';
import { APP_URL } from '../../../main/desktop/renderer-files.js';
import { tempDir, until } from '../../helpers/engine-fixture.js';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcReply>;
type Listener = (event: IpcMainEvent, ...args: unknown[]) => void;

/** Electron's ipcMain and a window, as far as the wiring uses them: a mock for the thin shell only. */
function fakeElectron() {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Listener>();
  const sent: [string, EventMessage][] = [];
  return {
    handlers,
    listeners,
    sent,
    ipcMain: {
      handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
      removeHandler: (channel: string) => handlers.delete(channel),
      on: (channel: string, listener: Listener) => listeners.set(channel, listener),
      removeListener: (channel: string) => listeners.delete(channel),
    },
    webContents: { id: 7, isDestroyed: () => false, send: (channel: string, message: EventMessage) => sent.push([channel, message]) },
  };
}

const RENDERER = APP_URL;
const from = (id: number, url: string): IpcMainInvokeEvent => ({ sender: { id }, senderFrame: { url } }) as unknown as IpcMainInvokeEvent;

/** A real engine behind registerIpc, with the fake ipcMain and window. */
async function wired() {
  const root = await tempDir();
  const haul = await openHaul(join(root, 'state'), { overrides: { downloadDir: join(root, 'downloads') } });
  const fake = fakeElectron();
  const unregister = registerIpc({ ipcMain: fake.ipcMain, webContents: fake.webContents, rendererUrl: RENDERER }, haul.handlers, (send) =>
    haul.subscribe(send),
  );
  return { haul, fake, unregister };
}

test('IPC answers only the app window on the app page, checks every payload, and forwards events', async () => {
  const { haul, fake, unregister } = await wired();
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
  assert.equal(fake.handlers.size + fake.listeners.size, 0, 'unregistered');
});

test('the window asks for its events: a large snapshot comes in pages on the event channel, live changes after it; others are not answered', async () => {
  const { haul, fake, unregister } = await wired();
  try {
    const count = 4500;
    await haul.handlers.add({ entries: Array.from({ length: count }, (_, index) => ({ url: `http://127.0.0.1:9/file-${index}` })) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const subscribeFrom = fake.listeners.get(SUBSCRIBE_CHANNEL);
    assert.ok(subscribeFrom !== undefined);
    fake.sent.length = 0;
    subscribeFrom(from(8, `${RENDERER}index.html`) as unknown as IpcMainEvent);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(!fake.sent.some(([, message]) => message.type === 'snapshot'), 'another sender gets no snapshot');
    subscribeFrom(from(7, `${RENDERER}index.html`) as unknown as IpcMainEvent);
    const seen = new Set<string>();
    let firstPage = 0;
    await until(
      () => {
        for (const [, message] of fake.sent.splice(0)) {
          if (message.type === 'snapshot') {
            firstPage = message.payload.downloads.length;
            for (const download of message.payload.downloads) seen.add(download.id);
          }
          if (message.type === 'states') for (const download of message.payload) seen.add(download.id);
        }
        return seen.size === count;
      },
      10_000,
      'every download reaches the window',
    );
    assert.equal(firstPage, 2000, 'the snapshot message holds one page, not every download');
    // The window pages the list itself: it asks for the snapshot without rows, and gets settings only.
    fake.sent.length = 0;
    subscribeFrom(from(7, `${RENDERER}index.html`) as unknown as IpcMainEvent, { rows: false });
    await until(() => fake.sent.some(([, message]) => message.type === 'snapshot'), 5000, 'a snapshot');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const rowless = fake.sent.map(([, message]) => message);
    const first = rowless[0];
    assert.ok(first?.type === 'snapshot', 'the snapshot comes first');
    assert.deepEqual(first.payload.downloads, []);
    assert.equal(first.payload.settings.maxConcurrent, haul.settings().maxConcurrent);
    assert.ok(!rowless.some((message) => message.type === 'states'), 'no pages follow');
    // Changes come as `changed`: which download, in what state; not its record.
    fake.sent.length = 0;
    const some = haul.engine.list()[0]?.id ?? '';
    await haul.handlers.cancel({ ids: [some] });
    const changed = (): unknown[] => fake.sent.flatMap(([, message]) => (message.type === 'changed' ? message.payload : []));
    await until(() => changed().some((item) => (item as { id: string }).id === some), 5000, 'the change');
    assert.ok(!fake.sent.some(([, message]) => message.type === 'states'), 'no records');
    assert.deepEqual(
      changed().find((item) => (item as { id: string }).id === some),
      { id: some, status: 'cancelled', unresumable: false },
    );
  } finally {
    unregister();
    await haul.close();
  }
});
