import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { directIo, folderIo, isLocalFileSystem, pooledIo } from '../../../main/storage/folder-io.js';

test('calls are synchronous only on a local Linux file system; network and FUSE mounts, and other systems, use the thread pool', () => {
  assert.equal(isLocalFileSystem('linux', 0xef53), true, 'ext4');
  assert.equal(isLocalFileSystem('linux', 0x01021994), true, 'tmpfs');
  assert.equal(isLocalFileSystem('linux', 0x9123683e), true, 'btrfs');
  assert.equal(isLocalFileSystem('linux', 0x6969), false, 'NFS');
  assert.equal(isLocalFileSystem('linux', 0xff534d42), false, 'CIFS');
  assert.equal(isLocalFileSystem('linux', 0xfe534d42), false, 'SMB2');
  assert.equal(isLocalFileSystem('linux', 0x65735546), false, 'FUSE');
  assert.equal(isLocalFileSystem('linux', -0xacb2be), false, 'CIFS as a signed f_type');
  assert.equal(isLocalFileSystem('darwin', 0x1a), false);
  assert.equal(isLocalFileSystem('win32', 0), false);
});

test('a folder on this machine is asked once; a folder that does not exist gets the thread pool, and is asked again later', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'haul-folder-io-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const asked = folderIo(dir);
  assert.equal(folderIo(dir), asked, 'a second call while the first is asking waits for the same answer');
  const io = await asked;
  assert.equal(await folderIo(dir), io, 'remembered');
  assert.equal((await folderIo(dir, 'win32')).local, false);
  assert.equal((await folderIo(join(dir, 'not-yet'))).local, false);
  await mkdir(join(dir, 'not-yet'));
  assert.equal(await folderIo(join(dir, 'not-yet')), io, 'once it exists it is asked again (the same file system as its parent)');
  // What `dir` is on depends on the machine; its calls work either way.
  const stats = await io.lstat(dir);
  assert.ok(stats?.isDirectory() === true);
  assert.equal(await io.lstat(join(dir, 'nothing')), undefined, 'nothing there is an answer, not an error');
});

test('lstat answers undefined when nothing is there, both ways; a dangling link is something, and other errors are raised', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'haul-folder-io-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'file'), 'x');
  await symlink(join(dir, 'gone'), join(dir, 'dangling'));
  for (const [way, io] of [
    ['direct', directIo],
    ['pooled', pooledIo],
  ] as const) {
    assert.equal((await io.lstat(join(dir, 'file')))?.size, 1, way);
    assert.equal(await io.lstat(join(dir, 'nothing')), undefined, `${way}: ENOENT`);
    assert.equal(await io.lstat(join(dir, 'file', 'below')), undefined, `${way}: ENOTDIR`);
    assert.ok((await io.lstat(join(dir, 'dangling')))?.isSymbolicLink() === true, `${way}: a dangling link`);
    await assert.rejects(io.lstat(join(dir, 'n'.repeat(300))), { code: 'ENAMETOOLONG' }, way);
  }
});
