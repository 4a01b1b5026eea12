import { useMemo } from 'react';
import { formatBytes } from '../format.js';
import { useHaul } from '../store/store.js';

export function StatusBar() {
  const downloads = useHaul((state) => state.downloads);
  const overall = useHaul((state) => state.overall);
  const counts = useMemo(() => {
    const result = { active: 0, queued: 0, completed: 0, failed: 0 };
    for (const download of Object.values(downloads)) {
      if (download.status === 'completed') result.completed++;
      else if (download.status === 'failed') result.failed++;
      else if (download.status === 'queued' || download.status === 'paused') result.queued++;
      else if (download.status !== 'cancelled') result.active++;
    }
    return result;
  }, [downloads]);
  const speed = counts.active === 0 ? 0 : (overall?.speed ?? 0);
  return (
    <footer className="status-bar" role="status" aria-label="Totals">
      <span>{formatBytes(Math.round(speed))}/s</span>
      <span>{counts.active} active</span>
      <span>{counts.queued} waiting</span>
      <span>{counts.completed} completed</span>
      <span>{counts.failed} failed</span>
    </footer>
  );
}
