import { readdir } from 'node:fs/promises';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { InvalidationBus } from '../auth/invalidation.js';
import type { PrismaClient } from '../db/client.js';
import { migrationsDir } from '../db/schema-engine.js';

export interface HealthDeps {
  prisma: PrismaClient;
  bus: InvalidationBus;
  logger: Logger;
  /** How long the database has to answer before /readyz says it is down. */
  timeoutMs?: number;
  /** Where the migrations this build expects live; prisma/migrations by default. */
  migrationsPath?: string;
}

type Failures = Partial<Record<'database' | 'migrations' | 'listen', string>>;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });

class TimedOut extends Error {}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `GET /livez`: the process answers (nothing else is touched). `GET /readyz`: the database answers
 * within `timeoutMs`, every migration of this build is applied, and the LISTEN/NOTIFY connection
 * that carries revocations is up; otherwise 503 naming each failed check. Neither writes anything.
 *
 * Migrations cannot be un-applied under a running gateway, so they are checked until they pass
 * once; after that a probe costs one `SELECT 1`. Probes that arrive while one is running share
 * its answer, so a flood of them holds at most one pool connection. Yoga's own `/health` is left
 * as it is and means the same as /livez.
 */
export async function healthPlugin({ prisma, bus, logger, timeoutMs = 1_000, migrationsPath = migrationsDir }: HealthDeps): Promise<Plugin> {
  // Read once at start-up: the build's migrations do not change while it runs.
  const expected = (await readdir(migrationsPath, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  let migrationsApplied = false;
  let running: Promise<Failures> | undefined;
  let wasReady: boolean | undefined;

  async function checkDatabase(failures: Failures): Promise<void> {
    try {
      if (migrationsApplied) {
        await within(prisma.$queryRaw`SELECT 1`, timeoutMs);
        return;
      }
      // One round trip answers both: the database is up, and which migrations it has.
      const rows = await within(
        prisma.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        timeoutMs,
      );
      const applied = new Set(rows.map((row) => row.migration_name));
      const missing = expected.filter((name) => !applied.has(name));
      if (missing.length === 0) migrationsApplied = true;
      else {
        failures.migrations = `${missing.length} of ${expected.length} migrations not applied`;
        logger.warn({ missing }, 'readyz: migrations not applied');
      }
    } catch (error) {
      if (error instanceof TimedOut) failures.database = `no answer within ${timeoutMs} ms`;
      else if ((error as { meta?: { code?: string } }).meta?.code === '42P01') failures.migrations = 'no migration has been applied';
      else {
        failures.database = 'unreachable';
        logger.debug({ err: error }, 'readyz: database check failed');
      }
    }
  }

  async function check(): Promise<Failures> {
    const failures: Failures = {};
    await checkDatabase(failures);
    if (!bus.healthy) failures.listen = 'the LISTEN/NOTIFY connection is down';
    return failures;
  }

  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname === '/livez') {
        if (request.method !== 'GET' && request.method !== 'HEAD') return endResponse(new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }));
        return endResponse(json(200, { status: 'live' }));
      }
      if (url.pathname !== '/readyz') return;
      if (request.method !== 'GET' && request.method !== 'HEAD') return endResponse(new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }));
      running ??= check().finally(() => (running = undefined));
      return running.then((failures) => {
        const ready = Object.keys(failures).length === 0;
        // Once per change, not once per probe: a probe every few seconds would bury everything else.
        if (ready !== wasReady) {
          if (ready) logger.info('ready');
          else logger.warn({ failed: failures }, 'not ready');
          wasReady = ready;
        }
        endResponse(ready ? json(200, { status: 'ready' }) : json(503, { status: 'not_ready', failed: failures }));
      });
    },
  };
}
