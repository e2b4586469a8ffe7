/**
 * /livez and /readyz as a load balancer or Kubernetes sees them: a real PostgreSQL stopped and
 * started again, the LISTEN connection cut on the network, a database behind the build's
 * migrations.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { applyMigrations } from '../../src/db/migrate.js';
import type { Gateway } from '../../src/yoga.js';
import { isolatedDatabase } from '../helpers/gateway.js';
import { opsGateway, sleep } from './ops-gateway.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

interface Probe {
  status: number;
  body: { status: string; failed?: Record<string, string> } | null;
  ms: number;
}

async function probe(gateway: Gateway, path: string): Promise<Probe> {
  const started = Date.now();
  const response = await gateway.fetch(`http://scopegate.test${path}`);
  const body = (await response.json().catch(() => null)) as Probe['body'];
  return { status: response.status, body, ms: Date.now() - started };
}

async function until(condition: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (await condition()) return;
  throw new Error('condition not met in time');
}

/**
 * A TCP relay between the gateway's LISTEN connection and PostgreSQL that the test can cut, as a
 * broken network path or a restarted connection pooler would.
 */
async function cuttableRelay(target: string) {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const open = (port: number) =>
    new Promise<number>((resolve) => {
      server = createServer((client) => {
        const backend = connect(Number(upstream.port), upstream.hostname);
        sockets.add(client).add(backend);
        client.pipe(backend).pipe(client);
        const drop = () => (client.destroy(), backend.destroy());
        client.on('error', drop).on('close', drop);
        backend.on('error', drop).on('close', drop);
      });
      server.listen(port, '127.0.0.1', () => resolve((server!.address() as { port: number }).port));
    });
  const port = await open(0);
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  const cut = () =>
    new Promise<void>((resolve) => {
      server!.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    });
  cleanups.push(cut);
  return { url: url.toString(), cut, restore: () => open(port) };
}

describe('/livez', () => {
  it('answers 200 without touching the database', async () => {
    const { gateway, queries } = await opsGateway({ countQueries: true });
    queries.length = 0;
    const live = await probe(gateway, '/livez');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'live' });
    expect(queries).toEqual([]);
  });

  it("Yoga's /health still answers 200, like /livez", async () => {
    const { gateway } = await opsGateway();
    expect((await gateway.fetch('http://scopegate.test/health')).status).toBe(200);
  });
});

describe('/readyz', () => {
  it('answers 200 {"status":"ready"} with reads only, and later probes cost one SELECT 1', async () => {
    const { gateway, queries } = await opsGateway({ countQueries: true });
    queries.length = 0;
    expect(await probe(gateway, '/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
    expect(await probe(gateway, '/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
    // Nothing but reads (the signing keys' start-up reload may land in the window too).
    for (const query of queries) expect(query).toMatch(/^SELECT /);
    expect(queries.filter((query) => !query.includes('SigningKey'))).toEqual([expect.stringContaining('FROM _prisma_migrations'), 'SELECT 1']);
  });

  it('answers 503 naming the database (and LISTEN) while PostgreSQL is stopped, within about a second, and 200 once it is back', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-readyz-'));
    const db = await startEmbeddedPostgres(dir, { persistent: true });
    cleanups.push(() => rm(dir, { recursive: true, force: true }), () => db.stop());
    await applyMigrations(db.url);
    const { gateway, log } = await opsGateway({ databaseUrl: db.url });
    expect((await probe(gateway, '/readyz')).status).toBe(200);

    await db.stop();
    const down = await probe(gateway, '/readyz');
    expect(down.status).toBe(503);
    expect(down.body?.status).toBe('not_ready');
    expect(down.body?.failed?.database).toBeDefined();
    expect(down.ms).toBeLessThan(2_500);
    await until(() => !gateway.bus.healthy);
    expect((await probe(gateway, '/readyz')).body?.failed).toEqual(expect.objectContaining({ database: expect.any(String), listen: expect.any(String) }));
    // The liveness probe does not depend on the database: the process is fine, only not ready.
    expect((await probe(gateway, '/livez')).status).toBe(200);

    await db.start();
    await until(async () => (await probe(gateway, '/readyz')).status === 200);
    // A change of state is logged once, not once per probe.
    const states = log.lines().filter((line) => line.msg === 'ready' || line.msg === 'not ready').map((line) => line.msg);
    expect(states).toEqual(['ready', 'not ready', 'ready']);
  });

  it('answers 503 naming only LISTEN when the LISTEN/NOTIFY connection is cut, and 200 when it reconnects', async () => {
    const databaseUrl = await isolatedDatabase();
    const relay = await cuttableRelay(databaseUrl);
    const { gateway } = await opsGateway({ databaseUrl, listenUrl: relay.url });
    expect((await probe(gateway, '/readyz')).status).toBe(200);

    await relay.cut();
    await until(() => !gateway.bus.healthy);
    const cut = await probe(gateway, '/readyz');
    expect(cut.status).toBe(503);
    expect(cut.body).toEqual({ status: 'not_ready', failed: { listen: 'the LISTEN/NOTIFY connection is down' } });

    await relay.restore();
    await until(async () => (await probe(gateway, '/readyz')).status === 200);
  });

  it('answers 503 naming migrations when the database lacks one of this build (an older backup restored)', async () => {
    const databaseUrl = await isolatedDatabase();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1');
    await client.query('DELETE FROM _prisma_migrations WHERE migration_name = $1', [rows[0]!.migration_name]);
    await client.end();
    const { gateway, log } = await opsGateway({ databaseUrl });

    const behind = await probe(gateway, '/readyz');
    expect(behind.status).toBe(503);
    expect(behind.body?.failed).toEqual({ migrations: expect.stringMatching(/^1 of \d+ migrations not applied$/) });
    // The names go to the log, not to whoever can reach the probe.
    expect(JSON.stringify(behind.body)).not.toContain(rows[0]!.migration_name);
    expect(log.lines().find((line) => line.msg === 'readyz: migrations not applied')?.missing).toEqual([rows[0]!.migration_name]);
  });
});
