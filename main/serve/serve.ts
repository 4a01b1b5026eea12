import { timingSafeEqual } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { EventMessage, Events, Handlers } from '../../shared/contract.js';
import { dispatchCommand } from '../contract/dispatch-command.js';
import { parseCommand } from '../contract/schemas.js';
import { CONTENT_TYPES as TYPES } from '../app/content-types.js';
import { HaulError } from '../../shared/errors.js';
import { withoutRows } from '../../shared/without-rows.js';
import { sendPagedSnapshot } from '../app/paged-snapshot.js';

export interface ServeOptions {
  readonly handlers: Handlers;
  /** Subscribes to the engine's events; returns the unsubscribe. */
  readonly subscribe: (send: (message: EventMessage) => void) => () => void;
  readonly host: string;
  readonly port: number;
  readonly token: string;
  /** The built web UI, if any. */
  readonly staticDir?: string | undefined;
  /** How long a client may take; the defaults are for people, tests shorten them. */
  readonly limits?: Partial<ServeLimits>;
}

export interface ServeLimits {
  /** Time to send the request line and headers. */
  readonly headersMs: number;
  /** Time to send the whole request, body included (not the response: the event stream stays open). */
  readonly requestMs: number;
  /** A connection that moves no byte either way for this long is closed (the event stream's heartbeat keeps it alive). */
  readonly idleMs: number;
  /** Open connections one client address may hold; a browser needs about seven. */
  readonly perClient: number;
}

export const DEFAULT_LIMITS: ServeLimits = { headersMs: 10_000, requestMs: 30_000, idleMs: 60_000, perClient: 32 };

export interface Serving {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const MAX_BODY = 17 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  // With the opener policy, makes the page cross-origin isolated: its own process, nothing from
  // elsewhere embedded, and a 5 µs clock where a page otherwise gets 100 µs with jitter.
  'cross-origin-embedder-policy': 'require-corp',
};

/**
 * `haul serve`'s HTTP side: the web UI's files, POST /api/<command> for the contract's commands and
 * GET /api/events for its events (server-sent events). Every API request needs the token; every
 * request must name this server in Host (so a DNS-rebinding page cannot reach it) and, when a
 * browser says where it comes from, come from here.
 */
