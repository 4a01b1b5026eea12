import assert from 'node:assert/strict';
import { test } from 'node:test';
import { autostartEntry, loginItemSettings } from '../../../main/desktop/login-item.js';

test('login item settings start hidden in the tray', () => {
  assert.deepEqual(loginItemSettings(true), { openAtLogin: true, openAsHidden: true, args: ['--hidden'] });
  assert.deepEqual(loginItemSettings(false), { openAtLogin: false, openAsHidden: false, args: [] });
});

test('the XDG autostart entry quotes the executable per the Desktop Entry spec', () => {
  const exec = (path: string): string => /^Exec=(.*)$/m.exec(autostartEntry(path))?.[1] ?? '';
  assert.equal(exec('/usr/bin/haul'), '/usr/bin/haul --hidden');
  assert.equal(exec('/home/me/Apps/Haul 1.0.AppImage'), '"/home/me/Apps/Haul 1.0.AppImage" --hidden');
  assert.equal(exec('/opt/$weird"dir/100%/haul'), '"/opt/\\\\$weird\\\\"dir/100%%/haul" --hidden');
  assert.match(autostartEntry('/x'), /^\[Desktop Entry\]\nType=Application\n/);
});
