import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { isExecutableName } from '../../../main/desktop/executable-types.js';
import { markFromInternet, quarantineValue, zoneIdentifier } from '../../../main/storage/mark-from-internet.js';
import { tempDir } from '../../helpers/engine-fixture.js';

test('the Windows mark of the web names the Internet zone, the page and the file URL, without credentials', () => {
  assert.equal(
    zoneIdentifier({ url: 'https://alice:pw@cdn.example/setup.exe', referrer: 'https://example.com/download\r\nZoneId=0' }),
    '[ZoneTransfer]\r\nZoneId=3\r\nReferrerUrl=https://example.com/downloadZoneId=0\r\nHostUrl=https://***@cdn.example/setup.exe\r\n',
  );
  assert.equal(zoneIdentifier({ url: 'http://h/x.zip' }), '[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=http://h/x.zip\r\n');
});

test('the macOS quarantine value is what browsers write: 0081, hex seconds, the agent, an id', () => {
  assert.equal(quarantineValue(1_700_000_000_000, 'Haul', 'ID'), '0081;6553f100;Haul;ID');
  assert.match(quarantineValue(Date.now()), /^0081;[0-9a-f]{8};Haul;[0-9A-F-]{36}$/);
});

test("on Windows the mark goes into the file's Zone.Identifier stream; on Linux nothing is written", async () => {
  const dir = await tempDir();
  const file = join(dir, 'setup.exe');
  await writeFile(file, 'x');
  assert.equal(await markFromInternet(file, { url: 'http://h/setup.exe' }, 'linux'), undefined);
  // On Linux the stream name is an ordinary file name: the same write shows what Windows gets.
  assert.equal(await markFromInternet(file, { url: 'http://h/setup.exe' }, 'win32'), undefined);
  assert.equal(await readFile(`${file}:Zone.Identifier`, 'utf8'), zoneIdentifier({ url: 'http://h/setup.exe' }));
  assert.match((await markFromInternet(join(dir, 'missing', 'x'), { url: 'http://h/x' }, 'win32')) ?? '', /ENOENT/);
});

test('programs are told apart from documents by their type', () => {
  for (const name of ['setup.exe', 'Tool.MSI', 'run.sh', 'app.AppImage', 'Installer.dmg', 'x.pkg']) assert.equal(isExecutableName(name), true, name);
  for (const name of ['firmware.bin', 'report.pdf', 'photo.jpg', 'archive.zip', 'movie.mkv', 'README'])
    assert.equal(isExecutableName(name), false, name);
});
