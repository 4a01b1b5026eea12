import {
  Activity,
  AppWindow,
  CircleAlert,
  CircleCheck,
  Clock,
  File,
  FileArchive,
  FileAudio,
  FileImage,
  FileText,
  FileVideo,
  Layers,
  type LucideIcon,
} from 'lucide-react';
import { setView } from '../store/ui-actions.js';
import { useHaul, type View } from '../store/store.js';

const STATES: readonly [View, string, LucideIcon][] = [
  ['all', 'All', Layers],
  ['active', 'Active', Activity],
  ['queued', 'Queued', Clock],
  ['completed', 'Completed', CircleCheck],
  ['failed', 'Failed', CircleAlert],
];

export const KIND_ICONS: readonly [View, string, LucideIcon][] = [
  ['documents', 'Documents', FileText],
  ['archives', 'Archives', FileArchive],
  ['video', 'Video', FileVideo],
  ['audio', 'Audio', FileAudio],
  ['images', 'Images', FileImage],
  ['programs', 'Programs', AppWindow],
  ['other', 'Other', File],
];

/** The views, by state and by kind of file, each with its live count. */
export function Sidebar() {
  const view = useHaul((state) => state.view);
  const counts = useHaul((state) => state.counts);
  const item = ([value, label, Icon]: readonly [View, string, LucideIcon]) => (
    <li key={value}>
      <button
        type="button"
        className="view"
        aria-pressed={view === value}
        onClick={() => {
          setView(value);
        }}
      >
        <Icon size={16} aria-hidden="true" />
        <span className="view-label">{label}</span>
        <span className="count">{counts[value]}</span>
      </button>
    </li>
  );
  return (
    <nav className="sidebar" aria-label="Views">
      <ul aria-label="By state">{STATES.map(item)}</ul>
      <h2 className="sidebar-heading">Types</h2>
      <ul aria-label="By type">{KIND_ICONS.map(item)}</ul>
    </nav>
  );
}
