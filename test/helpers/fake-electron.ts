import type { MenuItemConstructorOptions, NotificationConstructorOptions } from 'electron';
import type { ShellElectron, ShellWindow } from '../../main/desktop/desktop-shell.js';

export interface FakeNotification {
  readonly options: NotificationConstructorOptions;
  shown: boolean;
  click(): void;
}

export interface FakeTray {
  tooltip: string;
  menu: MenuItemConstructorOptions[];
  destroyed: boolean;
  click(): void;
}

/**
 * Electron's main-process modules as far as the desktop shell uses them, recording every call:
 * a mock for the thin wiring only (the engine, files and servers in these tests are real).
 */
export function fakeElectron(options: { clipboard?: string; answer?: number; notificationsSupported?: boolean } = {}) {
  const notifications: FakeNotification[] = [];
  const trays: FakeTray[] = [];
  const progressBars: { value: number; mode: string | undefined }[] = [];
  const badges: number[] = [];
  const blockers = { started: 0, stopped: 0, active: new Set<number>() };
  const loginItems: unknown[] = [];
  const dialogs: { message?: string }[] = [];
  const shown: string[] = [];
  const state = {
    clipboard: options.clipboard ?? '',
    answer: options.answer ?? 0,
    quits: 0,
    visible: true,
    focused: true,
    hides: 0,
    shows: 0,
    appMenu: [] as MenuItemConstructorOptions[],
  };
  let nextBlocker = 1;
  /** What a tray icon and a notification share: a 'click' the test can fire. */
  class Clickable {
    #onClick: (() => void) | undefined;
    on(event: string, listener: () => void): this {
      if (event === 'click') this.#onClick = listener;
      return this;
    }
    click(): void {
      this.#onClick?.();
    }
  }
  class Tray extends Clickable implements FakeTray {
    tooltip = '';
    menu: MenuItemConstructorOptions[] = [];
    destroyed = false;
    constructor(readonly image: string) {
      super();
      trays.push(this);
    }
    setToolTip(text: string): void {
      this.tooltip = text;
    }
    setContextMenu(menu: { template: MenuItemConstructorOptions[] }): void {
      this.menu = menu.template;
    }
    destroy(): void {
      this.destroyed = true;
    }
  }
  class Notification extends Clickable implements FakeNotification {
    shown = false;
    constructor(readonly options: NotificationConstructorOptions) {
      super();
      notifications.push(this);
    }
    static isSupported(): boolean {
      return options.notificationsSupported ?? true;
    }
    show(): void {
      this.shown = true;
    }
  }
  const electron = {
    app: {
      isPackaged: false,
      getVersion: () => '9.9.9',
      setAboutPanelOptions: () => undefined,
      showAboutPanel: () => undefined,
      setBadgeCount: (count: number) => badges.push(count) > 0,
      setLoginItemSettings: (settings: unknown) => {
        loginItems.push(settings);
      },
      quit: () => {
        state.quits++;
      },
    },
    // A built menu is its template, so tests can find items and click them.
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }),
      setApplicationMenu: (menu: { template: MenuItemConstructorOptions[] } | null) => {
        state.appMenu = menu?.template ?? [];
      },
    },
    Tray,
    Notification,
    powerSaveBlocker: {
      start: () => {
        blockers.started++;
        const id = nextBlocker++;
        blockers.active.add(id);
        return id;
      },
      stop: (id: number) => {
        blockers.stopped++;
        blockers.active.delete(id);
      },
    },
    clipboard: { readText: () => state.clipboard },
    dialog: {
      showMessageBox: (box: { message?: string }) => {
        dialogs.push(box);
        return Promise.resolve({ response: state.answer, checkboxChecked: false });
      },
    },
    shell: {
      showItemInFolder: (path: string) => {
        shown.push(path);
      },
    },
  };
  const window = {
    show: () => {
      state.visible = true;
      state.shows++;
    },
    hide: () => {
      state.visible = false;
      state.hides++;
    },
    focus: () => {
      state.focused = true;
    },
    restore: () => undefined,
    isMinimized: () => false,
    isVisible: () => state.visible,
    isFocused: () => state.focused && state.visible,
    isDestroyed: () => false,
    setProgressBar: (value: number, options?: { mode?: string }) => {
      progressBars.push({ value, mode: options?.mode });
    },
  };
  return {
    electron: electron as unknown as ShellElectron,
    window: window as unknown as ShellWindow,
    state,
    notifications,
    trays,
    progressBars,
    badges,
    blockers,
    loginItems,
    dialogs,
    shown,
  };
}

/** Clicks the menu item with this label (searching submenus), as the user would. */
export function clickMenuItem(template: readonly MenuItemConstructorOptions[], label: string): void {
  const item = findMenuItem(template, label);
  if (item?.click === undefined) throw new Error(`no menu item "${label}"`);
  if (item.enabled === false) throw new Error(`menu item "${label}" is disabled`);
  (item.click as () => void)();
}

export function findMenuItem(template: readonly MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined {
  for (const item of template) {
    if (item.label === label) return item;
    if (Array.isArray(item.submenu)) {
      const found = findMenuItem(item.submenu, label);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
