/**
 * Faults: PostgreSQL restarted under load, and a gateway killed in the middle of createToken.
 */
import { Writable } from 'node:stream';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createPrisma } from '../../src/db/client.js';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { createGateway } from '../../src/yoga.js';
import { createProject, createUser, PASSWORD } from '../helpers/factories.js';
import { isolatedDatabase, TEST_KEY_SECRET } from '../helpers/gateway.js';
import { startProcess } from '../helpers/servers.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PostgreSQL restarted under load', () => {
  it('requests fail with a bare INTERNAL_SERVER_ERROR, the gateway recovers by itself, and nothing acknowledged is lost', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-fault-'));
    const db = await startEmbeddedPostgres(dir, { persistent: true });
    cleanups.push(() => rm(dir, { recursive: true, force: true }), () => db.stop());
    await applyMigrations(db.url);
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, new Writable({ write: (chunk, _e, done) => (lines.push(chunk.toString()), done()) }));
    const prisma = createPrisma(db.url);
    const gateway = await createGateway({ prisma, config: loadConfig({ NODE_ENV: 'production' }), databaseUrl: db.url, keySecret: TEST_KEY_SECRET, logger });
    cleanups.push(() => prisma.$disconnect(), () => gateway.close());
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);

    const acknowledgedDevices: string[] = [];
    const acknowledgedTokens: string[] = [];
    const failures: { status: number; body: string }[] = [];
    let running = true;
    const call = async (query: string, variables: Record<string, unknown>) => {
      const response = await gateway.fetch('http://scopegate.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.session}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = await response.text();
      if (response.status !== 200 || body.includes('"errors"')) failures.push({ status: response.status, body });
      return JSON.parse(body) as { data?: any };
    };
    const deviceWorker = async (w: number) => {
      for (let i = 0; running; i++) {
        const result = await call('mutation($p: ID!, $n: String!) { createDevice(projectId: $p, name: $n) { id } }', { p: project.id, n: `d-${w}-${i}` });
        if (result.data?.createDevice?.id) acknowledgedDevices.push(result.data.createDevice.id);
        await sleep(5);
      }
    };
    const tokenWorker = async () => {
      for (let i = 0; running; i++) {
        const result = await call('mutation($pw: String!, $n: String!) { createToken(password: $pw, input: { kind: USER, name: $n }) { token { id } } }', { pw: PASSWORD, n: `t-${i}` });
        if (result.data?.createToken?.token?.id) acknowledgedTokens.push(result.data.createToken.token.id);
      }
    };
    const workers = [deviceWorker(0), deviceWorker(1), deviceWorker(2), tokenWorker()];
    await sleep(700);
    await db.stop();
    await sleep(800);
    await db.start();
    // Recovery: new writes succeed again without any restart of the gateway.
    const before = acknowledgedDevices.length;
    for (let i = 0; i < 200 && acknowledgedDevices.length <= before + 5; i++) await sleep(50);
    running = false;
    await Promise.all(workers);

    expect(acknowledgedDevices.length).toBeGreaterThan(before + 5);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure.status).toBe(500);
      expect(JSON.parse(failure.body).errors[0]).toEqual(expect.objectContaining({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }));
      expect(failure.body).not.toMatch(/prisma|SELECT|INSERT|ECONNREFUSED|\n\s+at /i);
    }
    // The cause went to the log, with the request id.
    const logged = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'unexpected error');
    expect(logged.length).toBeGreaterThan(0);
    expect(logged[0].requestId).toMatch(/^[0-9a-f-]{36}$/);
    // Nothing acknowledged was lost.
    expect(await prisma.device.count({ where: { id: { in: acknowledgedDevices } } })).toBe(acknowledgedDevices.length);
    expect(await prisma.accessToken.count({ where: { id: { in: acknowledgedTokens } } })).toBe(acknowledgedTokens.length);
    // The LISTEN connection came back too.
    for (let i = 0; i < 200 && !gateway.bus.healthy; i++) await sleep(25);
    expect(gateway.bus.healthy).toBe(true);
  });
});

describe('a gateway killed with SIGKILL in the middle of createToken', () => {
  it('leaves no half-made token', async () => {
    const databaseUrl = await isolatedDatabase();
    const prisma = createPrisma(databaseUrl);
    cleanups.push(() => prisma.$disconnect());
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-kill-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const gateway = startProcess(['--import', 'tsx', 'src/server.ts'], {
      DATABASE_URL: databaseUrl,
      SCOPEGATE_DATA_DIR: dataDir,
      SCOPEGATE_KEY_SECRET: TEST_KEY_SECRET,
      SCOPEGATE_ADMIN_PASSWORD: 'x'.repeat(20),
    });
    const { child } = gateway;
    const base = await gateway.base;
    const create = (i: number) =>
      fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.session}` },
        body: JSON.stringify({
          query: 'mutation($pw: String!, $n: String!, $p: ID!) { createToken(password: $pw, input: { kind: CUSTOM, name: $n, grants: [{ entity: DEVICE, action: READ, projectId: $p }, { entity: PROJECT, action: READ, projectId: $p }] }) { token { id } } }',
          variables: { pw: PASSWORD, n: `k-${i}`, p: project.id },
        }),
      }).then((r) => r.json(), () => undefined);
    // Keep createToken requests in flight; kill the process as soon as one has committed.
    const inFlight: Promise<unknown>[] = [];
    let committed = false;
    for (let i = 0; !committed && i < 200; i++) {
      inFlight.push(create(i).then((body) => (committed ||= Boolean(body?.data?.createToken))));
      await sleep(40);
    }
    for (let i = 0; i < 3; i++) inFlight.push(create(1000 + i));
    await sleep(30);
    child.kill('SIGKILL');
    await Promise.all(inFlight);

    const tokens = await prisma.accessToken.findMany({ where: { ownerId: owner.id }, include: { grants: true, events: true } });
    for (const token of tokens) {
      expect(token.grants).toHaveLength(2);
      expect(token.events.map((e) => e.kind)).toEqual(['CREATED']);
    }
    expect(tokens.length).toBeGreaterThan(0);
    console.log(`tokens committed before the kill: ${tokens.length} of ${inFlight.length} requested`);
  });
});
