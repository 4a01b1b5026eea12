import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CommandArgs, CommandName, CommandResult, EventMessage } from '../shared/contract.js';
import { COMMAND_CHANNEL, EVENT_CHANNEL, SUBSCRIBE_CHANNEL } from '../main/contract/channels.js';
import { fromSnapshot } from '../shared/from-snapshot.js';

/**
 * The renderer's only door to the engine: the contract's Transport, nothing else of Electron or
 * Node. Subscribing asks the main process for a snapshot, which comes on the event channel (in
 * pages: the first as `snapshot`, the rest as `states`) ahead of every newer event; events from
 * before it are already in it, so they are dropped.
 */
const transport = {
  desktop: true,
  async call<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<CommandResult<K>> {
    const reply = (await ipcRenderer.invoke(COMMAND_CHANNEL, name, args)) as { ok: boolean; result?: unknown; error?: string };
    if (!reply.ok) throw new Error(reply.error ?? 'refused');
    return reply.result as CommandResult<K>;
  },
  subscribe(listener: (message: EventMessage) => void): () => void {
    const deliver = fromSnapshot(listener);
    const onEvent = (_event: IpcRendererEvent, message: EventMessage): void => {
      deliver(message);
    };
    ipcRenderer.on(EVENT_CHANNEL, onEvent);
    // Without the rows: the window fetches the rows it shows (`list`), never the whole list.
    ipcRenderer.send(SUBSCRIBE_CHANNEL, { rows: false });
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, onEvent);
    };
  },
};

contextBridge.exposeInMainWorld('haul', transport);
