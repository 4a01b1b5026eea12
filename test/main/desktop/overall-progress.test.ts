import assert from 'node:assert/strict';
import { test } from 'node:test';
import { overallProgress } from '../../../main/desktop/overall-progress.js';
import { taskbarProgress } from '../../../main/desktop/taskbar-progress.js';
import { trayTooltip } from '../../../main/desktop/tray-tooltip.js';
import { trayStatus } from '../../../main/desktop/tray-menu.js';

test('overall progress: active and queued count toward the bar, paused and failed do not hold it', () => {
  const progress = overallProgress(
    [
      { status: 'downloading', bytes: 250, total: 1000 },
      { status: 'queued', bytes: 0, total: 1000 },
      { status: 'paused', bytes: 900, total: 1000 },
      { status: 'failed', bytes: 10, total: undefined },
      { status: 'completed', bytes: 5000, total: 5000 },
    ],
    2048,
  );
  assert.deepEqual(progress, { active: 1, queued: 1, paused: 1, failed: 1, bytes: 250, total: 2000, fraction: 0.125, speed: 2048 });
  assert.equal(overallProgress([{ status: 'downloading', bytes: 5, total: undefined }]).fraction, undefined, 'an unknown size: no fraction');
  const idle = overallProgress([{ status: 'completed', bytes: 1, total: 1 }], 999);
  assert.equal(idle.speed, 0);
  assert.equal(idle.fraction, undefined);
});

test('tray tooltip and status line, taskbar bar and badge', () => {
  const running = overallProgress(
    [
      { status: 'downloading', bytes: 512, total: 1024 },
      { status: 'queued', bytes: 0, total: 1024 },
    ],
    1_572_864,
  );
  assert.equal(trayTooltip(running), 'Haul: 1 downloading · 25% · 1.5 MiB/s · 1 queued');
  assert.equal(trayStatus(running), '1 downloading · 1 queued');
  assert.deepEqual(taskbarProgress(running), { value: 0.25, mode: 'normal', badge: 1 });

  const unknown = overallProgress([{ status: 'connecting', bytes: 0, total: undefined }]);
  assert.deepEqual(taskbarProgress(unknown), { value: 2, mode: 'indeterminate', badge: 1 });

  const waiting = overallProgress([{ status: 'queued', bytes: 100, total: 400 }]);
  assert.deepEqual(taskbarProgress(waiting), { value: 0.25, mode: 'paused', badge: 0 });

  const idle = overallProgress([
    { status: 'paused', bytes: 1, total: 2 },
    { status: 'failed', bytes: 0, total: 2 },
  ]);
  assert.equal(trayTooltip(idle), 'Haul: 1 paused, 1 failed');
  assert.equal(trayStatus(overallProgress([])), 'Idle');
  assert.equal(trayTooltip(overallProgress([])), 'Haul: idle');
  assert.deepEqual(taskbarProgress(idle), { value: -1, mode: 'none', badge: 0 });
});
