import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CLI, runCli, startCli } from '../../helpers/cli.js';
import { makeContent, sha256 } from '../../helpers/content.js';
import { tempDir, until } from '../../helpers/engine-fixture.js';
import { withServer } from '../../helpers/fault-server.js';
import { withSmallDisk } from '../../helpers/small-disk.js';

const DNS_HOOK = fileURLToPath(new URL('../../helpers/dns-fail-hook.js', import.meta.url));

test('a folder where mkdir fails oddly (/proc) fails at once with the folder named; no spinning', () =>
  withServer(async (server) => {
    server.file('/p.bin', { body: makeContent(1000, 401) });
    const started = Date.now();
    const result = await runCli(['get', '-d', '/proc/self', server.url('/p.bin')], { timeoutMs: 20_000 });
    assert.equal(result.signal, null, 'ended by itself, not by the test');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /cannot create the folder \/proc\/self\/\.haul/);
    assert.ok(Date.now() - started < 10_000);
  }));

test('a read-only target folder says read-only', (t) =>
  withServer(async (server) => {
    server.file('/ro.bin', { body: makeContent(1000, 402) });
    const outcome = await withSmallDisk(1024 * 1024, async (disk) => {
      await promisify(execFile)('mount', ['-o', 'remount,ro', disk]);
      const result = await runCli(['get', '-d', disk, server.url('/ro.bin')], { timeoutMs: 20_000 });
      assert.equal(result.code, 1);
      assert.match(result.stderr, /read-only file system/);
    });
    if (typeof outcome === 'object') t.skip(outcome.skipped);
  }));

test('rerunning after Ctrl-C skips what the first run finished instead of fetching it again as "name (1)"', () =>
  withServer(async (server) => {
    const small = server.file('/small.bin', { body: makeContent(50_000, 403) });
    const big = server.file('/big.bin', { body: makeContent(3_000_000, 404), pace: 500_000 });
    const dir = await tempDir();
    const args = ['get', '-x', '1', '-d', dir, server.url('/small.bin'), server.url('/big.bin')];
    const first = startCli(args);
    await until(() => first.stdout().includes(`completed ${join(dir, 'small.bin')}`), 15_000, 'small.bin to complete');
    first.child.kill('SIGINT');
    assert.equal((await first.done).code, 130);
    const smallRequests = small.requests.length;
    const second = await runCli(args);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, new RegExp(`already complete ${join(dir, 'small.bin').replace(/[.]/g, '\\.')}`));
    assert.equal(small.requests.length, smallRequests, 'small.bin was not requested again');
    assert.deepEqual((await readdir(dir)).sort(), ['big.bin', 'small.bin']);
    assert.equal(sha256(await readFile(join(dir, 'big.bin'))), sha256(big.body));
    assert.match(second.stdout, /Download Results:/);
  }));

test('an unknown host fails fast, in words, after at most one quick retry', async () => {
  const dir = await tempDir();
  const started = Date.now();
  const result = await runCli(['get', '-d', dir, 'http://example.invalid/file.iso'], { nodeArgs: ['--import', DNS_HOOK], timeoutMs: 30_000 });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /couldn't find host example\.invalid/);
  assert.ok((result.stdout.match(/retrying/g) ?? []).length <= 1, result.stdout);
  assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
});

test('--json | head: a closed stdout pauses the run quietly, no stack trace, resumable', () =>
  withServer(async (server) => {
    server.file('/h.bin', { body: makeContent(4_000_000, 405), pace: 500_000 });
    const dir = await tempDir();
    const run = startCli(['get', '--json', '-x', '1', '-d', dir, server.url('/h.bin')]);
    await until(() => run.stdout().includes('"progress"'), 15_000, 'a progress event');
    run.child.stdout.destroy();
    const result = await run.done;
    assert.equal(result.signal, null);
    assert.equal(result.code, 130);
    assert.doesNotMatch(result.stderr, /Error|\n\s+at /);
    await access(join(dir, 'h.bin.part'));
    await access(join(dir, '.haul', 'journal.log'));
  }));

test('piped output: one line when a download starts, one when it resumes, one when it ends, however many connections', () =>
  withServer(async (server) => {
    server.file('/m.bin', { body: makeContent(8_000_000, 406), pace: 1_000_000 });
    const dir = await tempDir();
    const result = await runCli(['get', '-x', '8', '-d', dir, server.url('/m.bin')]);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.deepEqual(lines, [`downloading m.bin (7.6 MiB)`, `completed ${join(dir, 'm.bin')}`]);
  }));

