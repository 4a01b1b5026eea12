import type { RecordedError } from './download-record.js';
import { hostOf } from './http-names.js';

export interface ErrorWords {
  /** What happened, in a sentence a person understands. */
  readonly sentence: string;
  /** The technical detail behind it (the engine's own message). */
  readonly detail: string;
}

const STATUS_WORDS: Readonly<Record<number, string>> = {
  400: 'The server did not understand the request',
  401: 'This server needs a user name and password',
  403: 'The server refused access to this file',
  404: 'The server has no file at this address',
  410: 'The file was removed from the server',
  416: 'The server cannot send the part of the file that is missing',
  429: 'The server is asking for fewer requests',
  500: 'The server failed while sending the file',
  502: 'A server between here and the file failed',
  503: 'The server is busy or down for now',
  504: 'A server between here and the file did not answer in time',
};

/**
 * The one place that turns an error's code into people's words for the UI; the engine's message
 * stays one click away as the detail.
 */
export function describeError(error: RecordedError, url?: string): ErrorWords {
  const detail = error.message;
  const host = hostOf(url);
  const sentence = ((): string => {
    switch (error.code) {
      case 'HTTP_STATUS':
        return `${STATUS_WORDS[error.status ?? 0] ?? `The server answered with an error`} (HTTP ${error.status ?? '?'})`;
      case 'HOST_NOT_FOUND':
        return `Couldn't find the host ${host}`;
      case 'NETWORK':
        if (detail.includes('ECONNREFUSED')) return `Can't reach ${host}: the connection was refused`;
        if (detail.includes('ECONNRESET')) return `The connection to ${host} was cut`;
        if (detail.includes('ETIMEDOUT')) return `${host} did not answer in time`;
        return `The network failed while talking to ${host}`;
      case 'STALLED':
        return `${host} stopped sending data`;
      case 'TOO_SLOW':
        return `${host} is sending too slowly`;
      case 'LENGTH_MISMATCH':
        return 'The server sent a different amount of data than it announced';
      case 'RANGE_MISMATCH':
        return 'The file keeps changing on the server';
      case 'CHECKSUM_MISMATCH':
        return 'The file does not match its checksum';
      case 'NO_SPACE':
        return "Can't save: the disk is full";
      case 'ACCESS_DENIED':
        return detail.includes('read-only') ? "Can't save: the folder is read-only" : "Can't save: permission denied";
      case 'FILE_SYSTEM':
        if (detail.includes('not a folder')) return `Can't save: ${detail.replace(/^.*?: /, '')}`;
        if (detail.includes('deleted')) return "Can't save: the folder was deleted";
        return "Can't save the file";
      case 'INVALID_URL':
      case 'UNSUPPORTED_PROTOCOL':
        return 'This is not an address Haul can download';
      case 'LOCKED':
        return 'Another download is writing this file';
      case 'AUTH_REQUIRED':
        return `${host} needs a user name and password`;
      case 'PROXY':
        return detail.includes('407') ? 'The proxy needs a user name and password' : "Can't get through the proxy";
      case 'TLS':
        // The engine's sentence already names the host and the problem with its certificate.
        return detail.charAt(0).toUpperCase() + detail.slice(1).replace(/;.*$/, '');
      default:
        return 'Something went wrong';
    }
  })();
  return { sentence, detail };
}
