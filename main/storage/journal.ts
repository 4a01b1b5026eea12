import { open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from './crc32.js';
import { fsyncDir } from './fsync-dir.js';
import { makeDir } from './make-dir.js';

const SYNC_EVERY_MS = 1000;

type Entry<T> = { readonly op: 'put'; readonly rec: T } | { readonly op: 'del'; readonly id: string };

/**
 * An append-only log of records keyed by id, one `CRC32 JSON` line per change. A torn or corrupt
 * line (a crash mid-write) fails its checksum and is skipped, never half-applied. On open the log is
 * compacted into a new file (temp + fsync + rename), and again whenever it has grown well past its
 * live size. Writes made in one turn of the event loop go out as one append at once, so a killed
 * process loses nothing; fsync (for power loss) is a group commit at most every SYNC_EVERY_MS and
 * on close. Losing the last second of lines to a power cut can only make Haul fetch some bytes
 * again: progress is written only after the data it describes is on disk, and the final name
 * appears only after the file's own fsync.
 */
export class Journal<T extends { readonly id: string }> {
  readonly #path: string;
  readonly #records: Map<string, T>;
  #handle: FileHandle;
  /**
   * Changes not yet written, the newest per id: a download that changes state three times before the
   * next write costs one line, encoded once, when it is written.
   */
  #pending = new Map<string, Entry<T>>();
  /** Lines appended so far, and how many of them are written: `written()` waits for its own lines only. */
  #appendedLines = 0;
  #writtenLines = 0;
  #writtenWaiters: { readonly upTo: number; readonly resolve: () => void }[] = [];
  #pendingSync = false;
  #flushing: Promise<void> | undefined;
  #scheduled = false;
  #appended = 0;
  #compactAt: number;
  #closed = false;
  #failure: Error | undefined;
  #lastSync = 0;
  #syncTimer: NodeJS.Timeout | undefined;

  private constructor(path: string, records: Map<string, T>, handle: FileHandle, size: number) {
    this.#path = path;
    this.#records = records;
    this.#handle = handle;
    this.#compactAt = Math.max(1 << 20, size * 4);
  }

  static async open<T extends { readonly id: string }>(dir: string, parse: (value: unknown) => T | undefined): Promise<Journal<T>> {
    await makeDir(dir);
    const path = journalPath(dir);
    const records = await readJournal(path, parse);
    if (records.size === 0) {
      // Nothing to keep (a first run, or every record deleted): an empty file, without the copy and
      // its fsyncs. Should a power cut take the new file's name, nothing in it was lost.
      const handle = await open(path, 'w', 0o600);
      await handle.chmod(0o600);
      return new Journal(path, records, handle, 0);
    }
    const { handle, size } = await writeSnapshot(path, records);
    return new Journal(path, records, handle, size);
  }

  get records(): ReadonlyMap<string, T> {
    return this.#records;
  }

  /** Records a full new state of a record; `durable` asks for an fsync with the next append. */
  put(record: T, durable = true): void {
    this.#records.set(record.id, record);
    this.#append({ op: 'put', rec: record }, durable);
  }

  delete(id: string): void {
    if (!this.#records.delete(id)) return;
    this.#append({ op: 'del', id }, true);
  }

  /**
   * Resolves once every line put before this call is written (not fsynced): enough to survive a
   * killed process. Lines put later, by a busy engine, do not keep it waiting.
   */
  written(): Promise<void> {
    const upTo = this.#appendedLines;
    if (this.#writtenLines >= upTo || this.#closed) return Promise.resolve();
    return new Promise((resolve) => this.#writtenWaiters.push({ upTo, resolve }));
  }

  #settleWaiters(all = false): void {
    const waiting = this.#writtenWaiters;
    this.#writtenWaiters = [];
    for (const waiter of waiting) {
      if (all || this.#writtenLines >= waiter.upTo) waiter.resolve();
      else this.#writtenWaiters.push(waiter);
    }
  }

  /** Resolves once everything put so far is written (and fsynced where asked). */
  async flush(): Promise<void> {
    while (this.#pending.size > 0 || this.#flushing !== undefined) {
      if (this.#flushing !== undefined) await this.#flushing;
      else await this.#startFlush();
    }
    if (this.#failure !== undefined) throw this.#failure;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.flush().catch(() => undefined);
    this.#closed = true;
    this.#settleWaiters(true);
    if (this.#syncTimer !== undefined) clearTimeout(this.#syncTimer);
    await this.#handle.datasync().catch(() => undefined);
    await this.#handle.close();
  }

  /** Closes and deletes the journal's folder, for a CLI run that leaves nothing to resume. */
  async destroy(dir: string): Promise<void> {
    await this.close();
    await rm(dir, { recursive: true, force: true });
  }

  #append(entry: Entry<T>, durable: boolean): void {
    if (this.#closed) return;
    this.#pending.set(entry.op === 'put' ? entry.rec.id : entry.id, entry);
    this.#appendedLines++;
    this.#pendingSync ||= durable;
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        if (this.#flushing === undefined) void this.#startFlush();
      });
    }
  }

  #startFlush(): Promise<void> {
    const run = async (): Promise<void> => {
      try {
        while (this.#pending.size > 0 && !this.#closed) {
          let text = '';
          for (const entry of this.#pending.values()) text += encodeLine(entry);
          const sync = this.#pendingSync;
          const lines = this.#appendedLines;
          this.#pending = new Map();
          this.#pendingSync = false;
          if (this.#appended + text.length > this.#compactAt) {
            await this.#handle.close();
            const { handle, size } = await writeSnapshot(this.#path, this.#records);
            this.#handle = handle;
            this.#appended = 0;
            this.#compactAt = Math.max(1 << 20, size * 4);
            this.#writtenLines = lines;
            this.#settleWaiters();
            continue;
          }
          await writeAll(this.#handle, Buffer.from(text));
          this.#appended += text.length;
          this.#writtenLines = lines;
          this.#settleWaiters();
          if (sync) this.#scheduleSync();
        }
      } catch (error) {
        this.#failure = error instanceof Error ? error : new Error(String(error));
        // Nothing more will be written: nobody waits for ever.
        this.#settleWaiters(true);
      } finally {
        this.#flushing = undefined;
      }
    };
    this.#flushing = run();
    return this.#flushing;
  }

  /** One fsync for every change of state within SYNC_EVERY_MS, instead of one each. */
  #scheduleSync(): void {
    if (this.#syncTimer !== undefined || this.#closed) return;
    const wait = Math.max(0, this.#lastSync + SYNC_EVERY_MS - Date.now());
    this.#syncTimer = setTimeout(() => {
      this.#syncTimer = undefined;
      this.#lastSync = Date.now();
      if (!this.#closed) void this.#handle.datasync().catch(() => undefined);
    }, wait);
    this.#syncTimer.unref();
  }
}

/** One write for the whole batch (appendFile would go through writeFile's chunking); a short write goes on from where it stopped. */
async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

export function journalPath(dir: string): string {
  return join(dir, 'journal.log');
}

/** The records a journal file holds (none when there is no file), read without changing it. */
export async function readJournal<T extends { readonly id: string }>(
  path: string,
  parse: (value: unknown) => T | undefined,
): Promise<Map<string, T>> {
  const records = new Map<string, T>();
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  for (const line of text.split('\n')) {
    const entry = decodeLine(line, parse);
    if (entry === undefined) continue;
    if (entry.op === 'put') records.set(entry.rec.id, entry.rec);
    else records.delete(entry.id);
  }
  return records;
}

function encodeLine<T>(entry: Entry<T>): string {
  const json = JSON.stringify(entry);
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

function decodeLine<T>(line: string, parse: (value: unknown) => T | undefined): Entry<T> | undefined {
  const space = line.indexOf(' ');
  if (space !== 8) return undefined;
  const json = line.slice(9);
  if (parseInt(line.slice(0, 8), 16) !== crc32(json)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { op, rec, id } = value as Record<string, unknown>;
  if (op === 'del' && typeof id === 'string') return { op, id };
  if (op === 'put') {
    const parsed = parse(rec);
    if (parsed !== undefined) return { op, rec: parsed };
  }
  return undefined;
}

/** Longest stretch a compaction encodes before it yields the loop (100,000 records take ~100 ms). */
const ENCODE_SLICE_MS = 8;

/**
 * Writes every record to a new file and swaps it in. Encoding yields to the loop every few
 * milliseconds; whatever changes meanwhile is appended after the snapshot, so the result is the
 * same. The file is the owner's alone (0600): URLs can carry credentials.
 */
async function writeSnapshot<T>(path: string, records: ReadonlyMap<string, T>): Promise<{ handle: FileHandle; size: number }> {
  const lines: string[] = [];
  let sliceStart = performance.now();
  let index = 0;
  for (const rec of [...records.values()]) {
    lines.push(encodeLine<T>({ op: 'put', rec }));
    if ((++index & 255) === 0 && performance.now() - sliceStart > ENCODE_SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  const text = lines.join('');
  const temp = `${path}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  await fsyncDir(join(path, '..'));
  return { handle: await open(path, 'a', 0o600), size: text.length };
}
