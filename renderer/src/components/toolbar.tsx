import { CirclePause, CirclePlay, Gauge, Pause, Play, Plus, RotateCw, Search, Settings, Trash2, X } from 'lucide-react';
import { useState } from 'react';
import { useShallow } from 'zustand/shallow';
import { canCancel, canPause, canResume, canRetry } from '../../../shared/download-status.js';
import { openAdd } from '../store/add-flow.js';
import { act, askPause, askRemove, pauseAll, resumeAll } from '../store/download-commands.js';
import { changeSettings, setSearch } from '../store/ui-actions.js';
import { useHaul } from '../store/store.js';
import { formatBytes, formatLimit, parseLimit } from '../format.js';
import { IconButton } from './icon-button.js';

/** The compact toolbar: Add, what applies to the selection, the search, the global limit and Settings. Never wraps at 800 px. */
export function Toolbar({ onSettings }: { onSettings: () => void }) {
  const search = useHaul((state) => state.search);
  const globalLimit = useHaul((state) => state.settings?.globalLimit);
  const selected = useHaul((state) => state.selected);
  // Shallow: a new array of the same statuses is no change (a progress batch must not re-render the toolbar).
  const statuses = useHaul(useShallow((state) => state.selected.map((id) => state.picked.get(id)?.status)));
  const [limit, setLimit] = useState(() => formatLimit(globalLimit));
  const [limitError, setLimitError] = useState<string | undefined>(undefined);
  // A limit changed elsewhere (Settings, another window) shows here: adjusted while rendering, not in an effect.
  const [shownLimit, setShownLimit] = useState(globalLimit);
  if (globalLimit !== shownLimit) {
    setShownLimit(globalLimit);
    setLimit(formatLimit(globalLimit));
  }
  const applyLimit = (): void => {
    const bytes = parseLimit(limit);
    if (bytes === undefined) {
      setLimitError('Use a number of KiB/s or units like 500K, 2M');
      return;
    }
    setLimitError(undefined);
    changeSettings({ globalLimit: bytes });
  };
  const any = (check: (status: NonNullable<(typeof statuses)[number]>) => boolean): boolean =>
    statuses.some((status) => status !== undefined && check(status));
  const which = selected.length > 1 ? `${selected.length} selected` : 'selected';
  return (
    <header className="toolbar">
      <button
        type="button"
        className="primary add"
        aria-label="Add downloads"
        title="Add downloads (paste or drop links anywhere)"
        onClick={() => {
          openAdd();
        }}
      >
        <Plus size={16} aria-hidden="true" />
        <span>Add</span>
      </button>
      <div className="tool-group" role="group" aria-label={selected.length > 0 ? which : 'Selection'}>
        <IconButton
          label="Resume selected"
          icon={Play}
          disabled={!any(canResume)}
          onClick={() => {
            act('resume', selected);
          }}
        />
        <IconButton
          label="Pause selected"
          icon={Pause}
          disabled={!any(canPause)}
          onClick={() => {
            askPause(selected);
          }}
        />
        <IconButton
          label="Retry selected"
          icon={RotateCw}
          disabled={!any(canRetry)}
          onClick={() => {
            act('retry', selected);
          }}
        />
        <IconButton
          label="Cancel selected"
          icon={X}
          disabled={!any(canCancel)}
          onClick={() => {
            act('cancel', selected);
          }}
        />
        <IconButton
          label="Remove selected"
          icon={Trash2}
          disabled={selected.length === 0}
          onClick={() => {
            askRemove(selected);
          }}
        />
      </div>
      <div className="tool-group" role="group" aria-label="Everything">
        <IconButton label="Resume all" icon={CirclePlay} onClick={resumeAll} />
        <IconButton label="Pause all" icon={CirclePause} onClick={pauseAll} />
      </div>
      <label className="search">
        <Search size={16} aria-hidden="true" />
        <input
          type="search"
          aria-label="Search by name"
          placeholder="Search"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
          }}
        />
      </label>
      <label
        className="limit"
        title={`Global speed limit${globalLimit === undefined || globalLimit === 0 ? ': none' : `: ${formatBytes(globalLimit)}/s`}`}
      >
        <Gauge size={16} aria-hidden="true" />
        <input
          aria-label="Global speed limit"
          aria-invalid={limitError !== undefined}
          aria-describedby={limitError === undefined ? undefined : 'limit-error'}
          placeholder="No limit"
          value={limit}
          onChange={(event) => {
            setLimit(event.target.value);
          }}
          onBlur={applyLimit}
          onKeyDown={(event) => {
            if (event.key === 'Enter') applyLimit();
          }}
        />
        {limitError === undefined ? null : (
          <span id="limit-error" role="alert" className="field-error">
            {limitError}
          </span>
        )}
      </label>
      <IconButton label="Settings" icon={Settings} onClick={onSettings} />
    </header>
  );
}
