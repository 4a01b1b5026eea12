import { useEffect, useRef } from 'react';
import { canPause, canResume, canRetry } from '../../../shared/download-status.js';
import { act, askPause, askRemove, copyUrl, openFile, openRefresh, openSignIn, showInFolder } from '../store/download-commands.js';
import { closeMenu } from '../store/ui-actions.js';
import { useHaul } from '../store/store.js';

/** The row's context menu: the same actions as its buttons, and the ones that need no button. */
export function RowMenu() {
  const menu = useHaul((state) => state.menu);
  const download = useHaul((state) => (state.menu === undefined ? undefined : state.downloads.get(state.menu.id)));
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
  // The menu acts on the whole selection when the row is part of it.
  const selected = useHaul.getState().selected;
  const { id } = download;
  const ids = selected.includes(id) ? selected : [id];
  const items: [string, () => void][] = [];
  if (canPause(download.status))
    items.push([
      'Pause',
      () => {
        askPause(ids);
      },
    ]);
  if (canResume(download.status))
    items.push([
      'Resume',
      () => {
        act('resume', ids);
      },
    ]);
  if (canRetry(download.status))
    items.push([
      download.status === 'cancelled' ? 'Restart' : 'Retry',
      () => {
        act('retry', ids);
      },
    ]);
  if (download.status === 'completed' && desktop) {
    items.push(
      [
        'Open file',
        () => {
          openFile(id);
        },
      ],
      [
        'Show in folder',
        () => {
          showInFolder(id);
        },
      ],
    );
  }
  items.push([
    'Copy URL',
    () => {
      copyUrl(id);
    },
  ]);
  if (download.status !== 'completed')
    items.push([
      'Refresh link…',
      () => {
        openRefresh(id);
      },
    ]);
  if (download.error?.code === 'AUTH_REQUIRED')
    items.unshift([
      'Sign in…',
      () => {
        openSignIn(id);
      },
    ]);
  if (download.status !== 'completed' && download.status !== 'cancelled')
    items.push([
      'Cancel',
      () => {
        act('cancel', ids);
      },
    ]);
  items.push(
    [
      'Remove',
      () => {
        askRemove(ids, false);
      },
    ],
    [
      'Remove with file',
      () => {
        askRemove(ids, true);
      },
    ],
  );
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
