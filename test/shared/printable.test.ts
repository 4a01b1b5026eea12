import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayUrl, printable, redactUrl } from '../../shared/printable.js';

test('control characters, escape and OSC sequences and bidi overrides are shown, never sent to the terminal', () => {
  assert.equal(printable('a\x1b]0;pwned\x07b'), 'a\\x1b]0;pwned\\x07b');
  assert.equal(printable('x\x1b[2Jy\u202ez\x9b'), 'x\\x1b[2Jy\\u202ez\\x9b');
  assert.equal(printable('naïve 語 😀'), 'naïve 語 😀');
});

test('echoed text is cut to a sane width, saying how long it was', () => {
  const line = 'x'.repeat(1_000_000);
  const shown = printable(line);
  assert.ok(shown.length < 260);
  assert.match(shown, /… \(1000000 characters\)$/);
});

test('credentials in URLs are hidden wherever a URL is shown', () => {
  assert.equal(redactUrl('http://user:secret@h/f.iso'), 'http://***@h/f.iso');
  assert.equal(redactUrl('http://h/a@b.iso'), 'http://h/a@b.iso');
  assert.equal(redactUrl('see http://user:pw@h/x and more'), 'see http://***@h/x and more');
  assert.equal(displayUrl('https://me:pw@h/\x1b[31m'), 'https://***@h/%1B[31m');
});
