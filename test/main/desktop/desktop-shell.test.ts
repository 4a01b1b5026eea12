import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { type Haul, openHaul } from '../../../main/app/open-haul.js';
import type { DesktopRequest, Settings } from '../../../shared/contract.js';
import { DesktopShell } from '../../../main/desktop/desktop-shell.js';
import { parseLaunchArgs } from '../../../main/desktop/launch-request.js';
import { makeContent, sha256 } from '../../helpers/content.js';
import { tempDir, until } from '../../helpers/engine-fixture.js';
import { clickMenuItem, fakeElectron } from '../../helpers/fake-electron.js';
import { withServer } from '../../helpers/fault-server.js';

interface Rig {
  readonly haul: Haul;
  readonly shell: DesktopShell;
  readonly fake: ReturnType<typeof fakeElectron>;
  readonly requests: DesktopRequest[];
  readonly root: string;
  readonly dir: string;
}

async function rig(platform: NodeJS.Platform = 'linux', settings: Partial<Settings> = {}, root?: string): Promise<Rig> {
  const base = root ?? (await tempDir('haul-shell-'));
  const dir = join(base, 'downloads');
  const haul = await openHaul(join(base, 'state'), { overrides: { downloadDir: dir, connections: 1, ...settings } });
  const fake = fakeElectron();
  const shell = new DesktopShell({
    electron: fake.electron,
    window: fake.window,
    haul,
    platform,
    trayIcon: '/opt/Haul/resources/tray.png',
    executable: '/opt/Haul Beta/haul',
    autostartDir: join(base, 'autostart'),
    notifyQuietMs: 150,
  });
  const requests: DesktopRequest[] = [];
  shell.onRequest((request) => requests.push(request));
  return { haul, shell, fake, requests, root: base, dir };
}

async function close(r: Rig): Promise<void> {
  r.shell.dispose();
  await r.haul.close();
}

test('tray, taskbar, badge and keep-awake follow the downloads; a burst of finishes is one notification whose click reveals the file', () =>
  withServer(async (server) => {
    server.file('/slow.bin', { body: makeContent(900_000, 1), pace: 450_000 });
    for (const name of ['a', 'b', 'c']) server.file(`/${name}.bin`, { body: makeContent(5000, name.charCodeAt(0)) });
    const r = await rig();
    try {
      const { fake } = r;
      assert.equal(fake.trays.length, 1);
      assert.equal(fake.trays[0]?.tooltip, 'Haul: idle');
      await r.haul.handlers.add({ entries: [{ url: server.url('/slow.bin') }] });
      await until(() => /^Haul: 1 downloading · \d+% · /.test(fake.trays[0]?.tooltip ?? ''), 10_000, 'the tooltip to show the download');
      assert.equal(fake.blockers.active.size, 1, 'the machine is kept awake while downloading');
      assert.equal(fake.badges.at(-1), 1);
      const bar = fake.progressBars.at(-1);
      assert.ok(bar !== undefined && bar.mode === 'normal' && bar.value >= 0 && bar.value <= 1, `a fraction on the taskbar: ${JSON.stringify(bar)}`);
      assert.equal(fake.trays[0].menu[0]?.label, '1 downloading', 'the tray menu leads with the counts');

      await r.haul.handlers.add({ entries: ['a', 'b', 'c'].map((name) => ({ url: server.url(`/${name}.bin`) })) });
      await until(() => fake.notifications.length === 1, 10_000, 'one notification for the burst');
      assert.equal(fake.notifications[0]?.options.title, '3 downloads complete');
      const names = (fake.notifications[0].options.body ?? '').split(', ');
      assert.deepEqual([...names].sort(), ['a.bin', 'b.bin', 'c.bin'], 'in the order they finished');
      assert.ok(fake.notifications[0].shown);

      await until(() => fake.trays[0]?.tooltip === 'Haul: idle', 10_000, 'idle again');
      assert.deepEqual(fake.progressBars.at(-1), { value: -1, mode: 'none' }, 'the taskbar bar is cleared');
      assert.equal(fake.badges.at(-1), 0);
      assert.equal(fake.blockers.active.size, 0, 'sleep is allowed again');
      await until(() => fake.notifications.length === 2, 5000, 'the slow one told on its own');
      assert.equal(fake.notifications[1]?.options.title, 'Download complete');

      fake.notifications[0].click();
      assert.deepEqual(fake.shown, [join(r.dir, names[0] ?? '')], 'the click shows the first file, by the path in the engine record');
      assert.equal(sha256(await readFile(join(r.dir, 'slow.bin'))), sha256(makeContent(900_000, 1)));

      server.file('/gone.bin', { body: Buffer.alloc(0) }).faults.push({ kind: 'status', status: 404 });
      await r.haul.handlers.add({ entries: [{ url: server.url('/gone.bin') }] });
      await until(() => fake.notifications.length === 3, 10_000, 'a failure notification');
      assert.equal(fake.notifications[2]?.options.title, 'Download failed');
      assert.match(fake.notifications[2].options.body ?? '', /404/);
      fake.state.visible = false;
      fake.notifications[2].click();
      assert.equal(fake.state.visible, true, 'a failure has no file: its click shows the app');

      await r.haul.handlers.setSettings({ settings: { notifications: false } });
      server.file('/quiet.bin', { body: makeContent(100, 9) });
      const [quiet] = (await r.haul.handlers.add({ entries: [{ url: server.url('/quiet.bin') }] })).added;
      await until(() => r.haul.engine.get(quiet?.id ?? '')?.status === 'completed', 10_000, 'the quiet download');
      await new Promise((resolve) => setTimeout(resolve, 400));
      assert.equal(fake.notifications.length, 3, 'notifications off: none');
    } finally {
      await close(r);
    }
    assert.ok(r.fake.trays[0]?.destroyed, 'the tray icon goes with the shell');
  }));

