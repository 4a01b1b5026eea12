import { parseContentDisposition } from './parse-content-disposition.js';
import { sanitizeFileName } from './sanitize-file-name.js';

export interface FileNameInputs {
  readonly url: string;
  /** The name the user asked for, if any: it wins. */
  readonly requested?: string | undefined;
  readonly contentDisposition?: string | undefined;
  readonly contentType?: string | undefined;
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'text/html': '.html',
  'text/plain': '.txt',
  'text/css': '.css',
  'text/csv': '.csv',
  'text/xml': '.xml',
  'application/xml': '.xml',
  'application/json': '.json',
  'application/javascript': '.js',
  'text/javascript': '.js',
  'application/pdf': '.pdf',
  'application/zip': '.zip',
  'application/gzip': '.gz',
  'application/x-gzip': '.gz',
  'application/x-tar': '.tar',
  'application/x-xz': '.xz',
  'application/x-bzip2': '.bz2',
  'application/x-7z-compressed': '.7z',
  'application/vnd.rar': '.rar',
  'application/x-iso9660-image': '.iso',
  'application/vnd.debian.binary-package': '.deb',
  'application/x-msdownload': '.exe',
  'application/wasm': '.wasm',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/svg+xml': '.svg',
  'audio/mpeg': '.mp3',
  'audio/ogg': '.ogg',
  'video/mp4': '.mp4',
  'video/webm': '.webm',
};

/**
 * The file name for a download: the user's choice, else Content-Disposition, else the last URL
 * path segment (percent-decoded), else "index"; always sanitised, with an extension from the
 * Content-Type when the name has none.
 */
export function chooseFileName(inputs: FileNameInputs): string {
  if (inputs.requested !== undefined && inputs.requested.trim() !== '') return sanitizeFileName(inputs.requested);
  const fromHeader = parseContentDisposition(inputs.contentDisposition);
  const candidate = fromHeader !== undefined ? basename(fromHeader) : fromUrl(inputs.url);
  // Like wget, a bare host or folder URL becomes index.<ext>.
  const name = sanitizeFileName(candidate ?? '', 'index');
  return hasExtension(name) ? name : sanitizeFileName(name + extensionFor(inputs.contentType));
}

/** Only the last segment of anything path-like, so "../../etc/passwd" can only ever become "passwd". */
function basename(name: string): string {
  const parts = name.split(/[/\\]/).filter((part) => part !== '' && part !== '.' && part !== '..');
  return parts.at(-1) ?? '';
}

function fromUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const segments = parsed.pathname.split('/').filter((segment) => segment !== '');
  const last = segments.at(-1);
  if (last !== undefined) {
    let decoded = last;
    try {
      decoded = decodeURIComponent(last);
    } catch {
      // A stray % is kept as typed.
    }
    const name = basename(decoded);
    if (name !== '') return name;
  }
  return undefined;
}

function hasExtension(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1;
}

function extensionFor(contentType: string | undefined): string {
  if (contentType === undefined) return '';
  const essence = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return EXTENSIONS[essence] ?? '';
}
