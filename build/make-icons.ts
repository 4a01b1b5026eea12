import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

/**
 * Every icon the app and its installers need, drawn from one source image (build/icon.svg):
 *   packaging (`build`): icon.png 1024, icons/NxN.png for Linux, icon.ico for Windows, icon.icns for
 *   macOS, and the web UI's favicon;
 *   the app (`app <dir>`): the window icon, tray.png and tray@2x.png, and the macOS menu-bar template images.
 * Run by `npm run icons` (packaging, committed) and by the build (tray, into dist/assets).
 */

export const SOURCE = fileURLToPath(new URL('../../build/icon.svg', import.meta.url));
/** The web UI's icon is the same drawing. */
export const FAVICON = fileURLToPath(new URL('../../renderer/public/favicon.svg', import.meta.url));
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** macOS icon types, each with its pixel size (the @2x types are the bigger image of a smaller point size). */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
] as const;

export function renderPng(svg: string, size: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
}

/** ICO with PNG-compressed entries (Windows Vista and later read them at every size). */
export function encodeIco(images: readonly { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2);
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

/** ICNS: a big-endian length-prefixed list of typed PNG images. */
export function encodeIcns(images: readonly { type: string; png: Buffer }[]): Buffer {
  const chunks = images.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

/** The macOS menu-bar template: the same drawing, the glyph alone in black (the system tints it). */
export function templateSvg(svg: string): string {
  const withoutTile = svg.replace(/<rect\b[^>]*\/>/, '');
  const black = withoutTile.replace(/stroke="#fff"/g, 'stroke="#000"');
  if (withoutTile === svg || black === withoutTile)
    throw new Error('icon.svg changed shape: update templateSvg (tile <rect/> and white stroke expected)');
  return black;
}

/** Packaging icons, by file name relative to the output folder. */
export function packagingIcons(svg: string): Map<string, Buffer> {
  const bySize = new Map<number, Buffer>();
  const png = (size: number): Buffer => {
    let image = bySize.get(size);
    if (image === undefined) {
      image = renderPng(svg, size);
      bySize.set(size, image);
    }
    return image;
  };
  const files = new Map<string, Buffer>();
  files.set('icon.png', png(1024));
  for (const size of LINUX_SIZES) files.set(`icons/${size}x${size}.png`, png(size));
  files.set('icon.ico', encodeIco(ICO_SIZES.map((size) => ({ size, png: png(size) }))));
  files.set('icon.icns', encodeIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: png(size) }))));
  return files;
}

/** Icons the running app loads: the window's (Linux, Windows) and the tray's. */
export function appIcons(svg: string): Map<string, Buffer> {
  const template = templateSvg(svg);
  return new Map([
    ['icon.png', renderPng(svg, 256)],
    ['tray.png', renderPng(svg, 16)],
    ['tray@2x.png', renderPng(svg, 32)],
    ['trayTemplate.png', renderPng(template, 16)],
    ['trayTemplate@2x.png', renderPng(template, 32)],
  ]);
}

export async function writeIcons(files: Map<string, Buffer>, dir: string): Promise<void> {
  for (const [name, data] of files) {
    const path = join(dir, name);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, data);
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const svg = await readFile(SOURCE, 'utf8');
  const [what, dir] = argv;
  if (what === 'build') {
    await writeIcons(packagingIcons(svg), join(SOURCE, '..'));
    await writeFile(FAVICON, svg);
  } else if (what === 'app' && dir !== undefined) await writeIcons(appIcons(svg), dir);
  else throw new Error('usage: make-icons build | make-icons app <dir>');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
