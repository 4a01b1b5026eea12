import { useState } from 'react';
import type { Settings, Theme } from '../../../shared/contract.js';
import { changeSettings, chooseFolder } from '../store/ui-actions.js';
import { useHaul } from '../store/store.js';
import { ConnectionsSelect } from './connections-select.js';
import { Dialog } from './dialog.js';
import { SiteRulesEditor } from './site-rules-editor.js';
import { formatLimit, parseLimit } from '../format.js';

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
  // Settings saved meanwhile (another window, the tray) replace the draft: adjusted while rendering,
  // as React advises, not in an effect that would render twice.
  const [basis, setBasis] = useState(settings);
  if (settings !== basis) {
    setBasis(settings);
    setDraft(settings);
  }
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
          // A site added but never named is left out rather than refused.
          changeSettings({ ...draft, siteRules: draft.siteRules.filter((rule) => rule.host !== '') });
          onClose();
        },
      }}
    >
      <fieldset className="section">
        <legend>General</legend>
        <div className="folder-field">
          <label>
            Download folder
            <input
              value={draft.downloadDir}
              onChange={(event) => {
                set('downloadDir', event.target.value);
              }}
            />
          </label>
          {desktop ? (
            <button
              type="button"
              onClick={() => {
                void chooseFolder(draft.downloadDir).then((path) => {
                  if (path !== undefined) set('downloadDir', path);
                });
              }}
            >
              Choose…
            </button>
          ) : null}
        </div>
        <div className="fields">
          <label>
            Theme
            <select
              value={draft.theme}
              onChange={(event) => {
                set('theme', event.target.value as Theme);
              }}
            >
              <option value="system">System</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
          <label>
            List density
            <select
              value={draft.density}
              onChange={(event) => {
                set('density', event.target.value === 'comfortable' ? 'comfortable' : 'compact');
              }}
            >
              <option value="compact">Compact</option>
              <option value="comfortable">Comfortable</option>
            </select>
          </label>
        </div>
      </fieldset>
      <fieldset className="section">
        <legend>Connections</legend>
        <div className="fields">
          <WholeNumber
            label="Downloads at once"
            value={draft.maxConcurrent}
            min={1}
            onChange={(value) => {
              set('maxConcurrent', value);
            }}
          />
          <ConnectionsSelect
            label="Connections per download"
            value={draft.connections}
            onChange={(value) => {
              set('connections', value);
            }}
          />
          <WholeNumber
            label="Attempts per download"
            value={draft.retries}
            min={1}
            onChange={(value) => {
              set('retries', value);
            }}
          />
        </div>
      </fieldset>
      <fieldset className="section">
        <legend>Speed</legend>
        <RateField
          label="Speed limit (500K, 2M; empty = none)"
          value={draft.globalLimit}
          onChange={(value) => {
            set('globalLimit', value);
          }}
        />
      </fieldset>
      <fieldset className="section">
        <legend>Proxy and certificates</legend>
        <div className="fields">
          <label>
            Proxy
            <select
              value={draft.proxyMode}
              onChange={(event) => {
                const mode = event.target.value;
                set('proxyMode', mode === 'none' || mode === 'manual' ? mode : 'system');
              }}
            >
              <option value="system">{desktop ? 'System settings' : 'From the environment (HTTP_PROXY…)'}</option>
              <option value="none">None (connect directly)</option>
              <option value="manual">This proxy…</option>
            </select>
          </label>
          {draft.proxyMode === 'manual' ? (
            <label>
              Proxy address (http://, https:// or socks5://)
              <input
                value={draft.proxyUrl}
                placeholder="http://proxy.example:3128"
                spellCheck={false}
                onChange={(event) => {
                  set('proxyUrl', event.target.value);
                }}
              />
            </label>
          ) : null}
        </div>
        <label>
          Also trust the certificate authorities in (a PEM file; empty = only the system's)
          <input
            value={draft.caFile}
            spellCheck={false}
            onChange={(event) => {
              set('caFile', event.target.value);
            }}
          />
        </label>
      </fieldset>
      <fieldset className="section">
        <legend>Site rules</legend>
        <SiteRulesEditor
          rules={draft.siteRules}
          onChange={(rules) => {
            set('siteRules', rules);
          }}
        />
      </fieldset>
      {desktop ? (
        <fieldset className="checks">
          <legend>Desktop</legend>
          {DESKTOP_OPTIONS.map(([key, label]) => (
            <Check
              key={key}
              label={label}
              checked={draft[key]}
              onChange={(value) => {
                set(key, value);
              }}
            />
          ))}
        </fieldset>
      ) : null}
    </Dialog>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (value: boolean) => void }) {
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => {
          onChange(event.target.checked);
        }}
      />
      {label}
    </label>
  );
}

/** A speed field in the CLI's units (500K, 2M) or KiB/s; what does not parse is said next to it and changes nothing. */
function RateField({ label, value, onChange }: { label: string; value: number; onChange: (value: number) => void }) {
  const [text, setText] = useState(formatLimit(value));
  const [error, setError] = useState<string | undefined>(undefined);
  return (
    <label>
      {label}
      <input
        value={text}
        aria-invalid={error !== undefined}
        onChange={(event) => {
          setText(event.target.value);
          const bytes = parseLimit(event.target.value);
          setError(bytes === undefined ? 'use a number of KiB/s or units like 500K, 2M' : undefined);
          if (bytes !== undefined) onChange(bytes);
        }}
      />
      {error === undefined ? null : <span className="field-error">{error}</span>}
    </label>
  );
}

/** A whole-number field: text that is not a whole number changes nothing; below `min` counts as `min`. */
function WholeNumber({ label, value, min, onChange }: { label: string; value: number; min: number; onChange: (value: number) => void }) {
  return (
    <label>
      {label}
      <input
        inputMode="numeric"
        value={value}
        onChange={(event) => {
          const text = event.target.value;
          if (/^\d+$/.test(text)) onChange(Math.max(min, Number(text)));
        }}
      />
    </label>
  );
}
