import { useEffect } from 'react';
import { AddDialog } from './components/add-dialog.js';
import { DetailsPanel } from './components/details-panel.js';
import { DownloadList } from './components/download-list.js';
import { RowMenu } from './components/row-menu.js';
import { SettingsDialog } from './components/settings-dialog.js';
import { StatusBar } from './components/status-bar.js';
import { Toolbar } from './components/toolbar.js';
import { closeSettings, dismissNotice, dismissOffer, openSettings, reviewOffer } from './store/actions.js';
import { useHaul } from './store/store.js';

export function App() {
  const theme = useHaul((state) => state.settings?.theme ?? 'system');
  const dragging = useHaul((state) => state.dragging);
  const notice = useHaul((state) => state.notice);
  const settingsOpen = useHaul((state) => state.settingsOpen);
  const offer = useHaul((state) => state.offer);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="app">
      <Toolbar onSettings={openSettings} />
      {notice !== undefined ? (
        <div role="alert" className="notice">
          {notice}
          <button type="button" aria-label="Dismiss" onClick={dismissNotice}>
            ×
          </button>
        </div>
      ) : null}
      {offer !== undefined ? (
        <div role="status" className="notice offer">
          {offer.count === 1 ? 'You copied a link.' : `You copied ${offer.count} links.`}
          <button type="button" onClick={reviewOffer}>
            Review
          </button>
          <button type="button" aria-label="Dismiss copied links" onClick={dismissOffer}>
            ×
          </button>
        </div>
      ) : null}
      <main>
        <DownloadList />
        <DetailsPanel />
      </main>
      <StatusBar />
      <AddDialog />
      <RowMenu />
      {settingsOpen ? <SettingsDialog onClose={closeSettings} /> : null}
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          Drop links or lists to add them
        </div>
      ) : null}
    </div>
  );
}
