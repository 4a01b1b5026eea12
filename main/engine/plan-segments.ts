/** A byte range of the file being fetched; `end` is exclusive, `pos` the next byte to fetch. */
export interface SegmentRange {
  readonly start: number;
  readonly end: number;
  readonly pos: number;
}

export interface SegmentView extends SegmentRange {
  /** A connection is fetching it right now. */
  readonly busy: boolean;
  /** Where the request in flight on it ends (exclusive); undefined when none is, or it is unknown. */
  readonly requestEnd?: number | undefined;
}

export type SegmentPick =
  /** Take over segment `index`, which nobody is fetching. */
  | { readonly kind: 'take'; readonly index: number }
  /** Cut segment `index` at `at`: it keeps [pos, at), a new segment [at, end) is the thief's. */
  | { readonly kind: 'split'; readonly index: number; readonly at: number };

/**
 * What a free connection should fetch next: an unfinished segment nobody is fetching, else the back
 * half of a busy one (so all connections finish together), if that is at least `minSplit` bytes;
 * else nothing.
 *
 * A cut never falls where the busy connection's server may already have sent the bytes: not inside
 * the request in flight, unless it is at least `lead` bytes past the connection's position (a
 * server sends ahead of what is read: nginx's limit_rate serves a second's worth at once, a fast
 * server fills the socket buffers). Those bytes would arrive twice, once on each connection. Of the
 * busy segments, the one with the most to give is cut. Pure: the engine applies the answer.
 */
export function pickSegment(segments: readonly SegmentView[], minSplit: number, lead = 0): SegmentPick | undefined {
  let idle: number | undefined;
  let best: { index: number; at: number; size: number } | undefined;
  for (const [index, segment] of segments.entries()) {
    const remaining = segment.end - segment.pos;
    if (remaining <= 0) continue;
    if (!segment.busy) {
      if (idle === undefined || remaining > (segments[idle]?.end ?? 0) - (segments[idle]?.pos ?? 0)) idle = index;
      continue;
    }
    const inFlight = Math.min(segment.requestEnd ?? segment.end, segment.end);
    const safe = Math.min(inFlight, segment.pos + lead);
    const at = Math.max(segment.end - Math.floor(remaining / 2), safe);
    const size = segment.end - at;
    if (size > 0 && (best === undefined || size > best.size)) best = { index, at, size };
  }
  if (idle !== undefined) return { kind: 'take', index: idle };
  if (best === undefined || best.size < minSplit) return undefined;
  return { kind: 'split', index: best.index, at: best.at };
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
