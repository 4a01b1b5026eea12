import assert from 'node:assert/strict';
import { link, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { HaulError } from '../../../shared/errors.js';
import { directIo, type FolderIo, pooledIo } from '../../../main/storage/folder-io.js';
import { type NewPartial, openPartial } from '../../../main/storage/open-partial.js';
import type { FileIdentity } from '../../../shared/download-record.js';

/** How the task makes a new partial, with what it recorded kept for the test to look at. */
function fresh(path: string, io: FolderIo): NewPartial & { recorded: FileIdentity[] } {
  const recorded: FileIdentity[] = [];
  return {
    io,
    temp: join(dirname(path), '.haul-test-id.part'),
    recorded,
    record: (identity) => {
      recorded.push(identity);
      return Promise.resolve();
    },
  };
}

async function folder(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'haul-open-partial-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

// Every rule holds both ways the calls are made: synchronously on a local disk, on the thread pool elsewhere.
for (const [way, io] of [
  ['local disk: synchronous calls', directIo],
  ['network mount: calls on the thread pool', pooledIo],
] as const) {
  test(`a new partial is created, empty, and its identity is what the journal must record (${way})`, async (t) => {
    const path = join(await folder(t), 'a.bin.part');
    const opened = await openPartial(path, undefined, false, fresh(path, io));
    assert.equal(opened.kind, 'opened');
    await opened.handle.close();
    const info = await stat(path);
    assert.deepEqual(opened.identity, { dev: info.dev, ino: info.ino });
    assert.equal(opened.created, true);
    assert.equal(opened.size, 0);
  });

  test(`a file under the name that this download never recorded is taken, and left as it was (${way})`, async (t) => {
    const path = join(await folder(t), 'a.bin.part');
    await writeFile(path, 'somebody else');
    assert.deepEqual(await openPartial(path, undefined, false, fresh(path, io)), { kind: 'taken' });
    assert.equal(await readFile(path, 'utf8'), 'somebody else');
  });

  test(`our own partial is reopened with its bytes; one gone is created afresh (${way})`, async (t) => {
    const path = join(await folder(t), 'a.bin.part');
    await writeFile(path, 'ours');
    const info = await stat(path);
    const opened = await openPartial(path, { dev: info.dev, ino: info.ino }, true, fresh(path, io));
    assert.equal(opened.kind, 'opened');
    await opened.handle.close();
    assert.equal(opened.created, false);
    assert.equal(opened.size, 4);
    await rm(path);
    const again = await openPartial(path, { dev: info.dev, ino: info.ino }, true, fresh(path, io));
    assert.equal(again.kind === 'opened' && again.created, true);
    if (again.kind === 'opened') await again.handle.close();
  });

  test(`a partial replaced by another file while the journal claims bytes is an error, and the file is not touched (${way})`, async (t) => {
    const path = join(await folder(t), 'a.bin.part');
    await writeFile(path, 'replacement');
    await assert.rejects(
      openPartial(path, { dev: 1, ino: 1 }, true, fresh(path, io)),
      (error: unknown) => error instanceof HaulError && error.code === 'FILE_SYSTEM',
    );
    assert.equal(await readFile(path, 'utf8'), 'replacement');
    assert.deepEqual(await openPartial(path, { dev: 1, ino: 1 }, false, fresh(path, io)), { kind: 'taken' }, 'claiming nothing, it is just taken');
  });

  test(`a link planted under the name is never followed, dangling or not (${way})`, async (t) => {
    const dir = await folder(t);
    const outside = join(dir, 'outside.txt');
    await writeFile(outside, 'keep me');
    const path = join(dir, 'a.bin.part');
    await symlink(outside, path);
    assert.deepEqual(await openPartial(path, undefined, false, fresh(path, io)), { kind: 'taken' });
    await assert.rejects(openPartial(path, { dev: 1, ino: 1 }, true, fresh(path, io)), (error: unknown) => error instanceof HaulError);
    assert.equal(await readFile(outside, 'utf8'), 'keep me');
    const dangling = join(dir, 'b.bin.part');
    await symlink(join(dir, 'nowhere'), dangling);
    assert.deepEqual(await openPartial(dangling, undefined, false, fresh(dangling, io)), { kind: 'taken' });
    await assert.rejects(stat(join(dir, 'nowhere')), 'nothing was created through the link');
  });

  test(`a run killed at any moment of making a partial leaves no orphan: the next run finds its own or makes it anew (${way})`, async (t) => {
    const dir = await folder(t);
    const path = join(dir, 'a.bin.part');
    const how = fresh(path, io);
    // Killed after the temporary file was made, before its identity was recorded: the journal knows no partial.
    await writeFile(how.temp, '');
    const first = await openPartial(path, undefined, false, how);
    assert.ok(first.kind === 'opened');
    await first.handle.close();
    assert.deepEqual(await readdir(dir), ['a.bin.part'], 'the leftover is gone and the name is ours, not "a (1).bin"');
    assert.equal(how.recorded.length, 1, 'the identity was recorded before the partial took its name');
    const info = await stat(path);
    assert.deepEqual(how.recorded[0], { dev: info.dev, ino: info.ino });
    // Killed after the identity was recorded, before the link: the journal knows a file that has no name yet.
    await rm(path);
    await writeFile(how.temp, '');
    const unlinked = await stat(how.temp);
    const second = await openPartial(path, { dev: unlinked.dev, ino: unlinked.ino }, false, how);
    assert.ok(second.kind === 'opened' && second.created, 'made anew');
    await second.handle.close();
    assert.deepEqual(await readdir(dir), ['a.bin.part']);
    // Killed after the link, before the temporary name went: the same file under two names.
    const known = await stat(path);
    await link(path, how.temp);
    const third = await openPartial(path, { dev: known.dev, ino: known.ino }, true, how);
    assert.ok(third.kind === 'opened' && !third.created, 'its own partial, reopened');
    await third.handle.close();
    assert.deepEqual(await readdir(dir), ['a.bin.part']);
  });

  test(`the link is the claim: a name taken meanwhile leaves the temporary file gone and the other file as it was (${way})`, async (t) => {
    const dir = await folder(t);
    const path = join(dir, 'a.bin.part');
    const how = fresh(path, io);
    const racing: NewPartial = {
      io,
      temp: how.temp,
      record: async (identity) => {
        await how.record(identity);
        // Another process creates the name between our record and our link.
        await writeFile(path, 'theirs');
      },
    };
    assert.deepEqual(await openPartial(path, undefined, false, racing), { kind: 'taken' });
    assert.equal(await readFile(path, 'utf8'), 'theirs');
    assert.deepEqual(await readdir(dir), ['a.bin.part']);
  });
}
