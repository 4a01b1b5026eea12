import { useMemo, useRef, useState, useEffect } from 'react';
import { useHaul } from '../store/store.js';
import { visibleIds } from '../store/visible.js';
import { DownloadRow } from './download-row.js';

const ROW_HEIGHT = 72;
const OVERSCAN = 6;

/** Only the rows in view are in the DOM, so ten thousand downloads scroll like ten. */
export function DownloadList() {
  const order = useHaul((state) => state.order);
  const downloads = useHaul((state) => state.downloads);
  const filter = useHaul((state) => state.filter);
  const search = useHaul((state) => state.search);
  const sort = useHaul((state) => state.sort);
  const visible = useMemo(() => visibleIds({ order, downloads, filter, search, sort }), [order, downloads, filter, search, sort]);
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  useEffect(() => {
    const element = scroller.current;
    if (element === null) return undefined;
    const update = (): void => {
      setView({ top: element.scrollTop, height: element.clientHeight });
    };
    update();
    element.addEventListener('scroll', update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', update);
      observer.disconnect();
    };
  }, []);
  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(visible.length, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  return (
    <div className="list-scroller" ref={scroller}>
      {visible.length === 0 ? (
        <p className="empty">{order.length === 0 ? 'No downloads yet. Add some, paste links, or drop a list here.' : 'Nothing matches.'}</p>
      ) : null}
      <div role="list" aria-label="Downloads" className="list" style={{ height: visible.length * ROW_HEIGHT }}>
        {visible.slice(first, last).map((id, index) => (
          <DownloadRow key={id} id={id} top={(first + index) * ROW_HEIGHT} />
        ))}
      </div>
    </div>
  );
}
