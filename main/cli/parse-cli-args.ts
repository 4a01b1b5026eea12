import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Checksum, parseChecksum } from '../../shared/checksum.js';
import { HaulError } from '../../shared/errors.js';
import { parseRate } from '../../shared/parse-rate.js';
import { parseProxyUrl, type ProxySetting } from '../engine/network/proxy-for.js';
import { basicAuth, parseHeaderOption } from './parse-header-option.js';

export interface GetOptions {
  readonly command: 'get';
  readonly urls: readonly string[];
  readonly inputFile: string | undefined;
  readonly dir: string;
  readonly out: string | undefined;
  readonly maxConcurrent: number;
  readonly connections: number | 'auto';
  readonly limitRate: number;
  readonly retries: number;
  readonly checksum: Checksum | undefined;
  readonly json: boolean;
  readonly timeoutSeconds: number;
  /** Bytes/s below which a download's attempt ends (over --timeout seconds); 0 = no rule. */
  readonly lowestSpeed: number;
  /** Sent with every request (names in lower case): --header, --user-agent, --referer, --http-user. */
  readonly headers: Readonly<Record<string, string>>;
  readonly proxy: ProxySetting;
  /** Netscape cookies.txt to send cookies from. */
  readonly cookiesFile: string | undefined;
  /** PEM files of extra certificate authorities. */
  readonly caFiles: readonly string[];
  readonly insecure: boolean;
  /** --refresh ID-or-old-URL: the one URL argument is a new link for that unfinished download. */
  readonly refresh: string | undefined;
  /** With --refresh: start over when the new link serves a different file. */
  readonly startOver: boolean;
}

export interface ServeOptions {
  readonly command: 'serve';
  readonly host: string;
  readonly port: number;
  /** Download folder (saved in the settings). */
  readonly dir: string | undefined;
  /** Journal and settings folder; default: the platform's data folder. */
  readonly stateDir: string | undefined;
  /** Folders besides the download folder that API callers may have files written to. */
  readonly allowDirs: readonly string[];
}

export type CliCommand = GetOptions | ServeOptions | { readonly command: 'help' } | { readonly command: 'version' } | { readonly command: 'usage' };

/** Node's timers hold at most 2^31-1 ms (about 24.8 days); a longer one fires after 1 ms. */
const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

export const USAGE = `Usage: haul get [options] [URL...]
       haul serve [options]

Download files over http and https, resumably.

haul get options:
  -i, --input-file FILE     read URLs from FILE ('-' = stdin): plain text, uri-list, aria2 input file or CSV
  -d, --dir DIR             target folder (default: the current folder)
  -o, --out NAME            file name (one URL only)
  -j, --max-concurrent N    downloads at once (default 4)
  -x, --connections N       connections per download, 1-64, or auto (default: auto, up to 16)
      --limit-rate RATE     global limit: 500K, 16M, 1.5M (bytes/s; K/M/G are powers of 1024)
      --retries N           attempts per download (default 8)
      --checksum ALGO=HEX   verify the file (one URL only); ALGO is sha-256, sha-1 or md5
      --timeout SECONDS     give up on a connection that sends nothing for this long (default 30)
      --lowest-speed RATE   end an attempt slower than RATE for --timeout seconds, as a failure (default: off)
      --json                NDJSON events on stdout instead of the progress display
  -H, --header 'N: V'       send this header with every request (repeatable)
      --user-agent TEXT     the User-Agent header (default Haul/0.1)
      --referer URL         the Referer header
      --http-user USER      user name for servers that ask (Basic); with --http-password PASS
      --load-cookies FILE   send cookies from FILE (Netscape cookies.txt, as curl, wget and browsers' exporters write)
      --proxy URL           use this proxy (http://, https://, socks5://; user:password@ allowed)
      --no-proxy            connect directly, whatever HTTP_PROXY, HTTPS_PROXY and ALL_PROXY say
                            (by default they are honoured, with NO_PROXY's exceptions, as curl does)
      --ca-certificate FILE also trust the certificate authorities in FILE (PEM; repeatable)
      --insecure            do not check certificates at all (only for a server you know)
      --refresh ID|OLD-URL  the URL argument is a new link for that unfinished download in DIR (an
                            expired signed link): its bytes are kept when the new link serves the
                            same file; --start-over downloads a different file from the beginning
  -h, --help                show this help
  -v, --version             show the version

haul serve runs the engine for the web UI; it prints the URL with its access token.
haul serve options:
      --host HOST           address to listen on (default 127.0.0.1; anything else is reachable by others)
  -p, --port PORT           port to listen on (default 7474; 0 = any free port)
  -d, --dir DIR             download folder (saved in the settings)
      --state DIR           folder for the list, settings and journal (default: the platform's data folder)
      --allow-dir DIR       also let the web UI and API save below DIR (repeatable); by default only
                            the download folder and its subfolders

Re-running the same command after an interruption resumes the partial files in DIR.
Exit status: 0 when every download completed, 1 when any failed, 2 for bad usage, 130 when interrupted.`;