test('a URL given as an argument is fetched exactly as written', () =>
  withServer(async (server) => {
    const quote = server.file("/it's.bin", { body: makeContent(1000, 407) });
    const space = server.file('/a%20b.bin', { body: makeContent(1000, 408) });
    const query = server.file('/q.bin', { body: makeContent(1000, 409) });
    const dir = await tempDir();
    const urls = [server.url("/it's.bin"), server.url('/a b.bin'), server.url('/q.bin?v=1.'), server.url('/q.bin?w=(x)')];
    const result = await runCli(['get', '-d', dir, ...urls]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(quote.requests[0]?.url, "/it's.bin");
    assert.equal(space.requests[0]?.url, '/a%20b.bin');
    assert.deepEqual(query.requests.map((request) => request.url).sort(), ['/q.bin?v=1.', '/q.bin?w=(x)']);
    const bad = await runCli(['get', '-d', dir, 'http://[oops/x']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /argument 1: not a valid URL/);
  }));

test('a server dripping a byte now and then cannot retry forever: attempts without real progress count', () =>
  withServer(async (server) => {
    // 1 KiB, then nothing for ~5 s, then 1 KiB…
    server.file('/drip.bin', { body: makeContent(100_000, 410), pace: 200 });
    const dir = await tempDir();
    const started = Date.now();
    const result = await runCli(['get', '--timeout', '1', '--retries', '2', '-x', '1', '-d', dir, server.url('/drip.bin')], { timeoutMs: 40_000 });
    assert.equal(result.signal, null);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no data received for 1 s/);
    assert.ok(Date.now() - started < 20_000, `${Date.now() - started} ms`);
  }));

test('--lowest-speed ends an attempt slower than the rule, counted as a failure', () =>
  withServer(async (server) => {
    server.file('/slow.bin', { body: makeContent(2_000_000, 411), pace: 60_000 });
    const dir = await tempDir();
    const result = await runCli(
      ['get', '--lowest-speed', '200K', '--timeout', '1', '--retries', '2', '-x', '1', '-d', dir, server.url('/slow.bin')],
      { timeoutMs: 40_000 },
    );
    assert.equal(result.code, 1);
    assert.match(result.stderr, /slower than 200 KiB\/s for 1 s/);
  }));

test('haul without a command is a usage error; get --version works; the built CLI is executable', async () => {
  const bare = await runCli([]);
  assert.equal(bare.code, 2);
  assert.match(bare.stderr, /Usage: haul get/);
  const version = await runCli(['get', '--version']);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^haul \d+\.\d+\.\d+/);
  const help = await runCli(['serve', '--help']);
  assert.match(help.stdout, /--state DIR/);
  assert.ok(((await stat(CLI)).mode & 0o111) !== 0, 'dist/cli/bin/haul.js has its execute bits (npm link)');
});

test('bad list lines are echoed escaped, cut and summarised; credentials never printed', () =>
  withServer(async (server) => {
    server.file('/ok.bin', { body: makeContent(1000, 412) });
    const dir = await tempDir();
    const bad = Array.from({ length: 100_000 }, (_, index) => `junk ${index}`).join('\n');
    const list = [`\x1b]0;owned\x07\x1b[2J not a url`, `http://h/${'a'.repeat(1024 * 1024)}`, server.url('/ok.bin'), bad].join('\n');
    const secret = server.url('/missing.bin').replace('http://', 'http://alice:s3cret@');
    const result = await runCli(['get', '-d', dir, '-i', '-', secret], { stdin: list, timeoutMs: 60_000 });
    assert.equal(result.code, 1);
    assert.ok(!result.stderr.includes('\x1b'), 'no raw escape reaches the terminal');
    assert.match(result.stderr, /\\x1b\]0;owned\\x07\\x1b\[2J not a url/);
    assert.match(result.stderr, /line longer than 64 KiB/);
    assert.match(result.stderr, /… and \d+ more problems like these/);
    assert.ok(result.stderr.length < 20_000, `${result.stderr.length} characters of stderr`);
    assert.doesNotMatch(result.stderr + result.stdout, /s3cret/);
    assert.match(result.stderr, /http:\/\/\*\*\*@127\.0\.0\.1/);
    assert.equal(sha256(await readFile(join(dir, 'ok.bin'))), sha256(makeContent(1000, 412)));
  }));
