import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QUIT_BUTTON, quitPrompt } from '../../../main/desktop/quit-prompt.js';

test('quitting asks only with downloads under way, says they resume, and defaults to Cancel', () => {
  assert.equal(quitPrompt(0), undefined);
  const prompt = quitPrompt(3);
  assert.ok(prompt !== undefined);
  assert.equal(prompt.message, '3 downloads are still running. Quit Haul?');
  assert.match(prompt.detail, /resume/);
  assert.equal(prompt.buttons[QUIT_BUTTON], 'Quit');
  assert.equal(prompt.defaultId, prompt.cancelId);
  assert.notEqual(prompt.cancelId, QUIT_BUTTON);
  assert.equal(quitPrompt(1)?.message, '1 download is still running. Quit Haul?');
});
