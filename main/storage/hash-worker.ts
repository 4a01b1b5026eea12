import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const { path, algorithm } = workerData as { path: string; algorithm: string };
const hash = createHash(algorithm);
for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
parentPort?.postMessage(hash.digest('hex'));
