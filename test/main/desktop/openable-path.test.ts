import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openablePath } from '../../../main/desktop/openable-path.js';

test('only a finished download’s own file may be opened or revealed', () => {
  assert.equal(openablePath({ status: 'completed', dir: '/d', name: 'f.iso' }), join('/d', 'f.iso'));
  assert.throws(() => openablePath(undefined), /no such download/);
  assert.throws(() => openablePath({ status: 'downloading', dir: '/d', name: 'f.iso' }), /only finished downloads/);
  assert.throws(() => openablePath({ status: 'completed', dir: '/d' }), /only finished downloads/);
});
