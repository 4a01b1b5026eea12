import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayName } from '../../shared/display-name.js';
import type { DownloadSnapshot } from '../../shared/download-snapshot.js';
import { type Listed, VIEWS, picked, sortValue, viewBit, viewBits } from '../../shared/list-query.js';

const download = (fields: Partial<Listed>): Listed => ({
  id: 'a',
  status: 'queued',
  name: undefined,
  requestedName: undefined,
  url: 'http://example.com/files/report.pdf',
  total: undefined,
  bytes: 0,
  acceptsRanges: undefined,
  ...fields,
});

const views = (item: Listed): string[] => VIEWS.filter((view) => (viewBits(item) & viewBit(view)) !== 0);

test('a download is in its state views and its kind', () => {
  assert.deepEqual(views(download({})), ['all', 'queued', 'documents']);
  assert.deepEqual(views(download({ status: 'downloading', url: 'http://example.com/a.zip' })), ['all', 'active', 'archives']);
  assert.deepEqual(views(download({ status: 'cancelled', name: 'setup.exe' })), ['all', 'failed', 'programs'], 'its own name wins over the URL');
  assert.deepEqual(views(download({ status: 'completed', url: 'http://example.com/' })), ['all', 'completed', 'other']);
});

test('the name people see: the file’s, else the one it was added with, else the address’s last part without credentials', () => {
  const named = (fields: Partial<DownloadSnapshot>): string => displayName(download(fields));
  assert.equal(named({ name: 'final.iso', requestedName: 'asked.iso' }), 'final.iso');
  assert.equal(named({ requestedName: 'asked.iso' }), 'asked.iso');
  assert.equal(named({ url: 'http://example.com/a%20b.txt' }), 'a b.txt');
  assert.equal(named({ url: 'http://user:secret@example.com/' }).includes('secret'), false);
});

test('sort values: names case-blind, an unknown size first, unknown time left last', () => {
  assert.equal(sortValue(download({ name: 'B.bin' }), 'name', undefined), 'b.bin');
  assert.equal(sortValue(download({}), 'size', undefined), -1);
  assert.equal(sortValue(download({ total: 200, bytes: 50 }), 'progress', undefined), 0.25);
  assert.equal(sortValue(download({}), 'left', undefined), Number.MAX_SAFE_INTEGER);
  assert.equal(sortValue(download({}), 'speed', { speed: 12, eta: 3 }), 12);
});

test('a selection knows whether pausing would lose bytes', () => {
  assert.equal(picked(download({ status: 'downloading', bytes: 10, acceptsRanges: false })).unresumable, true);
  assert.equal(picked(download({ status: 'downloading', bytes: 10, acceptsRanges: true })).unresumable, false);
  assert.equal(picked(download({ status: 'queued', bytes: 0 })).unresumable, false, 'nothing to lose yet');
});

test('the name read off an address is the one a URL parser finds', () => {
  const parsed = (url: string): string => {
    try {
      const path = new URL(url).pathname.split('/').filter((part) => part !== '');
      return decodeURIComponent(path.at(-1) ?? url);
    } catch {
      return url;
    }
  };
  for (const raw of [
    'http://example.com/a/b/file.iso',
    'https://example.com/a/b/',
    'https://example.com//x//',
    'http://example.com',
    'http://example.com/',
    'http://example.com?x=/y.zip',
    'http://example.com/d/f.tar.gz?sig=a/b#frag/x',
    'http://example.com/d/f%20name%2Ezip',
    'http://example.com:8080/p/q.pdf#top',
    'http://[::1]:8080/v/clip.mp4',
    'HTTP://Example.COM/Up/Case.PDF',
    'http://example.com/%E0%A4%A.bin',
  ]) {
    const url = new URL(raw).href;
    if (parsed(url) === url) continue; // no path part: both fall back to the address, redacted here
    assert.equal(displayName({ name: undefined, requestedName: undefined, url }), parsed(url), url);
  }
});
