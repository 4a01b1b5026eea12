import { canPause } from '../../shared/download-status.js';
import { act, askPause, askRemove, openFile } from './store/download-commands.js';
import { clearSelection, moveFocus, selectAll } from './store/selection.js';
import { closeMenu, openDetails } from './store/ui-actions.js';
import { useHaul } from './store/store.js';

const PAGE = 10;

/** Keys act on the list, except while typing in a field or with a dialog open. */
export function installKeyboard(target: Window): () => void {
  const onKey = (event: KeyboardEvent): void => {
    const active = target.document.activeElement;
    if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement || active instanceof HTMLSelectElement) return;
    if (target.document.querySelector('dialog[open]') !== null) return;
    if (active instanceof HTMLButtonElement && (event.key === 'Enter' || event.key === ' ')) return;
    const { selected, downloads, picked, menu } = useHaul.getState();
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      selectAll();
      return;
    }
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: PAGE, PageUp: -PAGE, Home: -1e9, End: 1e9 };
    const delta = moves[event.key];
    if (delta !== undefined) {
      event.preventDefault();
      // The list scrolls the focused row into view, and the row takes the keyboard focus when drawn.
      moveFocus(delta, event.shiftKey);
      return;
    }
    if (event.key === 'Escape') {
      if (menu !== undefined) closeMenu();
      else clearSelection();
      return;
    }
    if (selected.length === 0) return;
    if (event.key === ' ') {
      event.preventDefault();
      const running = selected.filter((id) => {
        const status = picked.get(id)?.status;
        return status !== undefined && canPause(status);
      });
      if (running.length > 0) askPause(running);
      else
        act(
          'resume',
          selected.filter((id) => picked.get(id)?.status === 'paused'),
        );
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      const only = selected.length === 1 ? downloads.get(selected[0] ?? '') : undefined;
      if (only !== undefined && useHaul.getState().desktop && only.status === 'completed') openFile(only.id);
      else openDetails();
      return;
    }
    if (event.key === 'Delete') {
      event.preventDefault();
      askRemove(selected, event.shiftKey);
    }
  };
  target.addEventListener('keydown', onKey);
  return () => {
    target.removeEventListener('keydown', onKey);
  };
}
