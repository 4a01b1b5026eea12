import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import type { EventMessage, Handlers } from '../../shared/contract.js';
import { COMMAND_CHANNEL, EVENT_CHANNEL, SUBSCRIBE_CHANNEL } from '../contract/channels.js';
import { dispatchCommand } from '../contract/dispatch-command.js';
import { parseCommand } from '../contract/schemas.js';
import { withoutRows } from '../../shared/without-rows.js';
import { type PagedSnapshot, sendPagedSnapshot } from '../app/paged-snapshot.js';

export interface IpcDeps {
  readonly ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'> & {
    on(channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => void): unknown;
    removeListener(channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => void): unknown;
  };
  /** The app's own window: the only sender answered, the only receiver of events. */
  readonly webContents: Pick<WebContents, 'id' | 'send' | 'isDestroyed'>;
  /** URL prefix of the app's own pages (file:///…/dist/renderer/). */
  readonly rendererUrl: string;
}

export type IpcReply = { ok: true; result: unknown } | { ok: false; error: string };

/**
 * Wires the contract to Electron's IPC: every command comes through one handler that checks the
 * sender (the app's window, showing the app's own page) and the payload (the contract's schemas)
 * before any engine code runs; events go to the window only, starting with a snapshot in pages
 * (as haul serve sends it: no single 25 MB message for 100,000 downloads) when the window asks
 * on the subscribe channel. Returns the unregister.
 */
export function registerIpc(deps: IpcDeps, handlers: Handlers, subscribe: (send: (message: EventMessage) => void) => () => void): () => void {
  const fromApp = (event: IpcMainInvokeEvent | IpcMainEvent): boolean =>
    event.sender.id === deps.webContents.id && (event.senderFrame?.url ?? '').startsWith(deps.rendererUrl);
  const send = (message: EventMessage): void => {
    if (!deps.webContents.isDestroyed()) deps.webContents.send(EVENT_CHANNEL, message);
  };
  let paged: PagedSnapshot | undefined;
  /** The window asked for no rows: it gets changes as `changed`. */
  let rowless = false;
  const onSubscribe = (event: IpcMainEvent, options?: unknown): void => {
    if (!fromApp(event)) return;
    paged?.stop();
    paged = undefined;
    // The window pages the list itself (`list`), so it asks for no rows: a snapshot without them, changes as `changed`.
    rowless = typeof options === 'object' && options !== null && (options as { rows?: unknown }).rows === false;
    void handlers.snapshot({}).then((snapshot) => {
      paged = sendPagedSnapshot(rowless ? { ...snapshot, downloads: [] } : snapshot, send);
    });
  };
  deps.ipcMain.on(SUBSCRIBE_CHANNEL, onSubscribe);
  deps.ipcMain.handle(COMMAND_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, args: unknown): Promise<IpcReply> => {
    if (!fromApp(event)) return { ok: false, error: 'refused: not the app window' };
    if (typeof name !== 'string') return { ok: false, error: 'the command name must be a string' };
    const parsed = parseCommand(name, args);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    try {
      return { ok: true, result: await dispatchCommand(handlers, parsed.command) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  });
  const unsubscribe = subscribe((event) => {
    const message = rowless ? withoutRows(event) : event;
    if (paged === undefined) send(message);
    else paged.live(message);
  });
  return () => {
    unsubscribe();
    paged?.stop();
    deps.ipcMain.removeListener(SUBSCRIBE_CHANNEL, onSubscribe);
    deps.ipcMain.removeHandler(COMMAND_CHANNEL);
  };
}
