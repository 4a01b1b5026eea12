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
  const whole = (text: string, fallback: number): number => (/^\d+$/.test(text) ? Number(text) : fallback);
  return (
    <Dialog title="Settings" onClose={onClose}>
        <label>
          Download folder
          <input value={draft.downloadDir} onChange={(event) => {
            set('downloadDir', event.target.value);
          }} />
        </label>
        <div className="fields">
          <label>
            Downloads at once
            <input inputMode="numeric" value={draft.maxConcurrent} onChange={(event) => {
              set('maxConcurrent', Math.max(1, whole(event.target.value, draft.maxConcurrent)));
            }} />
          </label>
          <ConnectionsSelect
            label="Connections per download"
            value={draft.connections}
            onChange={(value) => {
              set('connections', value);
            }}
          />
        </div>
        <div className="fields">
          <label>
            Speed limit (KiB/s, 0 = none)
            <input inputMode="numeric" value={Math.round(draft.globalLimit / 1024)} onChange={(event) => {
              set('globalLimit', whole(event.target.value, draft.globalLimit / 1024) * 1024);
            }} />
          </label>
          <label>
            Attempts per download
            <input inputMode="numeric" value={draft.retries} onChange={(event) => {
              set('retries', Math.max(1, whole(event.target.value, draft.retries)));
            }} />
          </label>
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
        <div className="buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => {
              changeSettings(draft);
              onClose();
            }}
          >
            Save
          </button>
        </div>
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