/** argv (after the node and script paths) → a typed command, or a HaulError('INVALID_OPTION') that says why. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined) return { command: 'usage' };
  if (command === '-h' || command === '--help' || command === 'help') return { command: 'help' };
  if (command === '-v' || command === '--version' || command === 'version') return { command: 'version' };
  if (command === 'serve') return parseServe(rest);
  if (command !== 'get') {
    throw new HaulError('INVALID_OPTION', `unknown command "${command}" (did you mean "haul get ${command}"?)`);
  }
  const { values, positionals } = strictArgs({
    args: [...rest],
    allowPositionals: true,
    strict: true,
    options: {
      'input-file': { type: 'string', short: 'i' },
      dir: { type: 'string', short: 'd' },
      out: { type: 'string', short: 'o' },
      'max-concurrent': { type: 'string', short: 'j' },
      connections: { type: 'string', short: 'x' },
      'limit-rate': { type: 'string' },
      retries: { type: 'string' },
      checksum: { type: 'string' },
      timeout: { type: 'string' },
      'lowest-speed': { type: 'string' },
      json: { type: 'boolean' },
      header: { type: 'string', short: 'H', multiple: true },
      'user-agent': { type: 'string' },
      referer: { type: 'string' },
      'http-user': { type: 'string' },
      'http-password': { type: 'string' },
      'load-cookies': { type: 'string' },
      proxy: { type: 'string' },
      'no-proxy': { type: 'boolean' },
      'ca-certificate': { type: 'string', multiple: true },
      insecure: { type: 'boolean' },
      refresh: { type: 'string' },
      'start-over': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help === true) return { command: 'help' };
  if (values.version === true) return { command: 'version' };
  const urls = positionals;
  const inputFile = values['input-file'];
  if (urls.length === 0 && inputFile === undefined) throw new HaulError('INVALID_OPTION', 'no URL given (pass URLs or -i FILE)');
  const single = urls.length === 1 && inputFile === undefined;
  if (values.out !== undefined && !single) throw new HaulError('INVALID_OPTION', '-o/--out works with exactly one URL');
  if (values.checksum !== undefined && !single) throw new HaulError('INVALID_OPTION', '--checksum works with exactly one URL');
  const connections = values.connections === undefined || values.connections === 'auto' ? 'auto' : count(values.connections, '--connections', 1, 64);
  if (values.refresh !== undefined && (urls.length !== 1 || inputFile !== undefined))
    throw new HaulError('INVALID_OPTION', '--refresh needs exactly one URL: the new link');
  if (values['start-over'] === true && values.refresh === undefined) throw new HaulError('INVALID_OPTION', '--start-over goes with --refresh');
  if (values.proxy !== undefined && values['no-proxy'] === true)
    throw new HaulError('INVALID_OPTION', '--proxy and --no-proxy contradict each other');
  const proxy: ProxySetting =
    values['no-proxy'] === true
      ? { mode: 'none' }
      : values.proxy === undefined
        ? { mode: 'env' }
        : { mode: 'manual', url: parseProxyUrl(values.proxy, '--proxy').href };
  const headers: Record<string, string> = {};
  for (const header of values.header ?? []) {
    const [name, value] = parseHeaderOption(header);
    headers[name] = value;
  }
  if (values['user-agent'] !== undefined) headers['user-agent'] = parseHeaderOption(`User-Agent: ${values['user-agent']}`)[1];
  if (values.referer !== undefined) headers.referer = parseHeaderOption(`Referer: ${values.referer}`)[1];
  if ((values['http-user'] === undefined) !== (values['http-password'] === undefined))
    throw new HaulError('INVALID_OPTION', '--http-user and --http-password go together');
  if (values['http-user'] !== undefined) headers.authorization = basicAuth(values['http-user'], values['http-password'] ?? '');
  return {
    command: 'get',
    urls,
    inputFile,
    dir: values.dir ?? '.',
    out: values.out,
    maxConcurrent: values['max-concurrent'] === undefined ? 4 : count(values['max-concurrent'], '--max-concurrent', 1, 1000),
    connections,
    limitRate: values['limit-rate'] === undefined ? 0 : parseRate(values['limit-rate']),
    retries: values.retries === undefined ? 8 : count(values.retries, '--retries', 1, 1000),
    checksum: values.checksum === undefined ? undefined : parseChecksum(values.checksum),
    json: values.json === true,
    timeoutSeconds: values.timeout === undefined ? 30 : seconds(values.timeout),
    lowestSpeed: values['lowest-speed'] === undefined ? 0 : parseRate(values['lowest-speed']),
    headers,
    proxy,
    cookiesFile: values['load-cookies'],
    caFiles: values['ca-certificate'] ?? [],
    insecure: values.insecure === true,
    refresh: values.refresh,
    startOver: values['start-over'] === true,
  };
}

function parseServe(args: readonly string[]): ServeOptions | { readonly command: 'help' } | { readonly command: 'version' } {
  const { values } = strictArgs({
    args: [...args],
    allowPositionals: false,
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string', short: 'p' },
      dir: { type: 'string', short: 'd' },
      state: { type: 'string' },
      'allow-dir': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help === true) return { command: 'help' };
  if (values.version === true) return { command: 'version' };
  const host = values.host ?? '127.0.0.1';
  if (!/^[a-z0-9.:-]+$/i.test(host)) throw new HaulError('INVALID_OPTION', `invalid --host "${host}"`);
  return {
    command: 'serve',
    host,
    port: values.port === undefined ? 7474 : count(values.port, '--port', 0, 65535),
    dir: values.dir,
    stateDir: values.state,
    allowDirs: values['allow-dir'] ?? [],
  };
}

/** node:util's parseArgs, strict; its errors become INVALID_OPTION, without node's hint about placing positionals after '--'. */
function strictArgs<T extends ParseArgsConfig & { readonly strict: true }>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new HaulError('INVALID_OPTION', (error as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
}

function count(text: string, option: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim())) throw new HaulError('INVALID_OPTION', `${option} needs a whole number, got "${text}"`);
  const value = Number(text);
  if (value < min || value > max) throw new HaulError('INVALID_OPTION', `${option} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function seconds(text: string): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || value <= 0)
    throw new HaulError('INVALID_OPTION', `--timeout needs a positive number of seconds, got "${text}"`);
  if (value > MAX_TIMEOUT_SECONDS)
    throw new HaulError('INVALID_OPTION', `--timeout must be at most ${MAX_TIMEOUT_SECONDS} seconds (about 24.8 days), got ${text}`);
  return value;
}