test('a launch’s URLs and lists reach the Add preview once the UI has loaded; bad arguments are reported, the rest still comes', async () => {
  const r = await rig();
  try {
    await writeFile(join(r.root, 'list.txt'), 'http://127.0.0.1:9/one.bin\nnot a url\n');
    r.fake.state.visible = false;
    await r.shell.handleLaunch(
      parseLaunchArgs(
        ['--force-device-scale-factor=1', 'https://example.com/iso', 'list.txt', 'missing.txt', 'ftp://example.com/f', 'notes.pdf'],
        r.root,
      ),
    );
    assert.equal(r.requests.length, 0, 'held until the UI is there to open it');
    assert.equal(r.fake.state.visible, true, 'the window comes forward');
    r.shell.rendererReady();
    assert.equal(r.requests.length, 1);
    const [request] = r.requests;
    assert.ok(request?.kind === 'add');
    assert.equal(request.text, 'https://example.com/iso\nhttp://127.0.0.1:9/one.bin\nnot a url\n');
    assert.equal(request.problems.length, 3);
    assert.match(request.problems.join('\n'), /ftp:/);
    assert.match(request.problems.join('\n'), /notes\.pdf/);
    assert.match(request.problems.join('\n'), /missing\.txt: no such file/);

    r.fake.state.visible = false;
    await r.shell.handleLaunch(parseLaunchArgs([], r.root));
    assert.equal(r.fake.state.visible, true, 'a bare second launch shows the window');
    assert.equal(r.requests.length, 1, 'and asks nothing of the UI');

    clickMenuItem(r.fake.state.appMenu, 'Add Downloads…');
    clickMenuItem(r.fake.state.appMenu, 'Settings');
    r.fake.state.clipboard = 'http://127.0.0.1:9/copied.bin';
    clickMenuItem(r.fake.trays[0]?.menu ?? [], 'Add from Clipboard');
    assert.deepEqual(r.requests.slice(1), [
      { kind: 'add', text: '', problems: [] },
      { kind: 'settings' },
      { kind: 'add', text: 'http://127.0.0.1:9/copied.bin', problems: [] },
    ]);
  } finally {
    await close(r);
  }
});

