// The Add dialog: preview a pasted, dropped or picked list, probe its URLs, add what the person keeps.
import { toAria2Lines } from '../../../shared/to-aria2-lines.js';
import type { AddEntry } from '../../../shared/contract.js';
import { api, report } from './connection.js';
import { act } from './download-commands.js';
import { listChanged } from './list-window.js';
import { useHaul } from './store.js';
import { notify } from './ui-actions.js';

let previewSeq = 0;

/** Opens the Add dialog with `text` (pasted, dropped or typed) and previews it. */
export function openAdd(text = ''): void {
  useHaul.setState({ addDialog: { open: true, text, preview: undefined, probes: {}, unchecked: [] }, skipped: [] });
  void previewList(text);
}

export function closeAdd(): void {
  useHaul.setState({ addDialog: { open: false, text: '', preview: undefined, probes: {}, unchecked: [] } });
}

const PROBE_DELAY_MS = 400;
const PROBE_MAX = 200;
let probeTimer: ReturnType<typeof setTimeout> | undefined;

/** Once typing pauses, asks the engine about each new URL in the preview (size, resumable, name). */
function scheduleProbe(urls: readonly string[]): void {
  if (probeTimer !== undefined) clearTimeout(probeTimer);
  probeTimer = setTimeout(() => {
    const known = useHaul.getState().addDialog.probes;
    const fresh = urls.filter((url) => !(url in known));
    const wanted = fresh.slice(0, PROBE_MAX);
    // Past the limit a line is marked "not checked", never left "checking…" for ever.
    useHaul.setState((state) => ({ addDialog: { ...state.addDialog, unchecked: fresh.slice(PROBE_MAX) } }));
    if (wanted.length === 0) return;
    api()
      .call('probe', { urls: wanted })
      .then(({ results }) => {
        useHaul.setState((state) => {
          const probes = { ...state.addDialog.probes, ...Object.fromEntries(results.map((result) => [result.url, result])) };
          // A line the probe found broken (404, 503, unknown host) starts unticked.
          const broken = results.filter((result) => result.error !== undefined).map((result) => result.url);
          return { addDialog: { ...state.addDialog, probes }, skipped: [...new Set([...state.skipped, ...broken])] };
        });
      })
      .catch(report);
  }, PROBE_DELAY_MS);
}

export async function previewList(text: string): Promise<void> {
  const seq = ++previewSeq;
  useHaul.setState((state) => ({ addDialog: { ...state.addDialog, text } }));
  try {
    const preview = await api().call('parseList', { text });
    // Typing on while a parse is in flight: only the newest answer counts.
    if (seq === previewSeq) {
      useHaul.setState((state) => ({ addDialog: { ...state.addDialog, preview } }));
      scheduleProbe(preview.entries.map((entry) => entry.url));
    }
  } catch (error) {
    report(error);
  }
}

/**
 * A list file picked in the Add dialog: alone, its text is the preview; next to text already there,
 * it is parsed by its own format (a CSV's header must come first) and its entries appended in a
 * form that keeps their options. Its unusable lines are named in a notice.
 */
export async function addListFile(fileName: string, content: string): Promise<void> {
  const { text } = useHaul.getState().addDialog;
  if (text.trim() === '') {
    await previewList(content);
    return;
  }
  try {
    const parsed = await api().call('parseList', { text: content });
    if (parsed.invalid.length > 0)
      notify(
        `${fileName}: ${parsed.invalid.length} line${parsed.invalid.length === 1 ? '' : 's'} could not be used (line ${parsed.invalid[0]?.line ?? '?'}: ${parsed.invalid[0]?.reason ?? ''})`,
      );
    await previewList(`${text.replace(/\s+$/, '')}\n${toAria2Lines(parsed.entries)}`);
  } catch (error) {
    report(error);
  }
}

export async function addFromPreview(options: {
  dir?: string | undefined;
  limit?: number | undefined;
  connections?: number | 'auto' | undefined;
  /** Sent by every download added (the Advanced fields); a list line's own headers win. */
  headers?: Readonly<Record<string, string>> | undefined;
}): Promise<void> {
  const preview = useHaul.getState().addDialog.preview;
  if (preview === undefined) return;
  // What is already in the list is shown, not added twice; what the user unticked stays out.
  const { skipped } = useHaul.getState();
  // Already in the list as failed or cancelled: restarted instead of refused.
  const restart = preview.restartable.filter((item) => !skipped.includes(item.url)).map((item) => item.id);
  if (restart.length > 0) act('retry', restart);
  const fresh = preview.entries.filter((entry) => !preview.existing.includes(entry.url) && !skipped.includes(entry.url));
  if (fresh.length === 0) {
    if (restart.length > 0) closeAdd();
    return;
  }
  const entries: AddEntry[] = fresh.map((entry) => ({
    url: entry.url,
    name: entry.name,
    dir: entry.dir,
    checksum: entry.checksum === undefined ? undefined : `${entry.checksum.algorithm}=${entry.checksum.hex}`,
    headers: options.headers === undefined && entry.headers === undefined ? undefined : { ...options.headers, ...entry.headers },
  }));
  try {
    const result = await api().call('add', { entries, dir: options.dir, limit: options.limit, connections: options.connections });
    // The rows themselves come as events, and with the next page of the list.
    listChanged(0);
    closeAdd();
    if (result.rejectedCount > 0) {
      const more = result.rejectedCount > result.rejected.length ? `; and ${result.rejectedCount - result.rejected.length} more` : '';
      report(
        `${result.rejectedCount} not added: ${result.rejected
          .slice(0, 5)
          .map((r) => `${r.url} (${r.reason})`)
          .join('; ')}${more}`,
      );
    }
  } catch (error) {
    report(error);
  }
}
