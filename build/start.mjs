#!/usr/bin/env node
// `npm start`: rebuilds only when a source changed since the last build, fetches Electron's runtime
// if it is missing (that needs the network), then runs the desktop app. Where the runtime cannot be
// fetched it says so in one sentence and points at `haul serve`, the same window in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'dist', '.build-stamp');
const SOURCES = [
  'main',
  'shared',
  'preload',
  'renderer',
  'build',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'vite.config.ts',
  'vite.preload.config.ts',
];

/** The newest modification time under `path` (files only). */
function newest(path) {
  const info = statSync(path, { throwIfNoEntry: false });
  if (info === undefined) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) if (entry !== 'node_modules') latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const built = statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (Math.max(...SOURCES.map((source) => newest(join(root, source)))) > built) {
  // The build writes dist/.build-stamp when it is done.
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const require = createRequire(import.meta.url);
function electronPath() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

let electron = electronPath();
if (electron === undefined) {
  const install = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], { cwd: root, stdio: 'pipe', timeout: 300_000 });
  electron = install.status === 0 ? electronPath() : undefined;
}
if (electron === undefined) {
  process.stderr.write(
    'haul: the Electron runtime could not be fetched (it needs the network once); `node dist/cli/bin/haul.js serve` gives the same window in your browser.\n',
  );
  process.exit(1);
}
const app = spawn(electron, ['.'], { cwd: root, stdio: 'inherit' });
app.on('exit', (code, signal) => {
  process.exit(code ?? (signal === null ? 0 : 1));
});
