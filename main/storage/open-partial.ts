import { constants, type Stats } from 'node:fs';
import type { FileIdentity } from '../../shared/download-record.js';
import { HaulError, toHaulError } from '../../shared/errors.js';
import type { FolderIo } from './folder-io.js';
import { NO_HARD_LINKS } from './no-hard-links.js';
import { PartFile } from './part-file.js';

/** A new partial's temporary name: created here and nowhere else (O_EXCL), never through a link (O_NOFOLLOW). */
const CREATE_PART = constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

export type OpenedPartial =
  /** Somebody else's file holds the name and nothing of ours is in it: the caller takes another name. */
  | { readonly kind: 'taken' }
  /** `created`: a new, empty file (nothing journalled applies to it); `identity` is what to journal. */
  | { readonly kind: 'opened'; readonly handle: PartFile; readonly size: number; readonly identity: FileIdentity; readonly created: boolean };

/**
 * How a new partial comes to be, so that no run killed at any moment leaves an orphan: it is made
 * under `temp` (a name only this download uses: it holds its id), its identity is `record`ed (the
 * journal, awaited), and only then is it linked under its name (the link fails if the name is taken:
 * that is the claim between processes). A run killed before the link left at most `temp`, which the
 * next run deletes; a run killed after it left a partial whose identity is in the journal.
 */
export interface NewPartial {
  /** How to make calls in the partial's folder. */
  readonly io: FolderIo;
  readonly temp: string;
  readonly record: (identity: FileIdentity) => Promise<void>;
}

/**
 * Opens a download's partial file by the rules that keep two writers off one file. It is never
 * reached through a link (O_NOFOLLOW); a new one is made as `fresh` says (that link is the claim on
 * the name between processes); an existing one is used only if it is the very file this download
 * created (`known`, its recorded device and inode). Anything else under the name is somebody else's:
 * 'taken' when the journal claims none of its bytes (`holdsBytes` false), otherwise an error, and
 * the file is left alone.
 */
export async function openPartial(path: string, known: FileIdentity | undefined, holdsBytes: boolean, fresh: NewPartial): Promise<OpenedPartial> {
  const { io } = fresh;
  let createdInfo: Stats | undefined;
  /** open(2) for a new file; undefined when something is there (EEXIST). */
  const createAt = async (at: string): Promise<PartFile | undefined> => {
    try {
      return await PartFile.open(io, at, CREATE_PART, 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
      throw toHaulError(error, `cannot create ${path}`);
    }
  };
  /**
   * Where there are no hard links (FAT, some mounts): created under its name (O_EXCL), its identity
   * recorded right after. A run killed in between leaves an empty partial the next run cannot
   * prove is its own, so it takes "name (1)" there: never a second writer, at worst an orphan.
   */
  const createInPlace = async (): Promise<PartFile | undefined> => {
    const handle = await createAt(path);
    if (handle === undefined) return undefined;
    const info = await handle.stat();
    await fresh.record({ dev: info.dev, ino: info.ino });
    createdInfo = info;
    return handle;
  };
  /** A new partial, or undefined when something already has the name (EEXIST). */
  const create = async (): Promise<PartFile | undefined> => {
    let handle = await createAt(fresh.temp);
    if (handle === undefined) {
      // Left by a run killed before its link: this download's, and empty.
      await removeIfThere(io, fresh.temp, path);
      handle = await createAt(fresh.temp);
      if (handle === undefined) throw new HaulError('FILE_SYSTEM', `cannot create ${path}: ${fresh.temp} keeps reappearing`);
    }
    let linked: 'linked' | 'taken' | 'no links';
    try {
      const info = await handle.stat();
      await fresh.record({ dev: info.dev, ino: info.ino });
      linked = await linkOnce(io, fresh.temp, path);
      await removeIfThere(io, fresh.temp, path);
      if (linked === 'linked') {
        createdInfo = info;
        return handle;
      }
    } catch (error) {
      await handle.close();
      // The first error is the one worth reporting.
      await removeIfThere(io, fresh.temp, path).catch(() => undefined);
      throw error;
    }
    await handle.close();
    return linked === 'no links' ? await createInPlace() : undefined;
  };
  let handle: PartFile | undefined;
  let created = false;
  if (known === undefined) {
    // No partial of ours was ever recorded: whatever has the name is not ours.
    handle = await create();
    created = true;
  } else {
    try {
      handle = await PartFile.open(io, path, constants.O_RDWR | constants.O_NOFOLLOW, 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw toHaulError(error, `cannot open ${path}`);
    }
    if (handle === undefined) {
      // Ours is gone (or was never linked): a clean one, made here and nowhere else.
      handle = await create();
      created = true;
    } else {
      // Killed between the link and the temporary name's removal: the same file under two names.
      try {
        await removeIfThere(io, fresh.temp, path);
      } catch (error) {
        await handle.close();
        throw error;
      }
    }
  }
  if (handle === undefined) return { kind: 'taken' };
  // A file made here was looked at when it was made; its size is 0 and it is nobody else's.
  const info = createdInfo ?? (await handle.stat());
  if (!info.isFile() || !(created || (known !== undefined && known.dev === info.dev && known.ino === info.ino))) {
    await handle.close();
    if (created || !holdsBytes) return { kind: 'taken' };
    throw new HaulError('FILE_SYSTEM', `${path} is not the partial file this download created (it was replaced); Haul leaves it alone`);
  }
  return { kind: 'opened', handle, size: info.size, identity: { dev: info.dev, ino: info.ino }, created };
}

/** link(2) of the new partial under its name: the claim between processes. */
async function linkOnce(io: FolderIo, from: string, to: string): Promise<'linked' | 'taken' | 'no links'> {
  try {
    await io.link(from, to);
    return 'linked';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return 'taken';
    if (NO_HARD_LINKS.has(code)) return 'no links';
    throw toHaulError(error, `cannot create ${to}`);
  }
}

/** unlink(2), where nothing to remove is fine (one syscall, where rm({ force }) makes two). */
async function removeIfThere(io: FolderIo, temp: string, path: string): Promise<void> {
  try {
    await io.unlink(temp);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw toHaulError(error, `cannot create ${path}`);
  }
}
