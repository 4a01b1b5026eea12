import { type Checksum, parseChecksum } from '../../shared/checksum.js';
import { HaulError } from '../../shared/errors.js';
import { parseDownloadUrl } from './parse-url.js';
import { HEADER_NAME } from '../../shared/http-names.js';
import type { ParsedUrlList, UrlListDuplicate, UrlListProblem } from '../../shared/url-list.js';

interface MutableEntry {
  url: string;
  line: number;
  mirrors: string[];
  name?: string;
  dir?: string;
  checksum?: Checksum;
  headers?: Record<string, string>;
}

/** Longest line looked at: a longer one is reported, not scanned (no URL a server accepts is that long). */
export const MAX_LINE_LENGTH = 64 * 1024;
/** Longest scheme looked for before "://". */
const MAX_SCHEME = 32;
const ARIA2_OPTION = /^[ \t]+([a-z][a-z0-9-]*)=(.*)$/i;

/**
 * Parses what people paste, drop or import into a list of downloads: plain text (with junk around
 * the URLs), text/uri-list, aria2 input files and CSV with a header row. Never throws: every line
 * that cannot be used is reported with its number and the reason, and the rest still parse.
 */
export function parseUrlList(text: string): ParsedUrlList {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const header = findCsvHeader(lines);
  const collector = new Collector();
  if (header !== undefined) {
    parseCsv(lines, header, collector);
    return collector.result('csv');
  }
  let sawAria2Option = false;
  let current: MutableEntry[] = [];
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] ?? '';
    const lineNo = index + 1;
    if (raw.length > MAX_LINE_LENGTH) {
      collector.problem(lineNo, raw, `line longer than 64 KiB (${Math.round(raw.length / 1024)} KiB)`);
      current = [];
      continue;
    }
    const option = ARIA2_OPTION.exec(raw);
    if (option !== null && !/:\/\//.test(raw.split('=')[0] ?? '')) {
      sawAria2Option = true;
      if (current.length === 0) {
        collector.problem(lineNo, raw, 'option line without a URL line above it');
        continue;
      }
      applyAria2Option(current, (option[1] ?? '').toLowerCase(), option[2] ?? '', lineNo, raw, collector);
      continue;
    }
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      current = [];
      continue;
    }
    current = parseUrlLine(raw, lineNo, collector);
  }
  return collector.result(sawAria2Option ? 'aria2' : 'text');
}

function parseUrlLine(raw: string, lineNo: number, collector: Collector): MutableEntry[] {
  const tabs = raw
    .split('\t')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  // aria2: URIs separated by TAB on one line are mirrors of one file.
  if (tabs.length > 1 && tabs.every((part) => /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(part))) {
    const urls: string[] = [];
    for (const part of tabs) {
      const checked = checkUrl(part);
      if (typeof checked === 'string') urls.push(checked);
      else collector.problem(lineNo, raw, checked.message);
    }
    const [first, ...mirrors] = urls;
    if (first === undefined) return [];
    const entry: MutableEntry = { url: first, line: lineNo, mirrors };
    return collector.add(entry) ? [entry] : [];
  }
  const tokens = findUrlTokens(raw).map(trimToken);
  if (tokens.length === 0) {
    const reason = /^(www\.|[a-z0-9-]+\.[a-z]{2,}\/)/i.test(raw.trim()) ? 'no URL found (add http:// or https://)' : 'no URL found';
    collector.problem(lineNo, raw, reason);
    return [];
  }
  const entries: MutableEntry[] = [];
  for (const token of tokens) {
    const checked = checkUrl(token);
    if (typeof checked !== 'string') {
      collector.problem(lineNo, raw, checked.message);
      continue;
    }
    const entry: MutableEntry = { url: checked, line: lineNo, mirrors: [] };
    if (collector.add(entry)) entries.push(entry);
  }
  return entries;
}

