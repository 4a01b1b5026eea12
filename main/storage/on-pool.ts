/**
 * A Node callback-style fs call as a promise: the call runs on libuv's thread pool. Cheaper than
 * fs/promises (no FileHandle, no promise chain per call), which matters at a dozen calls a file.
 */
export function onPool<T>(start: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    start((error, value) => {
      if (error === null) resolve(value);
      else reject(error);
    });
  });
}
