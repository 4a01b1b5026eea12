import { useEffect, useState } from 'react';
import { changeSettings, openAdd, pauseAll, resumeAll, setFilter, setSearch } from '../store/actions.js';
import { type Filter, useHaul } from '../store/store.js';

const FILTERS: readonly [Filter, string][] = [
  ['all', 'All'],
  ['active', 'Active'],
  ['queued', 'Queued'],
  ['completed', 'Completed'],
  ['failed', 'Failed'],
];

export function Toolbar() {
  const filter = useHaul((state) => state.filter);
  const search = useHaul((state) => state.search);
  const globalLimit = useHaul((state) => state.settings?.globalLimit);
  const [limit, setLimit] = useState('');
  useEffect(() => {
    setLimit(globalLimit === undefined || globalLimit === 0 ? '' : String(Math.round(globalLimit / 1024)));
  }, [globalLimit]);
  const applyLimit = (): void => {
    const kib = limit.trim() === '' ? 0 : Number(limit);
    if (Number.isFinite(kib) && kib >= 0) changeSettings({ globalLimit: Math.round(kib * 1024) });
  };
  return (
    <header className="toolbar">
      <button type="button" className="primary" onClick={() => { openAdd(); }}>
        Add downloads
      </button>
      <button type="button" onClick={pauseAll}>
        Pause all
      </button>
      <button type="button" onClick={resumeAll}>
        Resume all
      </button>
      <nav aria-label="Filter" className="filters">
        {FILTERS.map(([value, label]) => (
          <button key={value} type="button" aria-pressed={filter === value} onClick={() => { setFilter(value); }}>
            {label}
          </button>
        ))}
      </nav>
      <input type="search" aria-label="Search by name" placeholder="Search" value={search} onChange={(event) => { setSearch(event.target.value); }} />
      <label className="limit">
        Speed limit (KiB/s)
        <input
          aria-label="Global speed limit"
          inputMode="numeric"
          placeholder="none"
          value={limit}
          onChange={(event) => { setLimit(event.target.value); }}
          onBlur={applyLimit}
          onKeyDown={(event) => {
            if (event.key === 'Enter') applyLimit();
          }}
        />
      </label>
    </header>
  );
}
