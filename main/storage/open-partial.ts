import { constants, type FileHandle, open } from 'node:fs/promises';
import type { FileIdentity } from '../../shared/download-record.js';
import { HaulError, toHaulError } from '../../shared/errors.js';

/** A new partial: created here and nowhere else (O_EXCL), never through a link (O_NOFOLLOW). */
const CREATE_PART = constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

export type OpenedPartial =
  /** Somebody else's file holds the name and nothing of ours is in it: the caller takes another name. */
  | { readonly kind: 'taken' }
  /** `created`: a new, empty file (nothing journalled applies to it); `identity` is what to journal. */
  | { readonly kind: 'opened'; readonly handle: FileHandle; readonly size: number; readonly identity: FileIdentity; readonly created: boolean };

/**
 * Opens a download's partial file by the rules that keep two writers off one file. It is never
 * reached through a link (O_NOFOLLOW); a new one is created with O_EXCL (that create is the claim
 * on the name between processes); an existing one is used only if it is the very file this
 * download created (`known`, its recorded device and inode). Anything else under the name is
 * somebody else's: 'taken' when the journal claims none of its bytes (`holdsBytes` false),
 * otherwise an error, and the file is left alone.
 */
export async function openPartial(path: string, known: FileIdentity | undefined, holdsBytes: boolean): Promise<OpenedPartial> {
  /** A new partial, or undefined when something already has the name (EEXIST). */
  const create = (): Promise<FileHandle | undefined> =>
    open(path, CREATE_PART, 0o644).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
      throw toHaulError(error, `cannot create ${path}`);
    });
  let handle: FileHandle | undefined;
  let created = false;
  if (known === undefined) {
    // No partial of ours was ever recorded: whatever has the name is not ours.
    handle = await create();
    created = true;
  } else {
    try {
      handle = await open(path, constants.O_RDWR | constants.O_NOFOLLOW, 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw toHaulError(error, `cannot open ${path}`);
      // Ours is gone: a clean one, created here and nowhere else.
      handle = await create();
      created = true;
    }
  }
  if (handle === undefined) return { kind: 'taken' };
  const info = await handle.stat();
  if (!info.isFile() || !(created || (known !== undefined && known.dev === info.dev && known.ino === info.ino))) {
    await handle.close();
    if (created || !holdsBytes) return { kind: 'taken' };
    throw new HaulError('FILE_SYSTEM', `${path} is not the partial file this download created (it was replaced); Haul leaves it alone`);
  }
  return { kind: 'opened', handle, size: info.size, identity: { dev: info.dev, ino: info.ino }, created };
}
