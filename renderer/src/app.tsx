import { useEffect } from 'react';
import { AddDialog } from './components/add-dialog.js';
import { DownloadList } from './components/download-list.js';
import { StatusBar } from './components/status-bar.js';
import { Toolbar } from './components/toolbar.js';
import { dismissNotice } from './store/actions.js';
import { useHaul } from './store/store.js';

export function App() {
  const theme = useHaul((state) => state.settings?.theme ?? 'system');
  const dragging = useHaul((state) => state.dragging);
  const notice = useHaul((state) => state.notice);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="app">
      <Toolbar />
      {notice !== undefined ? (
        <div role="alert" className="notice">
          {notice}
          <button type="button" aria-label="Dismiss" onClick={dismissNotice}>
            ×
          </button>
        </div>
      ) : null}
      <main>
        <DownloadList />
      </main>
      <StatusBar />
      <AddDialog />
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          Drop links or lists to add them
        </div>
      ) : null}
    </div>
  );
}
