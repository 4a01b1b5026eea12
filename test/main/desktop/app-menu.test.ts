import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate } from '../../../main/desktop/app-menu.js';
import { trayMenuTemplate } from '../../../main/desktop/tray-menu.js';
import { overallProgress } from '../../../main/desktop/overall-progress.js';
import { clickMenuItem, findMenuItem } from '../../helpers/fake-electron.js';

function roles(template: readonly MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => [...(item.role === undefined ? [] : [item.role]), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}

test('the application menu: standard roles, Haul’s commands with shortcuts, About; developer tools only unpackaged', () => {
  const called: string[] = [];
  const actions = {
    addDownloads: () => called.push('add'),
    addFromClipboard: () => called.push('clipboard'),
    pauseAll: () => called.push('pause'),
    resumeAll: () => called.push('resume'),
    openSettings: () => called.push('settings'),
    about: () => called.push('about'),
  };
  const mac = appMenuTemplate({ platform: 'darwin', packaged: true, actions });
  assert.equal(mac[0]?.label, 'Haul', 'the app menu comes first on macOS');
  for (const role of ['hide', 'hideOthers', 'quit', 'editMenu', 'windowMenu', 'togglefullscreen', 'close'])
    assert.ok(roles(mac).includes(role), role);
  assert.ok(!roles(mac).includes('toggleDevTools'));
  const linux = appMenuTemplate({ platform: 'linux', packaged: false, actions });
  assert.ok(roles(linux).includes('toggleDevTools'));
  assert.ok(roles(linux).includes('quit') && roles(linux).includes('help'));
  assert.equal(findMenuItem(linux, 'Add Downloads…')?.accelerator, 'CmdOrCtrl+N');
  for (const label of ['Add Downloads…', 'Add from Clipboard', 'Pause All', 'Resume All', 'Settings', 'About Haul']) clickMenuItem(linux, label);
  assert.deepEqual(called, ['add', 'clipboard', 'pause', 'resume', 'settings', 'about']);
});

test('the tray menu: Show, Add from clipboard, Pause all and Resume all when they apply, Quit', () => {
  const none = (): undefined => undefined;
  const actions = { show: none, addFromClipboard: none, pauseAll: none, resumeAll: none, quit: none };
  const idle = trayMenuTemplate(overallProgress([]), actions);
  assert.deepEqual(
    idle.filter((item) => item.type !== 'separator').map((item) => `${item.label ?? ''}${item.enabled === false ? ' (off)' : ''}`),
    ['Idle (off)', 'Show Haul', 'Add from Clipboard', 'Pause All (off)', 'Resume All (off)', 'Quit Haul'],
  );
  const busy = trayMenuTemplate(
    overallProgress([
      { status: 'downloading', bytes: 0 },
      { status: 'paused', bytes: 0 },
    ]),
    actions,
  );
  assert.equal(findMenuItem(busy, 'Pause All')?.enabled, true);
  assert.equal(findMenuItem(busy, 'Resume All')?.enabled, true);
});
