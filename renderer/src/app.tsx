import { WifiOff, X } from 'lucide-react';
import { useEffect } from 'react';
import { AddDialog } from './components/add-dialog.js';
import { ConfirmDialog } from './components/confirm-dialog.js';
import { RefreshDialog } from './components/refresh-dialog.js';
import { SignInDialog } from './components/sign-in-dialog.js';
import { DetailsPanel } from './components/details-panel.js';
import { DownloadList } from './components/download-list.js';
import { RowMenu } from './components/row-menu.js';
import { SettingsDialog } from './components/settings-dialog.js';
import { Sidebar } from './components/sidebar.js';
import { StatusBar } from './components/status-bar.js';
import { Toolbar } from './components/toolbar.js';
import { closeSettings, dismissNotice, dismissOffer, openSettings, reviewOffer } from './store/ui-actions.js';
import { useHaul } from './store/store.js';

export function App() {
  const theme = useHaul((state) => state.settings?.theme ?? 'system');
  const dragging = useHaul((state) => state.dragging);
  const notice = useHaul((state) => state.notice);
  const settingsOpen = useHaul((state) => state.settingsOpen);
  const offer = useHaul((state) => state.offer);
  const lost = useHaul((state) => state.connection === 'lost');
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className={`app${lost ? ' lost' : ''}`}>
      <Toolbar onSettings={openSettings} />
      {lost ? (
        <div role="alert" className="banner lost-banner">
          <WifiOff size={16} aria-hidden="true" />
          Lost connection to Haul, reconnecting…
        </div>
      ) : null}
      {notice !== undefined ? (
        <div role="alert" className="banner notice">
          <span>{notice}</span>
          <button type="button" className="icon" aria-label="Dismiss" title="Dismiss" onClick={dismissNotice}>
            <X size={16} aria-hidden="true" />
          </button>
        </div>
      ) : null}
      {offer !== undefined ? (
        <div role="status" className="banner offer">
          <span>{offer.count === 1 ? 'You copied a link.' : `You copied ${offer.count} links.`}</span>
          <button type="button" onClick={reviewOffer}>
            Review
          </button>
          <button type="button" className="icon" aria-label="Dismiss copied links" title="Dismiss" onClick={dismissOffer}>
            <X size={16} aria-hidden="true" />
          </button>
        </div>
      ) : null}
      <div className="body">
        <Sidebar />
        <main>
          <DownloadList />
        </main>
        <DetailsPanel />
      </div>
      <StatusBar />
      <AddDialog />
      <RowMenu />
      <ConfirmDialog />
      <RefreshDialog />
      <SignInDialog />
      {settingsOpen ? <SettingsDialog onClose={closeSettings} /> : null}
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          Drop links or lists to add them
        </div>
      ) : null}
    </div>
  );
}
