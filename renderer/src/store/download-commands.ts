// Commands on downloads (pause, resume, cancel, retry, remove, open, new link, sign-in), asking first where something could be lost.
import { isActive } from '../../../shared/download-status.js';
import { type Picked, picked as pickedOf } from '../../../shared/list-query.js';
import { api, report } from './connection.js';
import { useHaul } from './store.js';
import { notify } from './ui-actions.js';

export function openFile(id: string): void {
  api().call('openFile', { id }).catch(report);
}

export function showInFolder(id: string): void {
  api().call('showInFolder', { id }).catch(report);
}

export function copyUrl(id: string): void {
  const url = useHaul.getState().downloads.get(id)?.url;
  if (url !== undefined) navigator.clipboard.writeText(url).catch(report);
}

export type IdCommand = 'pause' | 'resume' | 'cancel' | 'retry';

export function act(command: IdCommand, ids: readonly string[]): void {
  if (ids.length === 0) return;
  api()
    .call(command, { ids: [...ids] })
    .catch(report);
}

export function remove(ids: readonly string[], deleteFile: boolean): void {
  if (ids.length === 0) return;
  api()
    .call('remove', { ids: [...ids], deleteFile })
    .catch(report);
}

/** Remove (the button, the menu, the Delete key) always asks first, with the count and whether files go too. */
export function askRemove(ids: readonly string[], deleteFiles = false): void {
  if (ids.length === 0) return;
  useHaul.setState({ confirm: { kind: 'remove', ids: [...ids], deleteFiles } });
}

/** Pausing a download the server cannot resume restarts it from zero: that is asked first. */
export function askPause(ids: readonly string[]): void {
  const { downloads, picked } = useHaul.getState();
  // The selection's state, or the row's own for a row's button outside the selection.
  const known = (id: string): Picked | undefined => {
    const download = downloads.get(id);
    return download === undefined ? picked.get(id) : pickedOf(download);
  };
  const pausable = ids.filter((id) => {
    const status = known(id)?.status;
    return status !== undefined && (isActive(status) || status === 'queued');
  });
  if (pausable.length === 0) return;
  const unresumable = pausable.filter((id) => known(id)?.unresumable === true);
  if (unresumable.length === 0) act('pause', pausable);
  else useHaul.setState({ confirm: { kind: 'pause', ids: pausable, unresumable } });
}

export function setConfirmDeleteFiles(deleteFiles: boolean): void {
  const { confirm } = useHaul.getState();
  if (confirm?.kind === 'remove') useHaul.setState({ confirm: { ...confirm, deleteFiles } });
}

export function answerConfirm(yes: boolean): void {
  const { confirm } = useHaul.getState();
  useHaul.setState({ confirm: undefined });
  if (!yes || confirm === undefined) return;
  if (confirm.kind === 'remove') remove(confirm.ids, confirm.deleteFiles);
  else act('pause', confirm.ids);
}

export function pauseAll(): void {
  api().call('pauseAll', {}).catch(report);
}

export function resumeAll(): void {
  api().call('resumeAll', {}).catch(report);
}

export function openRefresh(id: string): void {
  useHaul.setState({ refresh: { id, different: undefined } });
}

export function closeRefresh(): void {
  useHaul.setState({ refresh: undefined });
}

/**
 * Gives the download a new link. A link to a different file is not used at once: the reason is
 * shown and the person decides whether to start over (`startOver`).
 */
export async function refreshLink(url: string, startOver: boolean): Promise<void> {
  const refresh = useHaul.getState().refresh;
  if (refresh === undefined) return;
  try {
    const { kept } = await api().call('refresh', { id: refresh.id, url, startOver });
    closeRefresh();
    notify(kept ? 'New link set: the download goes on from where it was.' : 'New link set: the download starts over.');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!startOver && message.includes('serves a different file')) useHaul.setState({ refresh: { id: refresh.id, different: message } });
    else report(error);
  }
}

export function openSignIn(id: string): void {
  useHaul.setState({ signIn: { id } });
}

export function closeSignIn(): void {
  useHaul.setState({ signIn: undefined });
}

/**
 * Retries a download that got HTTP 401 with the user name and password typed in: they go into its
 * address (user:password@, which the engine sends as Basic and never shows), checked with the
 * server first; a wrong pair is said, and nothing changes.
 */
export async function signIn(user: string, password: string): Promise<void> {
  const pending = useHaul.getState().signIn;
  const download = pending === undefined ? undefined : useHaul.getState().downloads.get(pending.id);
  if (pending === undefined || download === undefined) return;
  const url = new URL(download.url);
  url.username = encodeURIComponent(user);
  url.password = encodeURIComponent(password);
  try {
    await api().call('refresh', { id: pending.id, url: url.href });
    closeSignIn();
  } catch (error) {
    report(error instanceof Error ? new Error(error.message.replace('the new link does not work', 'signing in did not work')) : error);
  }
}
