import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from './engine-fixture.js';

export interface TestCertificates {
  /** The authority's certificate (PEM file), for --ca-certificate. */
  readonly caFile: string;
  /** A server certificate for 127.0.0.1 and localhost, signed by the authority. */
  readonly signed: { readonly key: string; readonly cert: string };
  /** A server certificate for 127.0.0.1 that signs itself. */
  readonly selfSigned: { readonly key: string; readonly cert: string };
}

function openssl(args: readonly string[], cwd: string): void {
  const result = spawnSync('openssl', [...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args[0] ?? ''}: ${result.stderr}`);
}

/** A certificate authority and two server certificates, made with Debian's openssl for this test run. */
export async function makeTestCertificates(): Promise<TestCertificates> {
  const dir = await tempDir('haul-ca-');
  const days = ['-days', '2'];
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', ...days, '-subj', '/CN=Haul Test CA'], dir);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir);
  await writeFile(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      ...days,
      '-extfile',
      'san.ext',
    ],
    dir,
  );
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'self.key',
      '-out',
      'self.pem',
      ...days,
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    dir,
  );
  const read = (name: string): Promise<string> => readFile(join(dir, name), 'utf8');
  return {
    caFile: join(dir, 'ca.pem'),
    signed: { key: await read('server.key'), cert: await read('server.pem') },
    selfSigned: { key: await read('self.key'), cert: await read('self.pem') },
  };
}
