import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  App,
  BrowserWindow,
  Clipboard,
  Dialog,
  Menu,
  MenuItemConstructorOptions,
  Notification,
  NotificationConstructorOptions,
  PowerSaveBlocker,
  Shell,
  Tray,
} from 'electron';
import type { Haul } from '../app/open-haul.js';
import type { DesktopRequest, Settings } from '../../shared/contract.js';
import type { DownloadStatus } from '../../shared/download-status.js';
import { appMenuTemplate, type DownloadCommands } from './app-menu.js';
import { ClipboardWatch } from './clipboard-watch.js';
import { hasInput, type LaunchRequest } from './launch-request.js';
import { autostartEntry, loginItemSettings } from './login-item.js';
import { NotificationBatcher } from './notification-batcher.js';
import { openablePath } from './openable-path.js';
import { type OverallProgress, overallProgress } from './overall-progress.js';
import { QUIT_BUTTON, quitPrompt } from './quit-prompt.js';
import { readLaunchLists } from './read-launch-lists.js';
import type { NotificationContent } from './summarize-finished.js';
import { taskbarProgress } from './taskbar-progress.js';
import { type TrayActions, trayMenuTemplate, trayStatus } from './tray-menu.js';
import { trayTooltip } from './tray-tooltip.js';

type TrayLike = Pick<Tray, 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>;
type NotificationLike = Pick<Notification, 'show' | 'on'>;

/** The parts of Electron the shell uses: the real module in the app, a fake in tests. */
export interface ShellElectron {
  readonly app: Pick<
    App,
    'setBadgeCount' | 'setLoginItemSettings' | 'getVersion' | 'setAboutPanelOptions' | 'showAboutPanel' | 'quit' | 'isPackaged'
  >;
  readonly Menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>;
  readonly Tray: new (image: string) => TrayLike;
  readonly Notification: { new (options: NotificationConstructorOptions): NotificationLike; isSupported(): boolean };
  readonly powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop'>;
  readonly clipboard: Pick<Clipboard, 'readText'>;
  readonly dialog: Pick<Dialog, 'showMessageBox'>;
  readonly shell: Pick<Shell, 'showItemInFolder'>;
}

export type ShellWindow = Pick<
  BrowserWindow,
  'show' | 'hide' | 'focus' | 'restore' | 'isMinimized' | 'isVisible' | 'isFocused' | 'setProgressBar' | 'isDestroyed'
>;

export interface DesktopShellOptions {
  readonly electron: ShellElectron;
  readonly window: ShellWindow;
  readonly haul: Haul;
  readonly platform: NodeJS.Platform;
  readonly trayIcon: string;
  /** What the login item starts (the AppImage's path when run as one). */
  readonly executable: string;
  /** Linux: ~/.config/autostart. */
  readonly autostartDir: string;
  readonly notifyQuietMs?: number;
}

const REFRESH_MS = 250;

/** Quitting: running, asking the user, pausing the engine, done. */
export type QuitPhase = 'running' | 'asking' | 'closing' | 'closed';

/**
 * Haul beside the user all day: tray icon and menu, taskbar/dock progress and badge, batched
 * notifications, keeping the machine awake, the login item, the clipboard watch, closing to the
 * tray and the quit question. The decisions are the pure modules next to this file; this wires
 * them to Electron and to the engine's events.
 */
export class DesktopShell {
  readonly #o: DesktopShellOptions;
  readonly #tray: TrayLike;
  readonly #trayActions: TrayActions;
  readonly #batcher: NotificationBatcher;
  readonly #clipboard: ClipboardWatch;
  /** What the tray and taskbar count, kept from the engine's events (no snapshot of 10,000 downloads per tick). */
  readonly #counted = new Map<string, { status: DownloadStatus; bytes: number; total: number | undefined }>();
  readonly #offs: (() => void)[] = [];
  #settings: Settings;
  #speed = 0;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #trayMenuKey = '';
  #trayTemplate: MenuItemConstructorOptions[] = [];
  #tooltip = '';
  #bar = '';
  #badge = -1;
  #blocker: number | undefined;
  #ready = false;
  #outbox: DesktopRequest[] = [];
  #phase: QuitPhase = 'running';
  #disposed = false;
  readonly #listeners = new Set<(request: DesktopRequest) => void>();

