import { fstat, fstatSync, link, linkSync, lstat, lstatSync, open, openSync, type Stats, statfs, unlink, unlinkSync } from 'node:fs';
import { onPool } from './on-pool.js';

/**
 * The metadata calls a download makes in its folder (about ten a file: lstat, open, fstat, link,
 * unlink), made the cheapest safe way for that folder's file system. On a local disk they are
 * synchronous: microseconds each, where the thread pool's round trip cost more than the call and
 * queued it behind the pool's fsyncs (a thousand small files spent a third of their time there).
 * On a network or FUSE file system a call can wait for a server, so it goes to the pool, and a
 * hung mount never freezes the process (in the desktop app, its window).
 */
export interface FolderIo {
  readonly local: boolean;
  /**
   * lstat(2); undefined when nothing is there (ENOENT, or ENOTDIR: a folder on the way is a file).
   * An answer, not an error: most downloads ask of a name that is free, and an error object with its
   * stack and a rejected promise cost more than the call (lstatSync of a free name: 11 µs throwing, 3.5 µs not).
   */
  lstat(path: string): Promise<Stats | undefined>;
  open(path: string, flags: number, mode: number): Promise<number>;
  fstat(fd: number): Promise<Stats>;
  link(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

/** Linux's f_type of file systems whose calls may wait on a network or another process. */
const REMOTE_TYPES = new Set([
  0x6969, // NFS
  0x517b, // SMB
  0xff534d42, // CIFS
  0xfe534d42, // SMB2
  0x65735546, // FUSE (sshfs, rclone, gvfs…)
  0x00c36400, // Ceph
  0x01021997, // 9P
  0x73757245, // Coda
  0x5346414f, // AFS
  0x6b414653, // kAFS
  0x0bd00bd0, // Lustre
  0x01161970, // GFS2
  0x7461636f, // OCFS2
  0x564c, // NCP
  0x0187, // autofs (the mount behind it may be remote)
]);

/** Whether a file system's calls are safe to make synchronously: Linux, and not a network or FUSE one. */
export function isLocalFileSystem(platform: NodeJS.Platform, type: number): boolean {
  return platform === 'linux' && !REMOTE_TYPES.has(type >>> 0);
}

/** What lstat answers with undefined: nothing under that name (or a file where a folder would be on the way). */
function nothingThere(error: NodeJS.ErrnoException): boolean {
  return error.code === 'ENOENT' || error.code === 'ENOTDIR';
}

/** Calls as they were: each on the thread pool. */
const POOLED: FolderIo = {
  local: false,
  lstat: (path) =>
    onPool<Stats | undefined>((done) => {
      lstat(path, (error, stats) => {
        if (error !== null && nothingThere(error)) done(null, undefined);
        else done(error, stats);
      });
    }),
  open: (path, flags, mode) =>
    onPool<number>((done) => {
      open(path, flags, mode, done);
    }),
  fstat: (fd) =>
    onPool<Stats>((done) => {
      fstat(fd, done);
    }),
  link: (from, to) =>
    onPool<undefined>((done) => {
      link(from, to, (error) => {
        done(error, undefined);
      });
    }),
  unlink: (path) =>
    onPool<undefined>((done) => {
      unlink(path, (error) => {
        done(error, undefined);
      });
    }),
};

const DIRECT: FolderIo = {
  local: true,
  lstat: (path) =>
    direct(() => {
      try {
        // No error object for ENOENT, the common answer; Node 20 still throws ENOTDIR.
        return lstatSync(path, { throwIfNoEntry: false });
      } catch (error) {
        if (nothingThere(error as NodeJS.ErrnoException)) return undefined;
        throw error;
      }
    }),
  open: (path, flags, mode) => direct(() => openSync(path, flags, mode)),
  fstat: (fd) => direct(() => fstatSync(fd)),
  link: (from, to) =>
    direct(() => {
      linkSync(from, to);
    }),
  unlink: (path) =>
    direct(() => {
      unlinkSync(path);
    }),
};

/** What each folder's statfs(2) said, or is about to: a download's first calls in a folder come several at once, and ask once. */
const known = new Map<string, Promise<FolderIo>>();

/**
 * How to make metadata calls in `dir` (which exists), learnt once per folder from statfs(2).
 * Unknown (statfs failed, another platform): the thread pool, and a failed statfs is asked again next time.
 */
export function folderIo(dir: string, platform: NodeJS.Platform = process.platform): Promise<FolderIo> {
  if (platform !== 'linux') return Promise.resolve(POOLED);
  let io = known.get(dir);
  if (io === undefined) {
    io = new Promise<FolderIo>((resolve) => {
      statfs(dir, (error, stats) => {
        if (error !== null) known.delete(dir);
        resolve(error === null && isLocalFileSystem(platform, stats.type) ? DIRECT : POOLED);
      });
    });
    known.set(dir, io);
  }
  return io;
}

/** Each way by itself, for tests that walk both. */
export const pooledIo: FolderIo = POOLED;
export const directIo: FolderIo = DIRECT;

function direct<T>(call: () => T): Promise<T> {
  try {
    return Promise.resolve(call());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
