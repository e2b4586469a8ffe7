import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLOCK_TICKS_PER_SECOND = 100;

export interface Server {
  name: string;
  url: string;
  child: ChildProcess;
  pid: number;
  entry: string;
  env: Record<string, string>;
  /** Peak RSS (MiB) of the processes this server ran in before its current one (restartServer). */
  earlierPeakRssMb: number;
}

/** The Node flags of `npm start`, read from package.json so the benchmark cannot drift from it. */
export const NODE_FLAGS: string[] = (() => {
  const start: string = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.start;
  return /node ((?:--\S+ )*)dist\/server\.js/.exec(start)?.[1]?.trim().split(' ').filter(Boolean) ?? [];
})();

/** The comparison servers, each compiled to dist/bench/<name>.js. */
const BENCH_SERVERS = ['bare-http', 'bare-yoga', 'floor', 'tuned-yoga', 'postgraphile'];

/** Compiles src/ (as `npm start` does) and bundles the comparison servers next to it. */
export async function buildAll(): Promise<void> {
  const { build } = await import('esbuild');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  await build({
    entryPoints: BENCH_SERVERS.map((f) => path.join(root, 'bench/servers', `${f}.ts`)),
    outdir: path.join(root, 'dist/bench'),
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
}

/**
 * Every server under test runs the same way: compiled JavaScript in its own Node process, with
 * the flags of `npm start`, in production mode.
 */
export async function startServer(name: string, entry: string, env: Record<string, string>): Promise<Server> {
  // BENCH_PROFILE_DIR: write a --cpu-prof of every server there, to read before optimising.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...NODE_FLAGS, ...profile, entry], {
    cwd: root,
    // One process per server: CPU per request is read from one pid.
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: '0', SCOPEGATE_WORKERS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s/]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${output}`)));
  });
  return { name, url, child, pid: child.pid!, entry, env, earlierPeakRssMb: 0 };
}

/**
 * Replaces a server's process with a fresh one, in the same Server object, so that whatever
 * refers to it measures the new process. Two processes of the same server and code can differ
 * by 5-20% in CPU per request for their whole life (JIT and heap state); fresh processes every
 * round average that over the rounds instead of leaving it to one draw per run.
 */
export async function restartServer(server: Server): Promise<void> {
  server.earlierPeakRssMb = Math.max(server.earlierPeakRssMb, peakRssMb(server.pid));
  await stopServer(server);
  const fresh = await startServer(server.name, server.entry, server.env);
  Object.assign(server, { url: fresh.url, child: fresh.child, pid: fresh.pid });
}

export function stopServer(server: Server): Promise<void> {
  // This process, not whichever one `server` holds by the time the timer fires (restartServer).
  const { child } = server;
  return new Promise((resolve) => {
    // A process ended by a signal has no exit code, only a signal code.
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

/** The fields of /proc/<pid>/stat after the command name (state first), or undefined once it is gone. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** User plus system CPU time of one process so far, in microseconds (from /proc); 0 once it is gone. */
function ownCpuMicros(pid: number): number {
  const fields = statFields(pid);
  if (!fields) return 0;
  // After the command name: state is field 3, utime field 14, stime field 15 (1-based in proc(5)).
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / CLOCK_TICKS_PER_SECOND;
}

/** The live descendants of a process (children of children included), from /proc/<pid>/task/<tid>/children. */
function descendants(pid: number): number[] {
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${parent}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      let children = '';
      try {
        children = readFileSync(`/proc/${parent}/task/${tid}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const child of children.split(' ').filter(Boolean).map(Number)) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/**
 * User plus system CPU time of a server so far, in microseconds: its process and any process it
 * started (a cluster worker, should SCOPEGATE_WORKERS ever be more than 1 here).
 */
export function cpuMicros(pid: number): number {
  return [pid, ...descendants(pid)].reduce((sum, p) => sum + ownCpuMicros(p), 0);
}

/**
 * PostgreSQL's CPU spent for one server: the backends whose `application_name` is the server's
 * (every server under test connects with `?application_name=<its key>`), read from /proc.
 * Backends come and go with the servers' pools, so this keeps the last reading of every backend
 * it has seen: the total only grows, and a slice's figure is the difference of two totals. A
 * backend that exits within a slice loses what it spent since the last reading (at most one
 * slice; pools keep their connections while they are busy).
 */
export class DatabaseCpu {
  /** By application name: each backend's last reading, keyed by pid and start time (pids are reused). */
  private readonly seen = new Map<string, Map<string, number>>();

  constructor(private readonly admin: pg.Client) {}

  async micros(applicationName: string): Promise<number> {
    const { rows } = await this.admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    let backends = this.seen.get(applicationName);
    if (!backends) this.seen.set(applicationName, (backends = new Map()));
    for (const { pid } of rows) {
      const fields = statFields(pid);
      // Start time in clock ticks since boot: field 22 in proc(5).
      if (fields) backends.set(`${pid}:${fields[19]}`, ownCpuMicros(pid));
    }
    let total = 0;
    for (const micros of backends.values()) total += micros;
    return total;
  }
}

/** Peak resident set size of a process so far, in MiB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
