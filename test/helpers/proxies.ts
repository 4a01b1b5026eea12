import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import { tempDir, until } from './engine-fixture.js';

export interface RunningProxy {
  readonly url: string;
  readonly port: number;
  /** What the proxy wrote to its log so far. */
  log(): Promise<string>;
  close(): Promise<void>;
}

const has = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/** Why the real proxies cannot run here, or undefined when they can (.ci/run installs them). */
export function proxiesMissing(): string | undefined {
  const missing = ['tinyproxy', 'danted'].filter((tool) => !has(tool));
  return missing.length === 0 ? undefined : `${missing.join(' and ')} not installed (apt-get install -y tinyproxy dante-server; .ci/run does)`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

async function start(command: string, args: readonly string[], port: number, logFile: string, scheme: string): Promise<RunningProxy> {
  const child: ChildProcess = spawn(command, [...args], { stdio: 'ignore' });
  await until(() => listening(port), 10_000, `${command} listening on ${port}`);
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    log: () => readFile(logFile, 'utf8').catch(() => ''),
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) resolve();
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Debian's tinyproxy on a free loopback port, in the foreground; with `auth`, it asks for Basic credentials (407). */
export async function startTinyproxy(auth?: { readonly user: string; readonly password: string }): Promise<RunningProxy> {
  const dir = await tempDir('haul-tinyproxy-');
  const port = await freePort();
  const logFile = join(dir, 'tinyproxy.log');
  const lines = [`Port ${port}`, 'Listen 127.0.0.1', 'Timeout 30', `LogFile "${logFile}"`, 'LogLevel Connect', 'MaxClients 64', 'Allow 127.0.0.1'];
  if (auth !== undefined) lines.push(`BasicAuth ${auth.user} ${auth.password}`);
  await writeFile(join(dir, 'tinyproxy.conf'), `${lines.join('\n')}\n`);
  return start('tinyproxy', ['-d', '-c', join(dir, 'tinyproxy.conf')], port, logFile, 'http');
}

/** Debian's Dante SOCKS5 server on a free loopback port, logging every connection it passes. */
export async function startDante(): Promise<RunningProxy> {
  const dir = await tempDir('haul-dante-');
  const port = await freePort();
  const logFile = join(dir, 'danted.log');
  const conf = [
    `logoutput: ${logFile}`,
    `internal: 127.0.0.1 port = ${port}`,
    'external: 127.0.0.1',
    'socksmethod: none',
    'clientmethod: none',
    ...(process.getuid?.() === 0 ? ['user.privileged: root', 'user.unprivileged: nobody'] : []),
    'client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }',
    'socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect }',
  ];
  await writeFile(join(dir, 'danted.conf'), `${conf.join('\n')}\n`);
  return start('danted', ['-f', join(dir, 'danted.conf'), '-p', join(dir, 'danted.pid')], port, logFile, 'socks5');
}
