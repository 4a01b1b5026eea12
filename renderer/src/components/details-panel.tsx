import { useRef } from 'react';
import type { Segment } from '../../../main/engine/download-record.js';
import { redactUrl } from '../../../main/engine/printable.js';
import { formatBytes, statusText, displayName } from '../format.js';
import { useHaul } from '../store/store.js';

/** Bytes per second of each segment (by start), from the last two progress samples seen. */
function useSegmentSpeeds(id: string | undefined, segments: readonly Segment[]): Map<number, number> {
  const previous = useRef<{ id: string | undefined; at: number; pos: Map<number, number>; speeds: Map<number, number> }>({ id: undefined, at: 0, pos: new Map(), speeds: new Map() });
  const now = performance.now();
  const last = previous.current;
  const key = segments.map((segment) => `${segment.start}:${segment.pos}`).join(',');
  if (last.id !== id) previous.current = { id, at: now, pos: new Map(segments.map((segment) => [segment.start, segment.pos])), speeds: new Map() };
  else if (key !== [...last.pos].map(([start, pos]) => `${start}:${pos}`).join(',') && now > last.at) {
    const seconds = (now - last.at) / 1000;
    const speeds = new Map(segments.map((segment) => [segment.start, Math.max(0, (segment.pos - (last.pos.get(segment.start) ?? segment.pos)) / seconds)]));
    previous.current = { id, at: now, pos: new Map(segments.map((segment) => [segment.start, segment.pos])), speeds };
  }
  return previous.current.speeds;
}

/** Everything about the one selected download: where it goes, how it is checked, each connection's share, and what went wrong. */
export function DetailsPanel() {
  const id = useHaul((state) => (state.selected.length === 1 ? state.selected[0] : undefined));
  const download = useHaul((state) => (id === undefined ? undefined : state.downloads[id]));
  const speeds = useSegmentSpeeds(id, download?.segments ?? []);
  if (download === undefined) return null;
  const name = displayName(download);
  const path = download.name === undefined ? undefined : `${download.dir}/${download.name}`;
  return (
    <aside className="details" aria-label={`Details of ${name}`}>
      <h2>{name}</h2>
      <dl>
        <dt>Status</dt>
        <dd>{statusText(download, Date.now())}</dd>
        <dt>URL</dt>
        <dd className="wrap">{redactUrl(download.url)}</dd>
        <dt>Saved as</dt>
        <dd className="wrap">{path ?? `${download.dir}/…`}</dd>
        <dt>Size</dt>
        <dd>
          {formatBytes(download.bytes)} of {formatBytes(download.total)}
        </dd>
        <dt>Validators</dt>
        <dd className="wrap">{[download.etag === undefined ? undefined : `ETag ${download.etag}`, download.lastModified].filter((v) => v !== undefined).join(' · ') || 'none'}</dd>
        <dt>Checksum</dt>
        <dd className="wrap">
          {download.checksum === undefined
            ? 'none given'
            : `${download.checksum.algorithm} ${download.checksum.hex} — ${download.status === 'completed' ? 'verified' : download.error?.code === 'CHECKSUM_MISMATCH' ? 'mismatch' : 'checked when complete'}`}
        </dd>
        <dt>Connections</dt>
        <dd>{download.liveConnections}</dd>
      </dl>
      {download.segments.length > 0 ? (
        <table className="segments" aria-label="Segments">
          <thead>
            <tr>
              <th>Range</th>
              <th>Done</th>
              <th>Speed</th>
            </tr>
          </thead>
          <tbody>
            {download.segments.map((segment) => (
              <tr key={segment.start}>
                <td>
                  {segment.start}–{segment.end === undefined ? '?' : segment.end - 1}
                </td>
                <td>
                  {formatBytes(segment.pos - segment.start)}
                  {segment.end === undefined ? '' : ` / ${formatBytes(segment.end - segment.start)}`}
                </td>
                <td>{download.status === 'downloading' && segment.pos !== segment.end ? `${formatBytes(Math.round(speeds.get(segment.start) ?? 0))}/s` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h3>Attempts</h3>
      {download.log === undefined || download.log.length === 0 ? (
        <p className="muted">No failed attempts.</p>
      ) : (
        <ol className="log" aria-label="Attempt log">
          {download.log.map((entry) => (
            <li key={`${entry.at}-${entry.message}`}>
              <time dateTime={new Date(entry.at).toISOString()}>{new Date(entry.at).toLocaleTimeString()}</time> {entry.message}
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
