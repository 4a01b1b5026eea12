/** A change to a record: a field set to undefined is cleared. */
export type RecordPatch<T> = { -readonly [K in keyof T]?: T[K] | undefined };

/**
 * `record` with `patch` applied, keeping no key whose value is undefined: runs on every change of
 * every download. It builds the copy key by key, in the record's order and then the patch's new
 * keys, as `{ ...record, ...patch }` orders them. Not with spreads: V8 11 adds a key after a spread
 * the slow way (5-9 µs a change for a record of sixteen fields, 1 µs this way, measured in
 * `node -e`), and not with `delete`, which would make the record a slow dictionary object.
 */
export function patchRecord<T extends object>(record: T, patch: RecordPatch<T>): T {
  const from = record as Record<string, unknown>;
  const change = patch as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in from) {
    const value = key in change ? change[key] : from[key];
    if (value !== undefined) out[key] = value;
  }
  for (const key in change) {
    if (key in from) continue;
    const value = change[key];
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}
