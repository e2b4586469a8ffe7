/**
 * The gateway as an operator runs it: `npm start`'s build, then `node dist/server.js` with the
 * flags of `npm start`, in a process of its own, driven by signals and real HTTP.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { NODE_FLAGS } from '../../bench/processes.js';
import { root, startProcess, stopProcess } from '../helpers/servers.js';

/** Builds dist/ as `npm start` does (nothing to do when it is up to date) before the file's tests. */
export function useBuild(): void {
  beforeAll(() => execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root }));
}

export interface Started {
  child: ChildProcess;
  /** The base URL once it listens (rejects with its output if it exits first). */
  base: Promise<string>;
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(children.filter((child) => child.exitCode === null && child.signalCode === null).map((child) => stopProcess(child, 'SIGKILL')));
  for (const dir of dirs) {
    // A test that failed half-way may have left the PostgreSQL of a killed gateway behind.
    const postmaster = await postmasterOf(dir).catch(() => undefined);
    if (postmaster && isAlive(postmaster)) {
      process.kill(postmaster, 'SIGINT');
      await vi.waitFor(() => expect(isAlive(postmaster)).toBe(false), { timeout: 30_000, interval: 50 });
    }
    await rm(dir, { recursive: true, force: true });
  }
});

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `scopegate-${prefix}-`));
  dirs.push(dir);
  return dir;
}

/** `npm start` minus the build: only the variables given, on top of an environment without scopegate's. */
export function startGateway(env: Record<string, string>): Started {
  const started = startProcess([...NODE_FLAGS, 'dist/server.js'], { DATABASE_URL: '', NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env });
  children.push(started.child);
  const exited = new Promise<number | null>((resolve) => {
    if (started.child.exitCode !== null) resolve(started.child.exitCode);
    started.child.once('exit', (code) => resolve(code));
  });
  return { ...started, exited };
}

/** Processes whose command line names `text` (a data directory, say), as /proc shows them. */
export async function processesNaming(text: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.replaceAll('\0', ' ').includes(text)) pids.push(Number(entry));
  }
  return pids;
}

/** Alive and not a zombie: an exited PostgreSQL whose parent was killed may wait a while to be reaped. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

/** The PostgreSQL serving a data directory, from its own postmaster.pid. */
export async function postmasterOf(dataDir: string): Promise<number> {
  return Number((await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
}
