import { extname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { parseDownloadUrl } from '../engine/parse-url.js';

/** What a second launch hands to the running instance (requestSingleInstanceLock's additionalData). */
export interface LaunchData {
  readonly argv: readonly string[];
  /** The second launch's working folder: its relative list paths are relative to it. */
  readonly cwd: string;
}

/** What a launch asks for, checked: downloadable URLs, list files to read, and why anything else was left out. */
export interface LaunchRequest {
  readonly urls: readonly string[];
  readonly listFiles: readonly string[];
  /** Started at login: stay in the tray. */
  readonly hidden: boolean;
  readonly problems: readonly string[];
}

export const HIDDEN_FLAG = '--hidden';
export const LIST_EXTENSIONS: readonly string[] = ['.txt', '.csv', '.aria2', '.list', '.lst', '.uri', '.uris'];

const MAX_ARGS = 10_000;
const launchDataSchema = z.strictObject({
  haul: z.literal(1),
  argv: z.array(z.string().max(65_536)).max(MAX_ARGS),
  cwd: z.string().min(1).max(4096),
});

/** Whether a launch brought anything for the Add preview (URLs, lists, or problems to show). */
export function hasInput(request: LaunchRequest): boolean {
  return request.urls.length + request.listFiles.length + request.problems.length > 0;
}

/** The additionalData a second instance sends: versioned so an older or foreign launcher is recognised. */
export function encodeLaunchData(data: LaunchData): Record<string, unknown> {
  return { haul: 1, argv: [...data.argv], cwd: data.cwd };
}

/** Another process's message: trusted for nothing until it has this exact shape. */
export function decodeLaunchData(value: unknown): LaunchData | undefined {
  const result = launchDataSchema.safeParse(value);
  return result.success ? { argv: result.data.argv, cwd: result.data.cwd } : undefined;
}

/**
 * The user's own arguments: after the executable in a packaged app, after the app folder when
 * run as `electron <folder>`.
 */
export function userArgs(argv: readonly string[], packaged: boolean): readonly string[] {
  return argv.slice(packaged ? 1 : 2);
}

const SCHEME = /^[a-z][a-z0-9+.-]+:/i;

/**
 * Sorts a launch's arguments: http(s) URLs to add, list files (by extension, resolved against the
 * launch's folder) to read, `--hidden`; Chromium's and Electron's own switches are ignored; all
 * else is reported, never silently dropped.
 */
export function parseLaunchArgs(args: readonly string[], cwd: string): LaunchRequest {
  const urls: string[] = [];
  const listFiles: string[] = [];
  const problems: string[] = [];
  let hidden = false;
  for (const raw of args.slice(0, MAX_ARGS)) {
    const arg = raw.trim();
    if (arg === '') continue;
    if (arg === HIDDEN_FLAG) {
      hidden = true;
      continue;
    }
    // Switches (Chromium appends its own to a second instance's command line on Windows).
    if (arg.startsWith('-')) continue;
    // A Windows drive letter (C:\lists\a.txt) is a path, not a scheme.
    if (SCHEME.test(arg) && !/^[a-z]:[\\/]/i.test(arg)) {
      try {
        urls.push(parseDownloadUrl(arg).href);
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
      continue;
    }
    const path = isAbsolute(arg) ? arg : resolve(cwd, arg);
    if (LIST_EXTENSIONS.includes(extname(path).toLowerCase())) listFiles.push(path);
    else problems.push(`"${shorten(arg)}" is neither an http(s) URL nor a URL list (${LIST_EXTENSIONS.join(', ')})`);
  }
  return { urls, listFiles, hidden, problems };
}

function shorten(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