const isLetter = (char: string): boolean => (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z');
const isSchemeChar = (char: string): boolean => isLetter(char) || (char >= '0' && char <= '9') || char === '+' || char === '.' || char === '-';
const ENDS_TOKEN = new Set([' ', '\t', '\n', '\r', '\f', '\v', '<', '>', '"', "'", '`']);

/**
 * Everything on a line that looks like `scheme://…` (the scheme is checked later, so ftp:// is
 * reported rather than ignored). One pass from each "://" backwards over at most 32 scheme
 * characters and forwards to the next space or quote: linear in the line, whatever it holds.
 */
function findUrlTokens(line: string): string[] {
  const tokens: string[] = [];
  let from = 0;
  for (;;) {
    const at = line.indexOf('://', from);
    if (at < 0) return tokens;
    let start = at;
    while (start > 0 && at - start < MAX_SCHEME && isSchemeChar(line.charAt(start - 1))) start--;
    while (start < at && !isLetter(line.charAt(start))) start++;
    let end = at + 3;
    while (end < line.length && !ENDS_TOKEN.has(line.charAt(end)) && !/\s/.test(line.charAt(end))) end++;
    if (start < at && end > at + 3) tokens.push(line.slice(start, end));
    from = end;
  }
}

/**
 * Drops punctuation that ends the sentence around a URL, not the URL: a closing parenthesis stays
 * when the URL opened it ("[x](https://a/b_(1))" keeps one, "https://a/q?a=(1)" keeps its own).
 * Counts the parentheses once, then walks back: linear in the token.
 */
function trimToken(token: string): string {
  let open = 0;
  let close = 0;
  for (const char of token) {
    if (char === '(') open++;
    else if (char === ')') close++;
  }
  let end = token.length;
  while (end > 0) {
    const last = token.charAt(end - 1);
    if ('.,;:!?\'"*>]}'.includes(last)) end--;
    else if (last === ')' && close > open) {
      end--;
      close--;
    } else break;
  }
  return token.slice(0, end);
}

function applyAria2Option(entries: MutableEntry[], key: string, value: string, lineNo: number, raw: string, collector: Collector): void {
  for (const entry of entries) {
    switch (key) {
      case 'out':
        if (value.trim() === '') collector.problem(lineNo, raw, 'out= needs a file name');
        else entry.name = value.trim();
        break;
      case 'dir':
        if (value.trim() === '') collector.problem(lineNo, raw, 'dir= needs a folder');
        else entry.dir = value.trim();
        break;
      case 'checksum':
        try {
          entry.checksum = parseChecksum(value);
        } catch (error) {
          collector.problem(lineNo, raw, (error as HaulError).message);
        }
        break;
      case 'header': {
        const header = parseHeader(value);
        if (typeof header === 'string') collector.problem(lineNo, raw, header);
        else entry.headers = { ...entry.headers, [header[0]]: header[1] };
        break;
      }
      default:
        // aria2 has many options Haul does not use; ignoring them keeps aria2 lists importable.
        break;
    }
  }
}

function parseHeader(value: string): [string, string] | string {
  const colon = value.indexOf(':');
  if (colon <= 0) return `invalid header "${value}": expected "Name: value"`;
  const name = value.slice(0, colon).trim();
  const headerValue = value.slice(colon + 1).trim();
  if (!HEADER_NAME.test(name)) return `invalid header name "${name}"`;
  if (/[\r\n\0]/.test(headerValue)) return `invalid header value for "${name}"`;
  return [name, headerValue];
}

function checkUrl(text: string): string | HaulError {
  try {
    return parseDownloadUrl(text).href;
  } catch (error) {
    return error as HaulError;
  }
}

interface CsvHeader {
  readonly index: number;
  readonly columns: readonly string[];
}

function findCsvHeader(lines: readonly string[]): CsvHeader | undefined {
  for (let index = 0; index < lines.length; index++) {
    const trimmed = (lines[index] ?? '').trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (!trimmed.includes(',')) return undefined;
    const columns = splitCsvLine(trimmed).map((column) => column.trim().toLowerCase());
    return columns.includes('url') ? { index, columns } : undefined;
  }
  return undefined;
}

function parseCsv(lines: readonly string[], header: CsvHeader, collector: Collector): void {
  const column = (names: readonly string[]): number => header.columns.findIndex((name) => names.includes(name));
  const urlAt = column(['url']);
  const nameAt = column(['name', 'out', 'filename']);
  const dirAt = column(['dir', 'folder']);
  const sha256At = column(['sha256', 'sha-256']);
  const checksumAt = column(['checksum']);
  for (let index = header.index + 1; index < lines.length; index++) {
    const raw = lines[index] ?? '';
    const lineNo = index + 1;
    if (raw.length > MAX_LINE_LENGTH) {
      collector.problem(lineNo, raw, `line longer than 64 KiB (${Math.round(raw.length / 1024)} KiB)`);
      continue;
    }
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    const cells = splitCsvLine(raw).map((cell) => cell.trim());
    const cell = (at: number): string | undefined => (at < 0 || cells[at] === '' ? undefined : cells[at]);
    const urlText = cell(urlAt);
    if (urlText === undefined) {
      collector.problem(lineNo, raw, 'no URL in the url column');
      continue;
    }
    const checked = checkUrl(urlText);
    if (typeof checked !== 'string') {
      collector.problem(lineNo, raw, checked.message);
      continue;
    }
    const entry: MutableEntry = { url: checked, line: lineNo, mirrors: [] };
    const name = cell(nameAt);
    if (name !== undefined) entry.name = name;
    const dir = cell(dirAt);
    if (dir !== undefined) entry.dir = dir;
    try {
      const sha256 = cell(sha256At);
      const checksum = cell(checksumAt);
      if (sha256 !== undefined) entry.checksum = parseChecksum(`sha-256=${sha256}`);
      else if (checksum !== undefined) entry.checksum = parseChecksum(checksum);
    } catch (error) {
      collector.problem(lineNo, raw, (error as HaulError).message);
      continue;
    }
    collector.add(entry);
  }
}

/** RFC 4180 fields on one line: quotes around a field, "" for a quote inside one. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line.charAt(i);
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

class Collector {
  readonly #entries: MutableEntry[] = [];
  readonly #invalid: UrlListProblem[] = [];
  readonly #duplicates: UrlListDuplicate[] = [];
  readonly #seen = new Map<string, number>();

  /** Returns false when the URL was already listed: the first mention wins. */
  add(entry: MutableEntry): boolean {
    const first = this.#seen.get(entry.url);
    if (first !== undefined) {
      this.#duplicates.push({ line: entry.line, url: entry.url, firstLine: first });
      return false;
    }
    this.#seen.set(entry.url, entry.line);
    this.#entries.push(entry);
    return true;
  }

  problem(line: number, text: string, reason: string): void {
    this.#invalid.push({ line, text: text.trim(), reason });
  }

  result(format: ParsedUrlList['format']): ParsedUrlList {
    return { format, entries: this.#entries, invalid: this.#invalid, duplicates: this.#duplicates };
  }
}
