import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openHaul } from '../../../main/app/open-haul.js';
import { parseCommand } from '../../../main/contract/schemas.js';
import { displayName } from '../../../shared/display-name.js';
import { PAGE_MAX, type ListQuery } from '../../../shared/list-query.js';
import { tempDir, until } from '../../helpers/engine-fixture.js';

const KINDS = ['pdf', 'zip', 'mp4', 'bin'] as const;
const ALL: ListQuery = { view: 'all', search: '', sort: { key: 'added', descending: false } };

/** A real engine with `count` downloads nothing will fetch (paused, port 9), named n-00000.pdf, n-00001.zip, … */
async function withDownloads(count: number, run: (haul: Awaited<ReturnType<typeof openHaul>>) => Promise<void>): Promise<void> {
  const root = await tempDir();
  const haul = await openHaul(join(root, 'state'), { overrides: { downloadDir: join(root, 'downloads'), maxConcurrent: 1 } });
  try {
    await haul.handlers.pauseAll({});
    const entries = Array.from({ length: count }, (_, i) => ({
      url: `http://127.0.0.1:9/x/${i}`,
      name: `n-${String(i).padStart(5, '0')}.${KINDS[i % KINDS.length] ?? 'bin'}`,
    }));
    const added = await haul.handlers.add({ entries });
    assert.equal(added.addedCount, count);
    await haul.handlers.pauseAll({});
    // The first one may have been starting: its pause ends when its run unwinds.
    await until(() => haul.engine.list().every((download) => download.status === 'paused'), 5000, 'all paused');
    await run(haul);
  } finally {
    await haul.close();
  }
}

test('a page is a window of the engine’s order, with the counts of every view and the rows and positions asked for', () =>
  withDownloads(2500, async (haul) => {
    const ids = haul.engine.list().map((download) => download.id);
    const page = await haul.handlers.list({ ...ALL, offset: 1000, limit: 50, include: [ids[3] ?? ''], find: [ids[2400] ?? '', 'no-such-id'] });
    assert.equal(page.total, 2500);
    assert.equal(page.offset, 1000);
    assert.deepEqual(
      page.rows.map((row) => row.id),
      ids.slice(1000, 1050),
      'oldest first, as added',
    );
    assert.deepEqual(
      page.extra.map((row) => row.id),
      [ids[3]],
      'a row asked for by id comes besides the window',
    );
    assert.deepEqual(page.positions, { [ids[2400] ?? '']: 2400, 'no-such-id': -1 });
    assert.equal(page.counts.all, 2500);
    assert.equal(page.counts.documents, 625, 'every fourth is a .pdf');
    assert.equal(page.counts.archives, 625);
    assert.equal(page.counts.video, 625);
    assert.equal(page.counts.other, 625);
    assert.equal(page.counts.queued, 2500, 'paused downloads wait in Queued');
    assert.equal(page.counts.completed, 0);
    const end = await haul.handlers.list({ ...ALL, offset: 2490, limit: 50 });
    assert.equal(end.rows.length, 10, 'the last page holds what is left');
  }));

test('views, search and sort are answered by the engine, and follow state changes and removals', () =>
  withDownloads(400, async (haul) => {
    const ids = haul.engine.list().map((download) => download.id);
    const videos = await haul.handlers.list({ ...ALL, view: 'video', offset: 0, limit: 1000 });
    assert.equal(videos.total, 100);
    assert.ok(videos.rows.every((row) => displayName(row).endsWith('.mp4')));
    const search = await haul.handlers.list({ ...ALL, search: 'N-001', offset: 0, limit: 1000 });
    assert.deepEqual(
      search.rows.map(displayName),
      Array.from({ length: 100 }, (_, i) => `n-${String(100 + i).padStart(5, '0')}.${KINDS[(100 + i) % 4] ?? ''}`),
      'the search is case-blind and in the name',
    );
    const byName = await haul.handlers.list({ ...ALL, sort: { key: 'name', descending: true }, offset: 0, limit: 3 });
    assert.deepEqual(byName.rows.map(displayName), ['n-00399.bin', 'n-00398.mp4', 'n-00397.zip']);
    // A change moves a download between views: the counts and the view's rows follow.
    await haul.handlers.cancel({ ids: [ids[0] ?? '', ids[1] ?? ''] });
    await haul.handlers.remove({ ids: [ids[2] ?? ''], deleteFile: false });
    await until(async () => (await haul.handlers.list({ ...ALL, view: 'failed', offset: 0, limit: 10 })).total === 2, 5000, 'two cancelled');
    const failed = await haul.handlers.list({ ...ALL, view: 'failed', offset: 0, limit: 10 });
    assert.deepEqual(
      failed.rows.map((row) => row.id),
      [ids[0], ids[1]],
    );
    assert.equal(failed.counts.all, 399, 'the removed one is gone from every count');
    assert.equal(failed.counts.queued, 397);
    assert.equal(failed.counts.documents, 100, 'n-00000.pdf is still a document, now cancelled');
    assert.equal(failed.counts.video, 99, 'n-00002.mp4 was removed');
    const all = await haul.handlers.list({ ...ALL, offset: 0, limit: 5, find: [ids[2] ?? ''] });
    assert.equal(all.positions[ids[2] ?? ''], -1, 'a removed download has no place');
    assert.equal(all.rows[2]?.id, ids[3]);
  }));

