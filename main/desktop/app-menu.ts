import type { MenuItemConstructorOptions } from 'electron';

/** The commands both the application menu and the tray menu offer. */
export interface DownloadCommands {
  readonly addFromClipboard: () => void;
  readonly pauseAll: () => void;
  readonly resumeAll: () => void;
}

export interface MenuActions extends DownloadCommands {
  readonly addDownloads: () => void;
  readonly openSettings: () => void;
  readonly about: () => void;
}

/**
 * The application menu: the platform's standard roles (so Cut/Copy/Paste, Hide, Quit and their
 * shortcuts work as everywhere), Haul's own commands, About with the version. Developer tools
 * only in an unpackaged build.
 */
export function appMenuTemplate(options: { platform: NodeJS.Platform; packaged: boolean; actions: MenuActions }): MenuItemConstructorOptions[] {
  const { actions } = options;
  const mac = options.platform === 'darwin';
  const settings: MenuItemConstructorOptions = { label: mac ? 'Settings…' : 'Settings', accelerator: 'CmdOrCtrl+,', click: actions.openSettings };
  const about: MenuItemConstructorOptions = { label: 'About Haul', click: actions.about };
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: 'Haul',
      submenu: [
        about,
        { type: 'separator' },
        settings,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    {
      label: 'File',
      submenu: [
        { label: 'Add Downloads…', accelerator: 'CmdOrCtrl+N', click: actions.addDownloads },
        { label: 'Add from Clipboard', accelerator: 'CmdOrCtrl+Shift+V', click: actions.addFromClipboard },
        { type: 'separator' },
        ...(mac ? [{ role: 'close' } as const] : [settings, { type: 'separator' } as const, { role: 'quit' } as const]),
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...(options.packaged ? [] : [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const]),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Downloads',
      submenu: [
        { label: 'Pause All', click: actions.pauseAll },
        { label: 'Resume All', click: actions.resumeAll },
      ],
    },
    { role: 'windowMenu' },
  );
  if (!mac) template.push({ role: 'help', submenu: [about] });
  return template;
}
