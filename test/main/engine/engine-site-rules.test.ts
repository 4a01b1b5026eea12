import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeContent, sha256 } from '../../helpers/content.js';
import { waitForStatus, withEngine } from '../../helpers/engine-fixture.js';
import { withServer } from '../../helpers/fault-server.js';

test('a site rule caps the connections per download from its site; other sites keep the general number', () =>
  withServer(async (server) => {
    const body = makeContent(16 * 1024 * 1024, 91);
    server.file('/capped.bin', { body, pace: 4 * 1024 * 1024 });
    await withEngine({ connections: 8, network: { siteRules: [{ host: '127.0.0.1', connections: 2 }] } }, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/capped.bin'), dir });
      const done = await waitForStatus(engine, id, ['completed', 'failed']);
      assert.equal(done.status, 'completed', done.error?.message);
      assert.equal(sha256(await readFile(join(dir, 'capped.bin'))), sha256(body));
      assert.equal(server.maxInFlight('/capped.bin'), 2, 'two connections at most, and two were used');
    });
    server.file('/free.bin', { body, pace: 4 * 1024 * 1024 });
    await withEngine({ connections: 8, network: { siteRules: [{ host: 'elsewhere.example', connections: 2 }] } }, async ({ engine, dir }) => {
      const { id } = engine.add({ url: server.url('/free.bin'), dir });
      await waitForStatus(engine, id, 'completed');
      assert.ok(server.maxInFlight('/free.bin') > 2, `another site's rule does not apply (${server.maxInFlight('/free.bin')} at once)`);
    });
  }));
