#!/usr/bin/env node
// `npm run dev`: the renderer from Vite's dev server with hot reload, and the engine (haul serve)
// rebuilt by `tsc --watch` and restarted whenever the main process's code changes. The page talks
// to the engine through Vite's proxy; one token survives the restarts, so the page stays signed in.
// (The desktop shell is not run here: its window loads the built renderer; `npm start` runs it.)
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { watch } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const ENGINE_PORT = Number(process.env.HAUL_DEV_ENGINE_PORT ?? 7475);
const UI_PORT = Number(process.env.HAUL_DEV_PORT ?? 5173);
const token = randomBytes(24).toString('base64url');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

process.stdout.write('haul dev: compiling the main process once…\n');
if (spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' }).status !== 0) {
  process.stderr.write('haul dev: the main process does not compile; fix the errors above and run npm run dev again\n');
  process.exit(1);
}
const watcher = spawn(process.execPath, [tsc, '-p', 'tsconfig.json', '--watch', '--preserveWatchOutput'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
watcher.stdout.on('data', (data) => {
  // tsc's own report, errors included; its "Watching for file changes" chatter is left out.
  const text = String(data).replace(/^.*(Starting compilation|File change detected|Found 0 errors).*\n?/gm, '');
  if (text.trim() !== '') process.stdout.write(text);
});

let engine;
function startEngine() {
  engine = spawn(
    process.execPath,
    [join(root, 'dist', 'main', 'cli', 'haul.js'), 'serve', '--port', String(ENGINE_PORT), '--state', join(root, '.haul-dev')],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, HAUL_DEV_TOKEN: token },
    },
  );
}
let restart;
// tsc writes many files per change: one restart once it has been quiet for a moment.
const onCompiled = () => {
  clearTimeout(restart);
  restart = setTimeout(() => {
    process.stdout.write('haul dev: the main process changed; restarting the engine\n');
    const old = engine;
    old.once('exit', startEngine);
    old.kill('SIGINT');
  }, 400);
};
// shared/ is the main process's code too (the contract's types, errors, formatting).
for (const folder of ['main', 'shared']) watch(join(root, 'dist', folder), { recursive: true }, onCompiled);
startEngine();

const vite = await createServer({
  root: join(root, 'renderer'),
  configFile: join(root, 'vite.config.ts'),
  server: {
    host: '127.0.0.1',
    port: UI_PORT,
    strictPort: true,
    proxy: {
      '/api': {
        target: `http://127.0.0.1:${ENGINE_PORT}`,
        changeOrigin: true,
        // The engine refuses other origins; through the proxy the page is its own origin.
        configure: (proxy) => proxy.on('proxyReq', (request) => request.removeHeader('origin')),
      },
    },
  },
});
await vite.listen();
process.stdout.write(
  `haul dev: open http://127.0.0.1:${UI_PORT}/?token=${token} (the UI reloads as you edit renderer/; the engine restarts as you edit main/ or shared/; Ctrl-C stops)\n`,
);

const stop = async () => {
  watcher.kill();
  engine.kill('SIGINT');
  await vite.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
