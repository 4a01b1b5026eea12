#!/usr/bin/env -S node --max-semi-space-size=1
// A 1 MB young generation: socket buffers are collected sooner, ~15 MB less peak memory, no slower.
import { readFileSync } from 'node:fs';
import { HaulError } from '../../shared/errors.js';
import { keepHeapLean } from './lean-heap.js';
import { parseCliArgs, USAGE } from './parse-cli-args.js';

/** Read at run time from the package; tsc's output (dist/main/cli) and the bundle (dist/cli/bin) both sit three folders below it. */
function version(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

async function main(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof HaulError)) throw error;
    process.stderr.write(`haul: ${error.message}\nTry "haul --help".\n`);
    return 2;
  }
  switch (command.command) {
    case 'usage':
      process.stderr.write(`${USAGE}\n`);
      return 2;
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'version':
      process.stdout.write(`haul ${version()}\n`);
      return 0;
    case 'get':
    case 'serve': {
      const interrupted = new Promise<string>((resolve) => {
        process.once('SIGINT', () => {
          resolve('interrupted');
        });
        process.once('SIGTERM', () => {
          resolve('terminated');
        });
        // `haul get --json … | head`: a reader that went away ends the run like Ctrl-C (paused,
        // journal written), without a stack trace; later writes to the closed pipe go nowhere.
        process.stdout.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') resolve('output closed');
        });
      });
      const io = {
        // Read only for `-i -`: Node builds the stdin stream on first access, 5 ms of every start otherwise.
        get stdin() {
          return process.stdin;
        },
        stdout: process.stdout,
        stderr: process.stderr,
        interrupted,
      };
      // The engine (got and its kin) loads only for a download, haul serve's HTTP layer and schemas
      // (zod: ~40 ms) only when serving: `haul --version` and `--help` start as fast as Node does.
      if (command.command === 'serve') return (await import('./run-serve.js')).runServe(command, io);
      const { runGet } = await import('./run-get.js');
      // `get` only (a serve holding 100,000 downloads was not measured with it), and only once the
      // engine and the built-ins it needs are loaded: see keepHeapLean.
      keepHeapLean();
      return runGet(command, io);
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`haul: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
