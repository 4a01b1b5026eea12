import { isAbsolute, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { HaulError } from '../../shared/errors.js';
import type { NetworkOptions } from '../engine/network/network.js';
import { parseProxyUrl, type ProxySetting } from '../engine/network/proxy-for.js';
import { isExecutableName } from '../desktop/executable-types.js';
import { openablePath } from '../desktop/openable-path.js';
import { parseChecksum } from '../../shared/checksum.js';
import type { Engine } from '../engine/engine.js';
import { parseUrlList } from '../engine/parse-url-list.js';
import { ListView } from '../app/list-view.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { DirConfinement } from '../storage/confine-dir.js';
import type { DownloadSnapshot } from '../../shared/download-snapshot.js';
import { ADD_RESULT_LIMIT, type Desktop, type Handlers, type Rejected, type Settings } from '../../shared/contract.js';
import { hostOf } from '../../shared/http-names.js';

/** Longest stretch an add may hold the event loop before it yields. */
const ADD_SLICE_MS = 8;

/** Where the engine's limits come from: the settings, applied live. */
export function applySettings(engine: Engine, settings: Settings): void {
  engine.setLimits({
    maxConcurrent: settings.maxConcurrent,
    globalLimit: settings.globalLimit,
    connections: settings.connections,
    retries: settings.retries,
  });
}

/** The connection settings as the engine's network options; reads the CA file. Throws INVALID_OPTION in words. */
export async function networkOptions(settings: Settings, resolveProxy?: (url: string) => Promise<string>): Promise<NetworkOptions> {
  const proxy: ProxySetting =
    settings.proxyMode === 'manual'
      ? { mode: 'manual', url: parseProxyUrl(settings.proxyUrl, 'the proxy address').href }
      : { mode: settings.proxyMode };
  let ca: string[] = [];
  if (settings.caFile.trim() !== '') {
    const text = await readFile(settings.caFile, 'utf8').catch((error: unknown) => {
      throw new HaulError('INVALID_OPTION', `cannot read the certificate authorities file ${settings.caFile}: ${(error as Error).message}`);
    });
    if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new HaulError('INVALID_OPTION', `${settings.caFile} holds no PEM certificate`);
    ca = [text];
  }
  for (const rule of settings.siteRules)
    if (rule.proxy !== undefined && rule.proxy !== 'direct') parseProxyUrl(rule.proxy, `the proxy of the rule for ${rule.host}`);
  return { proxy, ca, siteRules: settings.siteRules, ...(resolveProxy === undefined ? {} : { resolveProxy }) };
}

/**
 * The engine side of the contract, shared by every transport: arguments arrive already checked
 * against the schemas; what the engine refuses (a bad URL in a list) is reported per entry, and
 * the rest still goes through.
 */
export function createHandlers(
  engine: Engine,
  store: SettingsStore,
  onSettings: (settings: Settings) => void,
  desktop?: Desktop,
  confinement?: DirConfinement,
  resolveProxy?: (url: string) => Promise<string>,
): Handlers {
  /** A folder a caller named, resolved; refused outside the confinement when there is one. */
  const folder = async (dir: string, base?: string): Promise<string> => {
    if (confinement !== undefined) return confinement.check(dir, base);
    return base === undefined || isAbsolute(dir) ? resolve(dir) : resolve(base, dir);
  };
  /** The desktop, and the path of a file this engine finished writing: the only kind a UI may ask to open. */
  const finished = (id: string): { desktop: Desktop; path: string; url: string } => {
    if (desktop === undefined) throw new Error('opening files works in the desktop app only');
    const download = engine.get(id);
    return { desktop, path: openablePath(download), url: download?.url ?? '' };
  };
  const each = (ids: readonly string[], act: (id: string) => void): { ok: true } => {
    for (const id of ids) if (engine.get(id) !== undefined) act(id);
    return { ok: true };
  };
  // Made on the first list query: a transport that never pages (the CLI's) pays nothing.
  let view: ListView | undefined;
  const listView = (): ListView => (view ??= new ListView(engine));
  return {
    snapshot: () => Promise.resolve({ downloads: engine.list(), settings: store.settings }),
    list: (query) => listView().page(query),
    pick: async (args) => ({ picked: await listView().pick(args) }),
    parseList: ({ text }) => {
      const parsed = parseUrlList(text);
      const known = new Map<string, { id: string; failed: boolean }>();
      for (const { record } of engine.each())
        if (!known.get(record.url)?.failed)
          known.set(record.url, { id: record.id, failed: record.status === 'failed' || record.status === 'cancelled' });
      const existing = parsed.entries.filter((entry) => known.has(entry.url)).map((entry) => entry.url);
      const restartable = existing.flatMap((url) => {
        const found = known.get(url);
        return found?.failed === true ? [{ url, id: found.id }] : [];
      });
      return Promise.resolve({ ...parsed, existing, restartable });
    },
    add: async ({ entries, dir, connections, limit }) => {
      const base = await folder(dir ?? store.settings.downloadDir);
      const added: DownloadSnapshot[] = [];
      const rejected: Rejected[] = [];
      let addedCount = 0;
      let rejectedCount = 0;
      let sliceStart = performance.now();
      for (const entry of entries) {
        // A 100,000-line list is added in slices: the engine, the UI's events and haul serve's other
        // callers get the loop back every few milliseconds instead of waiting seconds.
        if (performance.now() - sliceStart > ADD_SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
        try {
          const target = entry.dir === undefined ? base : await folder(entry.dir, base);
          const download = engine.add({
            url: entry.url,
            dir: target,
            name: entry.name,
            checksum: entry.checksum === undefined ? undefined : parseChecksum(entry.checksum),
            headers: entry.headers,
            limit,
            connections: connections === 'auto' ? undefined : connections,
          });
          if (addedCount++ < ADD_RESULT_LIMIT) added.push(download);
        } catch (error) {
          if (rejectedCount++ < ADD_RESULT_LIMIT) rejected.push({ url: entry.url, reason: error instanceof Error ? error.message : String(error) });
        }
      }
      return { added, addedCount, rejected, rejectedCount };
    },
    probe: async ({ urls }) => {
      // Eight at a time: a pasted list of hundreds should not open hundreds of connections.
      const results = new Array<Awaited<ReturnType<Engine['probe']>>>(urls.length);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < urls.length) {
          const index = next++;
          results[index] = await engine.probe(urls[index] ?? '');
        }
      };
      await Promise.all(Array.from({ length: Math.min(8, urls.length) }, worker));
      return { results };
    },
    pause: ({ ids }) =>
      Promise.resolve(
        each(ids, (id) => {
          engine.pause(id);
        }),
      ),
    resume: ({ ids }) =>
      Promise.resolve(
        each(ids, (id) => {
          engine.resume(id);
        }),
      ),
    refresh: ({ id, url, startOver }) => engine.refresh(id, url, { startOver: startOver === true }),
    retry: ({ ids }) =>
      Promise.resolve(
        each(ids, (id) => {
          engine.retry(id);
        }),
      ),
    cancel: async ({ ids }) => {
      await Promise.all(ids.filter((id) => engine.get(id) !== undefined).map((id) => engine.cancel(id)));
      return { ok: true };
    },
    remove: async ({ ids, deleteFile }) => {
      for (const id of ids) if (engine.get(id) !== undefined) await engine.remove(id, { deleteFile });
      return { ok: true };
    },
    openFile: async ({ id }) => {
      const target = finished(id);
      // A program from the internet runs when opened: the person says yes first, knowing where it came from.
      if (isExecutableName(target.path) && !(await target.desktop.confirmOpenProgram(target.path, hostOf(target.url, 'the internet'))))
        return { ok: true };
      await target.desktop.openPath(target.path);
      return { ok: true };
    },
    showInFolder: async ({ id }) => {
      const target = finished(id);
      target.desktop.showItemInFolder(target.path);
      return Promise.resolve({ ok: true });
    },
    chooseFolder: async ({ current }) => {
      if (desktop === undefined) throw new Error('choosing a folder works in the desktop app only');
      const path = await desktop.chooseFolder(current);
      return path === undefined ? {} : { path };
    },
    pauseAll: () => {
      engine.pauseAll();
      return Promise.resolve({ ok: true });
    },
    resumeAll: () => {
      engine.resumeAll();
      return Promise.resolve({ ok: true });
    },
    setSettings: async ({ settings }) => {
      // A proxy or CA file that cannot be used is refused before anything is saved.
      const network = await networkOptions({ ...store.settings, ...settings }, resolveProxy);
      const next = await store.update(
        settings.downloadDir === undefined ? settings : { ...settings, downloadDir: await folder(settings.downloadDir) },
      );
      applySettings(engine, next);
      engine.setNetwork(network);
      onSettings(next);
      return { settings: next };
    },
  };
}
