import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, startCli } from '../../helpers/cli.js';
import { makeContent, sha256 } from '../../helpers/content.js';
import { tempDir, until } from '../../helpers/engine-fixture.js';
import { withServer } from '../../helpers/fault-server.js';

test('haul get URL -d DIR: byte-exact file, exit 0, nothing else left in DIR', () =>
  withServer(async (server) => {
    const file = server.file('/one.bin', { body: makeContent(1_000_000, 201) });
    const dir = await tempDir();
    const result = await runCli(['get', '-d', dir, server.url('/one.bin')]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`completed ${join(dir, 'one.bin')}`));
    assert.equal(sha256(await readFile(join(dir, 'one.bin'))), sha256(file.body));
    assert.deepEqual(await readdir(dir), ['one.bin']);
  }));

test('a failure exits 1 with a line naming the URL and the reason; the good ones still download', () =>
  withServer(async (server) => {
    const file = server.file('/good.bin', { body: makeContent(10_000, 202) });
    const dir = await tempDir();
    const result = await runCli(['get', '-d', dir, server.url('/gone.bin'), server.url('/good.bin'), 'ftp://example.com/x']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`failed ${server.url('/gone.bin').replace(/[.?]/g, '\\$&')}: HTTP 404 Not Found`));
    assert.match(result.stderr, /unsupported protocol "ftp:"/);
    assert.equal(sha256(await readFile(join(dir, 'good.bin'))), sha256(file.body));
  }));

test('-i FILE: invalid lines are reported with their line numbers, the valid URLs download', () =>
  withServer(async (server) => {
    const a = server.file('/a.bin', { body: makeContent(5000, 203) });
    const b = server.file('/b.bin', { body: makeContent(6000, 204) });
    const dir = await tempDir();
    const list = join(dir, 'list.txt');
    await writeFile(list, `# list\n${server.url('/a.bin')}\nnot a url\n\n<${server.url('/b.bin')}>\n${server.url('/a.bin')}\n`);
    const result = await runCli(['get', '-d', join(dir, 'out'), '-i', list]);
    assert.equal(result.code, 1, 'an unusable line is not silently dropped');
    assert.match(result.stderr, /list\.txt:3: no URL found: not a url/);
    assert.equal(sha256(await readFile(join(dir, 'out', 'a.bin'))), sha256(a.body));
    assert.equal(sha256(await readFile(join(dir, 'out', 'b.bin'))), sha256(b.body));
    assert.deepEqual((await readdir(join(dir, 'out'))).sort(), ['a.bin', 'b.bin']);
  }));

test('-i - reads an aria2 input file from stdin, with out= and checksum=', () =>
  withServer(async (server) => {
    const file = server.file('/src.bin', { body: makeContent(20_000, 205) });
    const dir = await tempDir();
    const stdin = `${server.url('/src.bin')}\n  out=renamed.bin\n  checksum=sha-256=${sha256(file.body)}\n`;
    const result = await runCli(['get', '-d', dir, '-i', '-'], { stdin });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(sha256(await readFile(join(dir, 'renamed.bin'))), sha256(file.body));
  }));

test('--checksum mismatch exits 1 and leaves no file under the final name', () =>
  withServer(async (server) => {
    server.file('/x.bin', { body: makeContent(20_000, 206) });
    const dir = await tempDir();
    const result = await runCli(['get', '-d', dir, '--checksum', `sha-256=${'0'.repeat(64)}`, server.url('/x.bin')]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /sha-256 mismatch/);
    assert.ok(!(await readdir(dir)).includes('x.bin'));
  }));

test('usage errors exit 2 with the reason', async () => {
  const result = await runCli(['get', '-o', 'x', 'http://127.0.0.1:9/a', 'http://127.0.0.1:9/b']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /haul: -o\/--out works with exactly one URL/);
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: haul get \[options\] \[URL\.\.\.\]/);
});

test('--json prints NDJSON events a script can parse', () =>
  withServer(async (server) => {
    server.file('/j.bin', { body: makeContent(600_000, 207), pace: 1_000_000 });
    const dir = await tempDir();
    const result = await runCli(['get', '--json', '-x', '1', '-d', dir, server.url('/j.bin')]);
    assert.equal(result.code, 0, result.stderr);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; download?: { status: string }; items?: unknown[] });
    assert.ok(events.some((event) => event.type === 'progress' && Array.isArray(event.items)));
    assert.equal(events.filter((event) => event.type === 'state').at(-1)?.download?.status, 'completed');
  }));

