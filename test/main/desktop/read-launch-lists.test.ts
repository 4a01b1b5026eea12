import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { readLaunchLists } from '../../../main/desktop/read-launch-lists.js';
import { tempDir } from '../../helpers/engine-fixture.js';

test('list files are read into the preview text; unreadable ones are reported and the rest still comes', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'a.txt'), 'http://h/1\nhttp://h/2\n');
  await writeFile(join(dir, 'bin.txt'), Buffer.from([0x68, 0, 0x69]));
  await mkdir(join(dir, 'folder.txt'));
  const result = await readLaunchLists({
    urls: ['http://h/0'],
    listFiles: [join(dir, 'a.txt'), join(dir, 'missing.txt'), join(dir, 'bin.txt'), join(dir, 'folder.txt')],
    hidden: false,
    problems: ['earlier problem'],
  });
  assert.equal(result.text, 'http://h/0\nhttp://h/1\nhttp://h/2\n');
  assert.deepEqual(result.problems, ['earlier problem', 'missing.txt: no such file', 'bin.txt: not a text file', 'folder.txt: not a file']);
});
