import type { DownloadSnapshot } from './download-snapshot.js';
import { redactUrl } from './printable.js';

/** The name people see: the file's name once known, else the name it was added with, else the last part of its address (never its credentials). */
export function displayName(download: Pick<DownloadSnapshot, 'name' | 'requestedName' | 'url'>): string {
  if (download.name !== undefined) return download.name;
  if (download.requestedName !== undefined) return download.requestedName;
  try {
    const path = new URL(download.url).pathname.split('/').filter((part) => part !== '');
    return decodeURIComponent(path.at(-1) ?? redactUrl(download.url));
  } catch {
    return redactUrl(download.url);
  }
}
