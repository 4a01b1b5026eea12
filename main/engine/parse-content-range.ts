export interface ContentRange {
  /** First byte, inclusive; undefined for the unsatisfied form `bytes *\/total`. */
  readonly start: number | undefined;
  /** Last byte, inclusive. */
  readonly end: number | undefined;
  /** Full length of the representation; undefined when the server sent `*`. */
  readonly total: number | undefined;
}

/** Parses `bytes 0-499/1234`, `bytes 0-499/*` and `bytes *\/1234` (RFC 9110 §14.4). */
export function parseContentRange(header: string | undefined): ContentRange | undefined {
  if (header === undefined) return undefined;
  const satisfied = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(header);
  if (satisfied !== null) {
    const start = Number(satisfied[1]);
    const end = Number(satisfied[2]);
    const total = satisfied[3] === '*' ? undefined : Number(satisfied[3]);
    if (end < start || (total !== undefined && end >= total)) return undefined;
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return undefined;
    return { start, end, total };
  }
  const unsatisfied = /^\s*bytes\s+\*\/(\d+)\s*$/i.exec(header);
  if (unsatisfied !== null) return { start: undefined, end: undefined, total: Number(unsatisfied[1]) };
  return undefined;
}
