/**
 * Three gateway processes on one PostgreSQL: a revocation made through one is refused by the
 * other two within a second, for the token and for a JWT exchanged from it.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPrisma } from '../../src/db/client.js';
import { setupGateway } from '../helpers/gateway.js';
import { execute } from '../helpers/execute.js';
import { createToken, createUser } from '../helpers/factories.js';
import { gatewayProcesses } from '../helpers/servers.js';
import { exchangedJwt } from '../helpers/token-endpoint.js';

const gateways = gatewayProcesses();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad-hoc operations of every shape
const gql = (base: string, query: string, credential: string, variables: Record<string, unknown> = {}) => execute<any, unknown>(`${base}/graphql`, query, variables, { token: credential });

/** How long after `since` each probe first gets a 401, polling every 5 ms for at most 5 s. */
function refusalDelays(probes: { base: string; credential: string }[], since: number) {
  return Promise.all(
    probes.map(async ({ base, credential }) => {
      while (performance.now() - since < 5_000) {
        if ((await gql(base, '{ viewer { authMethod } }', credential)).status === 401) return performance.now() - since;
        await new Promise((r) => setTimeout(r, 5));
      }
      return Infinity;
    }),
  );
}

describe('several gateway processes on one database', () => {
  it('a revocation through one reaches the other two within 1 second, for the token and its JWT', async () => {
    const { databaseUrl, bases } = await gateways.threeOnOneDatabase();
    const [a, b, c] = bases;
    const prisma = createPrisma(databaseUrl);
    const owner = await createUser(prisma, { role: 'ADMIN' });
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    await prisma.$disconnect();

    const jwt = await exchangedJwt(b!, token.secret);
    const probes = [b!, c!].flatMap((base) => [token.secret, jwt].map((credential) => ({ base, credential })));
    for (const { base, credential } of probes) {
      // Warm every cache: from here on, only an invalidation can make them refuse.
      expect((await gql(base, '{ viewer { authMethod } }', credential)).status).toBe(200);
      expect((await gql(base, '{ viewer { authMethod } }', credential)).status).toBe(200);
    }

    const revoked = await gql(a!, 'mutation($id: ID!) { revokeToken(id: $id) { status } }', owner.session, { id: token.id });
    expect(revoked.body.data.revokeToken.status).toBe('REVOKED');
    const delays = await refusalDelays(probes, performance.now());
    console.log(`revocation propagation (ms) to [b token, b JWT, c token, c JWT]: ${delays.map((d) => d.toFixed(1)).join(', ')}`);
    for (const delay of delays) expect(delay).toBeLessThan(1_000);
  });

  it('a token policy set through one process holds on the others for the tokens they read next, though they keep it in memory', async () => {
    const { databaseUrl, bases } = await gateways.threeOnOneDatabase();
    const [a, b] = bases;
    const prisma = createPrisma(databaseUrl);
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const seen = await createToken(prisma, { kind: 'USER', createdById: admin.id });
    const unseen = await createToken(prisma, { kind: 'USER', createdById: admin.id });
    await prisma.$disconnect();
    const requestPolicy = async (secret: string) => (await gql(b!, '{ viewer { authMethod } }', secret)).headers.get('ratelimit-policy');
    const setPolicy = (requestsPerMinute: number | null) =>
      execute(`${a}/graphql`, 'mutation($n: Int) { setTokenPolicy(input: { requestsPerMinute: $n }) { requestsPerMinute } }', { n: requestsPerMinute }, { session: admin.session });
    // b reads the policy with the first token it sees, and keeps it.
    expect(await requestPolicy(seen.secret)).toBe('"requests";q=6000;w=60');
    (await setPolicy(17)).expectData();
    try {
      await expect.poll(() => requestPolicy(unseen.secret), { timeout: 1_000, interval: 10 }).toBe('"requests";q=17;w=60');
      expect(await requestPolicy(seen.secret)).toBe('"requests";q=17;w=60');
    } finally {
      (await setPolicy(null)).expectData();
    }
  });

  it('both secrets of a rotation work on every process inside the overlap; the first use of the new one ends the old one everywhere within 1 second', async () => {
    const { databaseUrl, bases } = await gateways.threeOnOneDatabase();
    const [a, b, c] = bases;
    const prisma = createPrisma(databaseUrl);
    const owner = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id, selfRotate: true });
    await prisma.$disconnect();

    const response = await fetch(`${a}/auth/token/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.secret}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'overlap_seconds=3600',
    });
    expect(response.status).toBe(200);
    const { secret: fresh } = (await response.json()) as { secret: string };
    // The old secret works everywhere, twice, so every cache holds it.
    for (const base of [b!, c!]) for (let i = 0; i < 2; i++) expect((await gql(base, '{ viewer { authMethod } }', token.secret)).status).toBe(200);

    expect((await gql(a!, '{ viewer { authMethod } }', fresh)).status).toBe(200);
    const delays = await refusalDelays([b!, c!].map((base) => ({ base, credential: token.secret })), performance.now());
    console.log(`old secret refused after the new one's first use (ms) on [b, c]: ${delays.map((d) => d.toFixed(1)).join(', ')}`);
    for (const delay of delays) expect(delay).toBeLessThan(1_000);
    for (const base of [a!, b!, c!]) expect((await gql(base, '{ viewer { authMethod } }', fresh)).status).toBe(200);
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
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`);
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
