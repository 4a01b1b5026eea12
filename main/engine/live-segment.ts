import type { Segment } from '../../shared/download-record.js';
import type { SegmentWriter } from '../storage/segment-writer.js';
import { compactSegments, type SegmentRange } from './plan-segments.js';

/** A segment as it is being fetched: `pos` runs ahead of the journal, `end` may shrink when another connection steals half. */
export interface LiveSegment {
  readonly start: number;
  /** Exclusive; Infinity while the size is unknown. */
  end: number;
  pos: number;
  busy: boolean;
  writer: SegmentWriter | undefined;
  /** Where the request in flight on it ends (exclusive), so a steal does not cut where the server already sent. */
  requestEnd?: number | undefined;
  /**
   * Lowest position this segment was set back to since the last checkpoint began (a response that
   * broke its framing vouches for none of its bytes): bytes above it may be unflushed new ones.
   */
  floor?: number | undefined;
}

export function toLive(segment: Segment): LiveSegment {
  return { start: segment.start, end: segment.end ?? Infinity, pos: segment.pos, busy: false, writer: undefined };
}

export function toRecorded(segment: SegmentRange | LiveSegment): Segment {
  return { start: segment.start, end: Number.isFinite(segment.end) ? segment.end : undefined, pos: segment.pos };
}

export function sameSegments(a: readonly Segment[], b: readonly Segment[]): boolean {
  return (
    a.length === b.length &&
    a.every((segment, index) => segment.start === b[index]?.start && segment.end === b[index].end && segment.pos === b[index].pos)
  );
}

/**
 * The checkpoint rule: what the journal may claim after a datasync. Each segment claims only what
 * its own writer had handed to the OS before the datasync began (`handed`, by identity: a segment
 * born since claims none), never past its live position, and never above a position it was set
 * back to meanwhile (`floor`).
 */
export function durableSegments(segments: readonly LiveSegment[], handed: ReadonlyMap<LiveSegment, number>): Segment[] {
  const durable = segments.map((segment) => {
    const written = handed.get(segment);
    const pos = written === undefined ? segment.start : Math.max(segment.start, Math.min(segment.pos, written, segment.floor ?? Infinity));
    return toRecorded({ start: segment.start, end: segment.end, pos });
  });
  return compactSegments(durable);
}

/**
 * The resume rule: the journalled segments a partial of `size` bytes still backs. Only bytes a
 * segment received are claimed; a partial shorter than a claim (truncated by someone) keeps what it
 * still holds; a partial backing nothing starts over (no segments).
 */
export function resumableSegments(segments: readonly LiveSegment[], size: number): LiveSegment[] {
  const kept = segments.map((segment) => (segment.pos > size ? { ...segment, pos: Math.max(segment.start, size) } : segment));
  const claimed = kept.reduce((sum, segment) => sum + segment.pos - segment.start, 0);
  return claimed === 0 ? [] : kept;
}
