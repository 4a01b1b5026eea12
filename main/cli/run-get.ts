import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buffer as readBytes } from 'node:stream/consumers';
import { mkdtemp, readFile } from 'node:fs/promises';
import { Engine, type AddInput } from '../engine/engine.js';
import type { DownloadSnapshot } from '../../shared/download-snapshot.js';
import { HaulError } from '../../shared/errors.js';
import { decodeText } from '../../shared/decode-text.js';
import { parseUrlList } from '../engine/parse-url-list.js';
import { parseNetscapeCookies } from '../engine/network/netscape-cookies.js';
import type { CookieJar } from 'tough-cookie';
import { parseDownloadUrl } from '../engine/parse-url.js';
import { displayUrl, printable } from '../../shared/printable.js';
import { finishedEarlier } from './finished-earlier.js';
import { RunTally } from './run-tally.js';
import type { GetOptions } from './parse-cli-args.js';
import { jsonReporter, plainReporter, type Reporter, ttyReporter } from './reporter.js';

export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream;
  /** Resolves when the user asks to stop (Ctrl-C); the run then pauses cleanly. */
  readonly interrupted: Promise<string>;
}

/** A cookies file larger than this is refused unread (browsers' exports are far smaller). */
const MAX_COOKIES_FILE = 32 * 1024 * 1024;

/** Problems with the input printed one by one before the rest are counted. */
const MAX_PROBLEMS_SHOWN = 30;

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

/** `haul get`: collects the inputs, runs them through the engine and reports. Returns the exit status. */
export async function runGet(options: GetOptions, io: CliIo): Promise<number> {
  const tally = new RunTally();
  const reporter: Reporter = options.json
    ? jsonReporter(io.stdout, io.stderr, tally)
    : io.stdout.isTTY === true
      ? ttyReporter(io.stdout, io.stderr, tally)
      : plainReporter(io.stdout, io.stderr, tally);
  const dir = resolve(options.dir);
  // With --refresh the URL is a new link for a download already in DIR's journal, not one to add.
  const { inputs, problems } = options.refresh === undefined ? await collectInputs(options, dir, io) : { inputs: [], problems: [] };
  // 100,000 bad lines are not 100,000 lines of stderr: the first few dozen say what is wrong.
  for (const problem of problems.slice(0, MAX_PROBLEMS_SHOWN)) reporter.warn(problem);
  if (problems.length > MAX_PROBLEMS_SHOWN) reporter.warn(`… and ${problems.length - MAX_PROBLEMS_SHOWN} more problems like these`);
  if (inputs.length === 0 && options.refresh === undefined) {
    reporter.warn('nothing to download');
    reporter.close();
    return problems.length > 0 ? EXIT_FAILED : EXIT_USAGE;
  }

  let network;
  try {
    network = await loadNetwork(options);
  } catch (error) {
    reporter.warn((error as Error).message);
    reporter.close();
    return EXIT_USAGE;
  }
  for (const warning of network.warnings) reporter.warn(warning);
  const engineOptions = {
    network: { proxy: options.proxy, ca: network.ca, insecure: options.insecure },
    cookieJar: network.jar,
    maxConcurrent: options.maxConcurrent,
    connections: options.connections,
    globalLimit: options.limitRate,
    retry: { attempts: options.retries },
    stallTimeoutMs: options.timeoutSeconds * 1000,
    connectTimeoutMs: options.timeoutSeconds * 1000,
    lowestSpeed: options.lowestSpeed,
    autoResume: false,
  };
  let engine: Engine;
  try {
    engine = await Engine.open({ ...engineOptions, stateDir: join(dir, '.haul') });
  } catch (error) {
    if (!(error instanceof HaulError) || error.code !== 'LOCKED') throw error;
    // Another haul runs in this folder: still download (file locks keep us apart), but without a resumable journal.
    reporter.warn(`${error.message}; this run will not be resumable if interrupted`);
    engine = await Engine.open({ ...engineOptions, stateDir: await mkdtemp(join(tmpdir(), 'haul-')) });
  }

  const ours = new Set<string>();
  const unsubscribe = [
    engine.on('state', (download) => {
      if (ours.has(download.id)) reporter.state(download);
    }),
    engine.on('progress', (batch) => {
      reporter.progress({ ...batch, items: batch.items.filter((item) => ours.has(item.id)) });
    }),
  ];
  if (options.refresh !== undefined) {
    const wanted = options.refresh;
    const target = engine.list().find((download) => download.status !== 'completed' && (download.id === wanted || download.url === wanted));
    try {
      if (target === undefined)
        throw new Error(`no unfinished download ${printable(wanted)} in ${printable(dir)} (give its id from --json, or its old URL)`);
      const { kept } = await engine.refresh(target.id, options.urls[0] ?? '', { startOver: options.startOver });
      reporter.warn(kept ? 'new link: the download goes on from where it was' : 'new link: a different file, starting over');
      ours.add(target.id);
      engine.resume(target.id);
    } catch (error) {
      const hint = (error as Error).message.includes('serves a different file') ? ' (add --start-over to download it from the beginning)' : '';
      reporter.warn(`${(error as Error).message}${hint}`);
      for (const off of unsubscribe) off();
      await engine.close();
      reporter.close();
      return EXIT_FAILED;
    }
  }
  // Looked at once, not per input: a 1000-line list must not list the engine 1000 times.
  const earlier = engine.list().filter((download) => download.status === 'completed');
  for (const input of inputs) {
    try {
      // A rerun after Ctrl-C: what the first run finished is done, not fetched again as "name (1)".
      const { found, stale } = earlier.length === 0 ? { found: undefined, stale: [] } : await finishedEarlier(earlier, input);
      for (const download of stale) if (engine.get(download.id) !== undefined) await engine.remove(download.id);
      if (found !== undefined) {
        ours.add(found.id);
        reporter.skipped(found);
        continue;
      }
      ours.add(engine.add({ ...input, adopt: true }).id);
    } catch (error) {
      problems.push(input.url);
      reporter.warn(`${displayUrl(input.url)}: ${(error as Error).message}`);
    }
  }

  const finished = engine.whenIdle().then(() => 'done' as const);
  const outcome = await Promise.race([finished, io.interrupted]);
  if (outcome !== 'done') {
    reporter.warn(`${outcome}: pausing downloads, run the same command again to resume`);
    for (const id of ours) engine.pause(id);
    await engine.whenIdle();
  }
  const results = [...ours].map((id) => engine.get(id)).filter((download): download is DownloadSnapshot => download !== undefined);
  // Keep what a rerun needs: partials on disk, and after an interruption what this run finished (so
  // the rerun skips it). A run that went to the end forgets its finished and never-started downloads.
  for (const download of results) {
    const forget = (download.status === 'completed' && outcome === 'done') || (download.status === 'failed' && download.name === undefined);
    if (forget) await engine.remove(download.id);
  }
  for (const off of unsubscribe) off();
  await engine.closeAndCleanUp();
  reporter.summary();
  reporter.close();
  if (outcome !== 'done') return EXIT_INTERRUPTED;
  const failed = results.filter((download) => download.status !== 'completed');
  for (const download of failed) {
    if (options.json || io.stdout.isTTY !== true) continue;
    io.stderr.write(`haul: failed ${displayUrl(download.url)}: ${download.error?.message ?? download.status}\n`);
  }
  return failed.length > 0 || problems.length > 0 ? EXIT_FAILED : EXIT_OK;
}

