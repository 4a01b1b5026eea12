import assert from 'node:assert/strict';
import { constants } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { directIo } from '../../../main/storage/folder-io.js';
import { PartFile } from '../../../main/storage/part-file.js';
import { SegmentWriter } from '../../../main/storage/segment-writer.js';
import { makeContent, sha256 } from '../../helpers/content.js';
import { tempDir } from '../../helpers/engine-fixture.js';

test('two writers at their own offsets of one file produce the exact bytes', async () => {
  const path = join(await tempDir(), 'f.part');
  const content = makeContent(5_000_000, 7);
  const file = await PartFile.open(directIo, path, constants.O_RDWR | constants.O_CREAT | constants.O_TRUNC);
  const half = 2_500_000;
  const a = new SegmentWriter(file, 0);
  const b = new SegmentWriter(file, half);
  const pushAll = async (writer: SegmentWriter, from: number, to: number, step: number): Promise<void> => {
    for (let at = from; at < to; at += step) await writer.push(content.subarray(at, Math.min(to, at + step)));
  };
  await Promise.all([pushAll(a, 0, half, 65_536), pushAll(b, half, content.length, 16_000)]);
  assert.equal(await a.flush(), half);
  assert.equal(await b.flush(), content.length);
  await file.close();
  assert.equal(sha256(await readFile(path)), sha256(content));
});

test('flush while pushes continue covers what came before it, and written never runs ahead', async () => {
  const path = join(await tempDir(), 'g.part');
  const content = makeContent(4_000_000, 8);
  const file = await PartFile.open(directIo, path, constants.O_RDWR | constants.O_CREAT | constants.O_TRUNC);
  const writer = new SegmentWriter(file, 0);
  let pushed = 0;
  const flushes: Promise<void>[] = [];
  for (let at = 0; at < content.length; at += 100_000) {
    await writer.push(content.subarray(at, at + 100_000));
    pushed += 100_000;
    const mark = pushed;
    flushes.push(
      writer.flush().then((written) => {
        assert.ok(written >= mark, `${written} < ${mark}`);
      }),
    );
  }
  await Promise.all(flushes);
  await file.close();
  assert.equal(sha256(await readFile(path)), sha256(content));
});

test('waitedMs counts the time push waited for a slow disk, and only that', async () => {
  // A stand-in for the partial whose every write takes 30 ms: the disk, not the network, sets the pace.
  const slow = {
    writev: (buffers: readonly Buffer[]) =>
      new Promise<number>((resolve) =>
        setTimeout(() => {
          resolve(buffers.reduce((sum, buffer) => sum + buffer.length, 0));
        }, 30),
      ),
  } as unknown as PartFile;
  const writer = new SegmentWriter(slow, 0);
  const chunk = Buffer.alloc(1 << 18);
  const started = performance.now();
  for (let i = 0; i < 8; i++) await writer.push(chunk);
  const elapsed = performance.now() - started;
  // Eight full buffers, one write in flight while the next fills: the last six pushes each wait for one.
  assert.ok(writer.waitedMs >= 150 && writer.waitedMs <= elapsed, `waited ${writer.waitedMs} ms of ${elapsed}`);
  await writer.flush();

  const path = join(await tempDir(), 'w.part');
  const file = await PartFile.open(directIo, path, constants.O_RDWR | constants.O_CREAT | constants.O_TRUNC);
  const fast = new SegmentWriter(file, 0);
  for (let i = 0; i < 8; i++) await fast.push(Buffer.alloc(1 << 10));
  assert.equal(fast.waitedMs, 0, 'pushes that fill no buffer never wait');
  await fast.flush();
  await file.close();
});
