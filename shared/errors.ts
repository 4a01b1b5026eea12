/**
 * Every failure the engine reports is a HaulError with a stable `code`, so that the CLI, the UI and
 * the retry policy can branch on it without parsing messages.
 */
export type HaulErrorCode =
  | 'INVALID_URL'
  | 'UNSUPPORTED_PROTOCOL'
  | 'INVALID_OPTION'
  | 'HTTP_STATUS'
  | 'NETWORK'
  | 'HOST_NOT_FOUND'
  | 'STALLED'
  | 'TOO_SLOW'
  | 'LENGTH_MISMATCH'
  | 'RANGE_MISMATCH'
  | 'CHECKSUM_MISMATCH'
  | 'NO_SPACE'
  | 'ACCESS_DENIED'
  | 'FILE_SYSTEM'
  | 'LOCKED'
  /** A proxy refused or could not be reached: the proxy's fault, not the server's. */
  | 'PROXY'
  /** The server's certificate did not check out. */
  | 'TLS'
  /** HTTP 401: the server needs a user name and password (or refused the ones given). */
  | 'AUTH_REQUIRED'
  | 'ABORTED'
  | 'UNKNOWN';

export interface HaulErrorOptions {
  readonly cause?: unknown;
  /** HTTP status for HTTP_STATUS errors. */
  readonly status?: number;
  /** Server-requested delay (from Retry-After), in milliseconds. */
  readonly retryAfterMs?: number;
}

export class HaulError extends Error {
  override readonly name = 'HaulError';
  readonly code: HaulErrorCode;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: HaulErrorCode, message: string, options: HaulErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Node's system error codes that mean "the network failed, try again". */
const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
  'HPE_INVALID_CONSTANT',
  'ERR_GOT_REQUEST_ERROR',
]);

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504]);

/** The one place that decides whether a failure is worth another attempt. */
export function isRetryable(error: HaulError): boolean {
  switch (error.code) {
    case 'NETWORK':
    case 'HOST_NOT_FOUND':
    case 'STALLED':
    case 'TOO_SLOW':
    case 'LENGTH_MISMATCH':
    case 'RANGE_MISMATCH':
      return true;
    case 'HTTP_STATUS':
      return error.status !== undefined && RETRYABLE_STATUSES.has(error.status);
    default:
      return false;
  }
}

/** The first value `pick` finds along an error's cause chain (got wraps the socket's or resolver's error), five deep at most. */
function fromCauseChain(error: unknown, pick: (error: Error) => string | undefined): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const found = pick(current);
    if (found !== undefined) return found;
    current = current.cause;
  }
  return undefined;
}

/** What Node's system errors carry; described here so this file needs no Node types (the renderer imports it). */
interface SystemErrorFields {
  readonly code?: unknown;
  readonly path?: unknown;
}

/** The system's error code (ENOENT, ECONNRESET…) of an error or the first of its causes that has one. */
export function systemCode(error: unknown): string | undefined {
  const code = fromCauseChain(error, (current) => {
    const value = (current as SystemErrorFields).code;
    return typeof value === 'string' && value !== 'ERR_GOT_REQUEST_ERROR' ? value : undefined;
  });
  if (code !== undefined) return code;
  const own = (error as SystemErrorFields | undefined)?.code;
  return typeof own === 'string' ? own : undefined;
}

/** The path a file-system error names, if any. */
function errorPath(error: unknown): string | undefined {
  const path = (error as SystemErrorFields | undefined)?.path;
  return typeof path === 'string' ? path : undefined;
}

/** Turns whatever a socket or the file system threw into a HaulError, once, at the edge, in people's words. */
export function toHaulError(error: unknown, context = ''): HaulError {
  if (error instanceof HaulError) return error;
  const code = systemCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  const prefix = context === '' ? '' : `${context}: `;
  const path = errorPath(error);
  const where = path === undefined ? '' : ` (${path})`;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new HaulError('NO_SPACE', `${prefix}no space left on the device${where}`, { cause: error });
    case 'EROFS':
      return new HaulError('ACCESS_DENIED', `${prefix}the folder is on a read-only file system${where}`, { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new HaulError('ACCESS_DENIED', `${prefix}permission denied${where}`, { cause: error });
    case 'ELOOP':
      return new HaulError('FILE_SYSTEM', `${prefix}a symbolic link stands where Haul writes; it never writes through links${where}`, {
        cause: error,
      });
    case 'ENOTDIR':
      return new HaulError('FILE_SYSTEM', `${prefix}part of the path is not a folder${where}`, { cause: error });
    case 'ENOENT':
      if (path !== undefined) return new HaulError('FILE_SYSTEM', `${prefix}the folder or file is gone${where}`, { cause: error });
      break;
    // EAI_AGAIN is the resolver saying "try again later": a network error, retried as one.
    case 'ENOTFOUND': {
      const host = hostnameOf(error);
      return new HaulError('HOST_NOT_FOUND', `${prefix}couldn't find host ${host ?? 'of the URL'}`, { cause: error });
    }
    case 'ABORT_ERR':
      return new HaulError('ABORTED', `${prefix}aborted`, { cause: error });
    default:
      break;
  }
  if (code !== undefined && (RETRYABLE_NETWORK_CODES.has(code) || code.startsWith('ERR_GOT_') || code.startsWith('HPE_'))) {
    return new HaulError('NETWORK', `${prefix}${code}: ${detail}`, { cause: error });
  }
  if (code !== undefined && /^E[A-Z]+$/.test(code)) {
    return new HaulError('FILE_SYSTEM', `${prefix}${code}: ${detail}`, { cause: error });
  }
  return new HaulError('UNKNOWN', `${prefix}${detail}`, { cause: error });
}

/** got wraps the resolver's error; the host name is on the innermost one. */
function hostnameOf(error: unknown): string | undefined {
  return fromCauseChain(error, (current) => {
    const host = (current as { hostname?: unknown }).hostname;
    return typeof host === 'string' ? host : undefined;
  });
}
