import { open, readFile, rename } from 'node:fs/promises';
import { makeDir } from '../storage/make-dir.js';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Settings } from '../../shared/contract.js';
import { parseSettings } from '../contract/schemas.js';

export function defaultSettings(): Settings {
  return {
    downloadDir: join(homedir(), 'Downloads'),
    maxConcurrent: 4,
    connections: 'auto',
    globalLimit: 0,
    retries: 8,
    theme: 'system',
    density: 'compact',
    closeToTray: true,
    notifications: true,
    keepAwake: true,
    startAtLogin: false,
    watchClipboard: false,
    proxyMode: 'system',
    proxyUrl: '',
    caFile: '',
    siteRules: [],
  };
}

/**
 * Settings in `<stateDir>/settings.json`: read and checked once at start (a damaged or hand-edited
 * file falls back to the defaults, field by field), written whole with temp + fsync + rename.
 */
export class SettingsStore {
  readonly #path: string;
  #settings: Settings;

  private constructor(path: string, settings: Settings) {
    this.#path = path;
    this.#settings = settings;
  }

  static async open(stateDir: string, defaults: Settings = defaultSettings()): Promise<SettingsStore> {
    const path = join(stateDir, 'settings.json');
    let stored: unknown = {};
    try {
      stored = JSON.parse(await readFile(path, 'utf8')) as unknown;
    } catch {
      // Missing or unreadable: the defaults.
    }
    const merged: Record<string, unknown> = { ...defaults };
    if (typeof stored === 'object' && stored !== null) {
      for (const [key, value] of Object.entries(stored as Record<string, unknown>)) {
        if (!(key in defaults)) continue;
        // Each field on its own, so one bad value does not cost the others.
        if (parseSettings({ ...defaults, [key]: value }) !== undefined) merged[key] = value;
      }
    }
    return new SettingsStore(path, parseSettings(merged) ?? defaults);
  }

  get settings(): Settings {
    return this.#settings;
  }

  /** Applies a change already checked against the schema, and saves it. */
  async update(change: Partial<Settings>): Promise<Settings> {
    const next = parseSettings({ ...this.#settings, ...change });
    if (next === undefined) throw new Error('invalid settings');
    this.#settings = next;
    await makeDir(join(this.#path, '..'));
    const temp = `${this.#path}.tmp`;
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(`${JSON.stringify(next, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.#path);
    return next;
  }
}
