import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DownloadSnapshot, ProgressBatch } from '../../../shared/download-snapshot.js';
import { renderProgress } from '../../../main/cli/render-progress.js';
import { renderSummary } from '../../../main/cli/render-summary.js';
import { RunTally } from '../../../main/cli/run-tally.js';

const MiB = 1024 * 1024;

function download(id: string, patch: Partial<DownloadSnapshot>): DownloadSnapshot {
  return {
    id,
    url: `http://h/${id}`,
    dir: '/d',
    headers: {},
    status: 'queued',
    segments: [],
    attempts: 0,
    limit: 0,
    createdAt: 0,
    bytes: 0,
    liveConnections: 0,
    ...patch,
  };
}

function batch(items: { id: string; bytes: number; total: number; connections: number }[]): ProgressBatch {
  return {
    at: 0,
    items: items.map((item) => ({ ...item, status: 'downloading' as const, speed: MiB, eta: 3, segments: [] })),
    overall: { bytes: 0, total: 0, speed: 0, eta: undefined, active: items.length, queued: 0 },
  };
}

test('the total line counts the whole run: finished files stay in it, so it never shrinks', () => {
  let now = 0;
  const tally = new RunTally(() => now);
  tally.state(download('a', { status: 'downloading', name: 'a.bin', total: 4 * MiB }));
  tally.state(download('b', { status: 'downloading', name: 'b.bin', total: 4 * MiB }));
  const first = renderProgress(
    tally.progress(
      batch([
        { id: 'a', bytes: 2 * MiB, total: 4 * MiB, connections: 8 },
        { id: 'b', bytes: MiB, total: 4 * MiB, connections: 3 },
      ]),
    ),
    tally,
    120,
  );
  assert.match(first.at(-1) ?? '', /total: 0\/2 done, 2 active, 0 queued, 3\.0 MiB\/8\.0 MiB 37%/);
  now = 2000;
  tally.state(download('a', { status: 'completed', name: 'a.bin', total: 4 * MiB, bytes: 4 * MiB }));
  const second = renderProgress(tally.progress(batch([{ id: 'b', bytes: 2 * MiB, total: 4 * MiB, connections: 3 }])), tally, 120);
  assert.match(second.at(-1) ?? '', /total: 1\/2 done, 1 active, 0 queued, 6\.0 MiB\/8\.0 MiB 75%/);
  assert.match(second[0] ?? '', /^b\.bin\s+\[#{10}\.{10}\]\s+50% 2\.0 MiB\/4\.0 MiB\s+CN:3\s+1\.0 MiB\/s ETA 3s/);
});

test('every line fits the terminal width', () => {
  const tally = new RunTally();
  tally.state(download('a', { status: 'downloading', name: `${'long name '.repeat(20)}.iso`, total: 4 * MiB }));
  for (const width of [40, 80, 200]) {
    for (const line of renderProgress(tally.progress(batch([{ id: 'a', bytes: MiB, total: 4 * MiB, connections: 16 }])), tally, width)) {
      assert.ok(Array.from(line).length <= width, `${Array.from(line).length} > ${width}: ${line}`);
    }
  }
});

test("the closing table lists each download with its outcome, as aria2c's Download Results", () => {
  let now = 0;
  const tally = new RunTally(() => now);
  tally.state(download('a', { status: 'downloading', name: 'a.bin', total: 4 * MiB }));
  now = 2000;
  tally.state(download('a', { status: 'completed', name: 'a.bin', total: 4 * MiB, bytes: 4 * MiB }));
  tally.state(download('b', { status: 'failed', error: { code: 'HTTP_STATUS', message: 'HTTP 404 Not Found', status: 404 } }));
  tally.skipped(download('c', { status: 'completed', name: 'c.bin', total: MiB, bytes: MiB }));
  const lines = renderSummary(tally);
  assert.equal(lines[0], 'Download Results:');
  assert.match(lines.find((line) => line.includes('a.bin')) ?? '', /^OK\s+\|\s+2\.0 MiB\/s \| 4\.0 MiB \| \/d\/a\.bin$/);
  assert.match(lines.find((line) => line.includes('/b')) ?? '', /^ERR .*http:\/\/h\/b \(HTTP 404 Not Found\)$/);
  assert.match(lines.find((line) => line.includes('c.bin')) ?? '', /^DONE .*finished by an earlier run/);
  assert.match(lines.at(-1) ?? '', /2 of 3 complete, 1 failed/);
});
