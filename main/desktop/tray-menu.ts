import type { MenuItemConstructorOptions } from 'electron';
import type { DownloadCommands } from './app-menu.js';
import type { OverallProgress } from './overall-progress.js';

export interface TrayActions extends DownloadCommands {
  readonly show: () => void;
  readonly quit: () => void;
}

/** The tray menu's first line: counts only, so the menu is rebuilt when they change, not on every tick. */
export function trayStatus(progress: OverallProgress): string {
  const parts = [
    progress.active > 0 ? `${progress.active} downloading` : '',
    progress.queued > 0 ? `${progress.queued} queued` : '',
    progress.paused > 0 ? `${progress.paused} paused` : '',
    progress.failed > 0 ? `${progress.failed} failed` : '',
  ].filter((part) => part !== '');
  return parts.length === 0 ? 'Idle' : parts.join(' · ');
}

/** The tray icon's menu; its first line stands in for the tooltip on panels that show none (most Linux ones). */
export function trayMenuTemplate(progress: OverallProgress, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: trayStatus(progress), enabled: false },
    { type: 'separator' },
    { label: 'Show Haul', click: actions.show },
    { label: 'Add from Clipboard', click: actions.addFromClipboard },
    { type: 'separator' },
    { label: 'Pause All', enabled: progress.active + progress.queued > 0, click: actions.pauseAll },
    { label: 'Resume All', enabled: progress.paused > 0, click: actions.resumeAll },
    { type: 'separator' },
    { label: 'Quit Haul', click: actions.quit },
  ];
}