export async function startServe(options: ServeOptions): Promise<Serving> {
  let allowedHosts = new Set<string>();
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const server = http.createServer(
    {
      headersTimeout: limits.headersMs,
      requestTimeout: limits.requestMs,
      // Node checks both timeouts on this interval (30 s by default): check often enough to honour them.
      connectionsCheckingInterval: Math.max(100, Math.min(1000, limits.headersMs / 4)),
    },
    (req, res) => {
      handle(req, res, options, allowedHosts).catch((error: unknown) => {
        // What the engine refuses is the caller's mistake (403 for a folder it may not write to), not ours.
        const status = error instanceof HaulError ? (error.code === 'ACCESS_DENIED' ? 403 : 400) : 500;
        if (!res.headersSent) sendJson(res, status, { ok: false, error: error instanceof Error ? error.message : 'internal error' });
        else res.destroy();
      });
    },
  );
  server.timeout = limits.idleMs;
  server.keepAliveTimeout = 5000;
  const perClient = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? '';
    const open = (perClient.get(address) ?? 0) + 1;
    if (open > limits.perClient) {
      socket.destroy();
      return;
    }
    perClient.set(address, open);
    socket.once('close', () => {
      const left = (perClient.get(address) ?? 1) - 1;
      if (left <= 0) perClient.delete(address);
      else perClient.set(address, left);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = hostsFor(options.host, port);
  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

function hostsFor(host: string, port: number): Set<string> {
  const names = isLoopback(host) ? ['127.0.0.1', 'localhost', '[::1]'] : [host.includes(':') ? `[${host}]` : host];
  return new Set(names.map((name) => `${name}:${port}`.toLowerCase()));
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, options: ServeOptions, allowedHosts: ReadonlySet<string>): Promise<void> {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts.has(host)) {
    sendJson(res, 421, { ok: false, error: 'this server does not answer to that Host' });
    return;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    sendJson(res, 403, { ok: false, error: 'requests from other origins are refused' });
    return;
  }
  const url = new URL(req.url ?? '/', `http://${host}`);
  if (!url.pathname.startsWith('/api/')) {
    await serveStatic(req, res, url.pathname, options.staticDir);
    return;
  }
  if (!authorized(req, url, options.token)) {
    sendJson(res, 401, { ok: false, error: 'missing or wrong token' });
    return;
  }
  if (url.pathname === '/api/events') {
    if (req.method !== 'GET') {
      sendJson(res, 405, { ok: false, error: 'use GET' });
      return;
    }
    await streamEvents(req, res, url, options);
    return;
  }
  const name = url.pathname.slice('/api/'.length);
  if (req.method !== 'POST') {
    sendJson(res, 405, { ok: false, error: 'use POST' });
    return;
  }
  // JSON only: a cross-site form cannot send it without a CORS preflight, which this server never grants.
  if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    sendJson(res, 415, { ok: false, error: 'send application/json' });
    return;
  }
  const body = await readBody(req);
  if (body === undefined) {
    sendJson(res, 413, { ok: false, error: 'request body too large' });
    return;
  }
  let args: unknown;
  try {
    args = JSON.parse(body);
  } catch {
    sendJson(res, 400, { ok: false, error: 'the body is not valid JSON' });
    return;
  }
  const parsed = parseCommand(name, args);
  if (!parsed.ok) {
    sendJson(res, parsed.error.startsWith('unknown command') ? 404 : 400, { ok: false, error: parsed.error });
    return;
  }
  const result = await dispatchCommand(options.handlers, parsed.command);
  sendJson(res, 200, { ok: true, result });
}

function authorized(req: http.IncomingMessage, url: URL, token: string): boolean {
  const header = req.headers.authorization;
  const given =
    header?.startsWith('Bearer ') === true ? header.slice('Bearer '.length) : url.pathname === '/api/events' ? url.searchParams.get('token') : null;
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function streamEvents(req: http.IncomingMessage, res: http.ServerResponse, url: URL, options: ServeOptions): Promise<void> {
  res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  const send = (message: EventMessage): void => {
    res.write(`event: ${message.type}\ndata: ${JSON.stringify(message.payload)}\n\n`);
  };
  const snapshot: Events['snapshot'] = await options.handlers.snapshot({});
  // `?rows=0`: a client that pages the list with `list` (the web UI) takes the snapshot without its rows, and changes as `changed`.
  const rows = url.searchParams.get('rows') !== '0';
  const paged = sendPagedSnapshot(rows ? snapshot : { ...snapshot, downloads: [] }, send);
  const unsubscribe = options.subscribe(
    rows
      ? paged.live
      : (message) => {
          paged.live(withoutRows(message));
        },
  );
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  req.once('close', () => {
    clearInterval(heartbeat);
    paged.stop();
    unsubscribe();
  });
}

async function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, staticDir: string | undefined): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { ok: false, error: 'use GET' });
    return;
  }
  if (staticDir === undefined) {
    res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    res.end('The Haul web UI is not built here; the API is at /api/.\n');
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    sendJson(res, 400, { ok: false, error: 'bad path' });
    return;
  }
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const root = await realpath(staticDir);
  let file: string;
  try {
    file = await realpath(join(root, relative));
  } catch {
    file = '';
  }
  if (file === '' || !(file === root || file.startsWith(root + sep))) {
    res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
    return;
  }
  const data = await readFile(file).catch(() => undefined);
  if (data === undefined) {
    res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': data.length,
  });
  res.end(req.method === 'HEAD' ? undefined : data);
}

function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}
