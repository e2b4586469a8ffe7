/**
 * Three gateway processes on one PostgreSQL: a revocation made through one is refused by the
 * other two within a second, for the token and for a JWT exchanged from it.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrisma } from '../../src/db/client.js';
import { setupGateway, isolatedDatabase, TEST_KEY_SECRET } from '../helpers/gateway.js';
import { execute } from '../helpers/execute.js';
import { createToken, createUser } from '../helpers/factories.js';
import { startProcess, stopProcess } from '../helpers/servers.js';

const children: ChildProcess[] = [];
const dirs: string[] = [];

async function startGateway(databaseUrl: string): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-multi-'));
  dirs.push(dataDir);
  const gateway = startProcess(['--import', 'tsx', 'src/server.ts'], {
    DATABASE_URL: databaseUrl,
    SCOPEGATE_DATA_DIR: dataDir,
    SCOPEGATE_KEY_SECRET: TEST_KEY_SECRET,
    SCOPEGATE_ADMIN_EMAIL: 'admin@multi.test',
    SCOPEGATE_ADMIN_PASSWORD: 'admin password for three gateways',
    NODE_ENV: 'production',
  });
  children.push(gateway.child);
  return gateway.base;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad-hoc operations of every shape
const gql = (base: string, query: string, credential: string, variables: Record<string, unknown> = {}) => execute<any, unknown>(`${base}/graphql`, query, variables, { token: credential });

afterAll(async () => {
  await Promise.all(children.map((child) => stopProcess(child)));
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('several gateway processes on one database', () => {
  it('a revocation through one reaches the other two within 1 second, for the token and its JWT', async () => {
    const databaseUrl = await isolatedDatabase();
    const [a, b, c] = await Promise.all([startGateway(databaseUrl), startGateway(databaseUrl), startGateway(databaseUrl)]);
    const prisma = createPrisma(databaseUrl);
    const owner = await createUser(prisma, { role: 'ADMIN' });
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    await prisma.$disconnect();

    const jwt = ((await (await fetch(`${b}/auth/token`, { headers: { authorization: `Bearer ${token.secret}` } })).json()) as { token: string }).token;
    const probes = [b!, c!].flatMap((base) => [token.secret, jwt].map((credential) => ({ base, credential })));
    for (const { base, credential } of probes) {
      // Warm every cache: from here on, only an invalidation can make them refuse.
      expect((await gql(base, '{ viewer { authMethod } }', credential)).status).toBe(200);
      expect((await gql(base, '{ viewer { authMethod } }', credential)).status).toBe(200);
    }

    const revoked = await gql(a!, 'mutation($id: ID!) { revokeToken(id: $id) { status } }', owner.session, { id: token.id });
    expect(revoked.body.data.revokeToken.status).toBe('REVOKED');
    const acknowledged = performance.now();
    const delays = await Promise.all(
      probes.map(async ({ base, credential }) => {
        while (performance.now() - acknowledged < 5_000) {
          if ((await gql(base, '{ viewer { authMethod } }', credential)).status === 401) return performance.now() - acknowledged;
          await new Promise((r) => setTimeout(r, 5));
        }
        return Infinity;
      }),
    );
    console.log(`revocation propagation (ms) to [b token, b JWT, c token, c JWT]: ${delays.map((d) => d.toFixed(1)).join(', ')}`);
    for (const delay of delays) expect(delay).toBeLessThan(1_000);
  });
});

describe('when the LISTEN connection drops', () => {
  it('caches fall back to a short TTL, and the connection comes back by itself', async () => {
    const { gateway, prisma, databaseUrl } = await setupGateway({ isolated: true });
    expect(gateway.bus.healthy).toBe(true);
    const owner = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    const ask = () => execute(gateway, '{ viewer { authMethod } }', undefined, { token: token.secret });
    expect((await ask()).status).toBe(200);

    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`);
    for (let i = 0; i < 100 && gateway.bus.healthy; i++) await new Promise((r) => setTimeout(r, 10));
    expect(gateway.bus.healthy).toBe(false);
    // Entries cached under the long TTL were dropped with the channel.
    expect(gateway.authenticator.cache.size).toBe(0);

    // A revocation whose notification this gateway cannot hear: seen within the fallback TTL.
    expect((await ask()).status).toBe(200);
    await admin.query(`UPDATE "AccessToken" SET "revokedAt" = now() WHERE id = $1`, [token.id]);
    const start = performance.now();
    let status = 200;
    while (status === 200 && performance.now() - start < 5_000) {
      await new Promise((r) => setTimeout(r, 20));
      status = (await ask()).status;
    }
    expect(status).toBe(401);
    expect(performance.now() - start).toBeLessThan(1_500);
    await admin.end();

    for (let i = 0; i < 500 && !gateway.bus.healthy; i++) await new Promise((r) => setTimeout(r, 10));
    expect(gateway.bus.healthy).toBe(true);
  });
});
