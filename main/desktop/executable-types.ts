import { extname } from 'node:path';

/** Types a double click runs rather than shows, on some platform: opening one from the internet deserves a question first. */
const EXECUTABLE = new Set([
  '.exe',
  '.msi',
  '.msix',
  '.appx',
  '.bat',
  '.cmd',
  '.com',
  '.scr',
  '.pif',
  '.cpl',
  '.ps1',
  '.psm1',
  '.vbs',
  '.vbe',
  '.js',
  '.jse',
  '.wsf',
  '.wsh',
  '.hta',
  '.lnk',
  '.reg',
  '.jar',
  '.app',
  '.pkg',
  '.dmg',
  '.command',
  '.tool',
  '.workflow',
  '.sh',
  '.bash',
  '.run',
  '.appimage',
  '.deb',
  '.rpm',
  '.desktop',
  '.py',
  '.pl',
]);

export function isExecutableName(name: string): boolean {
  return EXECUTABLE.has(extname(name).toLowerCase());
}
