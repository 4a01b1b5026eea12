import { formatBytes } from '../../shared/format-bytes.js';
import type { OverallProgress } from './overall-progress.js';

/** The tray icon's tooltip: what is under way at a glance (some platforms show one line only, so it leads with the essentials). */
export function trayTooltip(progress: OverallProgress): string {
  const { active, queued, paused, failed } = progress;
  if (active === 0 && queued === 0) {
    const rest = [paused > 0 ? `${paused} paused` : '', failed > 0 ? `${failed} failed` : ''].filter((part) => part !== '');
    return rest.length === 0 ? 'Haul: idle' : `Haul: ${rest.join(', ')}`;
  }
  const parts = [`${active} downloading`];
  if (progress.fraction !== undefined) parts.push(`${Math.floor(progress.fraction * 100)}%`);
  if (active > 0) parts.push(`${formatBytes(progress.speed)}/s`);
  if (queued > 0) parts.push(`${queued} queued`);
  if (failed > 0) parts.push(`${failed} failed`);
  return `Haul: ${parts.join(' · ')}`;
}
