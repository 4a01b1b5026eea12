import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConnectionController, DEFAULT_CONTROLLER } from '../../../main/engine/connection-controller.js';

/** Drives the controller with a server that gives `perConnection(n)` bytes/s to each of n connections. */
function simulate(perConnection: (n: number) => number, busy = 0.1, ms = 2000, limit = 0): { targets: number[]; controller: ConnectionController } {
  const controller = new ConnectionController(DEFAULT_CONTROLLER);
  const targets = [controller.target];
  let bytes = 0;
  for (let now = 0; now <= ms; now += 10) {
    const live = controller.target;
    const rate = perConnection(live) * live;
    bytes += ((limit > 0 ? Math.min(limit, rate) : rate) * 10) / 1000;
    if (controller.sample({ now, bytes, live, busy, limit })) targets.push(controller.target);
  }
  return { targets, controller };
}

/**
 * Samples the controller every 20 ms for 2 s; `at(now, live)` says how many bytes/s came in since the
 * last sample (0 while stalled), how busy the event loop was, and how much the connections waited on
 * the disk. Returns each target it chose.
 */
function drive(at: (now: number, live: number) => { rate: number; busy: number; disk?: number }): number[] {
  const controller = new ConnectionController(DEFAULT_CONTROLLER);
  const targets = [controller.target];
  let bytes = 0;
  for (let now = 0; now <= 2000; now += 20) {
    const live = controller.target;
    const { rate, busy, disk } = at(now, live);
    bytes += (rate * 20) / 1000;
    if (controller.sample({ now, bytes, live, busy, disk })) targets.push(controller.target);
  }
  return targets;
}

test('slow start doubles up to the cap while each connection is paced by the server', () => {
  assert.deepEqual(simulate(() => 4e6).targets, [1, 4, 8, 16]);
});

test('on a full link the doubling that did not pay is taken back', () => {
  assert.deepEqual(simulate((n) => 400e6 / n).targets, [1, 4, 8, 4]);
});

test('a lone connection that keeps the process busy, then stalls for a moment, gets company only if company fetches more', () => {
  // 400 MB/s with the process saturated for a second, then 60 ms without a byte (on loopback: the
  // server reading its disk behind our fdatasync). The idle process is no verdict on its own.
  const run = (withCompany: number): number[] =>
    drive((now, live) => {
      const stalled = now > 1000 && now <= 1060;
      return { rate: stalled ? 0 : live === 1 ? 400e6 : withCompany, busy: stalled ? 0.02 : live === 1 ? 0.95 : 0.6 };
    });
  assert.deepEqual(run(380e6), [1, 4, 1], 'four fetch no more than one did: back to one');
  assert.deepEqual(run(900e6), [1, 4, 8, 4], 'four fetch more than one: they stay (eight fetch no more than four)');
});

test('a lone connection held back by our own disk stays alone: waiting on its writes is not a paced server', () => {
  // 600 MB/s keeping the process busy, and every 250 ms a checkpoint's fdatasync stopping the
  // writes for 80 ms: no byte comes in, the event loop idles, the connection waits on the disk.
  const run = (diskSeen: boolean): number[] =>
    drive((now) => {
      const stalled = now > 400 && now % 250 < 80;
      return { rate: stalled ? 0 : 600e6, busy: stalled ? 0.02 : 0.95, disk: diskSeen && stalled ? 0.95 : undefined };
    });
  assert.deepEqual(run(true), [1]);
  // The same stalls read as idle time alone are what sent it looking for company.
  assert.notDeepEqual(run(false), [1]);
});

test('growth stops where added connections stop adding throughput', () => {
  // 4 MB/s per connection until the link is full: 16 pay off under an 80 MB/s link, not under 36 MB/s.
  assert.deepEqual(simulate((n) => Math.min(4e6, 80e6 / n)).targets, [1, 4, 8, 16]);
  assert.deepEqual(simulate((n) => Math.min(4e6, 33e6 / n)).targets, [1, 4, 8, 16, 8]);
});

test('under a speed limit, growth stops at the count that already gets it', () => {
  assert.deepEqual(simulate(() => 40e6, 0.05, 2000, 16e6).targets, [1], 'one fast connection already gets 16 MB/s: it stays alone');
  assert.deepEqual(simulate(() => 4e6, 0.05, 2000, 20e6).targets, [1, 4, 8], 'paced at 4 MB/s each, 8 reach 20 MB/s and 16 would only wait');
  assert.deepEqual(simulate(() => 4e6, 0.05, 2000, 0).targets, [1, 4, 8, 16], 'without a limit the same server gets 16');
});

test('a first connection that saturates the process on its own stays alone', () => {
  assert.deepEqual(simulate(() => 800e6, 0.95).targets, [1]);
});

test('a busy first window (the process starting up) is no verdict: a paced connection gets company once the process is idle', () => {
  const controller = new ConnectionController(DEFAULT_CONTROLLER);
  controller.sample({ now: 0, bytes: 0, live: 1, busy: 0 });
  assert.equal(controller.sample({ now: 40, bytes: 160e3, live: 1, busy: 0.9 }), false, 'busy: one connection for now');
  assert.equal(controller.target, 1);
  controller.sample({ now: 50, bytes: 200e3, live: 1, busy: 0.05 });
  assert.equal(controller.sample({ now: 70, bytes: 280e3, live: 1, busy: 0.05 }), true, 'idle now: company');
  assert.equal(controller.target, DEFAULT_CONTROLLER.initial);
});

test('a first connection that leaves the process idle gets company at the first measurement, a busy one only after the full window', () => {
  const idle = new ConnectionController(DEFAULT_CONTROLLER);
  idle.sample({ now: 0, bytes: 0, live: 1, busy: 0 });
  assert.equal(idle.sample({ now: 20, bytes: 80e3, live: 1, busy: 0.02 }), true);
  assert.equal(idle.target, DEFAULT_CONTROLLER.initial);
  const busy = new ConnectionController(DEFAULT_CONTROLLER);
  busy.sample({ now: 0, bytes: 0, live: 1, busy: 0 });
  assert.equal(busy.sample({ now: 20, bytes: 80e3, live: 1, busy: 0.4 }), false, 'neither idle nor saturated: look for the whole window');
  assert.equal(busy.sample({ now: 40, bytes: 160e3, live: 1, busy: 0.4 }), true);
  assert.equal(busy.target, DEFAULT_CONTROLLER.initial);
});

test('push-back lowers the count and holds it for Retry-After', () => {
  const controller = new ConnectionController(DEFAULT_CONTROLLER);
  assert.equal(controller.sample({ now: 0, bytes: 0, live: 1, busy: 0 }), false);
  controller.sample({ now: 100, bytes: 1e6, live: 1, busy: 0 });
  assert.equal(controller.target, 4);
  assert.ok(controller.canAdd(3, 0));
  controller.pushBack(4, 0, 1000);
  assert.equal(controller.target, 3);
  assert.equal(controller.canAdd(2, 500), false, 'held for Retry-After');
  assert.equal(controller.canAdd(2, 1000), true);
  assert.equal(controller.canAdd(3, 1000), false);
  assert.equal(controller.sample({ now: 5000, bytes: 1e9, live: 3, busy: 0 }), false, 'no growth after push-back');
});

test('a fixed count is a fixed count', () => {
  const controller = new ConnectionController({ ...DEFAULT_CONTROLLER, mode: 6 });
  assert.equal(controller.target, 6);
  assert.equal(controller.sample({ now: 10_000, bytes: 1e9, live: 6, busy: 0 }), false);
  assert.equal(controller.target, 6);
});
