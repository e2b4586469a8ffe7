/**
 * Review 6: attacks on the data retention sweep (src/lifecycle/retention.ts), users(search:) and
 * the escaped search filter (src/schema/validation.ts, searchFilter) and token timestamps read as
 * epoch milliseconds (src/db/timestamps.ts, src/db/token-reads.ts). A passing test is a defence
 * that held; an `it.fails` is a finding, with its severity in the comment above it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it, afterAll } from 'vitest';
import { digestSecret } from '../../src/auth/token-format.js';
import { loadConfig } from '../../src/config.js';
import { createPrisma, type PrismaClient } from '../../src/db/client.js';
import { RetentionSweep } from '../../src/lifecycle/retention.js';
import { SharedRateLimiter, type Limit } from '../../src/security/rate-limits.js';
import { createGateway, type Gateway } from '../../src/yoga.js';
import { execute } from '../helpers/execute.js';
import { createProject, createSession, createToken, createUser } from '../helpers/factories.js';
import { isolatedDatabase, setupGateway, TEST_KEY_SECRET } from '../helpers/gateway.js';
import { startIssuer } from '../helpers/oidc-issuer.js';
import { federatedExchange } from '../helpers/token-endpoint.js';

const DAY = 86_400_000;

/** The gateway's clock: the real one unless a test sets `frozenAt`. */
let frozenAt: number | undefined;
const { gateway, prisma } = await setupGateway({ clock: () => frozenAt ?? Date.now() });
// The sweep deletes across whole tables: a database of its own. Its JWKS are on loopback.
const iso = await setupGateway({ isolated: true, env: { SCOPEGATE_FEDERATION_ALLOW_INSECURE: '1' } });
const ci = await startIssuer('review6');

const viewer = (gw: Gateway, secret: string) => execute(gw, '{ viewer { authMethod } }', {}, { token: secret });

async function acceptedAt(at: number, secret: string, gw: Gateway = gateway): Promise<boolean> {
  frozenAt = at;
  try {
    const response = await viewer(gw, secret);
    if (response.status === 200 && !response.body.errors) return true;
    expect(response.body.errors?.[0]?.extensions?.code, JSON.stringify(response.body)).toBe('UNAUTHENTICATED');
    return false;
  } finally {
    frozenAt = undefined;
  }
}

