import { HaulError } from '../../shared/errors.js';
import { parseContentRange } from './parse-content-range.js';
import { parseRetryAfter } from './parse-retry-after.js';
import { headerValue } from './response-head.js';

export interface RangeAsked {
  /** First byte asked for; 0 means no Range header was sent. */
  readonly start: number;
  /** Exclusive end asked for (a bounded segment); undefined for "to the end of the file". */
  readonly end?: number | undefined;
  /** Size of the file as recorded from an earlier response, if any. */
  readonly knownTotal: number | undefined;
  /** Validator recorded from an earlier response, if any. */
  readonly etag: string | undefined;
  readonly lastModified: string | undefined;
}

export interface ResponseHead {
  readonly status: number;
  readonly statusMessage?: string | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface Validators {
  readonly total: number | undefined;
  readonly etag: string | undefined;
  readonly lastModified: string | undefined;
}

export type ResponseDecision =
  /** Write the body from `start`; `start` is 0 whenever the partial must be discarded first. */
  | ({ readonly kind: 'body'; readonly start: number } & Validators)
  /** The server says we already have every byte (416 with a total equal to what we hold). */
  | { readonly kind: 'complete' }
  /** Our partial belongs to another version of the file: discard it and ask again from byte 0. */
  | { readonly kind: 'restart'; readonly reason: string }
  | { readonly kind: 'error'; readonly error: HaulError };

/** The validator to send in If-Range: a strong ETag, else Last-Modified (RFC 9110 §13.1.5), else none. */
export function ifRangeValue(etag: string | undefined, lastModified: string | undefined): string | undefined {
  if (etag !== undefined && /^"[^"]*"$/.test(etag)) return etag;
  return lastModified;
}

/**
 * What to do with a response to a (possibly ranged) GET. Pure, so every rule that keeps bytes of
 * two versions of a file apart lives here and is unit-tested.
 */
export function decideResponse(asked: RangeAsked, response: ResponseHead, now = Date.now()): ResponseDecision {
  const header = (name: string): string | undefined => headerValue(response.headers, name);
  const etag = header('etag');
  const lastModified = header('last-modified');
  const { status } = response;

  if (status === 200) {
    return { kind: 'body', start: 0, total: parseLength(header('content-length')), etag, lastModified };
  }
  if (status === 206) {
    if (asked.start === 0) {
      return error('RANGE_MISMATCH', 'server sent a partial response (206) to a request for the whole file');
    }
    const range = parseContentRange(header('content-range'));
    if (range?.start === undefined || range.end === undefined) {
      return error('RANGE_MISMATCH', `206 response with a missing or invalid Content-Range: ${header('content-range') ?? '(none)'}`);
    }
    if (changed(asked.etag, etag) || (asked.etag === undefined && changed(asked.lastModified, lastModified))) {
      return { kind: 'restart', reason: 'the file changed on the server' };
    }
    if (asked.knownTotal !== undefined && range.total !== undefined && range.total !== asked.knownTotal) {
      return { kind: 'restart', reason: `the file changed size on the server (${asked.knownTotal} → ${range.total} bytes)` };
    }
    const total = range.total ?? asked.knownTotal;
    const lastAsked = asked.end !== undefined ? asked.end - 1 : total === undefined ? undefined : total - 1;
    if (range.start !== asked.start || (lastAsked !== undefined && range.end !== lastAsked)) {
      return error('RANGE_MISMATCH', `asked for bytes ${asked.start}-${lastAsked ?? ''} but the server sent ${header('content-range') ?? ''}`);
    }
    const length = parseLength(header('content-length'));
    if (length !== undefined && length !== range.end - range.start + 1) {
      return error('RANGE_MISMATCH', `Content-Length ${length} does not match Content-Range ${header('content-range') ?? ''}`);
    }
    return { kind: 'body', start: asked.start, total, etag: etag ?? asked.etag, lastModified: lastModified ?? asked.lastModified };
  }
  if (status === 416) {
    const range = parseContentRange(header('content-range'));
    const total = range?.total;
    if (asked.start > 0 && total === asked.start && (asked.knownTotal === undefined || asked.knownTotal === total)) {
      return { kind: 'complete' };
    }
    return { kind: 'restart', reason: 'the server cannot serve the rest of the file (416)' };
  }
  if (status === 401) {
    return { kind: 'error', error: new HaulError('AUTH_REQUIRED', 'this server needs a user name and password (HTTP 401)', { status }) };
  }
  const reason = response.statusMessage !== undefined && response.statusMessage !== '' ? ` ${response.statusMessage}` : '';
  const retryAfterMs = parseRetryAfter(header('retry-after'), now);
  return {
    kind: 'error',
    error: new HaulError('HTTP_STATUS', `HTTP ${status}${reason}`, {
      status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    }),
  };
}

function error(code: 'RANGE_MISMATCH', message: string): ResponseDecision {
  return { kind: 'error', error: new HaulError(code, message) };
}

function changed(before: string | undefined, after: string | undefined): boolean {
  return before !== undefined && after !== undefined && before !== after;
}

function parseLength(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  const length = Number(value);
  return Number.isSafeInteger(length) ? length : undefined;
}
