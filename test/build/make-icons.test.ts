import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { appIcons, FAVICON, ICNS_TYPES, ICO_SIZES, LINUX_SIZES, packagingIcons, SOURCE } from '../../build/make-icons.js';

const BUILD = join(SOURCE, '..');

function pngSize(png: Buffer): { width: number; height: number } {
  assert.equal(png.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

test('the committed icons are exactly what the script draws from build/icon.svg (run `npm run icons` after changing it)', async () => {
  const svg = await readFile(SOURCE, 'utf8');
  for (const [name, data] of packagingIcons(svg)) assert.ok(data.equals(await readFile(join(BUILD, name))), `build/${name} is up to date`);
  assert.equal(await readFile(FAVICON, 'utf8'), svg, 'the web UI’s favicon is the same drawing');
});

test('every size each target needs: Linux NxN PNGs, a Windows ICO, a macOS ICNS, the tray and menu-bar images', async () => {
  const svg = await readFile(SOURCE, 'utf8');
  const icons = packagingIcons(svg);
  for (const size of LINUX_SIZES) assert.deepEqual(pngSize(icons.get(`icons/${size}x${size}.png`) ?? Buffer.alloc(0)), { width: size, height: size });
  assert.deepEqual(pngSize(icons.get('icon.png') ?? Buffer.alloc(0)), { width: 1024, height: 1024 });

  const ico = icons.get('icon.ico') ?? Buffer.alloc(0);
  assert.deepEqual([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)], [0, 1, ICO_SIZES.length]);
  ICO_SIZES.forEach((size, index) => {
    const entry = 6 + 16 * index;
    assert.equal(ico.readUInt8(entry) || 256, size);
    const png = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8));
    assert.deepEqual(pngSize(png), { width: size, height: size });
  });

  const icns = icons.get('icon.icns') ?? Buffer.alloc(0);
  assert.equal(icns.toString('latin1', 0, 4), 'icns');
  assert.equal(icns.readUInt32BE(4), icns.length);
  let offset = 8;
  for (const [type, size] of ICNS_TYPES) {
    assert.equal(icns.toString('latin1', offset, offset + 4), type);
    const length = icns.readUInt32BE(offset + 4);
    assert.deepEqual(pngSize(icns.subarray(offset + 8, offset + length)), { width: size, height: size });
    offset += length;
  }
  assert.equal(offset, icns.length);

  const app = appIcons(svg);
  assert.deepEqual(pngSize(app.get('tray.png') ?? Buffer.alloc(0)), { width: 16, height: 16 });
  assert.deepEqual(pngSize(app.get('tray@2x.png') ?? Buffer.alloc(0)), { width: 32, height: 32 });
  assert.deepEqual(pngSize(app.get('trayTemplate@2x.png') ?? Buffer.alloc(0)), { width: 32, height: 32 });
  assert.ok(!(app.get('trayTemplate.png') ?? Buffer.alloc(0)).equals(app.get('tray.png') ?? Buffer.alloc(0)), 'the template is its own drawing');
});
