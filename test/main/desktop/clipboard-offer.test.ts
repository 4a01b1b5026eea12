import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clipboardOffer } from '../../../main/desktop/clipboard-offer.js';

test('copied text is offered when it changed and holds new downloadable URLs', () => {
  const none = (): ReadonlySet<string> => new Set();
  assert.deepEqual(clipboardOffer('get https://a.example/x.iso and http://b.example/y', undefined, none), {
    text: 'get https://a.example/x.iso and http://b.example/y',
    count: 2,
  });
  assert.equal(clipboardOffer('https://a.example/x', 'https://a.example/x', none), undefined, 'unchanged');
  assert.equal(clipboardOffer('just some words', undefined, none), undefined);
  assert.equal(clipboardOffer('ftp://a.example/x', undefined, none), undefined);
  assert.equal(clipboardOffer('   ', undefined, none), undefined);
  assert.equal(
    clipboardOffer('https://a.example/x', undefined, () => new Set(['https://a.example/x'])),
    undefined,
    'already in the list',
  );
  assert.equal(clipboardOffer(`https://a.example/x ${'y'.repeat(1024 * 1024)}`, undefined, none), undefined, 'too long to be copied links');
});
