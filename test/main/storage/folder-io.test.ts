import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { folderIo, isLocalFileSystem } from '../../../main/storage/folder-io.js';

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
  assert.ok(stats.isDirectory());
  await assert.rejects(io.lstat(join(dir, 'nothing')), { code: 'ENOENT' });
});
