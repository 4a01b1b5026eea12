import { PanelRightClose } from 'lucide-react';
import type { Segment } from '../../../shared/download-record.js';
import { describeError } from '../../../shared/describe-error.js';
import { redactUrl } from '../../../shared/printable.js';
import { closeDetails, resizeDetails } from '../store/ui-actions.js';
import { useHaul } from '../store/store.js';
import { displayName } from '../../../shared/display-name.js';
import { formatBytes, resumableText, statusText } from '../format.js';
import { IconButton } from './icon-button.js';
import { Sparkline } from './sparkline.js';
import { useNow } from '../use-now.js';

/** The file drawn as a bar: what each segment has done, and where each connection is now. */
function SegmentMap({ segments, total, live }: { segments: readonly Segment[]; total: number; live: boolean }) {
  const done = segments.reduce((sum, segment) => sum + segment.pos - segment.start, 0);
  return (
    <svg
      className="segment-map"
      viewBox="0 0 1000 16"
      preserveAspectRatio="none"
      role="img"
      aria-label={`Segment map: ${segments.length} segments, ${formatBytes(done)} of ${formatBytes(total)} done`}
    >
      <rect x="0" y="0" width="1000" height="16" className="map-empty" />
      {segments.map((segment) => (
        <g key={segment.start}>
          <rect
            x={(segment.start / total) * 1000}
            y="0"
            width={Math.max(0, ((segment.pos - segment.start) / total) * 1000)}
            height="16"
            className="map-done"
          />
          {live && segment.end !== undefined && segment.pos < segment.end ? (
            <rect x={(segment.pos / total) * 1000 - 1} y="0" width="2" height="16" className="map-head" />
          ) : null}
        </g>
      ))}
    </svg>
  );
}

/** Everything about the one selected download, in people's words first: state, resumability, where it goes, its map, speed and attempts. */
export function DetailsPanel() {
  const id = useHaul((state) => (state.selected.length === 1 ? state.selected[0] : undefined));
  const download = useHaul((state) => (id === undefined ? undefined : state.downloads.get(id)));
  const now = useNow();
  const open = useHaul((state) => state.detailsOpen);
  const width = useHaul((state) => state.detailsWidth);
  const history = useHaul((state) => (state.focusHistory.id === id ? state.focusHistory.samples : undefined));
  const attempts = useHaul((state) => state.settings?.retries);
  if (download === undefined || !open) return null;
  const name = displayName(download);
  const path = download.name === undefined ? undefined : `${download.dir}/${download.name}`;
  const error = download.error === undefined ? undefined : describeError(download.error, download.url);
  const transferring = download.status === 'downloading';
  return (
    <aside className="details" aria-label={`Details of ${name}`} style={{ width }}>
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize details"
        aria-valuemin={260}
        aria-valuemax={640}
        aria-valuenow={width}
        tabIndex={0}
        className="resizer"
        onKeyDown={(event) => {
          if (event.key === 'ArrowLeft') resizeDetails(width + 20);
          else if (event.key === 'ArrowRight') resizeDetails(width - 20);
        }}
        onPointerDown={(event) => {
          const startX = event.clientX;
          const startWidth = width;
          const move = (moved: PointerEvent): void => {
            resizeDetails(startWidth + startX - moved.clientX);
          };
          const up = (): void => {
            window.removeEventListener('pointermove', move);
            window.removeEventListener('pointerup', up);
          };
          window.addEventListener('pointermove', move);
          window.addEventListener('pointerup', up);
        }}
      />
      <div className="details-head">
        <h2>{name}</h2>
        <IconButton label="Close details" icon={PanelRightClose} onClick={closeDetails} />
      </div>
      <p className={`details-status status-${download.status}`}>{statusText(download, now)}</p>
      {error === undefined || download.status === 'completed' ? null : (
        <details className="error-detail">
          <summary>Technical detail</summary>
          <code>{error.detail}</code>
        </details>
      )}
      <dl>
        <dt>Resumable</dt>
        <dd>{resumableText(download)}</dd>
        <dt>Size</dt>
        <dd>
          {formatBytes(download.bytes)} of {formatBytes(download.total)}
        </dd>
        {download.status === 'retrying' || download.status === 'failed' ? (
          <>
            <dt>Attempt</dt>
            <dd>
              {download.attempts + 1}
              {attempts === undefined ? '' : ` of ${attempts}`}
            </dd>
          </>
        ) : null}
        <dt>Connections</dt>
        <dd>{download.liveConnections}</dd>
        <dt>Saved as</dt>
        <dd className="wrap">{path ?? `${download.dir}/…`}</dd>
        <dt>From</dt>
        <dd className="wrap">{redactUrl(download.url)}</dd>
        <dt>Checksum</dt>
        <dd className="wrap">
          {download.checksum === undefined
            ? 'none given'
            : `${download.checksum.algorithm} ${download.checksum.hex} — ${download.status === 'completed' ? 'verified' : download.error?.code === 'CHECKSUM_MISMATCH' ? 'mismatch' : 'checked when complete'}`}
        </dd>
        <dt>Validators</dt>
        <dd className="wrap">
          {[download.etag === undefined ? undefined : `ETag ${download.etag}`, download.lastModified]
            .filter((value) => value !== undefined)
            .join(' · ') || 'none'}
        </dd>
      </dl>
      {download.total !== undefined && download.total > 0 && download.segments.length > 0 ? (
        <>
          <h3>File map</h3>
          <SegmentMap segments={download.segments} total={download.total} live={transferring} />
        </>
      ) : null}
      {history !== undefined && history.length > 1 ? (
        <>
          <h3>Speed</h3>
          <Sparkline samples={history} label={`Speed of ${name} over the last minute`} className="speed-chart" />
        </>
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
