import { formatBytes } from '../format.js';

/** Speed over time as a small line: the newest sample on the right, scaled to the highest one shown. */
export function Sparkline({ samples, label, className }: { samples: readonly number[]; label: string; className?: string }) {
  const max = Math.max(1, ...samples);
  const step = samples.length > 1 ? 100 / (samples.length - 1) : 100;
  const points = samples.map((value, index) => `${(index * step).toFixed(1)},${(24 - (value / max) * 22).toFixed(1)}`).join(' ');
  return (
    <svg
      className={`sparkline${className === undefined ? '' : ` ${className}`}`}
      viewBox="0 0 100 24"
      preserveAspectRatio="none"
      role="img"
      aria-label={`${label}, peak ${formatBytes(Math.round(max))}/s`}
    >
      <polyline points={points} fill="none" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
