import type { Checksum } from './checksum.js';

/** A parsed URL list: what the engine adds, and what the Add dialog previews. */
export interface UrlListEntry {
  /** Normalised absolute http(s) URL. */
  readonly url: string;
  /** 1-based line the entry came from. */
  readonly line: number;
  /** Other URLs for the same file (aria2 TAB-separated mirrors). */
  readonly mirrors: readonly string[];
  readonly name?: string;
  readonly dir?: string;
  readonly checksum?: Checksum;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface UrlListProblem {
  readonly line: number;
  readonly text: string;
  readonly reason: string;
}

export interface UrlListDuplicate {
  readonly line: number;
  readonly url: string;
  readonly firstLine: number;
}

export interface ParsedUrlList {
  readonly format: 'text' | 'aria2' | 'csv';
  readonly entries: readonly UrlListEntry[];
  readonly invalid: readonly UrlListProblem[];
  readonly duplicates: readonly UrlListDuplicate[];
}
