import { BrowserWindow, session, shell } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));
export const RENDERER_URL = pathToFileURL(RENDERER_DIR).href;
const PRELOAD = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

/**
 * The app's one window, locked down: isolated and sandboxed renderer without Node, our preload
 * only, no navigation away from our page, no new windows, no permissions (camera, notifications…).
 * The page's CSP (script-src 'self') is in its own <meta>. Started at login, it stays hidden (in the tray).
 */
export function createWindow(options: { show: boolean }): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  session.defaultSession.setPermissionCheckHandler(() => false);
  const window = new BrowserWindow({
    width: 1100,
    height: 720,
    minWidth: 640,
    minHeight: 400,
    title: 'Haul',
    icon: fileURLToPath(new URL('../assets/icon.png', import.meta.url)),
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.webContents.on('will-navigate', (event) => {
    event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links the user clicks (a download's page) open in their browser, never in the app.
    if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (options.show) {
    window.once('ready-to-show', () => {
      window.show();
    });
  }
  void window.loadFile(fileURLToPath(new URL('index.html', RENDERER_URL)));
  return window;
}
