import { Pause, Play, RotateCw, Trash2, X } from 'lucide-react';
import { memo } from 'react';
import { canCancel, canPause, canResume, canRetry, type DownloadStatus } from '../../../shared/download-status.js';
import { act, askPause, askRemove } from '../store/download-commands.js';
import { IconButton } from './icon-button.js';

/** A row's own buttons, by what its state allows; built only while the row shows them (hover, selection, focus). */
export const RowActions = memo(function RowActions({ id, status }: { id: string; status: DownloadStatus }) {
  return (
    <>
      {canResume(status) ? (
        <IconButton
          label="Resume"
          icon={Play}
          onClick={() => {
            act('resume', [id]);
          }}
        />
      ) : null}
      {canPause(status) ? (
        <IconButton
          label="Pause"
          icon={Pause}
          onClick={() => {
            askPause([id]);
          }}
        />
      ) : null}
      {canRetry(status) ? (
        <IconButton
          label={status === 'cancelled' ? 'Restart' : 'Retry'}
          icon={RotateCw}
          onClick={() => {
            act('retry', [id]);
          }}
        />
      ) : null}
      {canCancel(status) ? (
        <IconButton
          label="Cancel"
          icon={X}
          onClick={() => {
            act('cancel', [id]);
          }}
        />
      ) : null}
      <IconButton
        label="Remove"
        icon={Trash2}
        onClick={() => {
          askRemove([id]);
        }}
      />
    </>
  );
});
