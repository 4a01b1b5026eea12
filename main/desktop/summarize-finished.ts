/** A download that just finished, as a notification tells of it. */
export interface Finished {
  readonly id: string;
  readonly name: string;
  readonly outcome: 'completed' | 'failed';
  readonly reason?: string | undefined;
}

export interface NotificationContent {
  readonly title: string;
  readonly body: string;
  /** The download whose file a click shows in its folder; undefined: a click shows the app. */
  readonly reveal: string | undefined;
}

const NAMES_SHOWN = 3;

/** One notification for everything that finished together: one line per kind, a few names, the count of the rest. */
export function summarizeFinished(items: readonly Finished[]): NotificationContent {
  const done = items.filter((item) => item.outcome === 'completed');
  const failed = items.filter((item) => item.outcome === 'failed');
  const reveal = done[0]?.id;
  if (items.length === 1) {
    const [only] = items;
    if (only === undefined) throw new Error('unreachable');
    return only.outcome === 'completed'
      ? { title: 'Download complete', body: only.name, reveal }
      : { title: 'Download failed', body: only.reason === undefined ? only.name : `${only.name}: ${only.reason}`, reveal };
  }
  const title =
    failed.length === 0
      ? `${done.length} downloads complete`
      : done.length === 0
        ? `${failed.length} downloads failed`
        : `${done.length} complete, ${failed.length} failed`;
  const lines = [];
  if (failed.length > 0) lines.push(`Failed: ${names(failed)}`);
  if (done.length > 0) lines.push(`${failed.length > 0 ? 'Complete: ' : ''}${names(done)}`);
  return { title, body: lines.join('\n'), reveal };
}

function names(items: readonly Finished[]): string {
  const shown = items.slice(0, NAMES_SHOWN).map((item) => item.name);
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}
