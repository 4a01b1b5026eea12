import { BrowserWindow, protocol, session, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { isGesture, mayOpenExternal } from './desktop/external-links.js';
import { APP_SCHEME, APP_URL, rendererResponse } from './desktop/renderer-files.js';

export const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));
/** The app's own pages: the IPC sender check accepts commands from these only. */
export const RENDERER_URL = APP_URL;
const PRELOAD = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

/** Before the app is ready: app:// is a standard, secure origin of its own ('self' matches it alone). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * The app's one window, locked down: isolated and sandboxed renderer without Node, our preload
 * only, served from app:// with its CSP as a header, no navigation away from our page, no new
 * windows, no permissions (camera, notifications…); a link opens in the browser only when it is
 * http(s) and the person just clicked. Started at login, it stays hidden (in the tray).
 */
export function createWindow(options: { show: boolean }): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  session.defaultSession.setPermissionCheckHandler(() => false);
  if (!protocol.isProtocolHandled(APP_SCHEME)) {
    protocol.handle(APP_SCHEME, async (request) => {
      const answer = await rendererResponse(RENDERER_DIR, request.url);
      return new Response(answer.body, { status: answer.status, headers: answer.headers });
    });
  }
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
  let lastGestureAt: number | undefined;
  window.webContents.on('input-event', (_event, input) => {
    if (isGesture(input.type)) lastGestureAt = Date.now();
  });
  window.webContents.on('will-navigate', (event) => {
    event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links the user clicks (a download's page) open in their browser, never in the app.
    if (mayOpenExternal(url, lastGestureAt, Date.now())) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (options.show) {
    window.once('ready-to-show', () => {
      window.show();
    });
  }
  void window.loadURL(`${APP_URL}index.html`);
  return window;
}

/**
 * App-wide hardening for every web contents Electron creates, ours or not: no <webview>, no
 * navigation, no new windows. The app's window adds its own rules on top.
 */
export function hardenAllWebContents(app: Electron.App): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
    });
    contents.on('will-navigate', (event) => {
      event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
