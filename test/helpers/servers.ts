import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll } from 'vitest';

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

export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}
