import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { GESTURE_WINDOW_MS, mayOpenExternal } from '../../../main/desktop/external-links.js';
import { APP_URL, RENDERER_CSP, rendererResponse } from '../../../main/desktop/renderer-files.js';
import { tempDir } from '../../helpers/engine-fixture.js';

test('app:// serves the built renderer with its CSP as a header, and nothing outside it', async () => {
  const root = await tempDir();
  const dir = join(root, 'renderer');
  await mkdir(join(dir, 'assets'), { recursive: true });
  await writeFile(join(dir, 'index.html'), '<!doctype html>');
  await writeFile(join(dir, 'assets', 'app.js'), 'export {}');
  await writeFile(join(root, 'secret.txt'), 'secret');
  await symlink(join(root, 'secret.txt'), join(dir, 'link.txt'));
  const page = await rendererResponse(dir, APP_URL);
  assert.equal(page.status, 200);
  assert.equal(page.headers['content-security-policy'], RENDERER_CSP);
  assert.match(RENDERER_CSP, /script-src 'self'/);
  assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal((await rendererResponse(dir, `${APP_URL}assets/app.js`)).headers['content-type'], 'text/javascript; charset=utf-8');
  for (const path of ['../secret.txt', '%2e%2e/secret.txt', '..%2fsecret.txt', 'link.txt', 'missing.js', 'index.html%00.js']) {
    assert.equal((await rendererResponse(dir, `${APP_URL}${path}`)).status, 404, path);
  }
  assert.equal((await rendererResponse(dir, 'app://other/index.html')).status, 404, 'another host of the scheme');
  assert.equal((await rendererResponse(dir, 'file:///etc/passwd')).status, 404);
});

test('a link opens in the browser only when it is http(s) and the person just acted', () => {
  const now = 10_000;
  assert.equal(mayOpenExternal('https://example.com/page', now - 100, now), true);
  assert.equal(mayOpenExternal('https://example.com/page', undefined, now), false, 'no gesture yet');
  assert.equal(mayOpenExternal('https://example.com/page', now - GESTURE_WINDOW_MS - 1, now), false, 'a gesture long ago');
  for (const url of ['file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)', 'ms-settings:', 'not a url']) {
    assert.equal(mayOpenExternal(url, now, now), false, url);
  }
});
