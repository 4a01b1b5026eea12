import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DownloadSnapshot } from '../../../shared/download-snapshot.js';
import { makeContent, sha256 } from '../../helpers/content.js';
import { withServer } from '../../helpers/fault-server.js';
import { TOKEN, withServe } from '../../helpers/serve-fixture.js';
import { readEvents, type SseEvent } from '../../helpers/sse.js';

/** A raw request, so Host can be set to anything (fetch will not). */
function raw(url: string, headers: Record<string, string>, method = 'POST', body = '{}'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: text });
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

test('the API refuses a missing or wrong token, foreign Origin and Host, non-JSON, unknown commands and malformed payloads', () =>
  withServe(async ({ serving, call }) => {
    const url = `${serving.url}api/snapshot`;
    const json = { 'content-type': 'application/json' };
    assert.equal((await raw(url, json)).status, 401);
    assert.equal((await raw(url, { ...json, authorization: 'Bearer wrong-token-0123456789' })).status, 401);
    const auth = { ...json, authorization: `Bearer ${TOKEN}` };
    assert.equal((await raw(url, auth)).status, 200);
    const foreignOrigin = await raw(url, { ...auth, origin: 'http://evil.example' });
    assert.equal(foreignOrigin.status, 403);
    assert.match(foreignOrigin.body, /other origins/);
    const rebinding = await raw(url, { ...auth, host: `evil.example:${serving.port}` });
    assert.equal(rebinding.status, 421, 'DNS rebinding: a page on another name reaching our port');
    assert.equal((await raw(url, { ...auth, 'content-type': 'text/plain' })).status, 415);
    assert.equal((await raw(`${serving.url}api/events?token=wrong`, {}, 'GET', '')).status, 401);
    const unknown = await call('launchMissiles', {});
    assert.equal(unknown.status, 404);
    const malformed = await call('pause', { ids: 'all' });
    assert.equal(malformed.status, 400);
    assert.match(((await malformed.json()) as { error: string }).error, /invalid pause arguments at ids/);
    const notJson = await raw(url, auth, 'POST', '{oops');
    assert.equal(notJson.status, 400);
  }));

test('every response isolates the page: CSP, and the opener, embedder and resource policies', () =>
  withServe(async ({ serving }) => {
    for (const response of [await fetch(serving.url), await fetch(`${serving.url}api/snapshot`, { method: 'POST' })]) {
      assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'self'/);
      assert.equal(response.headers.get('cross-origin-opener-policy'), 'same-origin');
      assert.equal(response.headers.get('cross-origin-embedder-policy'), 'require-corp');
      assert.equal(response.headers.get('cross-origin-resource-policy'), 'same-origin');
      await response.arrayBuffer();
    }
  }));

test('add a list with one bad URL: it is reported, the good one downloads, and the events show it', () =>
  withServer(async (server) => {
    const file = server.file('/one.bin', { body: makeContent(2_000_000, 401), pace: 4_000_000 });
    await withServe(async ({ serving, call, dir }) => {
      const events = await fetch(`${serving.url}api/events?token=${TOKEN}`);
      assert.equal(events.status, 200);
      const stream = readEvents(events);
      const first = (await stream.next()).value as SseEvent | undefined;
      assert.equal(first?.type, 'snapshot');
      const response = await call('add', { entries: [{ url: server.url('/one.bin') }, { url: 'ftp://example.com/x' }] });
      const { result } = (await response.json()) as { result: { added: DownloadSnapshot[]; rejected: { url: string; reason: string }[] } };
      assert.equal(result.added.length, 1);
      assert.deepEqual(
        result.rejected.map((rejected) => rejected.url),
        ['ftp://example.com/x'],
      );
      assert.match(result.rejected[0]?.reason ?? '', /only http: and https:/);
      const id = result.added[0]?.id;
      const seen = new Set<string>();
      for await (const event of stream) {
        seen.add(event.type);
        if (event.type === 'states' && (event.data as DownloadSnapshot[]).some((download) => download.id === id && download.status === 'completed'))
          break;
      }
      assert.ok(seen.has('progress'), 'progress batches arrive over the stream');
      assert.equal(sha256(await readFile(join(dir, 'one.bin'))), sha256(file.body));
    });
  }));

test('pause, resume and settings work through the API, live', () =>
  withServer(async (server) => {
    server.file('/p.bin', { body: makeContent(3_000_000, 402), pace: 2_000_000 });
    await withServe(async ({ call, haul }) => {
      const added = (await (await call('add', { entries: [{ url: server.url('/p.bin') }] })).json()) as { result: { added: DownloadSnapshot[] } };
      const id = added.result.added[0]?.id ?? '';
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal((await call('pause', { ids: [id] })).status, 200);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(haul.engine.get(id)?.status, 'paused');
      const settings = (await (await call('setSettings', { settings: { globalLimit: 1_048_576 } })).json()) as {
        result: { settings: { globalLimit: number } };
      };
      assert.equal(settings.result.settings.globalLimit, 1_048_576);
      assert.equal(haul.engine.globalLimit, 1_048_576, 'applied to the running engine');
      await call('resume', { ids: [id] });
      assert.equal(haul.engine.get(id)?.status === 'paused', false);
    });
  }));

const rowsOf = (event: SseEvent): string[] => (event.data as { downloads: { id: string }[] }).downloads.map((download) => download.id);

test('the event stream’s snapshot holds every download, or none with ?rows=0 (a client that pages the list with `list`)', () =>
  withServe(async ({ serving, call }) => {
    await call('pauseAll', {});
    await call('add', { entries: [{ url: 'http://127.0.0.1:9/a.bin' }, { url: 'http://127.0.0.1:9/b.bin' }] });
    const firstOf = async (query: string): Promise<SseEvent | undefined> => {
      const controller = new AbortController();
      const events = await fetch(`${serving.url}api/events?${query}token=${TOKEN}`, { signal: controller.signal });
      const first = (await readEvents(events).next()).value as SseEvent | undefined;
      controller.abort();
      return first;
    };
    const full = await firstOf('');
    assert.ok(full !== undefined);
    assert.equal(full.type, 'snapshot');
    assert.equal(rowsOf(full).length, 2);
    const rowless = await firstOf('rows=0&');
    assert.ok(rowless !== undefined);
    assert.equal(rowless.type, 'snapshot');
    assert.deepEqual((rowless.data as { downloads: unknown[] }).downloads, []);
    assert.equal(typeof (rowless.data as { settings: { downloadDir: string } }).settings.downloadDir, 'string', 'the settings still come');
    // On that stream a change is `changed` (the download and its state), not its record.
    const controller = new AbortController();
    const stream = readEvents(await fetch(`${serving.url}api/events?rows=0&token=${TOKEN}`, { signal: controller.signal }));
    const opening = (await stream.next()).value as SseEvent | undefined;
    assert.equal(opening?.type, 'snapshot');
    const id = rowsOf(full)[0] ?? '';
    await call('cancel', { ids: [id] });
    let change: SseEvent | undefined;
    for await (const event of stream) {
      assert.notEqual(event.type, 'states', 'no records on a stream without rows');
      if (event.type === 'changed') {
        change = event;
        break;
      }
    }
    controller.abort();
    assert.deepEqual(change?.data, [{ id, status: 'cancelled', unresumable: false }]);
    const page = (await (
      await call('list', { view: 'all', search: '', sort: { key: 'added', descending: false }, offset: 0, limit: 10 })
    ).json()) as {
      result: { total: number; rows: DownloadSnapshot[] };
    };
    assert.equal(page.result.total, 2, 'the rows come by `list` instead');
  }));
