import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../helpers/cli.js';
import { makeContent, sha256 } from '../../helpers/content.js';
import { tempDir, until } from '../../helpers/engine-fixture.js';
import { openHaul } from '../../../main/app/open-haul.js';
import { proxiesMissing, startDante, startTinyproxy } from '../../helpers/proxies.js';
import { makeTestCertificates } from '../../helpers/test-ca.js';

const BODY = makeContent(3 * 1024 * 1024, 907);

interface Site {
  readonly url: string;
  readonly seen: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

/**
 * A site that wants things: /file.bin is served only with the cookie `session=abc` (and, once
 * /login set it, `step=2`); /private.bin only to alice (Basic); /open.bin to anyone. Every
 * request's headers are kept.
 */
async function startSite(tls?: { readonly key: string; readonly cert: string }): Promise<Site> {
  const seen: http.IncomingHttpHeaders[] = [];
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    seen.push(req.headers);
    const cookies = req.headers.cookie ?? '';
    const send = (): void => {
      res.writeHead(200, { 'content-length': BODY.length, 'content-type': 'application/octet-stream' });
      res.end(BODY);
    };
    switch (req.url) {
      case '/open.bin':
        send();
        return;
      case '/login':
        res.writeHead(302, { location: '/file.bin', 'set-cookie': 'step=2; Path=/' });
        res.end();
        return;
      case '/file.bin':
        if (cookies.includes('session=abc') && cookies.includes('step=2')) send();
        else {
          res.writeHead(403);
          res.end('no cookie');
        }
        return;
      case '/private.bin':
        if (req.headers.authorization === `Basic ${Buffer.from('alice:s3cret-pw').toString('base64')}`) send();
        else {
          res.writeHead(401, { 'www-authenticate': 'Basic realm="haul"' });
          res.end();
        }
        return;
      default:
        res.writeHead(404);
        res.end();
    }
  };
  const server = tls === undefined ? http.createServer(handler) : https.createServer(tls, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

async function withSite(fn: (site: Site, dir: string) => Promise<void>, tls?: { readonly key: string; readonly cert: string }): Promise<void> {
  const site = await startSite(tls);
  try {
    await fn(site, await tempDir());
  } finally {
    await site.close();
  }
}

const exact = async (dir: string, name: string): Promise<void> => {
  assert.equal(sha256(await readFile(join(dir, name))), sha256(BODY), `${name} is byte-exact`);
};

test('HTTP_PROXY is honoured (through a real tinyproxy), NO_PROXY and --no-proxy go direct, --proxy socks5:// goes through Dante', async (t) => {
  const missing = proxiesMissing();
  if (missing !== undefined) {
    t.skip(missing);
    return;
  }
  const proxy = await startTinyproxy();
  const socks = await startDante();
  try {
    await withSite(async (site, dir) => {
      const port = new URL(site.url).port;
      const viaEnv = await runCli(['get', '-d', dir, `${site.url}/open.bin`], { env: { HTTP_PROXY: proxy.url, NO_PROXY: '' } });
      assert.equal(viaEnv.code, 0, viaEnv.stderr);
      await exact(dir, 'open.bin');
      assert.match(await proxy.log(), new RegExp(`127\\.0\\.0\\.1:${port}`), 'the request went through the proxy');
      const before = (await proxy.log()).length;
      const excepted = await runCli(['get', '-d', join(dir, 'b'), `${site.url}/open.bin`], {
        env: { http_proxy: proxy.url, no_proxy: 'localhost,127.0.0.1' },
      });
      assert.equal(excepted.code, 0, excepted.stderr);
      const direct = await runCli(['get', '--no-proxy', '-d', join(dir, 'c'), `${site.url}/open.bin`], { env: { http_proxy: proxy.url } });
      assert.equal(direct.code, 0, direct.stderr);
      assert.equal((await proxy.log()).length, before, 'NO_PROXY and --no-proxy went direct');
      const viaSocks = await runCli(['get', '--proxy', socks.url, '-d', join(dir, 'd'), `${site.url}/open.bin`]);
      assert.equal(viaSocks.code, 0, viaSocks.stderr);
      await exact(join(dir, 'd'), 'open.bin');
      assert.match(await socks.log(), new RegExp(`127\\.0\\.0\\.1\\.${port}`), 'Dante passed the connection');
    });
  } finally {
    await proxy.close();
    await socks.close();
  }
});

test('a proxy that asks for a password (407) or is not there fails at once, naming the proxy; credentials in the proxy URL work', async (t) => {
  const missing = proxiesMissing();
  if (missing !== undefined) {
    t.skip(missing);
    return;
  }
  const proxy = await startTinyproxy({ user: 'bob', password: 'proxy-pw' });
  try {
    await withSite(async (site, dir) => {
      const started = Date.now();
      const refused = await runCli(['get', '--proxy', proxy.url, '-d', dir, `${site.url}/open.bin`]);
      assert.equal(refused.code, 1);
      assert.match(
        refused.stderr + refused.stdout,
        new RegExp(`the proxy http://127\\.0\\.0\\.1:${proxy.port}/ asks for a user name and password \\(HTTP 407\\)`),
      );
      const gone = await runCli(['get', '--proxy', 'http://127.0.0.1:1', '-d', dir, `${site.url}/open.bin`]);
      assert.equal(gone.code, 1);
      assert.match(gone.stderr + gone.stdout, /could not reach the proxy http:\/\/127\.0\.0\.1:1\/ \(ECONNREFUSED\)/);
      assert.ok(Date.now() - started < 15_000, 'not retried with backoff as if the server had failed');
      const signedIn = await runCli(['get', '--proxy', `http://bob:proxy-pw@127.0.0.1:${proxy.port}`, '-d', dir, `${site.url}/open.bin`]);
      assert.equal(signedIn.code, 0, signedIn.stderr);
      await exact(dir, 'open.bin');
      assert.doesNotMatch(signedIn.stdout + signedIn.stderr + refused.stdout + refused.stderr, /proxy-pw/, 'the password is never printed');
    });
  } finally {
    await proxy.close();
  }
});

test('bad network options get a clear error and nothing starts', async () => {
  const dir = await tempDir();
  const cases: [string[], Record<string, string>, RegExp][] = [
    [['--proxy', 'ftp://proxy.example:21'], {}, /--proxy uses ftp:; Haul speaks to http, https and socks5 proxies/],
    [['--proxy', 'http://'], {}, /--proxy "http:\/\/" is not a URL/],
    [['--header', 'no colon here'], {}, /--header needs "Name: value"/],
    [['--header', 'Bad Name: x'], {}, /is not a header name/],
    [['--http-user', 'alice'], {}, /--http-user and --http-password go together/],
    [['--proxy', 'http://p:1', '--no-proxy'], {}, /contradict/],
    [['--ca-certificate', join(dir, 'missing.pem')], {}, /cannot read --ca-certificate/],
  ];
  for (const [args, env, message] of cases) {
    const result = await runCli(['get', ...args, '-d', dir, 'http://127.0.0.1:9/x.bin'], { env });
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
  }
  const badEnv = await runCli(['get', '--retries', '1', '-d', dir, 'http://127.0.0.1:9/x.bin'], { env: { http_proxy: 'ftp://nope', NO_PROXY: '' } });
  assert.equal(badEnv.code, 1);
  assert.match(badEnv.stderr + badEnv.stdout, /the proxy in HTTP_PROXY uses ftp:/);
});

test('--header, --user-agent and --referer are sent; list lines keep their own headers', async () => {
  await withSite(async (site, dir) => {
    const list = join(dir, 'list.txt');
    await writeFile(list, `${site.url}/open.bin\n  header=X-Line: from-the-list\n  out=listed.bin\n`);
    const result = await runCli([
      'get',
      '-H',
      'X-Token: abc 123',
      '--user-agent',
      'Mozilla/5.0 (Haul test)',
      '--referer',
      'https://example.com/page',
      '-d',
      dir,
      '-i',
      list,
    ]);
    assert.equal(result.code, 0, result.stderr);
    await exact(dir, 'listed.bin');
    const headers = site.seen.at(-1);
    assert.ok(headers !== undefined);
    assert.equal(headers['x-token'], 'abc 123');
    assert.equal(headers['user-agent'], 'Mozilla/5.0 (Haul test)');
    assert.equal(headers.referer, 'https://example.com/page');
    assert.equal(headers['x-line'], 'from-the-list');
  });
});

test('--load-cookies reads a Netscape cookies.txt (garbage lines named and skipped); a cookie set by a redirect is kept', async () => {
  await withSite(async (site, dir) => {
    const cookies = join(dir, 'cookies.txt');
    await writeFile(
      cookies,
      [
        '# Netscape HTTP Cookie File',
        '127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\tabc',
        '#HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t0\tother\tx',
        'this is not a cookie line',
        'example.com\tTRUE\t/\tFALSE\t1\told\tgone',
        '',
      ].join('\n'),
    );
    const without = await runCli(['get', '--retries', '1', '-d', join(dir, 'a'), `${site.url}/login`]);
    assert.equal(without.code, 1, 'no cookie, no file');
    const result = await runCli(['get', '--load-cookies', cookies, '-d', dir, `${site.url}/login`]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /cookies\.txt:4: not a cookie \(expected 7 tab-separated fields, found 1\); skipped/);
    await exact(dir, 'file.bin');
    assert.match(site.seen.at(-1)?.cookie ?? '', /session=abc/);
    assert.match(site.seen.at(-1)?.cookie ?? '', /step=2/, 'the redirect’s cookie came along');
  });
});

test('sign-in: a 401 says a user name and password are needed; user:password@ and --http-user work; the password is never printed', async () => {
  await withSite(async (site, dir) => {
    const asked = await runCli(['get', '-d', dir, `${site.url}/private.bin`]);
    assert.equal(asked.code, 1);
    assert.match(asked.stderr + asked.stdout, /this server needs a user name and password \(HTTP 401\)/);
    const inUrl = `${site.url.replace('http://', 'http://alice:s3cret-pw@')}/private.bin`;
    const viaUrl = await runCli(['get', '-d', join(dir, 'a'), inUrl]);
    assert.equal(viaUrl.code, 0, viaUrl.stderr);
    await exact(join(dir, 'a'), 'private.bin');
    const viaOptions = await runCli(['get', '--http-user', 'alice', '--http-password', 's3cret-pw', '-d', join(dir, 'b'), `${site.url}/private.bin`]);
    assert.equal(viaOptions.code, 0, viaOptions.stderr);
    await exact(join(dir, 'b'), 'private.bin');
    for (const output of [asked, viaUrl, viaOptions]) assert.doesNotMatch(output.stdout + output.stderr, /s3cret-pw/);
  });
});

test('TLS: a self-signed or unknown authority is said in words; --ca-certificate trusts an authority; --insecure is an explicit opt-in', async () => {
  const certificates = await makeTestCertificates();
  await withSite(async (site, dir) => {
    const host = new URL(site.url).host;
    const refused = await runCli(['get', '-d', dir, `${site.url}/open.bin`]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr + refused.stdout, new RegExp(`the certificate for ${host.replace('.', '\\.')} is self-signed`));
    const insecure = await runCli(['get', '--insecure', '-d', dir, `${site.url}/open.bin`]);
    assert.equal(insecure.code, 0, insecure.stderr);
    await exact(dir, 'open.bin');
  }, certificates.selfSigned);
  await withSite(async (site, dir) => {
    const unknown = await runCli(['get', '-d', dir, `${site.url}/open.bin`]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr + unknown.stdout, /comes from an authority this machine does not trust/);
    const trusted = await runCli(['get', '--ca-certificate', certificates.caFile, '-d', dir, `${site.url}/open.bin`]);
    assert.equal(trusted.code, 0, trusted.stderr);
    await exact(dir, 'open.bin');
  }, certificates.signed);
});

test('the app’s connection settings: a manual proxy applies live, a bad proxy address or CA file is refused in words and nothing is saved', async (t) => {
  const missing = proxiesMissing();
  if (missing !== undefined) {
    t.skip(missing);
    return;
  }
  const proxy = await startTinyproxy();
  const root = await tempDir();
  const haul = await openHaul(join(root, 'state'), { overrides: { downloadDir: join(root, 'dl'), proxyMode: 'none' } });
  try {
    await withSite(async (site) => {
      await assert.rejects(
        haul.handlers.setSettings({ settings: { proxyMode: 'manual', proxyUrl: 'gopher://x' } }),
        /the proxy address uses gopher:/,
      );
      await assert.rejects(
        haul.handlers.setSettings({ settings: { caFile: join(root, 'none.pem') } }),
        /cannot read the certificate authorities file/,
      );
      assert.equal(haul.settings().proxyMode, 'none', 'nothing was saved');
      await haul.handlers.setSettings({ settings: { proxyMode: 'manual', proxyUrl: proxy.url } });
      const { added } = await haul.handlers.add({ entries: [{ url: `${site.url}/open.bin` }] });
      const id = added[0]?.id ?? '';
      await until(() => haul.engine.get(id)?.status === 'completed' || haul.engine.get(id)?.status === 'failed', 20_000, 'the download ends');
      assert.equal(haul.engine.get(id)?.status, 'completed', haul.engine.get(id)?.error?.message);
      assert.match(await proxy.log(), new RegExp(`127\\.0\\.0\\.1:${new URL(site.url).port}`), 'it went through the proxy');
      await exact(join(root, 'dl'), 'open.bin');
    });
  } finally {
    await haul.close();
    await proxy.close();
  }
});

test('a site rule wins over the general settings: its own proxy choice (direct) and its headers', async () => {
  const root = await tempDir();
  const haul = await openHaul(join(root, 'state'), {
    overrides: { downloadDir: join(root, 'dl'), proxyMode: 'manual', proxyUrl: 'http://127.0.0.1:1' },
  });
  try {
    await withSite(async (site) => {
      await assert.rejects(
        haul.handlers.setSettings({ settings: { siteRules: [{ host: '127.0.0.1', proxy: 'ftp://x' }] } }),
        /the proxy of the rule for 127\.0\.0\.1 uses ftp:/,
      );
      await haul.handlers.setSettings({
        settings: { siteRules: [{ host: '127.0.0.1', proxy: 'direct', headers: { 'x-site': 'yes' }, connections: 1 }] },
      });
      const { added } = await haul.handlers.add({ entries: [{ url: `${site.url}/open.bin` }] });
      const id = added[0]?.id ?? '';
      await until(() => haul.engine.get(id)?.status === 'completed' || haul.engine.get(id)?.status === 'failed', 20_000, 'the download ends');
      assert.equal(haul.engine.get(id)?.status, 'completed', haul.engine.get(id)?.error?.message);
      assert.ok(site.seen.length > 0 && site.seen.every((headers) => headers['x-site'] === 'yes'), 'the rule’s header went with every request');
      await exact(join(root, 'dl'), 'open.bin');
    });
  } finally {
    await haul.close();
  }
});
