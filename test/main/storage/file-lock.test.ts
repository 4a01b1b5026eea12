import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FileLock } from '../../../main/storage/file-lock.js';
import { tempDir } from '../../helpers/engine-fixture.js';

const lockModule = new URL('../../../main/storage/file-lock.js', import.meta.url).href;

/** A child process that takes the lock, says so, and holds it until killed. */
function holdInChild(path: string): Promise<{ kill: (signal: NodeJS.Signals) => Promise<void>; pid: number }> {
  const child = spawn(process.execPath, [
    '--input-type=module',
    '-e',
    `const { FileLock } = await import(${JSON.stringify(lockModule)});
     const lock = await FileLock.acquire(${JSON.stringify(path)});
     console.log(lock instanceof FileLock ? 'held' : 'busy');
     setInterval(() => {}, 1000);`,
  ]);
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (data: Buffer) => {
      if (data.toString().trim() !== 'held') reject(new Error(`child could not lock: ${data.toString()}`));
      resolve({
        pid: child.pid ?? 0,
        kill: (signal) =>
          new Promise((done) => {
            child.once('exit', () => {
              done();
            });
            child.kill(signal);
          }),
      });
    });
    child.once('error', reject);
  });
}

test('one holder at a time within a process', async () => {
  const path = join(await tempDir(), 'x.lock');
  const first = await FileLock.acquire(path);
  assert.ok(first instanceof FileLock);
  const second = await FileLock.acquire(path);
  assert.ok(!(second instanceof FileLock));
  assert.equal(second.heldBy.pid, process.pid);
  await first.release();
  const third = await FileLock.acquire(path);
  assert.ok(third instanceof FileLock);
  await third.release();
});

test('a lock held by a live process is refused; one left by a killed process is taken over', async () => {
  const path = join(await tempDir(), 'y.lock');
  const child = await holdInChild(path);
  const refused = await FileLock.acquire(path);
  assert.ok(!(refused instanceof FileLock));
  assert.equal(refused.heldBy.pid, child.pid);
  await child.kill('SIGKILL');
  const taken = await FileLock.acquire(path);
  assert.ok(taken instanceof FileLock, 'the dead owner’s lock is stale at once, no waiting');
  await taken.release();
});

test('a garbled lock file from some other tool is respected until it is old', async () => {
  const path = join(await tempDir(), 'z.lock');
  await writeFile(path, 'garbage');
  const refused = await FileLock.acquire(path);
  assert.ok(!(refused instanceof FileLock));
  assert.equal(await readFile(path, 'utf8'), 'garbage');
});

test('an empty lock (its owner killed between creating and writing it) is taken over once it is two seconds old, not after thirty', async () => {
  const dir = await tempDir();
  const path = join(dir, 'empty.lock');
  await writeFile(path, '');
  const old = new Date(Date.now() - 3000);
  await utimes(path, old, old);
  const taken = await FileLock.acquire(path);
  assert.ok(taken instanceof FileLock, 'an empty lock two seconds old is abandoned');
  await taken.release();
  // A fresh empty lock: its owner may be writing it right now; it is waited for, then judged.
  await writeFile(path, '');
  const started = Date.now();
  const later = await FileLock.acquire(path);
  assert.ok(later instanceof FileLock);
  assert.ok(Date.now() - started >= 1500, 'a young empty lock is given its owner’s moment first');
  await later.release();
});

test('a lock and its .break file both left by a process killed while it broke a stale lock are taken over at once', async () => {
  // The kill -9 loop found it: every rerun breaks the lock its killed predecessor left; a run killed
  // inside that left `.break` behind, and the next run was locked out for ten seconds ("not resumable").
  const path = join(await tempDir(), 'b.lock');
  const child = await holdInChild(path);
  const dead = { pid: child.pid, host: hostname(), token: 'dead-breaker' };
  await child.kill('SIGKILL');
  await writeFile(`${path}.break`, JSON.stringify(dead));
  const taken = await FileLock.acquire(path);
  assert.ok(taken instanceof FileLock, 'neither the dead owner’s lock nor its breaker holds anyone out');
  await taken.release();
});

test('a .break file of a live process is respected', async () => {
  const path = join(await tempDir(), 'c.lock');
  const child = await holdInChild(path);
  await child.kill('SIGKILL');
  await writeFile(`${path}.break`, JSON.stringify({ pid: process.pid, host: hostname(), token: 'live-breaker' }));
  const refused = await FileLock.acquire(path);
  assert.ok(!(refused instanceof FileLock), 'a breaker at work is waited for');
  assert.match(await readFile(`${path}.break`, 'utf8'), /live-breaker/);
});

test('an empty .break file (its breaker killed between creating and writing it) is taken over once it is two seconds old', async () => {
  const path = join(await tempDir(), 'e.lock');
  const child = await holdInChild(path);
  await child.kill('SIGKILL');
  await writeFile(`${path}.break`, '');
  const started = Date.now();
  const taken = await FileLock.acquire(path);
  assert.ok(taken instanceof FileLock, 'not locked out for the breaker’s ten seconds');
  assert.ok(Date.now() - started < 5000);
  await taken.release();
});
