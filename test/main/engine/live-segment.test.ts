import assert from 'node:assert/strict';
import { test } from 'node:test';
import { durableSegments, type LiveSegment, resumableSegments, sameSegments, toLive, toRecorded } from '../../../main/engine/live-segment.js';

const live = (start: number, end: number, pos: number, floor?: number): LiveSegment => ({ start, end, pos, busy: true, writer: undefined, floor });

test('a checkpoint claims what each writer had handed over before the datasync, never past the live position', () => {
  const a = live(0, 100, 80);
  const b = live(100, 200, 150);
  const handed = new Map([
    [a, 60],
    [b, 170],
  ]);
  assert.deepEqual(durableSegments([a, b], handed), [
    { start: 0, end: 100, pos: 60 },
    { start: 100, end: 200, pos: 150 },
  ]);
});

test('a segment born after the datasync began claims nothing, and one set back claims nothing above its floor', () => {
  const old = live(0, 100, 90, 40);
  const born = live(100, 200, 130);
  assert.deepEqual(durableSegments([old, born], new Map([[old, 90]])), [
    { start: 0, end: 100, pos: 40 },
    { start: 100, end: 200, pos: 100 },
  ]);
});

test('finished neighbours are merged into one recorded segment; an unknown end is recorded as undefined', () => {
  const a = live(0, 100, 100);
  const b = live(100, 200, 200);
  assert.deepEqual(
    durableSegments(
      [a, b],
      new Map([
        [a, 100],
        [b, 200],
      ]),
    ),
    [{ start: 0, end: 200, pos: 200 }],
  );
  assert.deepEqual(toRecorded(live(0, Infinity, 5)), { start: 0, end: undefined, pos: 5 });
  assert.equal(toLive({ start: 0, end: undefined, pos: 5 }).end, Infinity);
});

test('a resume keeps only what the partial still holds: a truncated partial cuts the claims, an empty one starts over', () => {
  const segments = [live(0, 100, 100), live(100, 200, 180)];
  assert.deepEqual(
    resumableSegments(segments, 150).map((segment) => [segment.start, segment.pos]),
    [
      [0, 100],
      [100, 150],
    ],
  );
  assert.deepEqual(resumableSegments(segments, 0), []);
  assert.deepEqual(resumableSegments([live(100, 200, 100)], 500), [], 'a segment that received nothing claims nothing, wherever it starts');
  assert.deepEqual(
    resumableSegments(segments, 500).map((segment) => [segment.start, segment.pos]),
    [
      [0, 100],
      [100, 180],
    ],
    'a partial longer than the claims (unflushed bytes) keeps the claims as they are',
  );
});

test('segments are the same only when every range and position is', () => {
  assert.ok(sameSegments([{ start: 0, end: 10, pos: 5 }], [{ start: 0, end: 10, pos: 5 }]));
  assert.ok(!sameSegments([{ start: 0, end: 10, pos: 5 }], [{ start: 0, end: 10, pos: 6 }]));
  assert.ok(!sameSegments([{ start: 0, end: 10, pos: 5 }], []));
});