describe('RetentionSweep (73a7370)', () => {
  const FAILED_AUTH: Limit = { max: 3, windowMs: 5 * 60_000 };

  /** Rows still in force at `now`, each of a kind the sweep deletes once it is past its look back. */
  async function inForce(db: PrismaClient, now: number) {
    const owner = await createUser(db);
    const token = await createToken(db, { kind: 'USER', createdById: owner.id });
    // A session that lives long: made 400 days ago, valid for another day.
    const session = await db.session.create({
      data: { userId: owner.id, digest: `live-${randomUUID()}`, createdAt: new Date(now - 400 * DAY), expiresAt: new Date(now + DAY) },
    });
    // A rotation's previous secret is recorded as retired from the end of its overlap (rotation.ts).
    const retired = `retired-in-overlap-${randomUUID()}`;
    await db.retiredSecret.create({ data: { digest: retired, tokenId: token.id, retiredAt: new Date(now + 7 * DAY) } });
    // A failed-authentication counter at its limit, in its live window.
    const counter = `auth-fail:review6-${randomUUID()}`;
    const limiter = new SharedRateLimiter(db);
    for (let i = 0; i < FAILED_AUTH.max; i++) await limiter.hit(counter, FAILED_AUTH, now);
    // The oldest day usage(days: 366) and suggestedGrants read (schema/least-privilege.ts).
    const oldestRead = new Date(new Date(now - 366 * DAY).toISOString().slice(0, 10));
    await db.tokenUsage.create({ data: { tokenId: token.id, day: oldestRead, key: 'Query.viewer', count: 1 } });
    return { session, retired, counter, token };
  }

  async function stillInForce(db: PrismaClient, now: number, rows: Awaited<ReturnType<typeof inForce>>) {
    expect(await db.session.findUnique({ where: { id: rows.session.id } })).not.toBeNull();
    expect(await db.retiredSecret.findUnique({ where: { digest: rows.retired } })).not.toBeNull();
    expect(await db.tokenUsage.count({ where: { tokenId: rows.token.id } })).toBe(1);
    // Another process, which has not seen the hits: it reads the counter from the database.
    expect((await new SharedRateLimiter(db).hit(rows.counter, FAILED_AUTH, now + 1_000)).limited).toBe(true);
  }

  it('keeps a long-lived session, a retired secret inside its overlap, a counter in its window and the oldest usage day read', async () => {
    const now = Date.now();
    const rows = await inForce(iso.prisma, now);
    await new RetentionSweep(iso.prisma).runOnce(new Date(now));
    await stillInForce(iso.prisma, now, rows);
  });

  // Finding (low): the sweep deleted by the process's clock alone. A primary whose clock jumped
  // ahead (a bad NTP step, a VM restored with a wrong clock) deleted every session, live
  // rate-limit counter and recent retired secret at once, for every instance on the database, and
  // for good: the rows stay gone after the clock is put right. Fixed: the sweep deletes by the
  // earlier of its own clock and the database's.
  it("deletes nothing still in force when the sweeping process's clock is far ahead of the database's", async () => {
    const now = Date.now();
    const rows = await inForce(iso.prisma, now);
    const deleted = await new RetentionSweep(iso.prisma).runOnce(new Date(now + 10 * 365 * DAY));
    expect(deleted).toBeDefined();
    await stillInForce(iso.prisma, now, rows);
  });

  it('deletes nothing with a clock far behind', async () => {
    const now = Date.now();
    const owner = await createUser(iso.prisma);
    const stale = await iso.prisma.session.create({ data: { userId: owner.id, digest: `stale-${randomUUID()}`, expiresAt: new Date(now - 31 * DAY) } });
    expect(await new RetentionSweep(iso.prisma).runOnce(new Date(now - 10 * 365 * DAY))).toEqual({ FederationExchange: 0, RetiredSecret: 0, TokenUsage: 0, RateLimit: 0, Session: 0 });
    expect(await iso.prisma.session.findUnique({ where: { id: stale.id } })).not.toBeNull();
    // The same row goes with the right clock: the test above can tell kept from deleted.
    await new RetentionSweep(iso.prisma).runOnce(new Date(now));
    expect(await iso.prisma.session.findUnique({ where: { id: stale.id } })).toBeNull();
  });

  it('keeps a stale counter that a concurrent failure renews while the batched DELETE waits for its row', async () => {
    const now = Date.now();
    const key = `auth-fail:renewed-${randomUUID()}`;
    await iso.prisma.rateLimit.create({ data: { key, windowStart: new Date(now - 2 * DAY), count: 7 } });
    const client = new pg.Client({ connectionString: iso.databaseUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      // The limiter's own upsert (security/rate-limits.ts, increment): a new window, count 1.
      await client.query(
        `INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES ($1, $2, 1)
         ON CONFLICT ("key") DO UPDATE SET
           "count" = CASE WHEN "RateLimit"."windowStart" <= $3 THEN 1 ELSE "RateLimit"."count" + 1 END,
           "windowStart" = CASE WHEN "RateLimit"."windowStart" <= $3 THEN $2 ELSE "RateLimit"."windowStart" END`,
        [key, new Date(now).toISOString().replace('T', ' ').replace('Z', ''), new Date(now - FAILED_AUTH.windowMs).toISOString().replace('T', ' ').replace('Z', '')],
      );
      const sweep = new RetentionSweep(iso.prisma).runOnce(new Date(now));
      // The sweep's snapshot saw the stale row; its DELETE waits for this transaction's row lock.
      await expect
        .poll(
          // Not from `client`: inside its transaction, pg_stat_activity is read once and kept.
          async () =>
            (await iso.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%DELETE FROM "RateLimit"%'`)[0]!.n,
          { timeout: 10_000, interval: 20 },
        )
        .toBe(1);
      await client.query('COMMIT');
      await sweep;
    } finally {
      await client.end();
    }
    expect(await iso.prisma.rateLimit.findUnique({ where: { key }, select: { count: true } })).toEqual({ count: 1 });
  });

  // Informational: nothing in the exchange reads FederationExchange (no jti is kept), so the
  // sweep cannot open a replay. A CI JWT is exchanged as often as it lives, and its lifetime has
  // no cap of its own (a JWT valid for a year is taken); what it gets is capped by
  // maxLifetimeSeconds.
  it('exchanges a CI JWT again after the sweep dropped its records, until its exp and not after', async () => {
    const owner = await createUser(iso.prisma);
    const project = await createProject(iso.prisma, owner.id);
    const created = await execute(
      iso.gateway,
      'mutation ($input: CreateTrustPolicyInput!) { createTrustPolicy(input: $input) { id } }',
      {
        input: {
          name: 'review 6 CI',
          issuer: ci.issuer,
          jwksUri: ci.jwksUri,
          audience: 'https://scopegate.example.com',
          claims: { repository: 'acme/firmware' },
          projectId: project.id,
          grants: [{ entity: 'DEVICE', action: 'READ' }],
          apiMethods: ['Query.viewer'],
          maxLifetimeSeconds: 600,
        },
      },
      { session: owner.session },
    );
    const policyId = (created.expectData() as { createTrustPolicy: { id: string } }).createTrustPolicy.id;
    const exchange = (jwt: string) => federatedExchange(iso.gateway, jwt, project.id);
    const nowS = Math.floor(Date.now() / 1000);
    const yearLong = await ci.sign({ aud: 'https://scopegate.example.com', repository: 'acme/firmware', sub: 'repo:acme/firmware', iat: nowS, exp: nowS + 365 * 86_400 });
    const first = await exchange(yearLong);
    expect(first.status).toBe(200);
    expect(first.body.expires_in).toBeLessThanOrEqual(600);
    await iso.prisma.federationExchange.deleteMany({ where: { policyId } });
    expect((await exchange(yearLong)).status).toBe(200);
    const expired = await ci.sign({ aud: 'https://scopegate.example.com', repository: 'acme/firmware', iat: nowS - 600, exp: nowS - 120 });
    expect((await exchange(expired)).status).toBe(400);
    expect((await iso.prisma.federationExchange.findMany({ where: { policyId }, orderBy: { createdAt: 'asc' } })).map((e) => e.outcome)).toEqual(['ISSUED', 'expired']);
  });

  it('logs a failed sweep and throws nothing at its caller', async () => {
    const url = new URL(iso.databaseUrl);
    url.pathname = `/missing_${randomBytes(4).toString('hex')}`;
    const broken = createPrisma(url.toString());
    const logged: string[] = [];
    const sweep = new RetentionSweep(broken, (m) => logged.push(m));
    try {
      expect(() => sweep.start(3_600_000)).not.toThrow();
      await expect.poll(() => logged, { timeout: 10_000 }).toEqual([expect.stringMatching(/^data retention sweep failed: /)]);
    } finally {
      sweep.stop();
      await broken.$disconnect();
    }
  });
});

describe('users(search:) and searchFilter (d03a07a)', () => {
  const SEARCH_USERS = 'query ($search: String) { users(search: $search, first: 100) { totalCount nodes { id } } }';
  const SEARCH_TOKENS = 'query ($search: String) { adminTokens(search: $search, first: 100) { totalCount nodes { id } } }';

  it('answers an admin session only: not a member session, an admin’s own access token, nor anyone anonymous', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const member = await createUser(prisma);
    const adminToken = await createToken(prisma, { kind: 'USER', createdById: admin.id });
    const search = { search: member.email };
    expect((await execute(gateway, SEARCH_USERS, search, { session: admin.session })).expectData()).toMatchObject({ users: { totalCount: 1 } });
    for (const [credential, code] of [
      [{ session: member.session }, 'FORBIDDEN'],
      [{ token: adminToken.secret }, 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ] as const) {
      for (const query of [SEARCH_USERS, SEARCH_TOKENS]) {
        const response = await execute(gateway, query, search, credential);
        response.expectError(code);
        expect(response.body.data ?? null).toBeNull();
      }
    }
  });

  it('matches backslash, % and _ as text, a lone backslash included, as counted by strpos', async () => {
    // The user searches count every user with a backslash, `%` or `_` anywhere: on the shared
    // database, other files create such users between a search and its count.
    const admin = await createUser(iso.prisma, { role: 'ADMIN' });
    const tag = randomBytes(4).toString('hex');
    const names = [`${tag} back\\slash`, `${tag} 50%`, `${tag} a_b`, `${tag} plain`, `${tag} trail\\`];
    for (const name of names) {
      const user = await createUser(iso.prisma, { name });
      await createToken(iso.prisma, { kind: 'USER', createdById: user.id, name });
    }
    /** What a search should find: the same text anywhere, in any case. */
    const expected = async (text: string, table: 'User' | 'AccessToken') => {
      const [row] =
        table === 'User'
          ? await iso.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "User" WHERE "deletedAt" IS NULL AND (strpos(lower(email), lower(${text})) > 0 OR strpos(lower(name), lower(${text})) > 0)`
          : await iso.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "AccessToken" WHERE strpos(lower(name), lower(${text})) > 0 AND name LIKE ${`${tag}%`}`;
      return row!.n;
    };
    for (const text of ['\\', '%', '_', '\\%', '\\\\', '%_%', `${tag} back\\s`, `${tag} 50%`, `${tag} a_b`, `${tag} a%b`, `${tag} trail\\`, `${tag} _`]) {
      const users = (await execute(iso.gateway, SEARCH_USERS, { search: text }, { session: admin.session })).expectData() as { users: { totalCount: number } };
      expect([text, users.users.totalCount]).toEqual([text, await expected(text, 'User')]);
    }
    // Tokens: only this test's, by searching with the tag, and through a name no other test uses.
    for (const suffix of [' back\\', ' 50%', ' a_', ' _', ' %', ' trail\\', ' \\']) {
      const text = `${tag}${suffix}`;
      const tokens = (await execute(iso.gateway, SEARCH_TOKENS, { search: text }, { session: admin.session })).expectData() as { adminTokens: { totalCount: number } };
      expect([text, tokens.adminTokens.totalCount]).toEqual([text, await expected(text, 'AccessToken')]);
    }
  });

  it('refuses NUL, control characters, an unpaired surrogate and 201 characters with BAD_USER_INPUT, and takes 200 emoji', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    for (const query of [SEARCH_USERS, SEARCH_TOKENS]) {
      for (const bad of ['a\u0000b', 'a\u0007b', 'a\ud800b', 'x'.repeat(201)]) {
        const response = await execute(gateway, query, { search: bad }, { session: admin.session });
        expect(response.expectError('BAD_USER_INPUT').extensions?.field).toBe('search');
      }
      expect((await execute(gateway, query, { search: '😀'.repeat(200) }, { session: admin.session })).body.errors).toBeUndefined();
    }
  });

  it('finds a name in another case outside ASCII ("in any case")', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const tag = randomBytes(4).toString('hex');
    const user = await createUser(prisma, { name: `Ärger Éclair ${tag}` });
    const found = (await execute(gateway, SEARCH_USERS, { search: `ärger éclair ${tag}` }, { session: admin.session })).expectData() as { users: { nodes: { id: string }[] } };
    expect(found.users.nodes.map((u) => u.id)).toEqual([user.id]);
  });
});