test('closing goes to the tray; quitting with downloads running asks, Cancel keeps them, Quit pauses them and the next start resumes them', () =>
  withServer(async (server) => {
    const body = makeContent(1_500_000, 2);
    const served = server.file('/long.bin', { body, pace: 500_000 });
    const r = await rig();
    const [added] = (await r.haul.handlers.add({ entries: [{ url: server.url('/long.bin') }] })).added;
    const id = added?.id ?? '';
    try {
      await until(() => r.haul.engine.get(id)?.status === 'downloading', 10_000, 'downloading');
      assert.equal(r.shell.shouldCloseWindow(), false);
      assert.equal(r.fake.state.hides, 1, 'closed into the tray');
      assert.equal(r.fake.state.quits, 0);

      r.fake.state.answer = 1;
      assert.equal(r.shell.beforeQuit(), false, 'not yet: it asks');
      await until(() => r.shell.phase === 'running' && r.fake.dialogs.length === 1, 5000, 'the answer');
      assert.match(r.fake.dialogs[0]?.message ?? '', /1 download is still running/);
      assert.equal(r.haul.engine.get(id)?.status, 'downloading', 'Cancel: nothing stopped');

      await r.haul.handlers.setSettings({ settings: { closeToTray: false } });
      assert.equal(r.shell.shouldCloseWindow(), false, 'without the tray, closing is quitting, which asks first');
      assert.equal(r.fake.state.quits, 1);

      r.fake.state.answer = 0;
      assert.equal(r.shell.beforeQuit(), false);
      await until(() => r.shell.phase === 'closed', 10_000, 'the engine to pause and close');
      assert.equal(r.fake.dialogs.length, 2);
      assert.equal(r.fake.state.quits, 2, 'then the app quits for real');
      assert.equal(r.shell.beforeQuit(), true);
      assert.equal(r.shell.shouldCloseWindow(), true);
    } finally {
      await close(r);
    }
    const again = await openHaul(join(r.root, 'state'), { overrides: { downloadDir: r.dir } });
    try {
      await until(() => again.engine.get(id)?.status === 'completed', 20_000, 'the download to resume and finish');
      assert.equal(sha256(await readFile(join(r.dir, 'long.bin'))), sha256(body));
      const ranged = served.requests.filter((request) => request.range !== undefined);
      assert.ok(ranged.length >= 1, 'resumed with a ranged request, not from zero');
    } finally {
      await again.close();
    }
  }));

test('start at login: an XDG autostart entry on Linux, the login item elsewhere; only when asked', async () => {
  const linux = await rig('linux');
  try {
    const entry = join(linux.root, 'autostart', 'haul.desktop');
    await assert.rejects(stat(entry), 'nothing written until the user asks');
    await linux.haul.handlers.setSettings({ settings: { startAtLogin: true } });
    await until(async () => (await stat(entry).catch(() => undefined)) !== undefined, 5000, 'the autostart entry');
    assert.match(await readFile(entry, 'utf8'), /^Exec="\/opt\/Haul Beta\/haul" --hidden$/m);
    await linux.haul.handlers.setSettings({ settings: { startAtLogin: false } });
    await until(async () => (await stat(entry).catch(() => undefined)) === undefined, 5000, 'the entry removed');
  } finally {
    await close(linux);
  }
  const windows = await rig('win32');
  try {
    assert.deepEqual(windows.fake.loginItems, []);
    await windows.haul.handlers.setSettings({ settings: { startAtLogin: true } });
    assert.deepEqual(windows.fake.loginItems, [{ openAtLogin: true, openAsHidden: true, args: ['--hidden'] }]);
  } finally {
    await close(windows);
  }
});

test('clipboard watch: off by default; copied new links are offered (in the app when it has focus, else by a notification), never added', async () => {
  const r = await rig();
  try {
    r.shell.rendererReady();
    r.fake.state.clipboard = 'http://127.0.0.1:9/before.bin';
    await r.haul.handlers.setSettings({ settings: { watchClipboard: true } });
    r.fake.state.clipboard = 'look: http://127.0.0.1:9/a.bin and http://127.0.0.1:9/b.bin';
    await until(() => r.requests.length === 1, 5000, 'the offer');
    assert.deepEqual(r.requests[0], { kind: 'offer', text: 'look: http://127.0.0.1:9/a.bin and http://127.0.0.1:9/b.bin', count: 2 });

    r.fake.state.visible = false;
    r.fake.state.clipboard = 'http://127.0.0.1:9/c.bin';
    await until(() => r.fake.notifications.length === 1, 5000, 'a notification while in the tray');
    assert.equal(r.fake.notifications[0]?.options.title, 'A link was copied');
    r.fake.notifications[0].click();
    assert.deepEqual(r.requests[1], { kind: 'add', text: 'http://127.0.0.1:9/c.bin', problems: [] });
    assert.equal(r.fake.state.visible, true);

    await r.haul.handlers.add({ entries: [{ url: 'http://127.0.0.1:9/known.bin' }] });
    r.fake.state.clipboard = 'http://127.0.0.1:9/known.bin';
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(r.requests.length, 2, 'a link already in the list is not offered');
    assert.equal(r.haul.engine.list().length, 1, 'nothing was added by the watch itself');
  } finally {
    await close(r);
  }
});
