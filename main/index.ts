import { app, clipboard, dialog, ipcMain, Menu, Notification, powerMonitor, powerSaveBlocker, session, shell, Tray } from 'electron';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openHaul } from './app/open-haul.js';
import { DesktopShell } from './desktop/desktop-shell.js';
import { decodeLaunchData, encodeLaunchData, hasInput, type LaunchRequest, parseLaunchArgs, userArgs } from './desktop/launch-request.js';
import { registerIpc } from './ipc/register-ipc.js';
import { createWindow, hardenAllWebContents, registerAppScheme, RENDERER_URL } from './window.js';

const ASSETS = fileURLToPath(new URL('../assets/', import.meta.url));

/** The desktop app: one instance, the engine in this (main) process, the UI in one locked-down window, Haul in the tray. */
async function main(): Promise<void> {
  // Tests run the app on a throwaway profile; the single-instance lock lives in the profile.
  if (process.env.HAUL_USER_DATA !== undefined) app.setPath('userData', process.env.HAUL_USER_DATA);
  const launch = { argv: userArgs(process.argv, app.isPackaged), cwd: process.cwd() };
  if (!app.requestSingleInstanceLock(encodeLaunchData(launch))) {
    // Another Haul runs: it got our arguments (second-instance) and shows itself.
    app.quit();
    return;
  }
  const first = parseLaunchArgs(launch.argv, launch.cwd);
  // The first launch's own URLs and lists (the window shows itself once it has painted).
  const launches: LaunchRequest[] = hasInput(first) ? [first] : [];
  // Second launches can arrive while the engine opens: held until the shell is up.
  const shellRef: { current?: DesktopShell } = {};
  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    // Our own launcher's data when it is there (Chromium rewrites argv on Windows); argv otherwise.
    const data = decodeLaunchData(additionalData) ?? { argv: userArgs(argv, app.isPackaged), cwd: workingDirectory };
    const request = { ...parseLaunchArgs(data.argv, data.cwd), hidden: false };
    if (shellRef.current === undefined) launches.push(request);
    else void shellRef.current.handleLaunch(request);
  });
  // macOS: a list dropped on the dock icon or opened with Haul (it can come before ready).
  app.on('open-file', (event, path) => {
    event.preventDefault();
    const request = parseLaunchArgs([path], '/');
    if (shellRef.current === undefined) launches.push(request);
    else void shellRef.current.handleLaunch(request);
  });
  await app.whenReady();
  const desktop = {
    openPath: async (path: string): Promise<void> => {
      const problem = await shell.openPath(path);
      if (problem !== '') throw new Error(problem);
    },
    showItemInFolder: (path: string): void => {
      shell.showItemInFolder(path);
    },
    chooseFolder: async (current: string | undefined): Promise<string | undefined> => {
      const answer = await dialog.showOpenDialog({
        title: 'Download folder',
        defaultPath: current,
        properties: ['openDirectory', 'createDirectory'],
      });
      return answer.canceled ? undefined : answer.filePaths[0];
    },
    confirmOpenProgram: async (path: string, from: string): Promise<boolean> => {
      const answer = await dialog.showMessageBox({
        type: 'warning',
        buttons: ['Open', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        title: 'Open a program?',
        message: `${basename(path)} is a program downloaded from ${from}.`,
        detail: 'Open it only if you trust where it came from.',
      });
      return answer.response === 0;
    },
  };
  const haul = await openHaul(join(app.getPath('userData'), 'engine'), {
    defaults: { downloadDir: app.getPath('downloads') },
    desktop,
    // The OS's proxy settings, PAC files included, as Chromium itself would use them.
    resolveProxy: (url) => session.defaultSession.resolveProxy(url),
  });
  const hidden = first.hidden || (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  const window = createWindow({ show: !hidden });
  const desktopShell = new DesktopShell({
    electron: { app, Menu, Tray, Notification, powerSaveBlocker, clipboard, dialog, shell },
    window,
    haul,
    platform: process.platform,
    trayIcon: join(ASSETS, process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'),
    executable: process.env.APPIMAGE ?? process.execPath,
    autostartDir: join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'autostart'),
  });
  shellRef.current = desktopShell;
  // On a test profile, end-to-end tests reach the tray (which has no DOM) through this.
  if (process.env.HAUL_USER_DATA !== undefined) Object.assign(globalThis, { haulDesktopShell: desktopShell });
  const unregister = registerIpc({ ipcMain, webContents: window.webContents, rendererUrl: RENDERER_URL }, haul.handlers, (send) => {
    const offs = [
      haul.subscribe(send),
      desktopShell.onRequest((request) => {
        send({ type: 'desktop', payload: request });
      }),
    ];
    return () => {
      for (const off of offs) off();
    };
  });
  window.webContents.on('did-start-loading', () => {
    desktopShell.rendererGone();
  });
  window.webContents.on('did-finish-load', () => {
    desktopShell.rendererReady();
  });
  window.on('close', (event) => {
    if (!desktopShell.shouldCloseWindow()) event.preventDefault();
  });
  window.on('closed', unregister);
  // Windows ends the session through the window; Linux and macOS through powerMonitor.
  window.on('session-end', () => {
    desktopShell.forceQuit();
  });
  powerMonitor.on('shutdown', () => {
    desktopShell.forceQuit();
  });
  app.on('activate', () => {
    desktopShell.showWindow();
  });
  app.on('before-quit', (event) => {
    if (!desktopShell.beforeQuit()) event.preventDefault();
  });
  for (const request of launches.splice(0)) void desktopShell.handleLaunch(request);
}

// Both must happen before the app is ready: the scheme's privileges, and the rules every web contents gets at birth.
registerAppScheme();
hardenAllWebContents(app);

main().catch((error: unknown) => {
  console.error(error);
  app.exit(1);
});
