import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeError } from '../../shared/describe-error.js';
import { fileKind } from '../../shared/file-kind.js';

test("error codes become sentences, the engine's message stays as the detail", () => {
  const refused = describeError({ code: 'NETWORK', message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:19202' }, 'http://127.0.0.1:19202/x');
  assert.equal(refused.sentence, "Can't reach 127.0.0.1:19202: the connection was refused");
  assert.match(refused.detail, /ECONNREFUSED/);
  assert.equal(
    describeError({ code: 'HOST_NOT_FOUND', message: "couldn't find host example.com" }, 'https://example.com/f').sentence,
    "Couldn't find the host example.com",
  );
  assert.equal(
    describeError({ code: 'HTTP_STATUS', message: 'HTTP 404 Not Found', status: 404 }).sentence,
    'The server has no file at this address (HTTP 404)',
  );
  assert.equal(
    describeError({ code: 'FILE_SYSTEM', message: 'cannot use the folder /a/b: /a is not a folder' }).sentence,
    "Can't save: /a is not a folder",
  );
  assert.equal(
    describeError({ code: 'ACCESS_DENIED', message: 'the folder is on a read-only file system (/mnt)' }).sentence,
    "Can't save: the folder is read-only",
  );
});

test('file kinds come from the last extension', () => {
  assert.equal(fileKind('ubuntu.iso'), 'archives');
  assert.equal(fileKind('src.tar.gz'), 'archives');
  assert.equal(fileKind('Movie.MKV'), 'video');
  assert.equal(fileKind('setup.exe'), 'programs');
  assert.equal(fileKind('report.pdf'), 'documents');
  assert.equal(fileKind('README'), 'other');
  assert.equal(fileKind('.bashrc'), 'other');
});
