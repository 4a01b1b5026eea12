import { HIDDEN_FLAG } from './launch-request.js';

/** app.setLoginItemSettings for Windows and macOS: start at login, in the tray. */
export function loginItemSettings(enabled: boolean): { openAtLogin: boolean; openAsHidden: boolean; args: string[] } {
  return { openAtLogin: enabled, openAsHidden: enabled, args: enabled ? [HIDDEN_FLAG] : [] };
}

/**
 * The XDG autostart entry for Linux (Electron's login items do not cover it): the executable
 * quoted per the Desktop Entry spec's Exec rules (the AppImage's own path when run as one).
 */
export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Haul',
    'Comment=Download manager',
    `Exec=${execArg(executable)} ${HIDDEN_FLAG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

function execArg(arg: string): string {
  const quoted = /[\s"'\\`$<>~|&;*?#()]/.test(arg) ? `"${arg.replace(/["`$\\]/g, '\\$&')}"` : arg;
  // The string-value escape applies before the Exec quoting; a literal % is a field code unless doubled.
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}
