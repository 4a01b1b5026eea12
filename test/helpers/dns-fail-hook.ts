// Loaded with `node --import` into a CLI under test: names under .invalid fail as a resolver says
// "no such host" (ENOTFOUND), at once and without asking any DNS server, so the test sends nothing
// off this machine. Every other name resolves as usual.
import dns from 'node:dns';

type Callback = (error: NodeJS.ErrnoException | null, address?: string, family?: number) => void;
const original = dns.lookup.bind(dns) as (...args: unknown[]) => unknown;

(dns as { lookup: unknown }).lookup = (host: string, options: unknown, callback?: Callback): unknown => {
  const done = (typeof options === 'function' ? options : callback) as Callback;
  if (host.endsWith('.invalid')) {
    const error: NodeJS.ErrnoException = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), {
      code: 'ENOTFOUND',
      syscall: 'getaddrinfo',
      hostname: host,
    });
    process.nextTick(done, error);
    return {};
  }
  return original(host, options, callback);
};
