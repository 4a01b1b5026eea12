import { ArrowDown, ArrowUp } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { openAdd } from '../store/add-flow.js';
import { clearSelection } from '../store/selection.js';
import { setSearch, setView, sortBy } from '../store/ui-actions.js';
import { type SortKey, useHaul } from '../store/store.js';
import { positionOf, showRows } from '../store/list-window.js';
import { DownloadRow } from './download-row.js';

/** Rows rendered beyond each edge of the view, so a fast scroll does not show blank space before React catches up. */
const OVERSCAN = 8;
/**
 * Rows enter and leave the DOM in blocks of this many: scrolling then renders the list once every
 * few rows instead of on every frame (each render laid out and painted the list again).
 */
const BLOCK = 8;

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

/** The rows to render for a scroll position: the rows in view and the overscan, widened to whole blocks (last excluded). */
function rowsInView(scrollTop: number, viewHeight: number, height: number): { first: number; last: number } {
  const first = Math.max(0, Math.floor((Math.floor(scrollTop / height) - OVERSCAN) / BLOCK) * BLOCK);
  const last = Math.max(first, Math.ceil((Math.ceil((scrollTop + viewHeight) / height) + OVERSCAN) / BLOCK) * BLOCK);
  return { first, last };
}

/**
 * The downloads as a grid: sortable column headers, rows that take focus and selection, and only
 * the rows in view in the DOM, so ten thousand downloads scroll like ten.
 */
export function DownloadList() {
  const list = useHaul((state) => state.list);
  const anyDownloads = useHaul((state) => state.counts.all > 0);
  const sort = useHaul((state) => state.sort);
  const focused = useHaul((state) => state.focused);
  const focusedAt = useHaul((state) => (state.focused === undefined ? undefined : positionOf(state, state.focused)));
  const density = useHaul((state) => state.settings?.density);
  const height = rowHeight(density);
  const scroller = useRef<HTMLDivElement>(null);
  // Until the scroller is measured, a window's worth from the top, so the first paint shows rows.
  const [range, setRange] = useState(() => rowsInView(0, 600, height));
  // The scroller exists only once there are downloads (the empty state has none): listen from then on.
  const hasRows = anyDownloads;
  useEffect(() => {
    const element = scroller.current;
    if (element === null) return undefined;
    let viewHeight = element.clientHeight;
    // Only a change of block renders: a scroll within one leaves the list alone.
    const update = (): void => {
      const next = rowsInView(element.scrollTop, viewHeight, height);
      setRange((shown) => (shown.first === next.first && shown.last === next.last ? shown : next));
    };
    update();
    element.addEventListener('scroll', update, { passive: true });
    // The height is read here, after layout, and not in the scroll handler, where reading it would lay the page out again.
    const observer = new ResizeObserver(() => {
      viewHeight = element.clientHeight;
      update();
    });
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', update);
      observer.disconnect();
    };
  }, [hasRows, height]);
  // The focused row stays in view (arrow keys, Home/End), then takes the keyboard focus.
  useEffect(() => {
    const element = scroller.current;
    if (element === null || focusedAt === undefined) return;
    const top = focusedAt * height;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + height > element.scrollTop + element.clientHeight) element.scrollTop = top + height - element.clientHeight;
  }, [focused, focusedAt, height]);
  const first = Math.min(list.total, range.first);
  const last = Math.min(list.total, range.last);
  // The engine sends the rows around what is shown; asked again whenever the shown rows leave what it sent.
  useEffect(() => {
    showRows(first, last);
  }, [first, last]);
  const shown: { id: string; index: number }[] = [];
  for (let index = Math.max(first, list.offset); index < Math.min(last, list.offset + list.ids.length); index++) {
    const id = list.ids[index - list.offset];
    if (id !== undefined) shown.push({ id, index });
  }
  const tabStop = focused !== undefined && list.ids.includes(focused) ? focused : list.ids[0];
  if (!list.ready) return <div className="list-area" aria-busy="true" />;
  if (!anyDownloads) {
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
        aria-rowcount={list.total + 1}
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
          {list.total === 0 ? (
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
          <div role="rowgroup" className="list" style={{ height: list.total * height }}>
            {shown.map(({ id, index }) => (
              <DownloadRow key={id} id={id} index={index} top={index * height} tabStop={id === tabStop} />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
