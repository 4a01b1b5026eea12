import type { PartFile } from '../storage/part-file.js';
import { performance } from 'node:perf_hooks';
import { HaulError } from '../../shared/errors.js';
import { SegmentWriter } from '../storage/segment-writer.js';
import type { LiveSegment } from './live-segment.js';
import { throttle, type TokenBucket } from './token-bucket.js';

export interface PumpOptions {
  readonly file: PartFile;
  /** Where this response's body ends (exclusive), if it says. */
  readonly responseEnd: number | undefined;
  /** This request's own abort: the stall watchdog ends it. */
  readonly attempt: AbortController;
  /** Every bucket a byte must pass (global, then the download's). */
  readonly buckets: readonly TokenBucket[];
  /** No byte for this long ends the request with STALLED. */
  readonly stallMs: number;
  /** Leave the response early, cleanly, at this position (the first response of a file being split). */
  readonly leaveAt?: ((pos: number) => boolean) | undefined;
  /** Where the milliseconds spent waiting for the disk add up (the session's, for its controller). */
  readonly diskWait?: { ms: number } | undefined;
}

/**
 * Writes one response's body into its segment. Ends early, cleanly, where the segment now ends
 * (another connection took the rest) or where `leaveAt` says; reads to the response's end
 * otherwise, so a body longer than announced is caught. Resolves the file's size when the body
 * revealed it (the size was unknown and the body ended), else undefined.
 */
export async function pumpBody(stream: AsyncIterable<Buffer>, segment: LiveSegment, options: PumpOptions): Promise<number | undefined> {
  const { file, responseEnd, attempt, buckets, stallMs, leaveAt, diskWait } = options;
  segment.writer ??= new SegmentWriter(file, segment.pos);
  const writer = segment.writer;
  const from = segment.pos;
  let lastActivity = performance.now();
  const watchdog = setInterval(
    () => {
      if (performance.now() - lastActivity > stallMs) {
        attempt.abort(new HaulError('STALLED', `no data received for ${Math.round(stallMs / 1000)} s`));
      }
    },
    Math.max(50, Math.min(1000, stallMs / 4)),
  );
  try {
    for await (const chunk of stream) {
      await throttle(buckets, chunk.length, attempt.signal);
      // The end may have moved while we waited: another connection took the rest.
      const room = Math.min(segment.end, responseEnd ?? Infinity) - segment.pos;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      if (part.length > 0) {
        segment.pos += part.length;
        const waited = writer.waitedMs;
        await writer.push(part);
        if (diskWait !== undefined) diskWait.ms += writer.waitedMs - waited;
      }
      lastActivity = performance.now();
      if (chunk.length > room) {
        if (responseEnd !== undefined && segment.pos >= responseEnd) {
          // A response that broke its own framing vouches for none of its bytes: fetch them again.
          await writer.flush();
          segment.floor = Math.min(segment.floor ?? Infinity, from);
          segment.pos = from;
          segment.writer = undefined;
          throw new HaulError('LENGTH_MISMATCH', `the server sent more than the ${responseEnd} bytes it announced`);
        }
        return undefined;
      }
      // Stop as soon as the rest went to another connection; when this response should end here
      // too, read on, so a body longer than announced is caught rather than silently cut.
      if (segment.pos >= segment.end && (responseEnd === undefined || segment.end < responseEnd)) return undefined;
      if (leaveAt?.(segment.pos) === true && segment.pos < segment.end) return undefined;
    }
  } catch (error) {
    const reason: unknown = attempt.signal.reason;
    throw reason instanceof HaulError && reason.code !== 'ABORTED' ? reason : error;
  } finally {
    clearInterval(watchdog);
  }
  if (attempt.signal.aborted) {
    const reason: unknown = attempt.signal.reason;
    throw reason instanceof HaulError ? reason : new HaulError('ABORTED', 'aborted');
  }
  if (segment.end === Infinity) {
    // The size was unknown: the body's end is the file's end.
    segment.end = segment.pos;
    return segment.pos;
  }
  if (segment.pos < Math.min(segment.end, responseEnd ?? segment.end)) {
    throw new HaulError('LENGTH_MISMATCH', `the connection ended after ${segment.pos} of ${responseEnd ?? segment.end} bytes`);
  }
  return undefined;
}
