import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { isolatedDatabase, TEST_KEY_SECRET } from './gateway.js';

export const root = path.resolve(import.meta.dirname, '../..');

/** Serves a handler over real HTTP on a free loopback port, closed after the file's tests. */
export async function listen(handler: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

export interface GatewayProcess {
  child: ChildProcess;
  /** The base URL, e.g. http://127.0.0.1:41234 */
  base: Promise<string>;
  output(): string;
}

/**
 * Starts a gateway (or any server printing "listening on <url>/graphql") as its own process. One
 * worker unless `env` asks for more: dozens of gateways start during a run on a 2-core machine,
 * and only the tests of workers need several.
 */
export function startProcess(args: string[], env: Record<string, string | undefined>): GatewayProcess {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, PORT: '0', SCOPEGATE_WORKERS: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const base = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  base.catch(() => {});
  return { child, base, output: () => output };
}

/** A TCP port free on 127.0.0.1 when asked: for METRICS_PORT (which takes no 0), or a process that must keep its port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

/**
 * A starter of gateway processes (`src/server.ts`, production mode) on a database given to each,
 * with the test key secret and a data directory of its own; every process it started is stopped,
 * and its directory removed, after the file's tests. `env` is added to every process's.
 */
export function gatewayProcesses(env: Record<string, string> = {}) {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  /** SIGTERM to every process started; each finishes what it has in flight. */
  const stopAll = async () => {
    await Promise.all(children.map((child) => stopProcess(child)));
  };
  afterAll(async () => {
    await stopAll();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const start = async (databaseUrl: string): Promise<string> => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-process-'));
    dirs.push(dataDir);
    const gateway = startProcess(['--import', 'tsx', 'src/server.ts'], {
      DATABASE_URL: databaseUrl,
      SCOPEGATE_DATA_DIR: dataDir,
      SCOPEGATE_KEY_SECRET: TEST_KEY_SECRET,
      SCOPEGATE_ADMIN_EMAIL: 'admin@processes.test',
      SCOPEGATE_ADMIN_PASSWORD: 'admin password for several gateways',
      NODE_ENV: 'production',
      ...env,
    });
    children.push(gateway.child);
    return gateway.base;
  };
  let three: Promise<{ databaseUrl: string; bases: string[] }> | undefined;
  /** Three processes on a database of their own, started once for the tests of a file that share them. */
  const threeOnOneDatabase = () => {
    three ??= (async () => {
      const databaseUrl = await isolatedDatabase();
      const bases = await Promise.all([start(databaseUrl), start(databaseUrl), start(databaseUrl)]);
      return { databaseUrl, bases };
    })();
    return three;
  };
  return { start, stopAll, threeOnOneDatabase };
}
