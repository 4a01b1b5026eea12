/** What link(2) answers on a file system without hard links (FAT, some mounts): the caller falls back to a way without them. */
export const NO_HARD_LINKS: ReadonlySet<string> = new Set(['EPERM', 'ENOTSUP', 'ENOSYS', 'EXDEV']);
