import { File } from 'lucide-react';
import { memo, useEffect, useRef, useState } from 'react';
import { fileKind } from '../../../shared/file-kind.js';
import { redactUrl } from '../../../shared/printable.js';
import { clickRow } from '../store/selection.js';
import { openMenu } from '../store/ui-actions.js';
import { useHaul } from '../store/store.js';
import { displayName } from '../../../shared/display-name.js';
import { resumable } from '../../../shared/resumable.js';
import { formatBytes, formatDuration, statusText } from '../format.js';
import { RowActions } from './row-actions.js';
import { KIND_ICONS } from './sidebar.js';

// Made once: toLocaleTimeString builds a formatter on every call (about a millisecond each), which
// was most of the work of drawing a screenful of rows.
const TIME = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' });
const DAY = new Intl.DateTimeFormat([], { month: 'short', day: 'numeric' });

function added(at: number, now: number): string {
  const date = new Date(at);
  return now - at < 86_400_000 && new Date(now).getDate() === date.getDate() ? TIME.format(date) : DAY.format(date);
}

// The cells that a progress batch does not change are parts of their own, so a moving row
// renders again only its numbers, not its icon (an SVG element tree built anew on every render) and name.
const KindCell = memo(function KindCell({ name }: { name: string }) {
  const [, kindLabel, KindIcon] = KIND_ICONS.find(([kind]) => kind === fileKind(name)) ??
    KIND_ICONS[KIND_ICONS.length - 1] ?? ['other', 'Other', File];
  return (
    <div role="gridcell" className="col-kind" title={kindLabel}>
      <KindIcon size={16} aria-hidden="true" />
    </div>
  );
});

const NameCell = memo(function NameCell({ name, url, cannotResume }: { name: string; url: string; cannotResume: boolean }) {
  return (
    <div role="gridcell" className="col-name">
      <span className="name" title={redactUrl(url)}>
        {name}
      </span>
      {cannotResume ? (
        <span className="badge warn" title="The server does not serve parts of this file: a pause starts over">
          can't resume
        </span>
      ) : null}
    </div>
  );
});

/** One download as a grid row; it selects only its own record, so a progress batch re-renders the rows that moved. */
export const DownloadRow = memo(function DownloadRow({ id, index, top, tabStop }: { id: string; index: number; top: number; tabStop: boolean }) {
  const download = useHaul((state) => state.downloads.get(id));
  const live = useHaul((state) => state.live[id]);
  const selected = useHaul((state) => state.picked.has(id));
  const focused = useHaul((state) => state.focused === id);
  const lost = useHaul((state) => state.connection === 'lost');
  const ref = useRef<HTMLDivElement>(null);
  // The actions show on hover, selection and focus, and are built only then: a row scrolled into
  // view made three or four hidden icon buttons (without them the UI bench's main thread works a seventh less).
  const [pointed, setPointed] = useState(false);
  const [focusInside, setFocusInside] = useState(false);
  useEffect(() => {
    // Keyboard focus follows the focused row once it is rendered, if the list had the focus (or
    // nothing has: the row that had it scrolled out of the DOM).
    const active = document.activeElement;
    const listHasFocus = active === null || active === document.body || ref.current?.closest('[role="grid"]')?.contains(active) === true;
    if (focused && ref.current !== null && listHasFocus && active !== ref.current) {
      ref.current.focus({ preventScroll: true });
    }
  }, [focused]);
  if (download === undefined) return null;
  const name = displayName(download);
  const percent = download.total === undefined || download.total === 0 ? undefined : Math.floor((download.bytes / download.total) * 100);
  const transferring = download.status === 'downloading';
  const cannotResume = (transferring || download.status === 'paused' || download.status === 'retrying') && resumable(download) === false;
  const now = Date.now();
  const left = transferring ? (lost ? '—' : `${formatDuration(live?.eta)} left`) : statusText(download, now);
  return (
    <div
      ref={ref}
      role="row"
      aria-rowindex={index + 2}
      aria-label={name}
      aria-selected={selected}
      tabIndex={tabStop ? 0 : -1}
      data-id={id}
      className={`row status-${download.status}${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onClick={(event) => {
        clickRow(id, { toggle: event.ctrlKey || event.metaKey, extend: event.shiftKey });
      }}
      onContextMenu={(event) => {
        event.preventDefault();
        openMenu(id, event.clientX, event.clientY);
      }}
      onMouseEnter={() => {
        setPointed(true);
      }}
      onMouseLeave={() => {
        setPointed(false);
      }}
      onFocus={() => {
        setFocusInside(true);
      }}
      onBlur={(event) => {
        if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) setFocusInside(false);
      }}
    >
      <KindCell name={name} />
      <NameCell name={name} url={download.url} cannotResume={cannotResume} />
      <div role="gridcell" className="col-progress">
        <div className="bar" role="progressbar" aria-label={`${name} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
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
        <span className="percent">{percent === undefined ? '' : `${percent}%`}</span>
      </div>
      <div role="gridcell" className="col-size">
        {download.status === 'completed' ? formatBytes(download.total) : `${formatBytes(download.bytes)} / ${formatBytes(download.total)}`}
      </div>
      <div role="gridcell" className={`col-speed${lost ? ' frozen' : ''}`}>
        {transferring && live !== undefined && !lost ? `${formatBytes(Math.round(live.speed))}/s` : ''}
      </div>
      <div role="gridcell" className="col-status">
        <span className="status" title={statusText(download, now)}>
          {left}
        </span>
      </div>
      <div role="gridcell" className="col-added">
        {added(download.createdAt, now)}
      </div>
      <div role="gridcell" className="col-actions">
        {pointed || selected || focusInside ? <RowActions id={id} status={download.status} /> : null}
      </div>
    </div>
  );
});
