import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compactSegments, pickSegment, segmentsCover } from '../../../main/engine/plan-segments.js';

const MiB = 1024 * 1024;

test('an idle unfinished segment is taken before anything is split', () => {
  const pick = pickSegment(
    [
      { start: 0, end: 10 * MiB, pos: 2 * MiB, busy: true },
      { start: 10 * MiB, end: 12 * MiB, pos: 11 * MiB, busy: false },
      { start: 12 * MiB, end: 20 * MiB, pos: 20 * MiB, busy: false },
    ],
    MiB,
  );
  assert.deepEqual(pick, { kind: 'take', index: 1 });
});

test('otherwise half of the largest remaining segment is stolen, cut at its middle', () => {
  const pick = pickSegment(
    [
      { start: 0, end: 10 * MiB, pos: 2 * MiB, busy: true },
      { start: 10 * MiB, end: 30 * MiB, pos: 14 * MiB, busy: true },
    ],
    MiB,
  );
  assert.deepEqual(pick, { kind: 'split', index: 1, at: 22 * MiB });
});

test('no split when the half would be below the minimum; nothing when all is done', () => {
  assert.equal(pickSegment([{ start: 0, end: 3 * MiB, pos: MiB + 1, busy: true }], MiB), undefined);
  assert.deepEqual(pickSegment([{ start: 0, end: 3 * MiB, pos: MiB, busy: true }], MiB), { kind: 'split', index: 0, at: 2 * MiB });
  assert.equal(pickSegment([{ start: 0, end: MiB, pos: MiB, busy: false }], 1), undefined);
  assert.equal(pickSegment([], 1), undefined);
});

test('repeated stealing from one connection splits the file evenly', () => {
  const segments = [{ start: 0, end: 16 * MiB, pos: 0, busy: true }];
  for (let i = 0; i < 3; i++) {
    const pick = pickSegment(segments, MiB);
    assert.ok(pick?.kind === 'split');
    const victim = segments[pick.index];
    assert.ok(victim !== undefined);
    segments.splice(pick.index + 1, 0, { start: pick.at, end: victim.end, pos: pick.at, busy: true });
    victim.end = pick.at;
  }
  assert.deepEqual(
    segments.map((segment) => (segment.end - segment.start) / MiB),
    [4, 4, 4, 4],
  );
  assert.ok(segmentsCover(segments, 16 * MiB));
});

test('coverage is checked exactly, and finished neighbours are joined', () => {
  assert.ok(
    segmentsCover(
      [
        { start: 0, end: 5, pos: 5 },
        { start: 5, end: 9, pos: 6 },
      ],
      9,
    ),
  );
  assert.equal(
    segmentsCover(
      [
        { start: 0, end: 5, pos: 5 },
        { start: 6, end: 9, pos: 6 },
      ],
      9,
    ),
    false,
    'a gap',
  );
  assert.equal(
    segmentsCover(
      [
        { start: 0, end: 5, pos: 5 },
        { start: 4, end: 9, pos: 6 },
      ],
      9,
    ),
    false,
    'an overlap',
  );
  assert.deepEqual(
    compactSegments([
      { start: 5, end: 9, pos: 9 },
      { start: 0, end: 5, pos: 5 },
      { start: 9, end: 12, pos: 10 },
      { start: 12, end: 20, pos: 20 },
    ]),
    [
      { start: 0, end: 9, pos: 9 },
      { start: 9, end: 12, pos: 10 },
      { start: 12, end: 20, pos: 20 },
    ],
  );
});

test('a cut never falls inside the request in flight within the lead: its server may have sent those bytes already', () => {
  // The request in flight ends at 4 MiB, and the server may be 1 MiB ahead: the middle (5 MiB) is
  // past both, so it stays; a smaller segment whose whole rest is in flight is left alone.
  const small = { start: 10 * MiB, end: 11 * MiB, pos: 10 * MiB, busy: true, requestEnd: 11 * MiB };
  const segments = [{ start: 0, end: 10 * MiB, pos: 0, busy: true, requestEnd: 4 * MiB }, small];
  assert.deepEqual(pickSegment(segments, 64 * 1024, MiB), { kind: 'split', index: 0, at: 5 * MiB });
  assert.equal(pickSegment([small], 64 * 1024, MiB), undefined, 'all of it in flight, within the lead');
});

test('the cut moves past the request in flight, and the segment with the most to give is cut', () => {
  const pick = pickSegment(
    [
      // 8 MiB left, but 7 MiB of it in flight within the lead: 1 MiB to give.
      { start: 0, end: 8 * MiB, pos: 0, busy: true, requestEnd: 7 * MiB },
      // 4 MiB left, its request ends at 1 MiB: the middle (2 MiB in) gives 2 MiB.
      { start: 8 * MiB, end: 12 * MiB, pos: 8 * MiB, busy: true, requestEnd: 9 * MiB },
    ],
    64 * 1024,
    16 * MiB,
  );
  assert.deepEqual(pick, { kind: 'split', index: 1, at: 10 * MiB });
});

test('far past the position, a cut inside the request in flight is allowed: the server cannot be that far ahead', () => {
  const pick = pickSegment([{ start: 0, end: 64 * MiB, pos: MiB, busy: true, requestEnd: 64 * MiB }], MiB, 2 * MiB);
  assert.deepEqual(pick, { kind: 'split', index: 0, at: 32 * MiB + MiB / 2 });
});