test('pick gives a selection what it needs of a range in the current order, or of ids', () =>
  withDownloads(300, async (haul) => {
    const ids = haul.engine.list().map((download) => download.id);
    const query: ListQuery = { ...ALL, sort: { key: 'added', descending: true } };
    const range = await haul.handlers.pick({ query, from: ids[200], to: ids[190] });
    assert.deepEqual(
      range.picked.map((item) => item.id),
      ids.slice(190, 201).reverse(),
      'both ends included, in the list’s order, whichever end came first',
    );
    assert.ok(range.picked.every((item) => item.status === 'paused' && !item.unresumable));
    const all = await haul.handlers.pick({ query: { ...ALL, view: 'documents' } });
    assert.equal(all.picked.length, 75, 'Select all takes the whole view, not the window');
    const byId = await haul.handlers.pick({ ids: [ids[5] ?? '', 'gone'] });
    assert.deepEqual(
      byId.picked.map((item) => item.id),
      [ids[5]],
      'an id that no longer exists is dropped',
    );
  }));

test('a list query is checked at the boundary: a page is a window, not the list', () => {
  const ok = parseCommand('list', { ...ALL, offset: 0, limit: PAGE_MAX });
  assert.equal(ok.ok, true);
  for (const [args, why] of [
    [{ ...ALL, offset: 0, limit: PAGE_MAX + 1 }, 'a page past the limit'],
    [{ ...ALL, view: 'secret', offset: 0, limit: 10 }, 'an unknown view'],
    [{ ...ALL, sort: { key: 'size; drop', descending: false }, offset: 0, limit: 10 }, 'an unknown sort'],
    [{ ...ALL, search: 'x'.repeat(5000), offset: 0, limit: 10 }, 'a search past its bound'],
    [{ ...ALL, offset: -1, limit: 10 }, 'a negative offset'],
    [{ ...ALL, offset: 0, limit: 10, extra: 1 }, 'an unknown key'],
  ] as const) {
    const result = parseCommand('list', args);
    assert.equal(result.ok, false, why);
  }
  assert.equal(parseCommand('pick', { ids: [] }).ok, false, 'an empty selection asks for nothing');
});

test('parseList says which listed URLs failed before, so adding them again restarts them', () =>
  withDownloads(3, async (haul) => {
    const [first, second] = haul.engine.list();
    await haul.handlers.cancel({ ids: [first?.id ?? ''] });
    await until(() => haul.engine.get(first?.id ?? '')?.status === 'cancelled', 5000, 'cancelled');
    const parsed = await haul.handlers.parseList({ text: `${first?.url ?? ''}\n${second?.url ?? ''}\nhttp://127.0.0.1:9/new` });
    assert.deepEqual(parsed.existing, [first?.url, second?.url]);
    assert.deepEqual(parsed.restartable, [{ url: first?.url, id: first?.id }]);
  }));

test('the list as it opens follows adds, changes and removals without being rebuilt, and matches a fresh count', () =>
  withDownloads(50, async (haul) => {
    const before = await haul.handlers.list({ ...ALL, offset: 0, limit: 1000 });
    await haul.handlers.add({ entries: [{ url: 'http://127.0.0.1:9/late-1.pdf' }, { url: 'http://127.0.0.1:9/late-2.pdf' }] });
    await haul.handlers.pauseAll({});
    const [first, second] = before.rows;
    await haul.handlers.cancel({ ids: [first?.id ?? ''] });
    await haul.handlers.remove({ ids: [second?.id ?? ''], deleteFile: false });
    await until(() => haul.engine.list().every((download) => download.status === 'paused' || download.status === 'cancelled'), 5000, 'settled');
    const after = await haul.handlers.list({ ...ALL, offset: 0, limit: 1000 });
    assert.deepEqual(
      after.rows.map((row) => row.id),
      haul.engine.list().map((download) => download.id),
      'the engine’s order: the new ones last, the removed one gone',
    );
    assert.equal(after.rows[0]?.status, 'cancelled', 'rows are read fresh');
    assert.equal(after.counts.all, 51);
    assert.equal(after.counts.failed, 1);
    assert.equal(after.counts.documents, 15, 'thirteen .pdf of the first fifty (the removed one was a .zip) and two late ones');
  }));
