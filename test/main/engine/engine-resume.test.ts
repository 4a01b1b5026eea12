import assert from 'node:assert/strict';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { type DownloadRecord, parseDownloadRecord, type Segment } from '../../../shared/download-record.js';
import { Journal } from '../../../main/storage/journal.js';
import { makeContent, sha256 } from '../../helpers/content.js';
import { type EngineFixture, waitForStatus, withEngine } from '../../helpers/engine-fixture.js';
import { type ServedFile, withServer } from '../../helpers/fault-server.js';

const MiB = 1024 * 1024;

/** Leaves what a killed run leaves: a journal with these segments and a partial holding exactly their bytes. */
async function interruptedRun(stateDir: string, dir: string, url: string, file: ServedFile, segments: Segment[]): Promise<string> {
  const body = file.body;
  const size = Math.max(...segments.filter((segment) => segment.pos > segment.start).map((segment) => segment.pos));
  const part = Buffer.alloc(size);
  for (const segment of segments) body.copy(part, segment.start, segment.start, segment.pos);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'r.bin.part'), part);
  // A run records the identity of the partial it created; a resume writes only into that file.
  const { dev, ino } = await stat(join(dir, 'r.bin.part'));
  const journal = await Journal.open<DownloadRecord>(stateDir, parseDownloadRecord);
  const record: DownloadRecord = {
    id: 'resumed',
    url,
    dir,
    name: 'r.bin',
    file: { dev, ino },
    headers: {},
    status: 'paused',
    total: body.length,
    acceptsRanges: true,
    segments,
    attempts: 0,
    limit: 0,
    createdAt: Date.now(),
  };
  journal.put(record);
  await journal.close();
  return record.id;
}

/** Resumes the crafted run in a reopened engine, checks the file is byte-exact, and returns what was asked for. */
async function resumeByteExact(fixture: EngineFixture, url: string, file: ServedFile, segments: Segment[]): Promise<ReturnType<typeof asked>> {
  const id = await interruptedRun(fixture.stateDir, fixture.dir, url, file, segments);
  const engine = await fixture.reopen();
  engine.resume(id);
  const done = await waitForStatus(engine, id, ['completed', 'failed']);
  assert.equal(done.status, 'completed', done.error?.message);
  assert.equal(sha256(await readFile(join(fixture.dir, 'r.bin'))), sha256(file.body));
  return asked(file);
}

function asked(file: ServedFile): { ranges: [number, number | undefined][]; bytes: number } {
  const total = file.body.length;
  const ranges: [number, number | undefined][] = file.requests.map((request) => {
    const match = /^bytes=(\d+)-(\d*)$/.exec(request.range ?? '');
    assert.ok(match !== null, `every request of a resume is ranged, got ${request.range ?? 'none'}`);
    return [Number(match[1]), match[2] === '' ? undefined : Number(match[2])];
  });
  const bytes = ranges.reduce((sum, [start, end]) => sum + (end ?? total - 1) - start + 1, 0);
  return { ranges, bytes };
}

test('a resume trusts every segment that received bytes, even when later segments received none and start past the partial', () =>
  withServer(async (server) => {
    const file = server.file('/r.bin', { body: makeContent(16 * MiB, 341), etag: false, lastModified: false });
    await withEngine({ connections: 4 }, async (fixture) => {
      await fixture.engine.close();
      // 3 MiB saved in the first four of sixteen segments; the other twelve start past the partial's end.
      const segments: Segment[] = Array.from({ length: 16 }, (_, index) => {
        const start = index * MiB;
        return { start, end: start + MiB, pos: index < 4 ? start + (3 * MiB) / 4 : start };
      });
      const { ranges, bytes } = await resumeByteExact(fixture, server.url('/r.bin'), file, segments);
      assert.ok(!ranges.some(([start]) => start === 0), 'no request starts over from byte 0');
      assert.equal(bytes, 16 * MiB - 3 * MiB, 'exactly the missing bytes are asked for');
    });
  }));

test('each resumed segment asks for its own bytes only, never past its end while others follow', () =>
  withServer(async (server) => {
    const file = server.file('/r.bin', { body: makeContent(8 * MiB, 342), pace: 4 * MiB });
    await withEngine({ connections: 1 }, async (fixture) => {
      await fixture.engine.close();
      const segments: Segment[] = Array.from({ length: 4 }, (_, index) => {
        const start = index * 2 * MiB;
        return { start, end: start + 2 * MiB, pos: start + MiB };
      });
      // One connection: the segments are fetched one after another, each request bounded to its segment.
      const { ranges, bytes } = await resumeByteExact(fixture, server.url('/r.bin'), file, segments);
      assert.equal(bytes, 4 * MiB, `asked ${bytes} bytes for 4 MiB missing: ${JSON.stringify(ranges)}`);
    });
  }));
