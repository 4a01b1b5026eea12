import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, startCli } from '../../helpers/cli.js';
import { makeContent, sha256 } from '../../helpers/content.js';
import { tempDir, until } from '../../helpers/engine-fixture.js';
import { withServer } from '../../helpers/fault-server.js';

const SAME_DATE = 'Thu, 01 Jan 2026 00:00:00 GMT';

test('haul get --refresh OLD NEW: an interrupted download goes on from a new link; a different file needs --start-over', () =>
  withServer(async (server) => {
    const body = makeContent(6 * 1024 * 1024, 515);
    server.file('/signed-old.bin', { body, pace: 1024 * 1024, lastModified: SAME_DATE });
    const fresh = server.file('/signed-new.bin', { body, lastModified: SAME_DATE });
    server.file('/different.bin', { body: makeContent(1024, 1), lastModified: SAME_DATE });
    const dir = await tempDir();
    const old = server.url('/signed-old.bin');
    const first = startCli(['get', '-x', '1', '-d', dir, old]);
    await until(async () => (await readdir(dir)).includes('signed-old.bin.part'), 10_000, 'a partial');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    first.child.kill('SIGINT');
    assert.equal((await first.done).code, 130);
    const refused = await runCli(['get', '--refresh', old, '-d', dir, server.url('/different.bin')]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /serves a different file .*add --start-over/);
    const unknown = await runCli(['get', '--refresh', 'no-such-id', '-d', dir, server.url('/signed-new.bin')]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no unfinished download no-such-id/);
    const result = await runCli(['get', '--refresh', old, '-d', dir, server.url('/signed-new.bin')]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(sha256(await readFile(join(dir, 'signed-old.bin'))), sha256(body));
    assert.ok(
      fresh.requests.some((request) => /^bytes=[1-9]/.test(request.range ?? '')),
      'the bytes already there were kept',
    );
    assert.deepEqual(await readdir(dir), ['signed-old.bin']);
  }));
