import { useEffect, useState } from 'react';
import type { Settings, Theme } from '../../../main/contract/contract.js';
import { changeSettings } from '../store/actions.js';
import { useHaul } from '../store/store.js';
import { ConnectionsSelect } from './connections-select.js';
import { Dialog } from './dialog.js';

type DesktopOption = 'closeToTray' | 'notifications' | 'keepAwake' | 'startAtLogin' | 'watchClipboard';

/** The desktop app's switches, in the order Settings shows them. */
const DESKTOP_OPTIONS: readonly (readonly [DesktopOption, string])[] = [
  ['closeToTray', 'Keep running in the tray when the window is closed'],
  ['notifications', 'Notify when downloads finish or fail'],
  ['keepAwake', 'Keep the computer awake while downloading'],
  ['startAtLogin', 'Start Haul at login (in the tray)'],
  ['watchClipboard', 'Offer to add links I copy'],
];

/** Download folder, queue, connections, speed, retries and theme: saved by the engine, applied live. */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const settings = useHaul((state) => state.settings);
  const desktop = useHaul((state) => state.desktop);
  const [draft, setDraft] = useState<Settings | undefined>(settings);
  useEffect(() => {
    setDraft(settings);
  }, [settings]);
  if (draft === undefined) return null;
  const set = <K extends keyof Settings>(key: K, value: Settings[K]): void => {
    setDraft({ ...draft, [key]: value });
  };
  return (
    <Dialog
      title="Settings"
      onClose={onClose}
      action={{
        label: 'Save',
        run: () => {
          changeSettings(draft);
          onClose();
        },
      }}
    >
        <label>
          Download folder
          <input value={draft.downloadDir} onChange={(event) => {
            set('downloadDir', event.target.value);
          }} />
        </label>
        <div className="fields">
          <WholeNumber label="Downloads at once" value={draft.maxConcurrent} min={1} onChange={(value) => {
            set('maxConcurrent', value);
          }} />
          <ConnectionsSelect
            label="Connections per download"
            value={draft.connections}
            onChange={(value) => {
              set('connections', value);
            }}
          />
        </div>
        <div className="fields">
          <WholeNumber label="Speed limit (KiB/s, 0 = none)" value={Math.round(draft.globalLimit / 1024)} min={0} onChange={(value) => {
            set('globalLimit', value * 1024);
          }} />
          <WholeNumber label="Attempts per download" value={draft.retries} min={1} onChange={(value) => {
            set('retries', value);
          }} />
          <label>
            Theme
            <select value={draft.theme} onChange={(event) => {
              set('theme', event.target.value as Theme);
            }}>
              <option value="system">System</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
        </div>
        {desktop ? (
          <fieldset className="checks">
            <legend>Desktop</legend>
            {DESKTOP_OPTIONS.map(([key, label]) => (
              <Check key={key} label={label} checked={draft[key]} onChange={(value) => {
                set(key, value);
              }} />
            ))}
          </fieldset>
        ) : null}
    </Dialog>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (value: boolean) => void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(event) => {
        onChange(event.target.checked);
      }} />
      {label}
    </label>
  );
}

/** A whole-number field: text that is not a whole number changes nothing; below `min` counts as `min`. */
function WholeNumber({ label, value, min, onChange }: { label: string; value: number; min: number; onChange: (value: number) => void }) {
  return (
    <label>
      {label}
      <input inputMode="numeric" value={value} onChange={(event) => {
        const text = event.target.value;
        if (/^\d+$/.test(text)) onChange(Math.max(min, Number(text)));
      }} />
    </label>
  );
}
