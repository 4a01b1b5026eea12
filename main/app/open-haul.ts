import type { Desktop, EventMessage, Handlers, Settings } from '../../shared/contract.js';
import { applySettings, createHandlers, networkOptions } from '../contract/create-handlers.js';
import { Engine } from '../engine/engine.js';
import { defaultSettings, SettingsStore } from '../settings/settings-store.js';
import { DirConfinement } from '../storage/confine-dir.js';
import { StateBatcher } from './state-batcher.js';

export interface Haul {
  readonly engine: Engine;
  readonly handlers: Handlers;
  /** Every event of the contract, in order; returns the unsubscribe. */
  subscribe(send: (message: EventMessage) => void): () => void;
  settings(): Settings;
  /** Settings as saved, after each change; returns the unsubscribe. */
  onSettings(listener: (settings: Settings) => void): () => void;
  close(): Promise<void>;
}

/**
 * The engine with its settings, behind the contract: what the desktop app and `haul serve` both
 * run. Downloads interrupted by the last exit resume.
 */
export interface OpenOptions {
  /** Settings used where none were saved yet (the desktop app's Downloads folder). */
  readonly defaults?: Partial<Settings>;
  /** Settings the user asked for now (haul serve --dir): saved over the stored ones. */
  readonly overrides?: Partial<Settings>;
  readonly desktop?: Desktop;
  /**
   * haul serve: callers may write only inside the download folder (as configured at start) and
   * these extra roots. The desktop app's user picks folders themselves, so it has none.
   */
  readonly confine?: { readonly extraRoots: readonly string[] };
  /** The desktop app: the system's proxy for a URL (Electron's session.resolveProxy), for the 'system' proxy setting. */
  readonly resolveProxy?: (url: string) => Promise<string>;
}

export async function openHaul(stateDir: string, options: OpenOptions = {}): Promise<Haul> {
  const { overrides = {}, desktop } = options;
  const store = await SettingsStore.open(stateDir, { ...defaultSettings(), ...options.defaults });
  if (Object.keys(overrides).length > 0) await store.update(overrides);
  const engine = await Engine.open({
    stateDir,
    maxConcurrent: store.settings.maxConcurrent,
    globalLimit: store.settings.globalLimit,
    connections: store.settings.connections,
    retry: { attempts: store.settings.retries },
    autoResume: true,
    // Saved connection settings that no longer work (a CA file since deleted) must not keep the app
    // from starting: it starts with the system's way out, and Settings says what is wrong when saved.
    network: await networkOptions(store.settings, options.resolveProxy).catch(() => ({
      proxy: { mode: 'system' as const },
      ...(options.resolveProxy === undefined ? {} : { resolveProxy: options.resolveProxy }),
    })),
  });
  applySettings(engine, store.settings);
  const settingsListeners = new Set<(settings: Settings) => void>();
  const onSettings = (listener: (settings: Settings) => void): (() => void) => {
    settingsListeners.add(listener);
    return () => {
      settingsListeners.delete(listener);
    };
  };
  const confinement =
    options.confine === undefined ? undefined : await DirConfinement.of([store.settings.downloadDir, ...options.confine.extraRoots]);
  const handlers = createHandlers(
    engine,
    store,
    (settings) => {
      for (const listener of settingsListeners) listener(settings);
    },
    desktop,
    confinement,
    options.resolveProxy,
  );
  return {
    engine,
    handlers,
    subscribe(send) {
      const offSettings = onSettings((settings) => {
        send({ type: 'settings', payload: settings });
      });
      const states = new StateBatcher((batch) => {
        send({ type: 'states', payload: batch });
      });
      const offs = [
        engine.on('state', (download) => {
          states.push(download);
        }),
        engine.on('progress', (batch) => {
          // A download's progress never runs ahead of its state: its pending change goes first.
          states.flush();
          send({ type: 'progress', payload: batch });
        }),
        engine.on('removed', (id) => {
          states.flush();
          send({ type: 'removed', payload: { id } });
        }),
      ];
      return () => {
        offSettings();
        for (const off of offs) off();
        states.close();
      };
    },
    settings: () => store.settings,
    onSettings,
    close: () => engine.close(),
  };
}
