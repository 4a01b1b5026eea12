import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromPacAnswer, Network } from '../../../../main/engine/network/network.js';

test('a PAC answer (Electron’s session.resolveProxy) → the first usable proxy, or none for DIRECT', () => {
  assert.equal(fromPacAnswer('PROXY proxy.lan:3128; DIRECT')?.href, 'http://proxy.lan:3128/');
  assert.equal(fromPacAnswer('HTTPS secure.lan:443')?.protocol, 'https:');
  assert.equal(fromPacAnswer('SOCKS5 s.lan:1080; PROXY p:1')?.href, 'socks5://s.lan:1080');
  assert.equal(fromPacAnswer('DIRECT'), undefined);
  assert.equal(fromPacAnswer(''), undefined);
});

test('the system setting asks the resolver per URL; a site rule’s choice wins over it', async () => {
  const asked: string[] = [];
  const network = new Network(
    {
      proxy: { mode: 'system' },
      resolveProxy: (url) => {
        asked.push(url);
        return Promise.resolve(url.includes('intranet') ? 'DIRECT' : 'PROXY corp.example:8080');
      },
      siteRules: [{ host: 'direct.example', proxy: 'direct' }],
    },
    { keepAlive: true },
  );
  try {
    assert.equal((await network.route('https://files.example/a.iso')).proxy?.host, 'corp.example:8080');
    assert.equal((await network.route('http://intranet.example/a')).proxy, undefined);
    assert.equal((await network.route('http://direct.example/a')).proxy, undefined);
    assert.deepEqual(asked, ['https://files.example/a.iso', 'http://intranet.example/a'], 'the rule’s site was not asked about');
    const again = await network.route('https://files.example/b.iso');
    assert.equal(again.agents, (await network.route('https://files.example/c.iso')).agents, 'one set of agents per proxy, reused');
  } finally {
    network.destroy();
  }
});
