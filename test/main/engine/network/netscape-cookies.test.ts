import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCookieJar } from '../../../../main/engine/network/load-cookie-jar.js';
import { parseNetscapeCookies } from '../../../../main/engine/network/netscape-cookies.js';

test('cookies.txt: fields, #HttpOnly_, subdomains, CRLF; bad lines are named with their reason', () => {
  const text = [
    '# Netscape HTTP Cookie File',
    '.example.com\tTRUE\t/\tTRUE\t4102444800\tsid\tv1\r',
    '#HttpOnly_www.example.com\tFALSE\t/app\tFALSE\t0\ttok\tv2',
    'garbage',
    'exa mple.com\tFALSE\t/\tFALSE\t0\tn\tv',
    'example.com\tMAYBE\t/\tFALSE\t0\tn\tv',
    `example.com\tFALSE\t/\tFALSE\t0\tlong\t${'x'.repeat(20_000)}`,
  ].join('\n');
  const { cookies, invalid } = parseNetscapeCookies(text);
  assert.deepEqual(
    cookies.map((cookie) => [cookie.domain, cookie.includeSubdomains, cookie.path, cookie.secure, cookie.httpOnly, cookie.name, cookie.value]),
    [
      ['example.com', true, '/', true, false, 'sid', 'v1'],
      ['www.example.com', false, '/app', false, true, 'tok', 'v2'],
    ],
  );
  assert.deepEqual(
    invalid.map((problem) => problem.line),
    [4, 5, 6, 7],
  );
  assert.match(invalid[0]?.reason ?? '', /expected 7 tab-separated fields/);
  assert.match(invalid[3]?.reason ?? '', /longer than/);
});

test('the jar sends a cookie by domain, path and scheme, and leaves expired ones out', async () => {
  const { cookies } = parseNetscapeCookies(
    [
      '.example.com\tTRUE\t/\tTRUE\t4102444800\tsid\tv1',
      'example.com\tFALSE\t/a\tFALSE\t0\tpath\tv2',
      'example.com\tFALSE\t/\tFALSE\t1\told\tv3',
    ].join('\n'),
  );
  const { jar, expired } = loadCookieJar(cookies);
  assert.equal(expired, 1);
  assert.equal(await jar.getCookieString('https://cdn.example.com/file'), 'sid=v1');
  assert.equal(await jar.getCookieString('http://cdn.example.com/file'), '', 'a secure cookie is not sent over http');
  assert.equal(await jar.getCookieString('http://example.com/a/file'), 'path=v2');
  assert.equal(await jar.getCookieString('http://example.com/b'), '');
});
