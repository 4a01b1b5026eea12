import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CommandArgs, CommandName, CommandResult, EventMessage } from '../shared/contract.js';
import { COMMAND_CHANNEL, EVENT_CHANNEL } from '../main/contract/channels.js';

/**
 * The renderer's only door to the engine: the contract's Transport, nothing else of Electron or
 * Node. Subscribing starts with a snapshot; events that arrive while it is on its way are held and
 * delivered after it, so nothing is lost or seen twice out of order.
 */
const transport = {
  desktop: true,
  async call<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<CommandResult<K>> {
    const reply = (await ipcRenderer.invoke(COMMAND_CHANNEL, name, args)) as { ok: boolean; result?: unknown; error?: string };
    if (!reply.ok) throw new Error(reply.error ?? 'refused');
    return reply.result as CommandResult<K>;
  },
  subscribe(listener: (message: EventMessage) => void): () => void {
    let held: EventMessage[] | undefined = [];
    const onEvent = (_event: IpcRendererEvent, message: EventMessage): void => {
      if (held !== undefined) held.push(message);
      else listener(message);
    };
    ipcRenderer.on(EVENT_CHANNEL, onEvent);
    void transport.call('snapshot', {}).then((snapshot) => {
      listener({ type: 'snapshot', payload: snapshot });
      const pending = held ?? [];
      held = undefined;
      for (const message of pending) listener(message);
    });
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, onEvent);
    };
  },
};

contextBridge.exposeInMainWorld('haul', transport);
