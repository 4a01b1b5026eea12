import { isActive } from '../../main/engine/download-status.js';
import { act, openFile, remove, select } from './store/actions.js';
import { useHaul } from './store/store.js';

/** Keys act on the selection, except while typing in a field or with a dialog open. */
export function installKeyboard(target: Window, visibleIds: () => readonly string[]): () => void {
  const onKey = (event: KeyboardEvent): void => {
    const active = target.document.activeElement;
    if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement || active instanceof HTMLSelectElement) return;
    if (target.document.querySelector('[role="dialog"]') !== null) return;
    const { selected, downloads } = useHaul.getState();
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      select(visibleIds());
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const ids = visibleIds();
      if (ids.length === 0) return;
      event.preventDefault();
      const current = selected.length === 0 ? -1 : ids.indexOf(selected[selected.length - 1] ?? '');
      const next = event.key === 'ArrowDown' ? Math.min(ids.length - 1, current + 1) : Math.max(0, current - 1);
      select([ids[next] ?? '']);
      return;
    }
    if (selected.length === 0) return;
    if (event.key === ' ') {
      event.preventDefault();
      const running = selected.filter((id) => {
        const status = downloads[id]?.status;
        return status !== undefined && (isActive(status) || status === 'queued');
      });
      if (running.length > 0) act('pause', running);
      else act('resume', selected.filter((id) => downloads[id]?.status === 'paused'));
      return;
    }
    if (event.key === 'Enter' && selected.length === 1 && useHaul.getState().desktop && downloads[selected[0] ?? '']?.status === 'completed') {
      event.preventDefault();
      openFile(selected[0] ?? '');
      return;
    }
    if (event.key === 'Delete') {
      event.preventDefault();
      remove(selected, event.shiftKey);
    }
  };
  target.addEventListener('keydown', onKey);
  return () => {
    target.removeEventListener('keydown', onKey);
  };
}
