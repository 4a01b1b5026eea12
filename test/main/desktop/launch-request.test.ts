import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { decodeLaunchData, encodeLaunchData, parseLaunchArgs, userArgs } from '../../../main/desktop/launch-request.js';

test('launch arguments: http(s) URLs, list files against the launch folder, --hidden; switches ignored; the rest reported', () => {
  const request = parseLaunchArgs(
    [
      '--no-sandbox',
      'https://example.com/a.iso#frag',
      ' HTTP://Example.com/b ',
      'lists/urls.TXT',
      '/abs/more.csv',
      'C:\\lists\\w.aria2',
      'javascript:alert(1)',
      'photo.jpg',
      '--hidden',
      '',
    ],
    '/home/u',
  );
  assert.deepEqual(request.urls, ['https://example.com/a.iso', 'http://example.com/b']);
  assert.deepEqual(request.listFiles, [resolve('/home/u', 'lists/urls.TXT'), '/abs/more.csv', resolve('/home/u', 'C:\\lists\\w.aria2')]);
  assert.equal(request.hidden, true);
  assert.equal(request.problems.length, 2);
  assert.match(request.problems[0] ?? '', /unsupported protocol "javascript:"/);
  assert.match(request.problems[1] ?? '', /"photo\.jpg" is neither an http\(s\) URL nor a URL list/);
  assert.equal(parseLaunchArgs([], '/').hidden, false);
});

test('the data a second instance sends is checked before it is believed', () => {
  const data = { argv: ['https://example.com/x'], cwd: '/tmp' };
  assert.deepEqual(decodeLaunchData(encodeLaunchData(data)), data);
  assert.equal(decodeLaunchData(undefined), undefined);
  assert.equal(decodeLaunchData({ argv: ['x'], cwd: '/tmp' }), undefined, 'unversioned');
  assert.equal(decodeLaunchData({ haul: 1, argv: 'x', cwd: '/tmp' }), undefined);
  assert.equal(decodeLaunchData({ haul: 1, argv: [1], cwd: '/tmp' }), undefined);
  assert.equal(decodeLaunchData({ haul: 1, argv: [], cwd: '' }), undefined);
  assert.equal(decodeLaunchData({ haul: 1, argv: [], cwd: '/', extra: true }), undefined);
  assert.equal(decodeLaunchData({ haul: 1, argv: new Array(10_001).fill('x'), cwd: '/' }), undefined, 'bounded');
});

test('the user’s arguments start after the executable (packaged) or after the app folder (electron .)', () => {
  assert.deepEqual(userArgs(['/opt/Haul/haul', 'https://a/b'], true), ['https://a/b']);
  assert.deepEqual(userArgs(['/usr/bin/electron', '.', 'https://a/b'], false), ['https://a/b']);
});
