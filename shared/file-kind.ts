/** What a file is, for people: the sidebar's type views and the row's icon. */
export type FileKind = 'documents' | 'archives' | 'video' | 'audio' | 'images' | 'programs' | 'other';

export const FILE_KINDS: readonly FileKind[] = ['documents', 'archives', 'video', 'audio', 'images', 'programs', 'other'];

const BY_EXTENSION: Readonly<Record<string, FileKind>> = {};
const KINDS: Readonly<Record<Exclude<FileKind, 'other'>, readonly string[]>> = {
  documents: [
    'pdf',
    'doc',
    'docx',
    'odt',
    'rtf',
    'txt',
    'md',
    'epub',
    'mobi',
    'xls',
    'xlsx',
    'ods',
    'csv',
    'ppt',
    'pptx',
    'odp',
    'json',
    'xml',
    'html',
    'htm',
  ],
  archives: ['zip', 'rar', '7z', 'tar', 'gz', 'tgz', 'bz2', 'tbz2', 'xz', 'txz', 'zst', 'lz', 'lzma', 'cab', 'iso', 'img'],
  video: ['mp4', 'mkv', 'webm', 'avi', 'mov', 'wmv', 'flv', 'm4v', 'mpg', 'mpeg', 'ts', '3gp'],
  audio: ['mp3', 'flac', 'wav', 'ogg', 'oga', 'opus', 'm4a', 'aac', 'wma', 'aiff'],
  images: ['jpg', 'jpeg', 'png', 'gif', 'webp', 'svg', 'bmp', 'tif', 'tiff', 'heic', 'avif', 'ico', 'raw'],
  programs: ['exe', 'msi', 'msix', 'dmg', 'pkg', 'app', 'deb', 'rpm', 'appimage', 'apk', 'sh', 'run', 'bat', 'cmd', 'jar', 'flatpak', 'snap'],
};
for (const [kind, extensions] of Object.entries(KINDS) as [Exclude<FileKind, 'other'>, readonly string[]][]) {
  for (const extension of extensions) (BY_EXTENSION as Record<string, FileKind>)[extension] = kind;
}

/** The kind of a file from its name's extension (the last one: "x.tar.gz" is an archive). */
export function fileKind(name: string): FileKind {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return 'other';
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? 'other';
}
