import { useEffect, useRef, useState } from 'react';
import { addFromPreview, addListFile, closeAdd, previewList } from '../store/add-flow.js';
import { toggleEntry } from '../store/ui-actions.js';
import { useHaul } from '../store/store.js';
import { decodeText } from '../../../shared/decode-text.js';
import { formatBytes, parseLimit } from '../format.js';
import { ConnectionsSelect } from './connections-select.js';
import { type AdvancedFields, advancedHeaders } from '../header-lines.js';
import { Dialog } from './dialog.js';
import { hostOf } from '../../../shared/http-names.js';

/** Paste or drop any list format; the preview says what will be added and what cannot be, line by line. */
export function AddDialog() {
  const { open, text, preview, probes, unchecked } = useHaul((state) => state.addDialog);
  const [connections, setConnections] = useState<number | 'auto'>('auto');
  const skipped = useHaul((state) => state.skipped);
  const downloadDir = useHaul((state) => state.settings?.downloadDir ?? '');
  const [dir, setDir] = useState('');
  const [limit, setLimit] = useState('');
  const [advanced, setAdvanced] = useState<AdvancedFields>({ referer: '', userAgent: '', cookie: '', headers: '' });
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (open) area.current?.focus();
  }, [open]);
  if (!open) return null;
  // Already in the list as failed or cancelled: offered as a restart, not refused.
  const restartable = new Set(preview?.restartable.map((item) => item.url));
  const wanted =
    preview === undefined
      ? []
      : preview.entries.filter((entry) => (!preview.existing.includes(entry.url) || restartable.has(entry.url)) && !skipped.includes(entry.url));
  const count = wanted.length;
  const failedCheck = preview === undefined ? 0 : preview.entries.filter((entry) => probes[entry.url]?.error !== undefined).length;
  const notChecked = preview === undefined ? 0 : preview.entries.filter((entry) => unchecked.includes(entry.url)).length;
  // One table in the order of the text: what will be added, what cannot be, and why.
  const rows =
    preview === undefined
      ? []
      : [
          ...preview.entries.map((entry) => {
            const probe = probes[entry.url];
            const existing = preview.existing.includes(entry.url);
            const restart = existing && restartable.has(entry.url);
            const found =
              probe === undefined
                ? unchecked.includes(entry.url)
                  ? 'not checked'
                  : 'checking…'
                : probe.error !== undefined
                  ? probe.error
                  : [hostOf(entry.url, entry.url), formatBytes(probe.size), probe.resumable ? 'resumable' : 'not resumable'].join(' · ');
            return {
              key: `ok-${entry.line}-${entry.url}`,
              url: existing && !restart ? undefined : entry.url,
              line: entry.line,
              text: entry.name ?? probe?.name ?? nameOf(entry.url),
              note: restart ? 'in the list, failed or cancelled: will start again' : existing ? 'already in the list' : found,
              kind: existing && !restart ? 'existing' : probe?.error !== undefined ? 'invalid' : probe === undefined ? 'pending' : 'valid',
            };
          }),
          ...preview.invalid.map((problem) => ({
            key: `bad-${problem.line}-${problem.reason}`,
            url: undefined,
            line: problem.line,
            text: problem.text,
            note: problem.reason,
            kind: 'invalid',
          })),
          ...preview.duplicates.map((duplicate) => ({
            key: `dup-${duplicate.line}`,
            url: undefined,
            line: duplicate.line,
            text: duplicate.url,
            note: `duplicate of line ${duplicate.firstLine}`,
            kind: 'duplicate',
          })),
        ].sort((a, b) => a.line - b.line);
  const limitBytes = limit.trim() === '' ? undefined : parseLimit(limit);
  const limitBad = limit.trim() !== '' && limitBytes === undefined;
  const extra = advancedHeaders(advanced);
  const headerError = 'error' in extra ? extra.error : undefined;
  const field =
    (key: keyof AdvancedFields) =>
    (event: { target: { value: string } }): void => {
      setAdvanced({ ...advanced, [key]: event.target.value });
    };
  return (
    <Dialog
      title="Add downloads"
      onClose={closeAdd}
      closeLabel="Close"
      action={{
        label: `Add ${count} ${count === 1 ? 'download' : 'downloads'}`,
        disabled: count === 0 || limitBad || headerError !== undefined,
        why: limitBad ? 'The speed limit needs a number like 500K or 2M' : (headerError ?? (count === 0 ? 'Nothing to add yet' : undefined)),
        run: () =>
          void addFromPreview({
            dir: dir.trim() === '' ? undefined : dir.trim(),
            limit: limitBytes,
            connections,
            headers: 'headers' in extra ? extra.headers : undefined,
          }),
      }}
    >
      <label className="file-pick">
        Open a list file
        <input
          type="file"
          aria-label="Open a list file"
          accept=".txt,.csv,.list,.aria2,text/plain,text/csv,text/uri-list"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file !== undefined) void file.arrayBuffer().then((bytes) => addListFile(file.name, decodeText(new Uint8Array(bytes))));
          }}
        />
      </label>
      <label>
        URLs
        <textarea
          ref={area}
          aria-label="URLs"
          value={text}
          rows={6}
          placeholder="One URL per line, an aria2 input file, or CSV with a url column"
          onChange={(event) => void previewList(event.target.value)}
        />
      </label>
      <div className="fields">
        <label>
          Folder
          <input
            aria-label="Folder"
            value={dir}
            placeholder={downloadDir}
            onChange={(event) => {
              setDir(event.target.value);
            }}
          />
        </label>
        <ConnectionsSelect label="Connections" value={connections} onChange={setConnections} />
        <label>
          Speed limit
          <input
            aria-label="Speed limit for these downloads"
            aria-invalid={limitBad}
            value={limit}
            placeholder="none (500K, 2M…)"
            onChange={(event) => {
              setLimit(event.target.value);
            }}
          />
        </label>
      </div>
      <details className="advanced">
        <summary>Advanced: referer, user agent, cookies, headers</summary>
        <div className="fields">
          <label>
            Referer
            <input value={advanced.referer} spellCheck={false} placeholder="https://site.example/page" onChange={field('referer')} />
          </label>
          <label>
            User agent
            <input value={advanced.userAgent} spellCheck={false} placeholder="Haul/0.1" onChange={field('userAgent')} />
          </label>
        </div>
        <label>
          Cookie
          <input value={advanced.cookie} spellCheck={false} placeholder="name=value; other=value" onChange={field('cookie')} />
        </label>
        <label>
          More headers (one per line, Name: value)
          <textarea value={advanced.headers} rows={2} spellCheck={false} aria-invalid={headerError !== undefined} onChange={field('headers')} />
        </label>
        {headerError === undefined ? null : <span className="field-error">{headerError}</span>}
      </details>
      {preview === undefined || preview.entries.length === 0 ? null : (
        <p className="preview-summary" role="status">
          {count} to add
          {failedCheck > 0 ? `, ${failedCheck} failed the check (unticked)` : ''}
          {notChecked > 0 ? `, ${notChecked} not checked` : ''}
          {preview.invalid.length > 0 ? `, ${preview.invalid.length} unusable` : ''}
        </p>
      )}
      {rows.length > 0 ? (
        <table className="preview" aria-label="Preview">
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={row.kind}>
                <td>
                  {row.url === undefined ? null : (
                    <input
                      type="checkbox"
                      aria-label={`Add line ${row.line}`}
                      checked={!skipped.includes(row.url)}
                      onChange={() => {
                        toggleEntry(row.url ?? '');
                      }}
                    />
                  )}
                </td>
                <td className="line-number">{row.line}</td>
                <td className="line-name">{row.text}</td>
                <td className="line-note">{row.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Dialog>
  );
}

/** The file name a URL suggests, until the probe says what the server calls it. */
function nameOf(url: string): string {
  try {
    const last = new URL(url).pathname
      .split('/')
      .filter((part) => part !== '')
      .at(-1);
    return last === undefined ? url : decodeURIComponent(last);
  } catch {
    return url;
  }
}
