import { type HaulError, isRetryable } from '../../shared/errors.js';

/**
 * One request per piece of at most this, or more when the connection is fast and far away: each
 * request costs a round trip, so a piece should take ten of them to fetch. Servers that pace each
 * response (nginx's limit_rate is per request) also serve the start of every response at once.
 */
export const MIN_REQUEST = 1024 * 1024;
const REQUEST_ROUND_TRIPS = 10;

/**
 * A new connection pays for itself when the piece it takes would keep one connection busy for
 * longer than it takes to open one (twice, to be sure): on loopback that is tiny pieces, across
 * an ocean it is megabytes.
 */
const SETUP_FACTOR = 2;
const MIN_WORTH_MS = 20;
const MIN_STEAL = 64 * 1024;
/** Assumed round trip before one was measured. */
const DEFAULT_SETUP_MS = 100;
/**
 * How long ahead of what a connection has read its server may already have sent: nginx's limit_rate
 * serves the first second of a response at once, and a fast server fills the socket buffers.
 */
const LEAD_SECONDS = 1;

export interface RequestSizes {
  /** Smallest half of a segment worth stealing for a new connection. */
  readonly minSteal: number;
  /** Largest range one request asks for. */
  readonly requestCap: number;
  /** Bytes past a busy connection's position that its server may already have sent (pickSegment's `lead`). */
  readonly lead: number;
}

/**
 * How large a stolen piece and a request should be, from the rate one connection achieves
 * (bytes/s) and the shortest request-to-headers time seen. Below `minSplitSize` only once the rate
 * says a connection would take long enough.
 */
export function requestSizes(perConnection: number, setupMs: number | undefined, minSplitSize: number): RequestSizes {
  const setup = setupMs ?? DEFAULT_SETUP_MS;
  const worthMs = Math.max(MIN_WORTH_MS, SETUP_FACTOR * setup);
  return {
    minSteal: Math.floor(Math.max(MIN_STEAL, Math.min(minSplitSize, (perConnection * worthMs) / 1000))),
    requestCap: Math.floor(Math.max(MIN_REQUEST, (perConnection * setup * REQUEST_ROUND_TRIPS) / 1000)),
    lead: Math.floor(Math.max(MIN_REQUEST, perConnection * LEAD_SECONDS)),
  };
}

export interface RequestRange {
  readonly start: number;
  /** Exclusive end to ask for, or undefined for "to the end of the file". */
  readonly end: number | undefined;
}

/**
 * The bytes one request asks for. Shared between connections, a piece of the segment, so each
 * request stays short enough to be cheap to steal from and to repeat; alone, all of it. A segment
 * that others follow is fetched up to its own end, never to the file's: a request for `pos-` would
 * pull bytes another segment owns, only to drop the connection at this one's end.
 */
export function requestRange(
  segment: { readonly pos: number; readonly end: number } | undefined,
  total: number | undefined,
  shared: boolean,
  requestCap: number,
): RequestRange {
  const start = segment?.pos ?? 0;
  const pieceEnd = segment === undefined || total === undefined ? undefined : shared ? Math.min(segment.end, start + requestCap) : segment.end;
  return { start, end: pieceEnd !== undefined && total !== undefined && pieceEnd < total ? pieceEnd : undefined };
}

/**
 * What one connection's failure means for the download. While others run, a push-back (429, 503,
 * a reset, or a 403 on an extra connection: a per-client connection limit) means fewer
 * connections, and another retryable error a pause before reopening; its segment waits for the next
 * free connection. The last connection's error ends the pass ('end': the download backs off and
 * retries); an error no retry can fix ends it at once ('fatal').
 */
export function workerFailure(error: HaulError, others: number): 'push-back' | 'pause' | 'end' | 'fatal' {
  const retryable = isRetryable(error);
  if (others > 0 && retryable) {
    return error.code === 'NETWORK' || (error.code === 'HTTP_STATUS' && (error.status === 429 || error.status === 503)) ? 'push-back' : 'pause';
  }
  if (others > 0 && error.code === 'HTTP_STATUS' && error.status === 403) return 'push-back';
  return retryable ? 'end' : 'fatal';
}
