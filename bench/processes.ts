import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** Compiles src/ (as `npm start` does) and bundles the comparison servers next to it. */
export async function buildAll(): Promise<void> {
  const { build } = await import('esbuild');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  await build({
    entryPoints: ['bench/servers/bare-http.ts', 'bench/servers/bare-yoga.ts', 'bench/servers/naive-gateway.ts'].map((f) => path.join(root, f)),
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

/** User plus system CPU time of a process so far, in microseconds (from /proc). */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command name: state is field 3, utime field 14, stime field 15 (1-based in proc(5)).
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1_000_000) / CLOCK_TICKS_PER_SECOND;
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
