import { displayName } from '../../../shared/display-name.js';
import { answerConfirm, setConfirmDeleteFiles } from '../store/download-commands.js';
import { useHaul } from '../store/store.js';
import { Dialog } from './dialog.js';

const count = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The question before anything that could lose something: removing downloads, or pausing one that would start over. */
export function ConfirmDialog() {
  const confirm = useHaul((state) => state.confirm);
  const name = useHaul((state) => {
    const id = state.confirm?.ids[0];
    const download = id === undefined ? undefined : state.downloads.get(id);
    return download === undefined ? undefined : displayName(download);
  });
  if (confirm === undefined) return null;
  const close = (): void => {
    answerConfirm(false);
  };
  if (confirm.kind === 'remove') {
    const what = confirm.ids.length === 1 && name !== undefined ? `"${name}"` : count(confirm.ids.length, 'download');
    return (
      <Dialog
        title={`Remove ${what}?`}
        onClose={close}
        action={{
          label: confirm.deleteFiles ? 'Remove and delete files' : 'Remove',
          run: () => {
            answerConfirm(true);
          },
        }}
      >
        <p>{confirm.ids.length === 1 ? 'It leaves the list.' : 'They leave the list.'} Unfinished downloads stop.</p>
        <label className="check">
          <input
            type="checkbox"
            checked={confirm.deleteFiles}
            onChange={(event) => {
              setConfirmDeleteFiles(event.target.checked);
            }}
          />
          Also delete {confirm.ids.length === 1 ? 'its file' : 'their files'} from the disk
        </label>
      </Dialog>
    );
  }
  return (
    <Dialog
      title={`Pause ${count(confirm.unresumable.length, 'download')} that can't resume?`}
      onClose={close}
      action={{
        label: 'Pause anyway',
        run: () => {
          answerConfirm(true);
        },
      }}
    >
      <p>
        The server does not serve parts of {confirm.unresumable.length === 1 ? 'this file' : 'these files'}: after a pause,{' '}
        {confirm.unresumable.length === 1 ? 'it starts' : 'they start'} over from zero.
      </p>
    </Dialog>
  );
}
