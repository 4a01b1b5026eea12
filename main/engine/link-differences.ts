import type { DownloadRecord } from '../../shared/download-record.js';
import type { ProbeResult } from '../../shared/probe-result.js';

/**
 * Why a new link for a download serves a different file, in words; empty when it serves the same
 * one: the same size, and the same ETag and Last-Modified where both sides have them.
 */
export function linkDifferences(record: Pick<DownloadRecord, 'total' | 'etag' | 'lastModified'>, look: ProbeResult): string[] {
  const { total, etag, lastModified } = record;
  return [
    total !== undefined && look.size !== total ? `${look.size === undefined ? 'an unknown size' : `${look.size} bytes`}, not ${total}` : undefined,
    etag !== undefined && look.etag !== undefined && look.etag !== etag ? 'another ETag' : undefined,
    lastModified !== undefined && look.lastModified !== undefined && look.lastModified !== lastModified ? 'another Last-Modified date' : undefined,
  ].filter((difference): difference is string => difference !== undefined);
}
