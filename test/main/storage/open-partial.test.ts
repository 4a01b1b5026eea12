import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { HaulError } from '../../../shared/errors.js';
import { openPartial } from '../../../main/storage/open-partial.js';

async function folder(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'haul-open-partial-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('a new partial is created, empty, and its identity is what the journal must record', async (t) => {
  const path = join(await folder(t), 'a.bin.part');
  const opened = await openPartial(path, undefined, false);
  assert.equal(opened.kind, 'opened');
  await opened.handle.close();
  const info = await stat(path);
  assert.deepEqual(opened.identity, { dev: info.dev, ino: info.ino });
  assert.equal(opened.created, true);
  assert.equal(opened.size, 0);
});

test('a file under the name that this download never recorded is taken, and left as it was', async (t) => {
  const path = join(await folder(t), 'a.bin.part');
  await writeFile(path, 'somebody else');
  assert.deepEqual(await openPartial(path, undefined, false), { kind: 'taken' });
  assert.equal(await readFile(path, 'utf8'), 'somebody else');
});

test('our own partial is reopened with its bytes; one gone is created afresh', async (t) => {
  const path = join(await folder(t), 'a.bin.part');
  await writeFile(path, 'ours');
  const info = await stat(path);
  const opened = await openPartial(path, { dev: info.dev, ino: info.ino }, true);
  assert.equal(opened.kind, 'opened');
  await opened.handle.close();
  assert.equal(opened.created, false);
  assert.equal(opened.size, 4);
  await rm(path);
  const again = await openPartial(path, { dev: info.dev, ino: info.ino }, true);
  assert.equal(again.kind === 'opened' && again.created, true);
  if (again.kind === 'opened') await again.handle.close();
});

test('a partial replaced by another file while the journal claims bytes is an error, and the file is not touched', async (t) => {
  const path = join(await folder(t), 'a.bin.part');
  await writeFile(path, 'replacement');
  await assert.rejects(openPartial(path, { dev: 1, ino: 1 }, true), (error: unknown) => error instanceof HaulError && error.code === 'FILE_SYSTEM');
  assert.equal(await readFile(path, 'utf8'), 'replacement');
  assert.deepEqual(await openPartial(path, { dev: 1, ino: 1 }, false), { kind: 'taken' }, 'claiming nothing, it is just taken');
});

test('a link planted under the name is never followed, dangling or not', async (t) => {
  const dir = await folder(t);
  const outside = join(dir, 'outside.txt');
  await writeFile(outside, 'keep me');
  const path = join(dir, 'a.bin.part');
  await symlink(outside, path);
  assert.deepEqual(await openPartial(path, undefined, false), { kind: 'taken' });
  await assert.rejects(openPartial(path, { dev: 1, ino: 1 }, true), (error: unknown) => error instanceof HaulError);
  assert.equal(await readFile(outside, 'utf8'), 'keep me');
  const dangling = join(dir, 'b.bin.part');
  await symlink(join(dir, 'nowhere'), dangling);
  assert.deepEqual(await openPartial(dangling, undefined, false), { kind: 'taken' });
  await assert.rejects(stat(join(dir, 'nowhere')), 'nothing was created through the link');
});
