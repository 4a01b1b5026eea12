import type { OverallProgress } from './overall-progress.js';

/** Arguments for BrowserWindow.setProgressBar and app.setBadgeCount. */
export interface TaskbarProgress {
  /** -1 removes the bar; 0..1 a fraction; above 1 is indeterminate where the platform draws it. */
  readonly value: number;
  readonly mode: 'none' | 'normal' | 'indeterminate' | 'paused';
  /** Active downloads (transferring, connecting, retrying, verifying); 0 clears the badge. */
  readonly badge: number;
}

/** The taskbar/dock shows the overall progress while anything is under way, and nothing when idle. */
export function taskbarProgress(progress: OverallProgress): TaskbarProgress {
  const badge = progress.active;
  if (badge + progress.queued === 0) return { value: -1, mode: 'none', badge: 0 };
  if (progress.active === 0) return { value: progress.fraction ?? 0, mode: 'paused', badge };
  if (progress.fraction === undefined) return { value: 2, mode: 'indeterminate', badge };
  return { value: progress.fraction, mode: 'normal', badge };
}
