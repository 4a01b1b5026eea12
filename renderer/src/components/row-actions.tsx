import { type LucideIcon, Pause, Play, RotateCw, Trash2, X } from 'lucide-react';
import { memo } from 'react';
import { canCancel, canPause, canResume, canRetry, type DownloadStatus } from '../../../shared/download-status.js';
import { act, askPause, askRemove, type IdCommand } from '../store/download-commands.js';
import { IconButton } from './icon-button.js';

interface RowAction {
  readonly allowed: (status: DownloadStatus) => boolean;
  readonly label: (status: DownloadStatus) => string;
  readonly icon: LucideIcon;
  readonly run: (ids: readonly string[]) => void;
}

const acting =
  (command: IdCommand): RowAction['run'] =>
  (ids) => {
    act(command, ids);
  };

/** A row's buttons in the order they show, each where the download's state allows it. */
const ACTIONS: readonly RowAction[] = [
  { allowed: canResume, label: () => 'Resume', icon: Play, run: acting('resume') },
  { allowed: canPause, label: () => 'Pause', icon: Pause, run: askPause },
  { allowed: canRetry, label: (status) => (status === 'cancelled' ? 'Restart' : 'Retry'), icon: RotateCw, run: acting('retry') },
  { allowed: canCancel, label: () => 'Cancel', icon: X, run: acting('cancel') },
  { allowed: () => true, label: () => 'Remove', icon: Trash2, run: askRemove },
];

/** A row's own buttons, by what its state allows; built only while the row shows them (hover, selection, focus). */
export const RowActions = memo(function RowActions({ id, status }: { id: string; status: DownloadStatus }) {
  return ACTIONS.filter((action) => action.allowed(status)).map((action) => {
    const label = action.label(status);
    return (
      <IconButton
        key={label}
        label={label}
        icon={action.icon}
        onClick={() => {
          action.run([id]);
        }}
      />
    );
  });
});
