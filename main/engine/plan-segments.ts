/** A byte range of the file being fetched; `end` is exclusive, `pos` the next byte to fetch. */
export interface SegmentRange {
  readonly start: number;
  readonly end: number;
  readonly pos: number;
}

export interface SegmentView extends SegmentRange {
  /** A connection is fetching it right now. */
  readonly busy: boolean;
}

export type SegmentPick =
  /** Take over segment `index`, which nobody is fetching. */
  | { readonly kind: 'take'; readonly index: number }
  /** Cut segment `index` at `at`: it keeps [pos, at), a new segment [at, end) is the thief's. */
  | { readonly kind: 'split'; readonly index: number; readonly at: number };

/**
 * What a free connection should fetch next: an unfinished segment nobody is fetching, else half of
 * the largest remaining one (so all connections finish together), if that half is at least
 * `minSplit` bytes; else nothing. Pure: the engine applies the answer.
 */
export function pickSegment(segments: readonly SegmentView[], minSplit: number): SegmentPick | undefined {
  let idle: number | undefined;
  let largest: number | undefined;
  let largestRemaining = 0;
  for (const [index, segment] of segments.entries()) {
    const remaining = segment.end - segment.pos;
    if (remaining <= 0) continue;
    if (!segment.busy) {
      if (idle === undefined || remaining > (segments[idle]?.end ?? 0) - (segments[idle]?.pos ?? 0)) idle = index;
      continue;
    }
    if (remaining > largestRemaining) {
      largest = index;
      largestRemaining = remaining;
    }
  }
  if (idle !== undefined) return { kind: 'take', index: idle };
  if (largest === undefined) return undefined;
  const half = Math.floor(largestRemaining / 2);
  if (half < minSplit) return undefined;
  const victim = segments[largest];
  return victim === undefined ? undefined : { kind: 'split', index: largest, at: victim.end - half };
}

/** Every byte of [0, total) is in exactly one segment and every segment is inside its bounds. */
export function segmentsCover(segments: readonly SegmentRange[], total: number): boolean {
  const sorted = [...segments].sort((a, b) => a.start - b.start);
  let next = 0;
  for (const segment of sorted) {
    if (segment.start !== next || segment.pos < segment.start || segment.pos > segment.end) return false;
    next = segment.end;
  }
  return next === total;
}

/** A segment as the journal keeps it: `end` is undefined while the size is unknown. */
export interface RecordedRange {
  readonly start: number;
  readonly end: number | undefined;
  readonly pos: number;
}

/** Joins finished neighbours, so the journal does not grow with every steal. */
export function compactSegments(segments: readonly RecordedRange[]): RecordedRange[] {
  const sorted = [...segments].sort((a, b) => a.start - b.start);
  const result: RecordedRange[] = [];
  for (const segment of sorted) {
    const last = result.at(-1);
    if (last?.end !== undefined && last.pos === last.end && segment.pos === segment.end && last.end === segment.start) {
      result[result.length - 1] = { start: last.start, end: segment.end, pos: segment.pos };
    } else result.push(segment);
  }
  return result;
}
