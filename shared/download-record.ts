import type { Checksum } from './checksum.js';
import { type DownloadStatus, isDownloadStatus } from './download-status.js';
import type { HaulErrorCode } from './errors.js';

/** A byte range of the file; `pos` is the next byte to fetch, durable on disk up to it. */
export interface Segment {
  readonly start: number;
  /** Exclusive end; undefined while the size is unknown. */
  readonly end: number | undefined;
  readonly pos: number;
}

export interface RecordedError {
  readonly code: HaulErrorCode;
  readonly message: string;
  readonly status?: number;
}

/** One line of a download's attempt log: what went wrong, and when. */
export interface LogEntry {
  readonly at: number;
  readonly message: string;
}

/** What the journal keeps of a download: enough to resume it byte-exactly after a crash. */
export interface DownloadRecord {
  readonly id: string;
  readonly url: string;
  /** Absolute target folder. */
  readonly dir: string;
  /** The name the user asked for, if any. */
  readonly requestedName?: string;
  /** The claimed final file name inside `dir`, once the first response named it. */
  readonly name?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly checksum?: Checksum;
  readonly status: DownloadStatus;
  readonly total?: number;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly segments: readonly Segment[];
  readonly error?: RecordedError;
  /** Epoch ms of the next attempt while retrying. */
  readonly retryAt?: number;
  readonly attempts: number;
  /** Per-download byte-rate limit; 0 = none. */
  readonly limit: number;
  /** Connections for this download; undefined = adaptive. */
  readonly connections?: number;
  /** The server said it serves byte ranges of this file (Accept-Ranges: bytes, or a 206). */
  readonly acceptsRanges?: boolean;
  readonly createdAt: number;
  readonly completedAt?: number;
  /** The last few failed attempts and restarts, newest last. */
  readonly log?: readonly LogEntry[];
  /**
   * The identity of the `.part` this download created (and, once committed, of the final file: a
   * link keeps the inode). Bytes are resumed only into the file with this identity; any other file
   * under that name is somebody else's.
   */
  readonly file?: FileIdentity;
}

export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const optional = (value: unknown, check: (v: unknown) => boolean): boolean => value === undefined || check(value);
const isString = (value: unknown): value is string => typeof value === 'string';

function isSegment(value: unknown): value is Segment {
  if (!isObject(value)) return false;
  const { start, end, pos } = value;
  return isCount(start) && isCount(pos) && pos >= start && (end === undefined || (isCount(end) && end >= pos));
}

function isChecksum(value: unknown): value is Checksum {
  return isObject(value) && ['sha-256', 'sha-1', 'md5'].includes(value.algorithm as string) && isString(value.hex) && /^[0-9a-f]+$/.test(value.hex);
}

function isHeaders(value: unknown): value is Record<string, string> {
  return isObject(value) && Object.values(value).every(isString);
}

function isRecordedError(value: unknown): value is RecordedError {
  return isObject(value) && isString(value.code) && isString(value.message) && optional(value.status, isCount);
}

/** The journal is a file on disk, so every record read back is checked before it is trusted. */
export function parseDownloadRecord(value: unknown): DownloadRecord | undefined {
  if (!isObject(value)) return undefined;
  const v = value;
  const ok =
    isString(v.id) &&
    isString(v.url) &&
    isString(v.dir) &&
    optional(v.requestedName, isString) &&
    optional(v.name, isString) &&
    isHeaders(v.headers) &&
    optional(v.checksum, isChecksum) &&
    isDownloadStatus(v.status) &&
    optional(v.total, isCount) &&
    optional(v.etag, isString) &&
    optional(v.lastModified, isString) &&
    Array.isArray(v.segments) &&
    v.segments.every(isSegment) &&
    optional(v.error, isRecordedError) &&
    optional(v.retryAt, isCount) &&
    isCount(v.attempts) &&
    isCount(v.limit) &&
    optional(v.connections, isCount) &&
    optional(v.acceptsRanges, (value) => typeof value === 'boolean') &&
    isCount(v.createdAt) &&
    optional(v.completedAt, isCount) &&
    optional(v.file, (file) => isObject(file) && isCount(file.dev) && isCount(file.ino)) &&
    optional(v.log, (log) => Array.isArray(log) && log.every((entry) => isObject(entry) && isCount(entry.at) && isString(entry.message)));
  return ok ? (v as unknown as DownloadRecord) : undefined;
}
