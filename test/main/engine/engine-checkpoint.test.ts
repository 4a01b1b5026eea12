import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeContent } from '../../helpers/content.js';
import { type EngineFixture, waitForStatus, withEngine } from '../../helpers/engine-fixture.js';
import { withServer } from '../../helpers/fault-server.js';
import { checkJournalClaims } from '../../helpers/journal-claims.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * Compares the journal's claims for download `id` (named `name`) with the partial every `pauseMs`
 * until the download ends: no look may find a claimed byte wrong. Returns each look's claimed bytes.
 * The partial goes under its final name as the download verifies, and the journal on disk trails the
 * engine by a batched write, so a look made while verifying, or during which the status changed,
 * says nothing and is left out.
 */
async function watchClaims(fixture: EngineFixture, id: string, name: string, truth: Buffer, pauseMs: number): Promise<number[]> {
  const { engine, dir, stateDir } = fixture;
  const claims: number[] = [];
  for (;;) {
    const before = engine.get(id)?.status;
    if (before === 'completed' || before === 'failed') return claims;
    const { claimed, wrong } = await checkJournalClaims(dir, stateDir, name, truth);
    if (before !== 'verifying' && engine.get(id)?.status === before) {
      assert.equal(wrong, undefined, `look ${claims.length}: ${wrong ?? ''}`);
      claims.push(claimed);
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

test('checkpoints taken while connections split segments claim only bytes already written', () =>
  withServer(async (server) => {
    // Slow connections keep a quarter-MiB writer buffer unwritten for a long time, checkpoints every
    // 10 ms overlap the splits of 16 connections opening one by one and stealing whenever a piece ends:
    // a claim paired with the wrong segment would cover a buffer that is still zeros on disk.
    const body = makeContent(12 * MiB, 331);
    server.file('/c.bin', { body, pace: 160 * KiB });
    await withEngine({ connections: 16, minSplitSize: 64 * KiB, progressIntervalMs: 5, checkpointIntervalMs: 10 }, async (fixture) => {
      const { engine, dir } = fixture;
      const { id } = engine.add({ url: server.url('/c.bin'), dir });
      const claims = await watchClaims(fixture, id, 'c.bin', body, 3);
      const done = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(done.status, 'completed', done.error?.message);
      const claimedMax = Math.max(0, ...claims);
      assert.ok(claims.length > 30 && claimedMax > MiB, `${claims.length} checks, largest claim ${claimedMax}`);
    });
  }));

test('a download that has fetched the write-behind amount since its last checkpoint gets one before its interval is up', () =>
  withServer(async (server) => {
    // The interval (a minute) never comes: every claim seen while the 2 s transfer runs was taken
    // because 1 MiB had come in since the checkpoint before.
    const body = makeContent(4 * MiB, 337);
    server.file('/w.bin', { body, pace: 2 * MiB });
    await withEngine({ connections: 1, progressIntervalMs: 20, checkpointIntervalMs: 60_000, writeBehindBytes: MiB }, async (fixture) => {
      const { engine, dir } = fixture;
      const { id } = engine.add({ url: server.url('/w.bin'), dir });
      const claims = new Set((await watchClaims(fixture, id, 'w.bin', body, 20)).filter((claimed) => claimed > 0));
      const done = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(done.status, 'completed', done.error?.message);
      // 4 MiB in steps of at least 1 MiB: a claim at every step, give or take one seen late.
      assert.ok(claims.size >= 2 && Math.max(...claims) >= 2 * MiB, `claims seen: ${[...claims].join(', ')}`);
    });
  }));