/** The files the network options name, read once: extra certificate authorities and cookies. */
async function loadNetwork(options: GetOptions): Promise<{ ca: string[]; jar: CookieJar | undefined; warnings: string[] }> {
  const warnings: string[] = [];
  const ca: string[] = [];
  for (const file of options.caFiles) {
    const text = await readFile(file, 'utf8').catch((error: unknown) => {
      throw new HaulError('INVALID_OPTION', `cannot read --ca-certificate ${printable(file)}: ${printable((error as Error).message)}`);
    });
    if (!text.includes('-----BEGIN CERTIFICATE-----'))
      throw new HaulError('INVALID_OPTION', `--ca-certificate ${printable(file)} holds no PEM certificate`);
    ca.push(text);
  }
  if (options.cookiesFile === undefined) return { ca, jar: undefined, warnings };
  const file = options.cookiesFile;
  const bytes = await readFile(file).catch((error: unknown) => {
    throw new HaulError('INVALID_OPTION', `cannot read --load-cookies ${printable(file)}: ${printable((error as Error).message)}`);
  });
  if (bytes.length > MAX_COOKIES_FILE)
    throw new HaulError('INVALID_OPTION', `--load-cookies ${printable(file)} is over ${MAX_COOKIES_FILE / 1024 / 1024} MiB`);
  const parsed = parseNetscapeCookies(decodeText(bytes));
  for (const problem of parsed.invalid.slice(0, MAX_PROBLEMS_SHOWN))
    warnings.push(`${printable(file)}:${problem.line}: not a cookie (${problem.reason}); skipped`);
  if (parsed.invalid.length > MAX_PROBLEMS_SHOWN) warnings.push(`… and ${parsed.invalid.length - MAX_PROBLEMS_SHOWN} more lines like these`);
  // tough-cookie is 300 KB of code: loaded only by the runs that use cookies.
  const { loadCookieJar } = await import('../engine/network/load-cookie-jar.js');
  const { jar, expired } = loadCookieJar(parsed.cookies);
  if (expired > 0) warnings.push(`${printable(file)}: ${expired} cookie${expired === 1 ? ' has' : 's have'} expired and will not be sent`);
  return { ca, jar, warnings };
}

async function collectInputs(options: GetOptions, dir: string, io: CliIo): Promise<{ inputs: AddInput[]; problems: string[] }> {
  const inputs: AddInput[] = [];
  const problems: string[] = [];
  // An argument is the user's exact URL: validated, never trimmed or cut as pasted prose would be.
  for (const [index, argument] of options.urls.entries()) {
    try {
      inputs.push({ url: parseDownloadUrl(argument).href, dir, name: options.out, checksum: options.checksum, headers: options.headers });
    } catch (error) {
      problems.push(`argument ${index + 1}: ${(error as Error).message}`);
    }
  }
  if (options.inputFile !== undefined) {
    const source = options.inputFile === '-' ? 'stdin' : options.inputFile;
    let text: string;
    try {
      text = decodeText(options.inputFile === '-' ? await readBytes(io.stdin) : await readFile(options.inputFile));
    } catch (error) {
      problems.push(`cannot read ${printable(source)}: ${printable((error as Error).message)}`);
      return { inputs, problems };
    }
    const list = parseUrlList(text);
    for (const problem of list.invalid) problems.push(`${printable(source)}:${problem.line}: ${problem.reason}: ${displayUrl(problem.text)}`);
    const seen = new Set(inputs.map((input) => input.url));
    for (const entry of list.entries) {
      if (seen.has(entry.url)) continue;
      seen.add(entry.url);
      inputs.push({
        url: entry.url,
        dir: entry.dir === undefined ? dir : resolve(dir, entry.dir),
        name: entry.name,
        checksum: entry.checksum,
        // A list line's own headers win over the command line's.
        headers: { ...options.headers, ...entry.headers },
      });
    }
  }
  return { inputs, problems };
}