  constructor(options: DesktopShellOptions) {
    this.#o = options;
    const { electron, haul } = options;
    this.#settings = haul.settings();
    for (const download of haul.engine.list())
      this.#counted.set(download.id, { status: download.status, bytes: download.bytes, total: download.total });
    this.#batcher = new NotificationBatcher(
      (content) => {
        this.#notify(content);
      },
      { quietMs: options.notifyQuietMs },
    );
    this.#clipboard = new ClipboardWatch({
      readText: () => electron.clipboard.readText(),
      knownUrls: () => new Set(haul.engine.list().map((download) => download.url)),
      onOffer: (offer) => {
        this.#offer(offer);
      },
    });
    const commands: DownloadCommands = {
      addFromClipboard: () => {
        this.addFromClipboard();
      },
      pauseAll: () => {
        haul.engine.pauseAll();
      },
      resumeAll: () => {
        haul.engine.resumeAll();
      },
    };
    this.#trayActions = {
      ...commands,
      show: () => {
        this.showWindow();
      },
      quit: () => {
        electron.app.quit();
      },
    };
    electron.app.setAboutPanelOptions({ applicationName: 'Haul', applicationVersion: electron.app.getVersion(), copyright: 'MIT License' });
    electron.Menu.setApplicationMenu(
      electron.Menu.buildFromTemplate(
        appMenuTemplate({
          platform: options.platform,
          packaged: electron.app.isPackaged,
          actions: {
            ...commands,
            addDownloads: () => {
              this.#request({ kind: 'add', text: '', problems: [] });
            },
            openSettings: () => {
              this.#request({ kind: 'settings' });
            },
            about: () => {
              electron.app.showAboutPanel();
            },
          },
        }),
      ),
    );
    this.#tray = new electron.Tray(options.trayIcon);
    this.#tray.on('click', () => {
      this.showWindow();
    });
    this.#offs.push(
      haul.engine.on('state', (download) => {
        const before = this.#counted.get(download.id)?.status;
        this.#counted.set(download.id, { status: download.status, bytes: download.bytes, total: download.total });
        if (before !== download.status && (download.status === 'completed' || download.status === 'failed') && this.#settings.notifications) {
          this.#batcher.add({
            id: download.id,
            name: download.name ?? download.url,
            outcome: download.status,
            reason: download.status === 'failed' ? download.error?.message : undefined,
          });
        }
        this.#scheduleRefresh();
      }),
      haul.engine.on('progress', (batch) => {
        this.#speed = batch.overall.speed;
        for (const item of batch.items) {
          const counted = this.#counted.get(item.id);
          if (counted !== undefined) {
            counted.bytes = item.bytes;
            counted.total = item.total;
          }
        }
        this.#scheduleRefresh();
      }),
      haul.engine.on('removed', (id) => {
        this.#counted.delete(id);
        this.#scheduleRefresh();
      }),
      haul.onSettings((settings) => {
        this.#applySettings(settings, this.#settings);
      }),
    );
    // Applies the saved settings (clipboard watch, login item) and draws the first tray and taskbar state.
    this.#applySettings(this.#settings, undefined);
  }

  /** The UI has loaded (or reloaded): requests held until now go out. */
  rendererReady(): void {
    this.#ready = true;
    const held = this.#outbox;
    this.#outbox = [];
    for (const request of held) this.#deliver(request);
  }

  rendererGone(): void {
    this.#ready = false;
  }

  showWindow(): void {
    const { window } = this.#o;
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  /** A launch (the first, or a second one forwarded here): its URLs and lists open in the Add preview. */
  async handleLaunch(request: LaunchRequest): Promise<void> {
    if (hasInput(request)) {
      const { text, problems } = await readLaunchLists(request);
      this.#request({ kind: 'add', text, problems });
    } else if (!request.hidden) {
      this.showWindow();
    }
  }

  addFromClipboard(): void {
    let text = '';
    try {
      text = this.#o.electron.clipboard.readText();
    } catch {
      // An unreadable clipboard opens an empty preview to paste into.
    }
    this.#request({ kind: 'add', text, problems: [] });
  }

  /**
   * Closing the window: into the tray when the setting says so, else the same as quitting (which
   * may ask first). Returns whether the window may close now.
   */
  shouldCloseWindow(): boolean {
    if (this.#phase === 'closing' || this.#phase === 'closed') return true;
    if (this.#settings.closeToTray) this.#o.window.hide();
    else this.#o.electron.app.quit();
    return false;
  }

  /**
   * Electron's before-quit: returns whether to let it go on. With downloads under way it asks
   * first; once the user agrees (or nothing is under way) the engine pauses them cleanly (journal
   * flushed, files closed) so the next start resumes them, and then the app quits for real.
   */
  beforeQuit(): boolean {
    if (this.#phase === 'closed') return true;
    if (this.#phase !== 'running') return false;
    this.#phase = 'asking';
    void this.#confirmQuit().then(
      async (quit) => {
        if (quit) await this.#shutDown();
        else this.#phase = 'running';
      },
      async () => {
        await this.#shutDown();
      },
    );
    return false;
  }

  /** The session is ending (shutdown, logout): no question, a clean pause, then quit. */
  forceQuit(): void {
    if (this.#phase === 'running' || this.#phase === 'asking') void this.#shutDown();
  }

  get phase(): QuitPhase {
    return this.#phase;
  }

  /** The tray menu as last built (a tray has no DOM: end-to-end tests click its items through this). */
  get trayMenu(): readonly MenuItemConstructorOptions[] {
    return this.#trayTemplate;
  }

  /** Requests for the UI (held until it has loaded); returns the unsubscribe. */
  onRequest(listener: (request: DesktopRequest) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  refresh(): void {
    this.#refreshTimer = undefined;
    const progress = overallProgress(this.#counted.values(), this.#speed);
    this.#reflect(progress);
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const off of this.#offs.splice(0)) off();
    if (this.#refreshTimer !== undefined) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = undefined;
    this.#batcher.flush();
    this.#clipboard.stop();
    this.#keepAwake(false);
    this.#tray.destroy();
  }

  async #shutDown(): Promise<void> {
    this.#phase = 'closing';
    this.dispose();
    try {
      await this.#o.haul.close();
    } finally {
      this.#phase = 'closed';
      this.#o.electron.app.quit();
    }
  }

  async #confirmQuit(): Promise<boolean> {
    const progress = overallProgress(this.#counted.values());
    const prompt = quitPrompt(progress.active + progress.queued);
    if (prompt === undefined) return true;
    this.showWindow();
    const { response } = await this.#o.electron.dialog.showMessageBox({ ...prompt, buttons: [...prompt.buttons] });
    return response === QUIT_BUTTON;
  }

  #request(request: DesktopRequest): void {
    if (request.kind !== 'offer') this.showWindow();
    if (this.#ready) this.#deliver(request);
    else this.#outbox.push(request);
  }

  #deliver(request: DesktopRequest): void {
    for (const listener of this.#listeners) listener(request);
  }

  #offer(offer: { text: string; count: number }): void {
    const { window } = this.#o;
    if (!window.isDestroyed() && window.isVisible() && window.isFocused()) {
      this.#request({ kind: 'offer', ...offer });
      return;
    }
    this.#notify(
      {
        title: offer.count === 1 ? 'A link was copied' : `${offer.count} links were copied`,
        body: 'Click to review and add them to Haul.',
        reveal: undefined,
      },
      () => {
        this.#request({ kind: 'add', text: offer.text, problems: [] });
      },
    );
  }

  #notify(content: NotificationContent, onClick?: () => void): void {
    const { Notification } = this.#o.electron;
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: content.title, body: content.body, silent: false });
    notification.on('click', () => {
      if (onClick !== undefined) {
        onClick();
        return;
      }
      this.#reveal(content.reveal);
    });
    notification.show();
  }

  /** A notification names a download; the path comes from the engine's record, like every open. */
  #reveal(id: string | undefined): void {
    if (id !== undefined) {
      try {
        this.#o.electron.shell.showItemInFolder(openablePath(this.#o.haul.engine.get(id)));
        return;
      } catch {
        // Removed or no longer finished since: show the list instead.
      }
    }
    this.showWindow();
  }

  #scheduleRefresh(): void {
    this.#refreshTimer ??= setTimeout(() => {
      this.refresh();
    }, REFRESH_MS);
  }

  #reflect(progress: OverallProgress): void {
    const tooltip = trayTooltip(progress);
    if (tooltip !== this.#tooltip) {
      this.#tooltip = tooltip;
      this.#tray.setToolTip(tooltip);
    }
    const menuKey = `${trayStatus(progress)}|${progress.active + progress.queued > 0}|${progress.paused > 0}`;
    if (menuKey !== this.#trayMenuKey) {
      this.#trayMenuKey = menuKey;
      this.#trayTemplate = trayMenuTemplate(progress, this.#trayActions);
      this.#tray.setContextMenu(this.#o.electron.Menu.buildFromTemplate(this.#trayTemplate));
    }
    const taskbar = taskbarProgress(progress);
    const bar = `${taskbar.mode}:${taskbar.value.toFixed(3)}`;
    if (bar !== this.#bar && !this.#o.window.isDestroyed()) {
      this.#bar = bar;
      this.#o.window.setProgressBar(taskbar.value, { mode: taskbar.mode });
    }
    if (taskbar.badge !== this.#badge) {
      this.#badge = taskbar.badge;
      this.#o.electron.app.setBadgeCount(taskbar.badge);
    }
    this.#keepAwake(this.#settings.keepAwake && progress.active > 0);
  }

  #keepAwake(on: boolean): void {
    if (on && this.#blocker === undefined) this.#blocker = this.#o.electron.powerSaveBlocker.start('prevent-app-suspension');
    if (!on && this.#blocker !== undefined) {
      this.#o.electron.powerSaveBlocker.stop(this.#blocker);
      this.#blocker = undefined;
    }
  }

  #applySettings(settings: Settings, before: Settings | undefined): void {
    this.#settings = settings;
    if (!settings.notifications) this.#batcher.clear();
    if (settings.watchClipboard) this.#clipboard.start();
    else this.#clipboard.stop();
    // At start only an enabled login item is rewritten (the executable may have moved with an update).
    if (before === undefined ? settings.startAtLogin : settings.startAtLogin !== before.startAtLogin) {
      void this.#applyLoginItem(settings.startAtLogin).catch((error: unknown) => {
        this.#notify({
          title: 'Start at login',
          body: `Could not be changed: ${error instanceof Error ? error.message : String(error)}`,
          reveal: undefined,
        });
      });
    }
    this.refresh();
  }

  async #applyLoginItem(enabled: boolean): Promise<void> {
    if (this.#o.platform !== 'linux') {
      this.#o.electron.app.setLoginItemSettings(loginItemSettings(enabled));
      return;
    }
    const file = join(this.#o.autostartDir, 'haul.desktop');
    if (!enabled) {
      await rm(file, { force: true });
      return;
    }
    await mkdir(this.#o.autostartDir, { recursive: true });
    await writeFile(file, autostartEntry(this.#o.executable));
  }
}
