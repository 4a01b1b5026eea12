import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDownloadRecord } from '../../shared/download-record.js';
import { journalPath, readJournal } from '../../main/storage/journal.js';

/**
 * Every byte the journal in `stateDir` claims as saved for the download named `name`, compared with
 * the partial on disk and the file's true content. Returns the claimed byte count, and a description
 * of the first claimed byte that differs (zeros where a write never happened), if any.
 */
export async function checkJournalClaims(
  dir: string,
  stateDir: string,
  name: string,
  truth: Buffer,
): Promise<{ claimed: number; wrong: string | undefined }> {
  const records = await readJournal(journalPath(stateDir), parseDownloadRecord);
  // While verifying, the partial is being linked under its final name: nothing is resumed from it any more.
  const record = [...records.values()].find(
    (candidate) => candidate.name === name && candidate.status !== 'completed' && candidate.status !== 'verifying',
  );
  if (record === undefined) return { claimed: 0, wrong: undefined };
  let claimed = 0;
  for (const segment of record.segments) claimed += segment.pos - segment.start;
  if (claimed === 0) return { claimed, wrong: undefined };
  let part: Buffer;
  try {
    part = await readFile(join(dir, `${name}.part`));
  } catch {
    return { claimed, wrong: `the journal claims ${claimed} bytes but ${name}.part is missing` };
  }
  for (const segment of record.segments) {
    if (segment.pos === segment.start) continue;
    if (segment.pos > part.length)
      return { claimed, wrong: `segment ${segment.start}-${segment.end ?? '?'} claims up to ${segment.pos}, the partial holds ${part.length}` };
    const have = part.subarray(segment.start, segment.pos);
    const want = truth.subarray(segment.start, segment.pos);
    if (!have.equals(want)) {
      let at = 0;
      while (at < have.length && have[at] === want[at]) at++;
      let zeros = 0;
      while (at + zeros < have.length && have[at + zeros] === 0) zeros++;
      return {
        claimed,
        wrong: `segment ${segment.start}-${segment.end ?? '?'} (pos ${segment.pos}) differs at byte ${segment.start + at}${zeros > 0 ? ` (${zeros} zero bytes)` : ''}`,
      };
    }
  }
  return { claimed, wrong: undefined };
}
