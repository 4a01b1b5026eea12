import { NODE_HASH_NAME, type ChecksumAlgorithm } from '../../shared/checksum.js';

/** Hashes a file in a worker thread, so gigabytes of hashing never block the engine's event loop. */
export async function hashFile(path: string, algorithm: ChecksumAlgorithm, signal?: AbortSignal): Promise<string> {
  // Loaded here: only downloads with a checksum need threads, and every `haul get` paid for the module at start.
  const { Worker } = await import('node:worker_threads');
  return new Promise((resolve, reject) => {
    // Next to this module, and next to the CLI bundle, which the build gives its own copy of the worker.
    const worker = new Worker(new URL('./hash-worker.js', import.meta.url), {
      workerData: { path, algorithm: NODE_HASH_NAME[algorithm] },
    });
    const onAbort = (): void => {
      void worker.terminate();
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (hex: unknown) => {
      signal?.removeEventListener('abort', onAbort);
      if (typeof hex === 'string') resolve(hex);
      else reject(new Error('hash worker answered with something other than a digest'));
    });
    worker.once('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
  });
}
