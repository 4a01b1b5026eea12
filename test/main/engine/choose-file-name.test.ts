import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseFileName } from '../../../main/engine/choose-file-name.js';
import { parseContentDisposition } from '../../../main/engine/parse-content-disposition.js';
import { sanitizeFileName } from '../../../main/engine/sanitize-file-name.js';

test('Content-Disposition: filename* (RFC 5987) wins over filename', () => {
  assert.equal(parseContentDisposition(`attachment; filename="plain.txt"; filename*=UTF-8''%E2%82%AC%20rates.txt`), '€ rates.txt');
  assert.equal(parseContentDisposition('attachment; filename="a \\"quoted\\" name.zip"'), 'a "quoted" name.zip');
  assert.equal(parseContentDisposition('attachment; filename=bare.bin'), 'bare.bin');
  assert.equal(parseContentDisposition(`attachment; filename*=iso-8859-1'en'%E9t%E9.txt`), 'été.txt');
  assert.equal(parseContentDisposition('inline'), undefined);
  assert.equal(parseContentDisposition(undefined), undefined);
});

test('raw UTF-8 in filename= (sent by many servers) is decoded', () => {
  const latin1 = Buffer.from('naïve.pdf', 'utf8').toString('latin1');
  assert.equal(parseContentDisposition(`attachment; filename="${latin1}"`), 'naïve.pdf');
});

test('names come from the URL path, decoded, else index.<ext>', () => {
  assert.equal(chooseFileName({ url: 'https://example.com/files/My%20Report.pdf?x=1' }), 'My Report.pdf');
  assert.equal(chooseFileName({ url: 'https://example.com/', contentType: 'text/html; charset=utf-8' }), 'index.html');
  assert.equal(chooseFileName({ url: 'https://example.com/download', contentType: 'application/zip' }), 'download.zip');
  assert.equal(chooseFileName({ url: 'https://example.com/archive.tar.gz', contentType: 'application/gzip' }), 'archive.tar.gz');
  assert.equal(chooseFileName({ url: 'https://example.com/a/%2e%2e%2fetc%2fpasswd' }), 'passwd');
});

test('hostile names never leave the folder', () => {
  const hostile = [
    'attachment; filename="../../../../etc/passwd"',
    'attachment; filename="..\\\\..\\\\windows\\\\system32\\\\evil.dll"',
    `attachment; filename*=UTF-8''..%2F..%2F.bashrc`,
    'attachment; filename="/etc/shadow"',
    'attachment; filename=".."',
    'attachment; filename="C:\\\\boot.ini"',
  ];
  for (const header of hostile) {
    const name = chooseFileName({ url: 'https://example.com/x.bin', contentDisposition: header });
    assert.ok(!name.includes('/') && !name.includes('\\'), `${header} → ${name}`);
    assert.ok(name !== '..' && name !== '.' && !name.startsWith('.'), `${header} → ${name}`);
  }
  assert.equal(chooseFileName({ url: 'https://e.com/x', contentDisposition: 'attachment; filename="../../etc/passwd"' }), 'passwd');
});

test('sanitising: control characters, reserved characters and device names, 255-byte limit', () => {
  assert.equal(sanitizeFileName('a\u0000b\u001fc\u007f.txt'), 'abc.txt');
  assert.equal(sanitizeFileName('what?<>|"*:.txt'), 'what_______.txt');
  assert.equal(sanitizeFileName('CON'), '_CON');
  assert.equal(sanitizeFileName('lpt1.txt'), '_lpt1.txt');
  assert.equal(sanitizeFileName('name. . .'), 'name');
  assert.equal(sanitizeFileName('   '), 'download');
  assert.equal(sanitizeFileName('\u202Etxt.exe'), 'txt.exe', 'no bidi overrides that disguise extensions');
  const long = sanitizeFileName(`${'é'.repeat(300)}.iso`);
  assert.ok(Buffer.byteLength(long) <= 255);
  assert.ok(long.endsWith('.iso'));
  assert.ok(!long.includes('\uFFFD'));
});

test('the name the user asked for wins, still sanitised', () => {
  assert.equal(chooseFileName({ url: 'https://e.com/a.bin', requested: 'mine.bin', contentDisposition: 'attachment; filename=x' }), 'mine.bin');
  assert.equal(chooseFileName({ url: 'https://e.com/a.bin', requested: '../up.bin' }), '_up.bin');
});