describe('token timestamps as epoch milliseconds (8f6afde, 9febdbe)', () => {
  async function tokenWith(data: { expiresAt?: Date | null; notBefore?: Date | null }) {
    const owner = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    await prisma.accessToken.update({ where: { id: token.id }, data });
    return token.secret;
  }

  it('refuses a token at the millisecond it expires and after, cold and cached, and accepts it the millisecond before', async () => {
    // An odd millisecond: truncating to seconds, or rounding, would move the boundary.
    const T = Math.floor(Date.now() / 1000) * 1000 + 3_600_000 + 999;
    const expiresAt = new Date(T);
    const warm = await tokenWith({ expiresAt });
    expect(await acceptedAt(T - 1, warm)).toBe(true);
    expect(await acceptedAt(T, warm)).toBe(false);
    expect(await acceptedAt(T + 1, warm)).toBe(false);
    expect(await acceptedAt(T - 1, await tokenWith({ expiresAt }))).toBe(true);
    expect(await acceptedAt(T, await tokenWith({ expiresAt }))).toBe(false);
  });

  it('honours notBefore to the millisecond, cold and cached', async () => {
    const T = Math.floor(Date.now() / 1000) * 1000 + 3_600_000 + 1;
    const notBefore = new Date(T);
    const warm = await tokenWith({ notBefore });
    expect(await acceptedAt(T - 1, warm)).toBe(false);
    expect(await acceptedAt(T, warm)).toBe(true);
    expect(await acceptedAt(T - 1, await tokenWith({ notBefore }))).toBe(false);
    expect(await acceptedAt(T, await tokenWith({ notBefore }))).toBe(true);
  });

  it("ends a rotation's previous secret at the millisecond its overlap ends, cold and cached", async () => {
    const T = Math.floor(Date.now() / 1000) * 1000 + 3_600_000 + 501;
    /** A token whose previous secret is `previous`, valid until T; the new secret unused. */
    const rotated = async () => {
      const owner = await createUser(prisma);
      const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });
      const other = await createToken(prisma, { kind: 'USER', createdById: owner.id });
      await prisma.accessToken.delete({ where: { id: other.id } });
      await prisma.accessToken.update({ where: { id: token.id }, data: { previousDigest: digestSecret(other.secret), previousSecretValidUntil: new Date(T) } });
      return other.secret;
    };
    const warm = await rotated();
    expect(await acceptedAt(T - 1, warm)).toBe(true);
    expect(await acceptedAt(T, warm)).toBe(false);
    expect(await acceptedAt(T, await rotated())).toBe(false);
  });

  it('takes expiry far in the future and refuses one before 1970', async () => {
    expect(await acceptedAt(Date.now(), await tokenWith({ expiresAt: new Date('9999-12-31T23:59:59.999Z') }))).toBe(true);
    expect(await acceptedAt(Date.now(), await tokenWith({ expiresAt: new Date('1969-07-20T20:17:40.001Z') }))).toBe(false);
    expect(await acceptedAt(Date.now(), await tokenWith({ expiresAt: new Date(0) }))).toBe(false);
    expect(await acceptedAt(Date.now(), await tokenWith({ expiresAt: null, notBefore: null }))).toBe(true);
  });

  it("does not depend on the database's session time zone or the process's", async () => {
    const databaseUrl = await isolatedDatabase();
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${new URL(databaseUrl).pathname.slice(1)} SET timezone = 'Pacific/Kiritimati'`);
    await admin.end();
    const db = createPrisma(databaseUrl);
    const gw = await createGateway({ prisma: db, config: loadConfig({ NODE_ENV: 'test' }), databaseUrl, keySecret: TEST_KEY_SECRET, clock: () => frozenAt ?? Date.now() });
    afterAll(async () => {
      await gw.close();
      await db.$disconnect();
    });
    const tz = process.env.TZ;
    process.env.TZ = 'America/St_Johns';
    try {
      const now = Date.now();
      const owner = await createUser(db);
      const make = async (expiresAt: Date) => {
        const token = await createToken(db, { kind: 'USER', createdById: owner.id });
        await db.accessToken.update({ where: { id: token.id }, data: { expiresAt } });
        return token.secret;
      };
      const soon = new Date(now + 60_000);
      const secret = await make(soon);
      const [stored] = await db.$queryRaw<{ text: string }[]>`SELECT to_char("expiresAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS text FROM "AccessToken" WHERE "expiresAt" IS NOT NULL`;
      expect(stored!.text).toBe(soon.toISOString());
      expect(await acceptedAt(now + 59_999, secret, gw)).toBe(true);
      expect(await acceptedAt(now + 60_000, await make(soon), gw)).toBe(false);
      expect(await acceptedAt(now, await make(new Date(now - 60_000)), gw)).toBe(false);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    // The sweep's cutoffs are compared in the same zone-free way: a counter 23 hours old stays,
    // one 25 hours old goes (a shift by the zone's 14 hours would swap them).
    const now = Date.now();
    const [young, old] = [`auth-fail:23h-${randomUUID()}`, `auth-fail:25h-${randomUUID()}`];
    await db.rateLimit.createMany({ data: [{ key: young, windowStart: new Date(now - 23 * 3_600_000), count: 1 }, { key: old, windowStart: new Date(now - 25 * 3_600_000), count: 1 }] });
    await new RetentionSweep(db).runOnce(new Date(now));
    expect((await db.rateLimit.findMany({ where: { key: { in: [young, old] } }, select: { key: true } })).map((r) => r.key)).toEqual([young]);
    // A session too, though it is read through Prisma: the same columns.
    const user = await createUser(db);
    expect(await acceptedAt(Date.now(), await createSession(db, user.id, 60_000), gw)).toBe(true);
  });

  // Finding (low): a timestamp outside a JS Date's range (PostgreSQL's 'infinity' and
  // '-infinity', or a year past 275760) became an Invalid Date, which every comparison answers
  // false: a token an operator expired with expiresAt = '-infinity' kept working, and one held
  // back with notBefore = 'infinity' worked at once. Fixed: fromEpochMs clamps to Date's range.
  it("fails closed on timestamps outside a Date's range: expiresAt '-infinity', notBefore 'infinity'", async () => {
    for (const [column, value] of [
      ['expiresAt', '-infinity'],
      ['notBefore', 'infinity'],
      ['notBefore', '290000-01-01 00:00:00'],
    ] as const) {
      const owner = await createUser(prisma);
      const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });
      await prisma.$executeRawUnsafe(`UPDATE "AccessToken" SET "${column}" = $1::timestamp WHERE id = $2::uuid`, value, token.id);
      expect([column, value, await acceptedAt(Date.now(), token.secret)]).toEqual([column, value, false]);
    }
    // And 'infinity' as an expiry is no expiry.
    const owner = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    await prisma.$executeRaw`UPDATE "AccessToken" SET "expiresAt" = 'infinity' WHERE id = ${token.id}::uuid`;
    expect(await acceptedAt(Date.now(), token.secret)).toBe(true);
  });
});
