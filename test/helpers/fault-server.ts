import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

/** One misbehaviour, used by the next request to its file (faults are consumed in order). */
export type Fault =
  /** Behave: lets a test aim the faults after it at later requests. */
  | { readonly kind: 'ok' }
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string }
  /** Send this many body bytes, then reset the TCP connection. */
  | { readonly kind: 'reset'; readonly afterBytes: number }
  /** Send this many body bytes, then close the connection cleanly (body shorter than announced). */
  | { readonly kind: 'truncate'; readonly afterBytes: number }
  /** Send this many body bytes, then nothing for `ms`, then the rest. */
  | { readonly kind: 'stall'; readonly afterBytes: number; readonly ms: number }
  /** Answer a ranged request with the whole file (200). */
  | { readonly kind: 'ignoreRange' }
  /** Answer a ranged request with a Content-Range one byte off. */
  | { readonly kind: 'wrongRange' }
  /** Leave out Content-Length and send `extra` bytes past the end of the range. */
  | { readonly kind: 'overlong'; readonly extra: number };

export interface FileSpec {
  readonly body: Buffer;
  /** Strong ETag by default (from the content); a string to set one (e.g. W/"x"); false for none. */
  readonly etag?: string | false;
  readonly lastModified?: string | false;
  /** false: ignore Range and always send 200. */
  readonly ranges?: boolean;
  /** Bytes per second per connection. */
  readonly pace?: number;
  readonly contentDisposition?: string;
  readonly contentType?: string;
  /** No Content-Length (chunked). */
  readonly chunked?: boolean;
  /** Content-Length announced instead of the real one (for the free-space check). */
  readonly announcedLength?: number;
}

export interface RecordedRequest {
  readonly path: string;
  /** The request target as sent, query included. */
  readonly url: string;
  readonly method: string;
  readonly range: string | undefined;
  readonly ifRange: string | undefined;
  readonly headers: http.IncomingHttpHeaders;
  readonly status: number;
}

export interface ServedFile {
  readonly faults: Fault[];
  readonly requests: RecordedRequest[];
  /** Publishes a new version of the file (new content, new validators). */
  replace(body: Buffer): void;
  readonly body: Buffer;
}

interface FileState {
  spec: FileSpec;
  body: Buffer;
  etag: string | undefined;
  lastModified: string | undefined;
  readonly faults: Fault[];
  readonly requests: RecordedRequest[];
}

/** A real HTTP server on 127.0.0.1 whose files misbehave on request: one per test, closed by the test. */
export class FaultServer {
  readonly #server: http.Server;
  readonly #files = new Map<string, FileState>();
  readonly #redirects = new Map<string, { to: string; status: number }>();
  #connectionCap: number | undefined;
  #inFlight = 0;
  #maxInFlight = 0;
  readonly #inFlightByPath = new Map<string, number>();
  readonly #maxInFlightByPath = new Map<string, number>();
  #port = 0;
  #version = 0;
  readonly #digests = new WeakMap<Buffer, string>();
  /** Aborts the server's own waits (pacing, stalls) on close, so a test process never lingers on them. */
  readonly #closing = new AbortController();

