import { useEffect, useRef } from 'react';
import { isActive } from '../../../main/engine/download-status.js';
import { act, closeMenu, copyUrl, openFile, remove, showInFolder } from '../store/actions.js';
import { useHaul } from '../store/store.js';

/** The row's context menu: the same actions as its buttons, and the ones that need no button. */
export function RowMenu() {
  const menu = useHaul((state) => state.menu);
  const download = useHaul((state) => (state.menu === undefined ? undefined : state.downloads[state.menu.id]));
  const desktop = useHaul((state) => state.desktop);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    first.current?.focus();
    if (menu === undefined) return undefined;
    const close = (): void => {
      closeMenu();
    };
    window.addEventListener('click', close);
    window.addEventListener('blur', close);
    return () => {
      window.removeEventListener('click', close);
      window.removeEventListener('blur', close);
    };
  }, [menu]);
  if (menu === undefined || download === undefined) return null;
  const { id } = download;
  const items: [string, () => void][] = [];
  if (isActive(download.status) || download.status === 'queued') items.push(['Pause', () => { act('pause', [id]); }]);
  if (download.status === 'paused') items.push(['Resume', () => { act('resume', [id]); }]);
  if (download.status === 'failed') items.push(['Retry', () => { act('retry', [id]); }]);
  if (download.status === 'completed' && desktop) {
    items.push(['Open file', () => { openFile(id); }], ['Show in folder', () => { showInFolder(id); }]);
  }
  items.push(['Copy URL', () => { copyUrl(id); }]);
  if (download.status !== 'completed' && download.status !== 'cancelled') items.push(['Cancel', () => { act('cancel', [id]); }]);
  items.push(['Remove', () => { remove([id], false); }], ['Remove with file', () => { remove([id], true); }]);
  return (
    <div
      role="menu"
      aria-label="Download actions"
      className="menu"
      style={{ left: menu.x, top: menu.y }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') closeMenu();
      }}
    >
      {items.map(([label, run], index) => (
        <button
          key={label}
          ref={index === 0 ? first : undefined}
          type="button"
          role="menuitem"
          onClick={() => {
            run();
            closeMenu();
          }}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
