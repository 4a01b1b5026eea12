import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCliArgs } from '../../../main/cli/parse-cli-args.js';

test('get with every option', () => {
  const parsed = parseCliArgs([
    'get',
    '-d',
    'out',
    '-j',
    '16',
    '-x',
    '4',
    '--limit-rate',
    '1.5M',
    '--retries',
    '3',
    '--json',
    '--timeout',
    '2.5',
    '-i',
    'list.txt',
  ]);
  assert.deepEqual(parsed, {
    command: 'get',
    urls: [],
    inputFile: 'list.txt',
    dir: 'out',
    out: undefined,
    maxConcurrent: 16,
    connections: 4,
    limitRate: 1_572_864,
    retries: 3,
    checksum: undefined,
    json: true,
    timeoutSeconds: 2.5,
    lowestSpeed: 0,
    headers: {},
    proxy: { mode: 'env' },
    cookiesFile: undefined,
    caFiles: [],
    insecure: false,
    refresh: undefined,
    startOver: false,
  });
});

test('defaults', () => {
  const parsed = parseCliArgs(['get', 'https://e.com/a']);
  assert.ok(parsed.command === 'get');
  assert.equal(parsed.dir, '.');
  assert.equal(parsed.maxConcurrent, 4);
  assert.equal(parsed.retries, 8);
  assert.equal(parsed.limitRate, 0);
  assert.equal(parsed.connections, 'auto');
});

test('one-URL options refuse several URLs; bad numbers are named', () => {
  assert.throws(() => parseCliArgs(['get', '-o', 'x', 'https://a/1', 'https://a/2']), /-o\/--out works with exactly one URL/);
  assert.throws(() => parseCliArgs(['get', '--checksum', `md5=${'0'.repeat(32)}`, '-i', 'l.txt']), /--checksum works with exactly one URL/);
  assert.throws(() => parseCliArgs(['get', '-j', '0', 'https://a/1']), /--max-concurrent must be between 1 and 1000/);
  assert.throws(() => parseCliArgs(['get', '-j', 'many', 'https://a/1']), /--max-concurrent needs a whole number/);
  assert.throws(() => parseCliArgs(['get', '--limit-rate', 'fast', 'https://a/1']), /invalid rate "fast"/);
  assert.throws(() => parseCliArgs(['get', '--bogus', 'https://a/1']), /Unknown option '--bogus'/);
  assert.throws(() => parseCliArgs(['get']), /no URL given/);
  assert.throws(() => parseCliArgs(['fetch', 'https://a/1']), /unknown command "fetch"/);
});

test('help and version; no command at all is a usage error', () => {
  assert.deepEqual(parseCliArgs([]), { command: 'usage' });
  assert.deepEqual(parseCliArgs(['get', '--version']), { command: 'version' });
  assert.deepEqual(parseCliArgs(['serve', '--version']), { command: 'version' });
  assert.deepEqual(parseCliArgs(['get', '--help']), { command: 'help' });
  assert.deepEqual(parseCliArgs(['--version']), { command: 'version' });
});

test('--timeout past what a Node timer can hold is a usage error, not a 1 ms timer; --lowest-speed takes a rate', () => {
  assert.throws(() => parseCliArgs(['get', '--timeout', '2147484', 'https://a/1']), /--timeout must be at most 2147483 seconds/);
  const parsed = parseCliArgs(['get', '--timeout', '2147483', '--lowest-speed', '100K', 'https://a/1']);
  assert.ok(parsed.command === 'get');
  assert.equal(parsed.timeoutSeconds, 2_147_483);
  assert.equal(parsed.lowestSpeed, 102_400);
});
