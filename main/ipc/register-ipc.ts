import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { EventMessage, Handlers } from '../../shared/contract.js';
import { COMMAND_CHANNEL, EVENT_CHANNEL } from '../contract/channels.js';
import { dispatchCommand } from '../contract/dispatch-command.js';
import { parseCommand } from '../contract/schemas.js';

export interface IpcDeps {
  readonly ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** The app's own window: the only sender answered, the only receiver of events. */
  readonly webContents: Pick<WebContents, 'id' | 'send' | 'isDestroyed'>;
  /** URL prefix of the app's own pages (file:///…/dist/renderer/). */
  readonly rendererUrl: string;
}

export type IpcReply = { ok: true; result: unknown } | { ok: false; error: string };

/**
 * Wires the contract to Electron's IPC: every command comes through one handler that checks the
 * sender (the app's window, showing the app's own page) and the payload (the contract's schemas)
 * before any engine code runs; events go to the window only. Returns the unregister.
 */
export function registerIpc(deps: IpcDeps, handlers: Handlers, subscribe: (send: (message: EventMessage) => void) => () => void): () => void {
  deps.ipcMain.handle(COMMAND_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, args: unknown): Promise<IpcReply> => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (event.sender.id !== deps.webContents.id || !frameUrl.startsWith(deps.rendererUrl)) {
      return { ok: false, error: 'refused: not the app window' };
    }
    if (typeof name !== 'string') return { ok: false, error: 'the command name must be a string' };
    const parsed = parseCommand(name, args);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    try {
      return { ok: true, result: await dispatchCommand(handlers, parsed.command) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  });
  const unsubscribe = subscribe((message) => {
    if (!deps.webContents.isDestroyed()) deps.webContents.send(EVENT_CHANNEL, message);
  });
  return () => {
    unsubscribe();
    deps.ipcMain.removeHandler(COMMAND_CHANNEL);
  };
}
