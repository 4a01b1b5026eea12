import type { EventMessage, Handlers, Settings } from '../contract/contract.js';
import { applySettings, createHandlers } from '../contract/create-handlers.js';
import { Engine } from '../engine/engine.js';
import { SettingsStore } from '../settings/settings-store.js';

export interface Haul {
  readonly engine: Engine;
  readonly handlers: Handlers;
  /** Every event of the contract, in order; returns the unsubscribe. */
  subscribe(send: (message: EventMessage) => void): () => void;
  close(): Promise<void>;
}

/**
 * The engine with its settings, behind the contract: what the desktop app and `haul serve` both
 * run. Downloads interrupted by the last exit resume.
 */
export async function openHaul(stateDir: string, overrides: Partial<Settings> = {}): Promise<Haul> {
  const store = await SettingsStore.open(stateDir);
  if (Object.keys(overrides).length > 0) await store.update(overrides);
  const engine = await Engine.open({
    stateDir,
    maxConcurrent: store.settings.maxConcurrent,
    globalLimit: store.settings.globalLimit,
    connections: store.settings.connections,
    retry: { attempts: store.settings.retries },
    autoResume: true,
  });
  applySettings(engine, store.settings);
  const settingsListeners = new Set<(settings: Settings) => void>();
  const handlers = createHandlers(engine, store, (settings) => {
    for (const listener of settingsListeners) listener(settings);
  });
  return {
    engine,
    handlers,
    subscribe(send) {
      const onSettings = (settings: Settings): void => {
        send({ type: 'settings', payload: settings });
      };
      settingsListeners.add(onSettings);
      const offs = [
        engine.on('state', (download) => {
          send({ type: 'state', payload: download });
        }),
        engine.on('progress', (batch) => {
          send({ type: 'progress', payload: batch });
        }),
        engine.on('removed', (id) => {
          send({ type: 'removed', payload: { id } });
        }),
      ];
      return () => {
        settingsListeners.delete(onSettings);
        for (const off of offs) off();
      };
    },
    close: () => engine.close(),
  };
}
