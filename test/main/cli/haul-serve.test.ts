import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DownloadSnapshot } from '../../../shared/download-snapshot.js';
import { type CliProcess, startCli } from '../../helpers/cli.js';
import { makeContent, sha256 } from '../../helpers/content.js';
import { tempDir, until } from '../../helpers/engine-fixture.js';
import { withServer } from '../../helpers/fault-server.js';

async function serve(state: string, dir: string): Promise<{ cli: CliProcess; base: string; token: string }> {
  const cli = startCli(['serve', '--port', '0', '--state', state, '--dir', dir]);
  await until(() => /Haul is serving (\S+)\?token=(\S+)/.test(cli.stdout()), 10_000, 'the serving line');
  const [, base = '', token = ''] = /Haul is serving (\S+)\?token=(\S+)/.exec(cli.stdout()) ?? [];
  return { cli, base, token };
}

async function call(base: string, token: string, name: string, args: unknown): Promise<unknown> {
  const response = await fetch(`${base}api/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  return ((await response.json()) as { result: unknown }).result;
}

test('haul serve prints its URL with a token, stops on Ctrl-C, and after a restart the list is back and resumes', () =>
  withServer(async (server) => {
    const file = server.file('/s.bin', { body: makeContent(6_000_000, 501), pace: 1_500_000 });
    const root = await tempDir();
    const state = join(root, 'state');
    const dir = join(root, 'downloads');
    const first = await serve(state, dir);
    assert.match(first.token, /^[\w-]{32}$/);
    await call(first.base, first.token, 'add', { entries: [{ url: server.url('/s.bin') }], connections: 1 });
    await until(async () => (await readFile(join(dir, 's.bin.part')).catch(() => Buffer.alloc(0))).length > 1_000_000, 10_000, 'a partial');
    first.cli.child.kill('SIGINT');
    const stopped = await first.cli.done;
    assert.equal(stopped.code, 0, stopped.stderr);
    const second = await serve(state, dir);
    assert.notEqual(second.token, first.token, 'a new token each start');
    const { downloads } = (await call(second.base, second.token, 'snapshot', {})) as { downloads: DownloadSnapshot[] };
    assert.equal(downloads.length, 1);
    await until(
      async () => ((await call(second.base, second.token, 'snapshot', {})) as { downloads: DownloadSnapshot[] }).downloads[0]?.status === 'completed',
      20_000,
      'the resumed download to complete',
    );
    assert.match(file.requests[1]?.range ?? '', /^bytes=\d+-$/, 'resumed with a Range');
    assert.equal(sha256(await readFile(join(dir, 's.bin'))), sha256(file.body));
    second.cli.child.kill('SIGINT');
    assert.equal((await second.cli.done).code, 0);
  }));
