import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openHaul } from '../app/open-haul.js';
import { isLoopback, startServe } from '../serve/serve.js';
import { defaultStateDir } from '../settings/default-state-dir.js';
import type { ServeOptions } from './parse-cli-args.js';
import type { CliIo } from './run-get.js';

/** `haul serve`: the engine behind the web UI's contract, until Ctrl-C. Returns the exit status. */
export async function runServe(options: ServeOptions, io: CliIo): Promise<number> {
  const stateDir = resolve(options.stateDir ?? defaultStateDir());
  const haul = await openHaul(stateDir, {
    ...(options.dir === undefined ? {} : { overrides: { downloadDir: resolve(options.dir) } }),
    confine: { extraRoots: options.allowDirs.map((dir) => resolve(dir)) },
  });
  // `npm run dev` restarts haul serve on every change and keeps one token, so the open page stays signed in.
  const fromDev = process.env.HAUL_DEV_TOKEN;
  const token = fromDev !== undefined && /^[\w-]{32,}$/.test(fromDev) ? fromDev : randomBytes(24).toString('base64url');
  // dist/renderer, seen from dist/main/cli and from the bundle in dist/cli/bin alike.
  const built = fileURLToPath(new URL('../../renderer/', import.meta.url));
  const serving = await startServe({
    handlers: haul.handlers,
    subscribe: (send) => haul.subscribe(send),
    host: options.host,
    port: options.port,
    token,
    staticDir: existsSync(built) ? built : undefined,
  }).catch(async (error: unknown) => {
    await haul.close();
    throw error;
  });
  io.stdout.write(`Haul is serving ${serving.url}?token=${token}\n`);
  const roots = options.allowDirs.length === 0 ? '' : ` (and may go below ${options.allowDirs.map((dir) => resolve(dir)).join(', ')})`;
  io.stdout.write(`Downloads go to ${(await haul.handlers.snapshot({})).settings.downloadDir}${roots}; state in ${stateDir}. Ctrl-C stops.\n`);
  if (!isLoopback(options.host)) {
    io.stderr.write(`haul: listening on ${options.host}: anyone who can reach it and has the token controls this Haul\n`);
  }
  const reason = await io.interrupted;
  io.stderr.write(`haul: ${reason}: stopping; unfinished downloads resume next time\n`);
  await serving.close();
  await haul.close();
  return 0;
}
