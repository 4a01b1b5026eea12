import { memo } from 'react';
import { isActive } from '../../../main/engine/download-status.js';
import { redactUrl } from '../../../main/engine/printable.js';
import { act, openMenu, remove, select } from '../store/actions.js';
import { useHaul } from '../store/store.js';
import { displayName, formatBytes, formatDuration, statusText } from '../format.js';

/** One download; it selects only its own record, so a progress batch re-renders the rows that moved. */
export const DownloadRow = memo(function DownloadRow({ id, top }: { id: string; top: number }) {
  const download = useHaul((state) => state.downloads[id]);
  const live = useHaul((state) => state.live[id]);
  const selected = useHaul((state) => state.selected.includes(id));
  if (download === undefined) return null;
  const name = displayName(download);
  const percent = download.total === undefined || download.total === 0 ? undefined : Math.floor((download.bytes / download.total) * 100);
  const running = isActive(download.status) || download.status === 'queued';
  return (
    <div
      role="listitem"
      aria-label={name}
      aria-selected={selected}
      className={`row status-${download.status}${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onClick={(event) => {
        select(event.ctrlKey || event.metaKey ? [...useHaul.getState().selected, id] : [id]);
      }}
      onContextMenu={(event) => {
        event.preventDefault();
        openMenu(id, event.clientX, event.clientY);
      }}
    >
      <div className="row-main">
        <span className="name" title={redactUrl(download.url)}>
          {name}
        </span>
        <span className="size">
          {formatBytes(download.bytes)} / {formatBytes(download.total)}
        </span>
      </div>
      <div
        className="bar"
        role="progressbar"
        aria-label={`${name} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        {download.segments.length > 1 && download.total !== undefined ? (
          download.segments.map((segment) => (
            <span
              key={segment.start}
              className="segment"
              style={{
                left: `${(segment.start / (download.total ?? 1)) * 100}%`,
                width: `${((segment.pos - segment.start) / (download.total ?? 1)) * 100}%`,
              }}
            />
          ))
        ) : (
          <span className="segment" style={{ left: 0, width: `${percent ?? 0}%` }} />
        )}
      </div>
      <div className="row-meta">
        <span className="status">{statusText(download, Date.now())}</span>
        {download.status === 'downloading' && live !== undefined ? (
          <span className="speed">
            {formatBytes(Math.round(live.speed))}/s · {formatDuration(live.eta)} left
          </span>
        ) : null}
        <span className="actions">
          {running ? (
            <button type="button" aria-label="Pause" onClick={() => { act('pause', [id]); }}>
              Pause
            </button>
          ) : null}
          {download.status === 'paused' ? (
            <button type="button" aria-label="Resume" onClick={() => { act('resume', [id]); }}>
              Resume
            </button>
          ) : null}
          {download.status === 'failed' ? (
            <button type="button" aria-label="Retry" onClick={() => { act('retry', [id]); }}>
              Retry
            </button>
          ) : null}
          {download.status !== 'completed' && download.status !== 'cancelled' ? (
            <button type="button" aria-label="Cancel" onClick={() => { act('cancel', [id]); }}>
              Cancel
            </button>
          ) : null}
          <button type="button" aria-label="Remove" onClick={() => { remove([id], false); }}>
            Remove
          </button>
        </span>
      </div>
    </div>
  );
});