test('kill -9 with 8 live segments, then the same command again resumes every segment, byte-exact', () =>
  withServer(async (server) => {
    const size = 16 * 1024 * 1024;
    const file = server.file('/k.bin', { body: makeContent(size, 208), pace: 1_000_000 });
    const dir = await tempDir();
    const args = ['get', '-x', '8', '-d', dir, server.url('/k.bin')];
    const first = startCli(args);
    await until(() => server.maxInFlight('/k.bin') >= 8, 10_000, '8 connections');
    // Past a journal checkpoint (every second) with bytes on disk in every segment.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    first.child.kill('SIGKILL');
    const killed = await first.done;
    assert.equal(killed.signal, 'SIGKILL');
    const firstRun = file.requests.length;
    const second = await runCli(args);
    assert.equal(second.code, 0, second.stderr);
    const rerun = file.requests.slice(firstRun);
    assert.ok(rerun.length >= 8, `${rerun.length} requests in the rerun`);
    let asked = 0;
    for (const request of rerun) {
      const range = /^bytes=(\d+)-(\d*)$/.exec(request.range ?? '');
      assert.ok(range !== null, `every rerun request is ranged, got ${request.range ?? 'none'}`);
      asked += (range[2] === '' ? size - 1 : Number(range[2])) - Number(range[1]) + 1;
    }
    assert.ok(asked < size * 0.8, `the rerun asked for ${asked} of ${size} bytes: it resumed, it did not start over`);
    assert.equal(sha256(await readFile(join(dir, 'k.bin'))), sha256(file.body));
    assert.deepEqual(await readdir(dir), ['k.bin'], 'no "k (1).bin", no partial, no journal left');
  }));

test('Ctrl-C pauses cleanly, exits 130, and the rerun resumes', () =>
  withServer(async (server) => {
    const file = server.file('/i.bin', { body: makeContent(3_000_000, 209), pace: 2_000_000 });
    const dir = await tempDir();
    const args = ['get', '-x', '1', '-d', dir, server.url('/i.bin')];
    const first = startCli(args);
    await until(async () => (await readFile(join(dir, 'i.bin.part')).catch(() => Buffer.alloc(0))).length > 500_000, 10_000, 'partial');
    first.child.kill('SIGINT');
    const interrupted = await first.done;
    assert.equal(interrupted.code, 130);
    assert.match(interrupted.stderr, /interrupted: pausing downloads, run the same command again to resume/);
    const held = (await readFile(join(dir, 'i.bin.part'))).length;
    const second = await runCli(args);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(file.requests[1]?.range, `bytes=${held}-`, 'resumed exactly where the clean pause left off');
    assert.equal(sha256(await readFile(join(dir, 'i.bin'))), sha256(file.body));
  }));

test('two CLI processes on the same URL and folder never corrupt a file', () =>
  withServer(async (server) => {
    const file = server.file('/same.bin', { body: makeContent(3_000_000, 210), pace: 3_000_000 });
    const dir = await tempDir();
    const args = ['get', '-d', dir, server.url('/same.bin')];
    const [a, b] = await Promise.all([runCli(args), runCli(args)]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    assert.match(a.stderr + b.stderr, /in use by process \d+; this run will not be resumable/);
    const names = (await readdir(dir)).sort();
    assert.deepEqual(names, ['same (1).bin', 'same.bin']);
    for (const name of names) assert.equal(sha256(await readFile(join(dir, name))), sha256(file.body), name);
  }));

test('--limit-rate caps the transfer', () =>
  withServer(async (server) => {
    server.file('/r.bin', { body: makeContent(1_500_000, 211) });
    const dir = await tempDir();
    const started = performance.now();
    const result = await runCli(['get', '--limit-rate', '1M', '-d', dir, server.url('/r.bin')]);
    const elapsed = performance.now() - started;
    assert.equal(result.code, 0, result.stderr);
    assert.ok(elapsed >= 1300, `1.5 MB at 1 MiB/s took ${elapsed} ms`);
  }));

test('--checksum verifies in the hashing worker; --version reads the package', () =>
  withServer(async (server) => {
    const file = server.file('/sum.bin', { body: makeContent(300_000, 210) });
    const dir = await tempDir();
    const good = await runCli(['get', '-d', dir, '--checksum', `sha-256=${sha256(file.body)}`, server.url('/sum.bin')]);
    assert.equal(good.code, 0, good.stderr);
    assert.equal(sha256(await readFile(join(dir, 'sum.bin'))), sha256(file.body));
    const bad = await runCli(['get', '-d', join(dir, 'bad'), '--retries', '1', '--checksum', `sha-256=${'0'.repeat(64)}`, server.url('/sum.bin')]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /sha-256 mismatch/);
    const pkg = JSON.parse(await readFile(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string };
    const version = await runCli(['--version']);
    assert.equal(version.stdout, `haul ${pkg.version}\n`);
  }));
