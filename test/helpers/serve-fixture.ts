import { join } from 'node:path';
import { openHaul, type Haul, type OpenOptions } from '../../main/app/open-haul.js';
import { type ServeLimits, startServe, type Serving } from '../../main/serve/serve.js';
import { tempDir } from './engine-fixture.js';

export const TOKEN = 'test-token-0123456789';

export interface ServeFixture {
  readonly serving: Serving;
  readonly haul: Haul;
  readonly root: string;
  readonly dir: string;
  readonly call: (name: string, args: unknown) => Promise<Response>;
}

/** A real engine behind a real `haul serve` on 127.0.0.1, closed whatever happens. */
export async function withServe(
  fn: (ctx: ServeFixture) => Promise<void>,
  options: { confine?: OpenOptions['confine']; limits?: Partial<ServeLimits> } = {},
): Promise<void> {
  const root = await tempDir();
  const dir = join(root, 'downloads');
  const haul = await openHaul(join(root, 'state'), {
    overrides: { downloadDir: dir, connections: 1 },
    ...(options.confine === undefined ? {} : { confine: options.confine }),
  });
  const serving = await startServe({
    handlers: haul.handlers,
    subscribe: (send) => haul.subscribe(send),
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    limits: options.limits,
  });
  const call = (name: string, args: unknown): Promise<Response> =>
    fetch(`${serving.url}api/${name}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
  try {
    await fn({ serving, haul, root, dir, call });
  } finally {
    await serving.close();
    await haul.close();
  }
}
