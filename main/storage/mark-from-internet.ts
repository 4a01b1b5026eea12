import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { redactUrl } from '../../shared/printable.js';

export interface DownloadOrigin {
  readonly url: string;
  readonly referrer?: string | undefined;
}

/** Windows' mark of the web (the `Zone.Identifier` stream browsers write): zone 3 is the Internet. */
export function zoneIdentifier(origin: DownloadOrigin): string {
  const lines = ['[ZoneTransfer]', 'ZoneId=3'];
  if (origin.referrer !== undefined) lines.push(`ReferrerUrl=${oneLine(redactUrl(origin.referrer))}`);
  lines.push(`HostUrl=${oneLine(redactUrl(origin.url))}`);
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * macOS's `com.apple.quarantine` value as browsers write it: flags (0081: downloaded, not yet
 * approved by the user), the time in hex seconds, the agent, and an id.
 */
export function quarantineValue(nowMs: number, agent = 'Haul', id: string = randomUUID().toUpperCase()): string {
  return `0081;${Math.floor(nowMs / 1000).toString(16)};${agent};${id}`;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]/g, '');
}

/**
 * Marks a finished file as coming from the internet, as browsers do, so SmartScreen and Gatekeeper
 * still look at it: the Zone.Identifier stream on Windows, the quarantine attribute on macOS,
 * nothing elsewhere (Linux has no such mark). Resolves to why it could not, if it could not.
 */
export async function markFromInternet(
  path: string,
  origin: DownloadOrigin,
  platform: NodeJS.Platform = process.platform,
): Promise<string | undefined> {
  try {
    if (platform === 'win32') await writeFile(`${path}:Zone.Identifier`, zoneIdentifier(origin));
    else if (platform === 'darwin') {
      // Loaded only where it is used: every `haul get` elsewhere paid for the module at start.
      const { execFile } = await import('node:child_process');
      await promisify(execFile)('/usr/bin/xattr', ['-w', 'com.apple.quarantine', quarantineValue(Date.now()), path]);
    }
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
