import { useState } from 'react';
import { closeRefresh, refreshLink } from '../store/download-commands.js';
import { useHaul } from '../store/store.js';
import { displayName } from '../../../shared/display-name.js';
import { Dialog } from './dialog.js';

/** "Refresh link": a new address for a download whose link expired; the bytes stay when it is the same file. */
export function RefreshDialog() {
  const refresh = useHaul((state) => state.refresh);
  const download = useHaul((state) => (state.refresh === undefined ? undefined : state.downloads.get(state.refresh.id)));
  const [url, setUrl] = useState('');
  if (refresh === undefined || download === undefined) return null;
  const different = refresh.different;
  return (
    <Dialog
      title={`New link for ${displayName(download)}`}
      onClose={() => {
        setUrl('');
        closeRefresh();
      }}
      action={{
        label: different === undefined ? 'Use this link' : 'Start over with this link',
        disabled: url.trim() === '',
        run: () => {
          void refreshLink(url.trim(), different !== undefined).then(() => {
            if (useHaul.getState().refresh === undefined) setUrl('');
          });
        },
      }}
    >
      <p>Paste the download's new address (a fresh link from the site). If it serves the same file, the download goes on from where it was.</p>
      <label>
        New link
        <input
          value={url}
          spellCheck={false}
          onChange={(event) => {
            setUrl(event.target.value);
            // Another link needs its own check before anything starts over.
            if (different !== undefined) useHaul.setState({ refresh: { id: refresh.id, different: undefined } });
          }}
        />
      </label>
      {different === undefined ? null : (
        <p role="alert" className="field-error">
          {different.replace(/; start over.*$/, '')}. Starting over downloads it again from the beginning.
        </p>
      )}
    </Dialog>
  );
}
