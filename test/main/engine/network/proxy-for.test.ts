import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bypassesProxy, parseProxyUrl, proxyFor } from '../../../../main/engine/network/proxy-for.js';

const env = { http_proxy: 'http://p:3128', HTTPS_PROXY: 'socks5://s:1080', no_proxy: 'internal.example, .corp.example:8443 ,10.0.0.1' };

test('the environment picks the proxy by scheme, lower case first; NO_PROXY exempts hosts, subdomains, ports and addresses', () => {
  assert.equal(proxyFor(new URL('http://a.example/x'), { mode: 'env' }, env)?.href, 'http://p:3128/');
  assert.equal(proxyFor(new URL('https://a.example/x'), { mode: 'env' }, env)?.href, 'socks5://s:1080');
  assert.equal(proxyFor(new URL('http://internal.example/'), { mode: 'env' }, env), undefined);
  assert.equal(proxyFor(new URL('http://deep.internal.example/'), { mode: 'env' }, env), undefined);
  assert.equal(proxyFor(new URL('http://notinternal.example/'), { mode: 'env' }, env)?.host, 'p:3128', 'a suffix only matches at a dot');
  assert.equal(proxyFor(new URL('https://a.corp.example:8443/'), { mode: 'env' }, env), undefined);
  assert.equal(proxyFor(new URL('https://a.corp.example/'), { mode: 'env' }, env)?.protocol, 'socks5:', 'another port is not exempt');
  assert.equal(proxyFor(new URL('http://10.0.0.1/'), { mode: 'env' }, env), undefined);
  assert.equal(proxyFor(new URL('http://a.example/'), { mode: 'env' }, { ALL_PROXY: 'http://all:1' })?.host, 'all:1');
  assert.equal(proxyFor(new URL('http://a.example/'), { mode: 'env' }, { HTTP_PROXY: 'http://p:1', NO_PROXY: '*' }), undefined);
  assert.equal(proxyFor(new URL('http://a.example/'), { mode: 'none' }, env), undefined);
  assert.equal(proxyFor(new URL('http://a.example/'), { mode: 'manual', url: 'proxy.lan:8080' }, {})?.href, 'http://proxy.lan:8080/');
});

test('proxy URLs are checked once, in words; NO_PROXY is read in linear time', () => {
  assert.throws(() => parseProxyUrl('ftp://x:21'), /uses ftp:; Haul speaks to http, https and socks5 proxies/);
  assert.throws(() => parseProxyUrl('http://'), /is not a URL/);
  assert.throws(() => parseProxyUrl(`http://${'a'.repeat(5000)}`), /longer than 2048/);
  assert.throws(() => proxyFor(new URL('http://a/'), { mode: 'env' }, { http_proxy: 'gopher://x' }), /the proxy in HTTP_PROXY uses gopher:/);
  const started = performance.now();
  assert.equal(bypassesProxy(new URL('http://a.example/'), 'x,'.repeat(1_000_000)), false);
  assert.ok(performance.now() - started < 1000, 'a huge NO_PROXY is cut, not crawled');
});
