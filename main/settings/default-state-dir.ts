import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where Haul keeps its journal and settings, per platform convention. */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Haul');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Haul');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'haul');
}
