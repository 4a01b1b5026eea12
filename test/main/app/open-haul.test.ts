import assert from 'node:assert/strict';
import { STATE_BATCH_MS } from '../../../main/app/state-batcher.js';
import { join } from 'node:path';
import { test } from 'node:test';
import { openHaul } from '../../../main/app/open-haul.js';
import { makeContent } from '../../helpers/content.js';
import { tempDir, until } from '../../helpers/engine-fixture.js';
import { withServer } from '../../helpers/fault-server.js';

test('defaults apply only where nothing was saved; overrides are saved over it', async () => {
  const state = join(await tempDir(), 'state');
  const first = await openHaul(state, { defaults: { downloadDir: '/from/default' } });
  assert.equal((await first.handlers.snapshot({})).settings.downloadDir, '/from/default');
  await first.handlers.setSettings({ settings: { downloadDir: '/chosen/by/user' } });
  await first.close();
  const second = await openHaul(state, { defaults: { downloadDir: '/from/default' } });
  assert.equal((await second.handlers.snapshot({})).settings.downloadDir, '/chosen/by/user', 'a restart keeps the user’s folder');
  await second.close();
  const third = await openHaul(state, { overrides: { downloadDir: '/asked/now' } });
  assert.equal((await third.handlers.snapshot({})).settings.downloadDir, '/asked/now');
  await third.close();
});

test('open and show in folder: desktop only, finished downloads only, the path from the engine', () =>
  withServer(async (server) => {
    server.file('/done.bin', { body: makeContent(1000, 801) });
    server.file('/slow.bin', { body: makeContent(2_000_000, 802), pace: 500_000 });
    server.file('/setup.exe', { body: makeContent(1000, 803) });
    const root = await tempDir();
    const opened: string[] = [];
    const shown: string[] = [];
    const desktop = {
      openPath: (path: string) => {
        opened.push(path);
        return Promise.resolve();
      },
      showItemInFolder: (path: string) => {
        shown.push(path);
      },
      chooseFolder: (current: string | undefined) => Promise.resolve(current === undefined ? undefined : `${current}/picked`),
      confirmOpenProgram: (path: string, from: string) => {
        asked.push(`${path} from ${from}`);
        return Promise.resolve(answer);
      },
    };
    const asked: string[] = [];
    let answer = false;
    const haul = await openHaul(join(root, 'state'), { overrides: { downloadDir: join(root, 'dl'), connections: 1 }, desktop });
    const web = await openHaul(join(root, 'web-state'), { overrides: { downloadDir: join(root, 'dl2') } });
    try {
      const { added } = await haul.handlers.add({ entries: [{ url: server.url('/done.bin') }, { url: server.url('/slow.bin') }] });
      const [done, slow] = added;
      assert.ok(done !== undefined && slow !== undefined);
      await until(() => haul.engine.get(done.id)?.status === 'completed', 10_000, 'done.bin');
      await haul.handlers.openFile({ id: done.id });
      await haul.handlers.showInFolder({ id: done.id });
      assert.deepEqual(opened, [join(root, 'dl', 'done.bin')]);
      assert.deepEqual(shown, [join(root, 'dl', 'done.bin')]);
      await assert.rejects(haul.handlers.openFile({ id: slow.id }), /only finished downloads/);
      await assert.rejects(haul.handlers.openFile({ id: 'no-such-id' }), /no such download/);
      await assert.rejects(web.handlers.openFile({ id: done.id }), /desktop app only/);
      assert.deepEqual(await haul.handlers.chooseFolder({ current: '/home/me' }), { path: '/home/me/picked' });
      assert.deepEqual(await haul.handlers.chooseFolder({}), {}, 'cancelled');
      await assert.rejects(web.handlers.chooseFolder({}), /desktop app only/);
      // A program asks first: no means not opened, yes opens it.
      const {
        added: [program],
      } = await haul.handlers.add({ entries: [{ url: server.url('/setup.exe') }] });
      assert.ok(program !== undefined);
      await until(() => haul.engine.get(program.id)?.status === 'completed', 10_000, 'setup.exe');
      await haul.handlers.openFile({ id: program.id });
      assert.deepEqual(asked, [`${join(root, 'dl', 'setup.exe')} from ${new URL(server.url('/')).host}`]);
      assert.equal(opened.length, 1, 'not opened after a no');
      answer = true;
      await haul.handlers.openFile({ id: program.id });
      assert.equal(opened.at(-1), join(root, 'dl', 'setup.exe'));
    } finally {
      await haul.close();
      await web.close();
    }
  }));

test('a large add answers with counts and the first hundred of each; every download is added and announced', async () => {
  const root = await tempDir();
  const haul = await openHaul(join(root, 'state'), { overrides: { downloadDir: join(root, 'dl'), maxConcurrent: 1 } });
  try {
    await haul.handlers.pauseAll({});
    const announced = new Set<string>();
    let messages = 0;
    const off = haul.subscribe((message) => {
      if (message.type !== 'states') return;
      messages++;
      for (const download of message.payload) announced.add(download.id);
    });
    const entries = [
      ...Array.from({ length: 250 }, (_, index) => ({ url: `http://127.0.0.1:9/f${index}.bin` })),
      ...Array.from({ length: 150 }, (_, index) => ({ url: `ftp://h/${index}` })),
    ];
    const result = await haul.handlers.add({ entries });
    await new Promise((resolve) => setTimeout(resolve, STATE_BATCH_MS * 3));
    off();
    assert.equal(result.addedCount, 250);
    assert.equal(result.added.length, 100);
    assert.equal(result.rejectedCount, 150);
    assert.equal(result.rejected.length, 100);
    assert.equal(haul.engine.list().length, 250);
    assert.equal(announced.size, 250, 'every download is announced');
    assert.ok(messages < 250 / 2, `${messages} messages carried them: changes go out in batches`);
  } finally {
    await haul.close();
  }
});
