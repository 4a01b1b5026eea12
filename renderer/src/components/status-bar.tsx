import { formatBytes } from '../format.js';
import { useHaul } from '../store/store.js';
import { Sparkline } from './sparkline.js';

/** Overall speed with its last minute, the counts, and the global limit. */
export function StatusBar() {
  const overall = useHaul((state) => state.overall);
  const history = useHaul((state) => state.speedHistory);
  const limit = useHaul((state) => state.settings?.globalLimit);
  const lost = useHaul((state) => state.connection === 'lost');
  const counts = useHaul((state) => state.counts);
  const speed = counts.active === 0 || lost ? 0 : (overall?.speed ?? 0);
  return (
    <footer className="status-bar" role="status" aria-label="Totals">
      <span className={lost ? 'frozen' : ''}>↓ {lost ? '—' : `${formatBytes(Math.round(speed))}/s`}</span>
      {history.length > 1 ? <Sparkline samples={history} label="Overall speed over the last minute" /> : null}
      <span>{counts.active} active</span>
      <span>{counts.queued} waiting</span>
      <span>{counts.completed} completed</span>
      <span>{counts.failed} failed</span>
      <span className="status-limit">Limit: {limit === undefined || limit === 0 ? 'none' : `${formatBytes(limit)}/s`}</span>
    </footer>
  );
}