  constructor() {
    this.#server = http.createServer((req, res) => {
      void this.#handle(req, res);
    });
    this.#server.keepAliveTimeout = 5000;
    // Every paced or stalled response waits on it: a benchmark runs hundreds at once.
    setMaxListeners(0, this.#closing.signal);
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.#port}${path}`;
  }

  file(path: string, spec: FileSpec): ServedFile {
    const state: FileState = { spec, body: spec.body, etag: undefined, lastModified: undefined, faults: [], requests: [] };
    this.#setValidators(state, true);
    this.#files.set(path, state);
    return {
      faults: state.faults,
      requests: state.requests,
      replace: (body) => {
        state.body = body;
        this.#setValidators(state);
      },
      get body() {
        return state.body;
      },
    };
  }

  redirect(from: string, to: string, status = 302): void {
    this.#redirects.set(from, { to, status });
  }

  /** Requests beyond `cap` in flight at once get 503 with Retry-After: 1. */
  capConnections(cap: number | undefined): void {
    this.#connectionCap = cap;
  }

  /** Most requests in flight at once, over all files or one path. */
  maxInFlight(path?: string): number {
    return path === undefined ? this.#maxInFlight : (this.#maxInFlightByPath.get(path) ?? 0);
  }

  async close(): Promise<void> {
    this.#closing.abort();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.#server.close(() => {
        resolve();
      }),
    );
  }

  /**
   * `shared`: the body may be one many files serve (the UI bench's 10,000 files share one 50 MB
   * body, whose hash took minutes per run), so its hash is reused. A replaced body is hashed anew:
   * a test may have changed the same buffer in place.
   */
  #setValidators(state: FileState, shared = false): void {
    this.#version++;
    const { spec } = state;
    let digest = shared ? this.#digests.get(state.body) : undefined;
    if (digest === undefined) {
      digest = createHash('sha1').update(state.body).digest('hex').slice(0, 16);
      this.#digests.set(state.body, digest);
    }
    state.etag = spec.etag === false ? undefined : (spec.etag ?? `"${digest}"`);
    state.lastModified =
      spec.lastModified === false ? undefined : (spec.lastModified ?? new Date(Date.UTC(2026, 0, 1, 0, 0, this.#version)).toUTCString());
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const redirect = this.#redirects.get(path);
    if (redirect !== undefined) {
      res.writeHead(redirect.status, { location: redirect.to });
      res.end();
      return;
    }
    const state = this.#files.get(path);
    const record = (status: number): void => {
      state?.requests.push({
        path,
        url: req.url ?? '/',
        method: req.method ?? 'GET',
        range: req.headers.range,
        ifRange: req.headers['if-range'] as string | undefined,
        headers: req.headers,
        status,
      });
    };
    if (state === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    if (this.#connectionCap !== undefined && this.#inFlight >= this.#connectionCap) {
      record(503);
      res.writeHead(503, { 'retry-after': '1' });
      res.end();
      return;
    }
    this.#inFlight++;
    this.#maxInFlight = Math.max(this.#maxInFlight, this.#inFlight);
    const pathCount = (this.#inFlightByPath.get(path) ?? 0) + 1;
    this.#inFlightByPath.set(path, pathCount);
    this.#maxInFlightByPath.set(path, Math.max(this.#maxInFlightByPath.get(path) ?? 0, pathCount));
    // In flight until the response is done or the client hung up, whichever the socket says first:
    // a paced write loop only notices a hang-up at its next write.
    res.once('close', () => {
      this.#inFlight--;
      this.#inFlightByPath.set(path, (this.#inFlightByPath.get(path) ?? 1) - 1);
    });
    await this.#serve(req, res, state, state.faults.shift(), record);
  }

  async #serve(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    state: FileState,
    fault: Fault | undefined,
    record: (status: number) => void,
  ): Promise<void> {
    const { spec, body } = state;
    if (fault?.kind === 'status') {
      record(fault.status);
      res.writeHead(fault.status, fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter });
      res.end();
      return;
    }
    const total = body.length;
    const headers: http.OutgoingHttpHeaders = { 'content-type': spec.contentType ?? 'application/octet-stream' };
    if (state.etag !== undefined) headers.etag = state.etag;
    if (state.lastModified !== undefined) headers['last-modified'] = state.lastModified;
    if (spec.ranges !== false) headers['accept-ranges'] = 'bytes';
    if (spec.contentDisposition !== undefined) headers['content-disposition'] = spec.contentDisposition;

    let start = 0;
    let end = total - 1;
    let status = 200;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const ifRange = req.headers['if-range'];
    const validatorMatches = ifRange === undefined || ifRange === state.etag || ifRange === state.lastModified;
    if (range !== null && spec.ranges !== false && fault?.kind !== 'ignoreRange' && validatorMatches) {
      start = Number(range[1]);
      end = range[2] === '' || range[2] === undefined ? total - 1 : Math.min(Number(range[2]), total - 1);
      if (start >= total) {
        record(416);
        res.writeHead(416, { ...headers, 'content-range': `bytes */${total}` });
        res.end();
        return;
      }
      status = 206;
      const shown = fault?.kind === 'wrongRange' ? start + 1 : start;
      headers['content-range'] = `bytes ${shown}-${end}/${total}`;
    }
    const slice = body.subarray(start, end + 1);
    const overlong = fault?.kind === 'overlong' ? fault.extra : 0;
    if (spec.chunked !== true && overlong === 0) headers['content-length'] = spec.announcedLength ?? slice.length;
    record(status);
    res.writeHead(status, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const payload = overlong > 0 ? Buffer.concat([slice, Buffer.alloc(overlong, 0x55)]) : slice;
    await this.#writeBody(req, res, payload, spec.pace, fault);
  }

  #sleep(ms: number): Promise<void> {
    return sleep(ms, undefined, { signal: this.#closing.signal }).catch(() => undefined);
  }

  async #writeBody(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    payload: Buffer,
    pace: number | undefined,
    fault: Fault | undefined,
  ): Promise<void> {
    // The response closes under us when the client goes away; read it fresh at every step.
    const closed = (): boolean => res.destroyed || res.writableEnded;
    const cut = fault?.kind === 'reset' || fault?.kind === 'truncate' || fault?.kind === 'stall' ? fault.afterBytes : Infinity;
    const chunkSize = pace === undefined ? 64 * 1024 : Math.max(1024, Math.min(64 * 1024, Math.floor(pace / 20)));
    const startedAt = performance.now();
    let sent = 0;
    let faultDone = false;
    while (sent < payload.length && !closed()) {
      if (!faultDone && sent >= cut) {
        faultDone = true;
        if (fault?.kind === 'reset') {
          req.socket.resetAndDestroy();
          return;
        }
        if (fault?.kind === 'truncate') {
          req.socket.end();
          return;
        }
        if (fault?.kind === 'stall') {
          await this.#sleep(fault.ms);
          if (closed()) return;
        }
      }
      const limit = Math.min(payload.length, sent + chunkSize, !faultDone && sent < cut ? cut : Infinity);
      const chunk = payload.subarray(sent, limit);
      sent = limit;
      if (!res.write(chunk))
        await new Promise<void>((resolve) => {
          const done = (): void => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      if (pace !== undefined && sent < payload.length) {
        const due = startedAt + (sent / pace) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await this.#sleep(wait);
      }
    }
    if (!faultDone && fault?.kind === 'stall' && sent >= cut) await this.#sleep(fault.ms);
    if (!closed()) res.end();
  }
}

/** Runs `fn` with a fresh server on 127.0.0.1 and always closes it (got's `withServer`). */
export async function withServer<T>(fn: (server: FaultServer) => Promise<T>): Promise<T> {
  const server = await new FaultServer().listen();
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}
