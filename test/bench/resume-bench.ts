import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkJournalClaims } from '../helpers/journal-claims.js';

export interface ResumeFigures {
  /** Bytes the journal held durable when the run was killed: what a rerun keeps. */
  readonly claimed: number;
  /** Bytes the file still needed: its size less the claimed bytes. */
  readonly missing: number;
  /** Body bytes the server sent to the rerun (its access log), ranges ended early included. */
  readonly fetched: number;
  /** The rerun finished and the file is byte-exact, and the journal claimed no wrong byte. */
  readonly ok: boolean;
}

/**
 * `haul get` killed with SIGKILL `killAfterMs` into a download from a paced server, then run again
 * to the end: how many bytes the rerun fetched against the bytes that were missing (issue 12's
 * target: at most 1.05×). `log` is the server's access log of body bytes per response.
 */
export async function measureResume(options: {
  readonly argv: readonly string[];
  readonly out: string;
  readonly name: string;
  readonly body: Buffer;
  readonly log: string;
  readonly killAfterMs: number;
}): Promise<ResumeFigures> {
  const { argv, out, name, body, log } = options;
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const first = spawn(argv[0] ?? '', argv.slice(1), { cwd: out, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => {
    first.once('exit', () => {
      resolve();
    });
  });
  const finished = await Promise.race([sleep(options.killAfterMs).then(() => false), exited.then(() => true)]);
  first.kill('SIGKILL');
  await exited;
  // The server logs a cut connection once it notices: let it, before the log is emptied for the rerun.
  await sleep(500);
  const { claimed, wrong } = await checkJournalClaims(out, join(out, '.haul'), name, body);
  await writeFile(log, '');
  const rerun = spawnSync(argv[0] ?? '', argv.slice(1), { cwd: out, stdio: 'ignore' });
  await sleep(300);
  const fetched = (await readFile(log, 'utf8'))
    .split('\n')
    .filter((line) => /^\d+ /.test(line))
    .reduce((sum, line) => sum + Number(line.split(' ')[0]), 0);
  const file = await readFile(join(out, name)).catch(() => undefined);
  // A run that ended before the kill measured nothing.
  const ok = !finished && rerun.status === 0 && wrong === undefined && file !== undefined && file.equals(body);
  return { claimed, missing: body.length - claimed, fetched, ok };
}
