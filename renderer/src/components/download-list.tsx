import { ArrowDown, ArrowUp } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { openAdd } from '../store/add-flow.js';
import { clearSelection } from '../store/selection.js';
import { setSearch, setView, sortBy } from '../store/ui-actions.js';
import { type SortKey, useHaul } from '../store/store.js';
import { visibleIds } from '../store/visible.js';
import { DownloadRow } from './download-row.js';

const OVERSCAN = 8;

const COLUMNS: readonly [SortKey | undefined, string, string][] = [
  [undefined, '', 'col-kind'],
  ['name', 'Name', 'col-name'],
  ['progress', 'Progress', 'col-progress'],
  ['size', 'Size', 'col-size'],
  ['speed', 'Speed', 'col-speed'],
  ['left', 'Status', 'col-status'],
  ['added', 'Added', 'col-added'],
  [undefined, 'Actions', 'col-actions'],
];

/** Row height by density: dense by default, comfortable in Settings. */
export function rowHeight(density: 'compact' | 'comfortable' | undefined): number {
  return density === 'comfortable' ? 48 : 38;
}

/**
 * The downloads as a grid: sortable column headers, rows that take focus and selection, and only
 * the rows in view in the DOM, so ten thousand downloads scroll like ten.
 */
export function DownloadList() {
  const order = useHaul((state) => state.order);
  const downloads = useHaul((state) => state.downloads);
  const view = useHaul((state) => state.view);
  const search = useHaul((state) => state.search);
  const sort = useHaul((state) => state.sort);
  const live = useHaul((state) => (state.sort.key === 'speed' || state.sort.key === 'left' ? state.live : undefined));
  const focused = useHaul((state) => state.focused);
  const density = useHaul((state) => state.settings?.density);
  const height = rowHeight(density);
  const visible = useMemo(() => visibleIds({ order, downloads, view, search, sort, live: live ?? {} }), [order, downloads, view, search, sort, live]);
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  // The scroller exists only once there are downloads (the empty state has none): listen from then on.
  const hasRows = order.length > 0;
  useEffect(() => {
    const element = scroller.current;
    if (element === null) return undefined;
    const update = (): void => {
      setViewport({ top: element.scrollTop, height: element.clientHeight });
    };
    update();
    element.addEventListener('scroll', update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', update);
      observer.disconnect();
    };
  }, [hasRows]);
  // The focused row stays in view (arrow keys, Home/End), then takes the keyboard focus.
  useEffect(() => {
    const element = scroller.current;
    if (element === null || focused === undefined) return;
    const index = visible.indexOf(focused);
    if (index < 0) return;
    const top = index * height;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + height > element.scrollTop + element.clientHeight) element.scrollTop = top + height - element.clientHeight;
  }, [focused, visible, height]);
  const first = Math.max(0, Math.floor(viewport.top / height) - OVERSCAN);
  const last = Math.min(visible.length, Math.ceil((viewport.top + viewport.height) / height) + OVERSCAN);
  const tabStop = focused !== undefined && visible.includes(focused) ? focused : visible[0];
  if (order.length === 0) {
    return (
      <div className="empty-state">
        <div className="drop-zone">
          <h2>No downloads yet</h2>
          <p>Drop links or a list file here, or paste links anywhere in this window (Ctrl+V).</p>
          <button
            type="button"
            className="primary"
            onClick={() => {
              openAdd();
            }}
          >
            Add links
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="list-area">
      <div
        role="grid"
        aria-label="Downloads"
        aria-multiselectable="true"
        aria-rowcount={visible.length + 1}
        className="grid"
        style={{ ['--row-height' as string]: `${height}px` }}
      >
        <div role="row" aria-rowindex={1} className="grid-header">
          {COLUMNS.map(([key, label, className]) => (
            <div
              key={className}
              role="columnheader"
              className={className}
              aria-sort={key !== undefined && sort.key === key ? (sort.descending ? 'descending' : 'ascending') : undefined}
            >
              {key === undefined ? (
                <span className="visually-hidden">{label === '' ? 'Type' : label}</span>
              ) : (
                <button
                  type="button"
                  className="sort"
                  onClick={() => {
                    sortBy(key);
                  }}
                >
                  {label}
                  {sort.key === key ? sort.descending ? <ArrowDown size={12} aria-hidden="true" /> : <ArrowUp size={12} aria-hidden="true" /> : null}
                </button>
              )}
            </div>
          ))}
        </div>
        <div
          className="list-scroller"
          ref={scroller}
          onClick={(event) => {
            if (event.target === event.currentTarget) clearSelection();
          }}
        >
          {visible.length === 0 ? (
            <div className="empty">
              <p>Nothing matches.</p>
              <button
                type="button"
                onClick={() => {
                  setSearch('');
                  setView('all');
                }}
              >
                Clear search
              </button>
            </div>
          ) : null}
          <div role="rowgroup" className="list" style={{ height: visible.length * height }}>
            {visible.slice(first, last).map((id, index) => (
              <DownloadRow key={id} id={id} index={first + index} top={(first + index) * height} tabStop={id === tabStop} />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
