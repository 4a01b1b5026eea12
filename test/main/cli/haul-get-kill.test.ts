import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, startCli } from '../../helpers/cli.js';
import { makeContent, sha256 } from '../../helpers/content.js';
import { tempDir, until } from '../../helpers/engine-fixture.js';
import { type FileSpec, withServer } from '../../helpers/fault-server.js';
import { checkJournalClaims } from '../../helpers/journal-claims.js';

/** A small seeded generator, so a failing kill schedule can be replayed from the seed in the message. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

interface Scenario {
  readonly name: string;
  readonly spec: (body: Buffer) => FileSpec;
  readonly cap?: number;
  readonly extra: readonly string[];
  readonly size: number;
  readonly kills: number;
}

// Kill moments spread over a run's start (connections opening, the first checkpoints) and its middle
// (steals while checkpoints flush). Each scenario is bounded: kills × at most ~1.5 s, then one full run.
const SCENARIOS: readonly Scenario[] = [
  { name: 'paced connections', spec: (body) => ({ body, pace: 300_000 }), extra: ['-x', '16'], size: 64 * 1024 * 1024, kills: 12 },
  {
    name: 'paced and connection-limited (503 past 4)',
    spec: (body) => ({ body, pace: 1_000_000 }),
    cap: 4,
    extra: ['-x', '8'],
    size: 32 * 1024 * 1024,
    kills: 10,
  },
  {
    name: 'plain server, client-side limit, auto connections',
    spec: (body) => ({ body }),
    extra: ['--limit-rate', '4M'],
    size: 96 * 1024 * 1024,
    kills: 10,
  },
];

for (const scenario of SCENARIOS) {
  test(
    `kill -9 at random moments, ${scenario.kills} times (${scenario.name}): the journal never claims a wrong byte, the rerun is byte-exact`,
    { timeout: 110_000 },
    (t) =>
      withServer(async (server) => {
        const seed = Number(process.env.HAUL_KILL_SEED ?? Date.now() % 100_000);
        const next = random(seed);
        const body = makeContent(scenario.size, 311);
        server.file('/k.bin', scenario.spec(body));
        server.capConnections(scenario.cap);
        const dir = await tempDir();
        const args = ['get', ...scenario.extra, '--retries', '50', '-d', dir, server.url('/k.bin')];
        let kills = 0;
        let claimedMax = 0;
        for (let round = 0; round < scenario.kills; round++) {
          const run = startCli(args);
          // Kills fall anywhere in a run's first 1.5 s, except one per scenario that waits until the
          // journal claims bytes (a checkpoint: a second after data starts, later on a busy disk), so
          // there are claims to check whatever the seed and the machine's load.
          const afterClaim = round === Math.floor(scenario.kills / 2) && claimedMax === 0;
          const wait = 150 + Math.floor(next() * 1350);
          const started = Date.now();
          let raced = false;
          const moment = afterClaim
            ? until(async () => raced || (await checkJournalClaims(dir, join(dir, '.haul'), 'k.bin', body)).claimed > 0, 30_000, 'a checkpoint').then(
                () => false,
              )
            : new Promise<false>((resolve) =>
                setTimeout(() => {
                  resolve(false);
                }, wait),
              );
          const finished = await Promise.race([run.done.then(() => true), moment]);
          raced = true;
          if (finished) break;
          run.child.kill('SIGKILL');
          const killed = await run.done;
          assert.equal(killed.signal, 'SIGKILL');
          kills++;
          const { claimed, wrong } = await checkJournalClaims(dir, join(dir, '.haul'), 'k.bin', body);
          claimedMax = Math.max(claimedMax, claimed);
          assert.equal(wrong, undefined, `seed ${seed}, kill ${kills} after ${Date.now() - started} ms: ${wrong ?? ''}`);
        }
        assert.ok(kills >= scenario.kills - 2, `seed ${seed}: only ${kills} kills landed before the download finished`);
        assert.ok(claimedMax > 0, 'some kill landed after a checkpoint, so the claims were really checked');
        const last = await runCli(args, { timeoutMs: 90_000 });
        assert.equal(last.code, 0, `seed ${seed}: ${last.stderr}`);
        assert.deepEqual(await readdir(dir), ['k.bin'], `seed ${seed}: ${last.stdout}`);
        assert.equal(sha256(await readFile(join(dir, 'k.bin'))), sha256(body), `seed ${seed}: the file is byte-exact`);
        // A diagnostic, not a stdout line: the runner's child protocol shares stdout.
        t.diagnostic(`${scenario.name}: ${kills} kills, seed ${seed}, largest claim ${claimedMax} bytes, no wrong byte`);
      }),
  );
}
