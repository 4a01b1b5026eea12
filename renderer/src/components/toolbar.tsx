import { useEffect, useState } from 'react';
import { act, changeSettings, openAdd, pauseAll, remove, resumeAll, setFilter, setSearch, setSort } from '../store/actions.js';
import { type Filter, type Sort, useHaul } from '../store/store.js';

const FILTERS: readonly [Filter, string][] = [
  ['all', 'All'],
  ['active', 'Active'],
  ['queued', 'Queued'],
  ['completed', 'Completed'],
  ['failed', 'Failed'],
];

export function Toolbar({ onSettings }: { onSettings: () => void }) {
  const filter = useHaul((state) => state.filter);
  const sort = useHaul((state) => state.sort);
  const search = useHaul((state) => state.search);
  const globalLimit = useHaul((state) => state.settings?.globalLimit);
  const selected = useHaul((state) => state.selected);
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
      {selected.length > 1 ? (
        <span className="selection" role="group" aria-label={`${selected.length} selected`}>
          <button type="button" onClick={() => { act('pause', selected); }}>
            Pause selected
          </button>
          <button type="button" onClick={() => { act('resume', selected); }}>
            Resume selected
          </button>
          <button type="button" onClick={() => {
            act('retry', selected);
          }}>
            Retry selected
          </button>
          <button type="button" onClick={() => {
            act('cancel', selected);
          }}>
            Cancel selected
          </button>
          <button type="button" onClick={() => { remove(selected, false); }}>
            Remove selected
          </button>
        </span>
      ) : null}
      <nav aria-label="Filter" className="filters">
        {FILTERS.map(([value, label]) => (
          <button key={value} type="button" aria-pressed={filter === value} onClick={() => { setFilter(value); }}>
            {label}
          </button>
        ))}
      </nav>
      <select aria-label="Sort" value={sort} onChange={(event) => {
        setSort(event.target.value as Sort);
      }}>
        <option value="added">Sort: added</option>
        <option value="name">Sort: name</option>
        <option value="size">Sort: size</option>
        <option value="progress">Sort: progress</option>
      </select>
      <input type="search" aria-label="Search by name" placeholder="Search" value={search} onChange={(event) => { setSearch(event.target.value); }} />
      <button type="button" onClick={onSettings}>
        Settings
      </button>
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
