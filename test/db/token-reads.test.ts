/**
 * Authentication's one-statement token read (src/db/token-reads.ts) against the Prisma select it
 * stands for: the same row for every kind of token, so the two can never drift apart; and a cold
 * token costs one round trip and no write.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { Authenticator } from '../../src/auth/authenticator.js';
import { requestBudget } from '../../src/auth/entry.js';
import { KeyStore } from '../../src/auth/signing-keys.js';
import { digestSecret, generateAccessToken } from '../../src/auth/token-format.js';
import { createPrisma, poolOf } from '../../src/db/client.js';
import { BY_DIGESTS, observeTokenReads, TokenReads, tokenSelect } from '../../src/db/token-reads.js';
import { TokenBudgets } from '../../src/security/token-budgets.js';
import { addMember, createDevice, createProject, createToken, createUser, grant } from '../helpers/factories.js';

const prisma = createPrisma(inject('databaseUrl'));
const reads = new TokenReads(prisma);
afterAll(() => prisma.$disconnect());

async function fixtures() {
  const owner = await createUser(prisma);
  const admin = await createUser(prisma, { role: 'ADMIN' });
  const loner = await createUser(prisma);
  const project = await createProject(prisma, owner.id);
  const other = await createProject(prisma, admin.id);
  await addMember(prisma, other.id, owner.id, 'VIEWER');
  const device = await createDevice(prisma, project.id);
  const hour = 3_600_000;
  const tokens = {
    user: await createToken(prisma, { kind: 'USER', createdById: owner.id }),
    adminUser: await createToken(prisma, { kind: 'USER', createdById: admin.id, apiMethodSet: 'READ_ONLY' }),
    noMemberships: await createToken(prisma, { kind: 'USER', createdById: loner.id, allowedCidrs: ['10.0.0.0/8', '2001:db8::/32'] }),
    custom: await createToken(prisma, {
      kind: 'CUSTOM',
      createdById: owner.id,
      // Out of alphabetical order, so that the order by position shows.
      grants: [grant('PROJECT', 'WRITE', { projectId: project.id }), grant('DEVICE', 'READ', { deviceId: device.id }), grant('DEVICE', 'READ'), grant('PROJECT', 'READ', { projectId: other.id })],
      apiMethods: ['Query.viewer', 'Query.devices'],
    }),
    project: await createToken(prisma, { kind: 'PROJECT', createdById: owner.id, projectId: project.id, grants: [grant('DEVICE', 'READ', { projectId: project.id })] }),
    limited: await createToken(prisma, {
      kind: 'USER',
      createdById: owner.id,
      expiresAt: new Date(Date.now() + hour),
      limits: { limitRequestsPerMinute: 30, limitCostPerHour: 500, maxUses: 7, notBefore: new Date('2030-01-01T12:34:56.789Z') },
    }),
    revoked: await createToken(prisma, { kind: 'USER', createdById: owner.id }),
    rotated: await createToken(prisma, { kind: 'USER', createdById: owner.id, selfRotate: true }),
    ownerDeleted: await createToken(prisma, { kind: 'CUSTOM', createdById: admin.id, ownerId: loner.id }),
  };
  await prisma.accessToken.update({ where: { id: tokens.revoked.id }, data: { revokedAt: new Date(), revokeReason: 'test' } });
  const previous = generateAccessToken();
  await prisma.accessToken.update({
    where: { id: tokens.rotated.id },
    data: { previousDigest: digestSecret(previous), previousSecretValidUntil: new Date(Date.now() + hour), previousSecretRepeatUntil: new Date(Date.now() + 60_000), secretFirstUsedAt: new Date() },
  });
  // A PROJECT token whose project is gone (SetNull), and a token whose owner was deleted.
  const gone = await createProject(prisma, owner.id);
  const orphan = await createToken(prisma, { kind: 'PROJECT', createdById: owner.id, projectId: gone.id });
  await prisma.project.delete({ where: { id: gone.id } });
  await prisma.user.update({ where: { id: loner.id }, data: { deletedAt: new Date() } });
  return { tokens: { ...tokens, orphan }, previous };
}

/** Memberships come in no particular order from either; the principal keeps them in a Map. */
function sorted<T extends { owner: { memberships: { projectId: string }[] } | null } | null>(row: T): T {
  if (!row?.owner) return row;
  return { ...row, owner: { ...row.owner, memberships: [...row.owner.memberships].sort((a, b) => a.projectId.localeCompare(b.projectId)) } };
}

describe('TokenReads', () => {
  it('reads every kind of token exactly as the Prisma select does, by secret, by previous secret and by id', async () => {
    const { tokens, previous } = await fixtures();
    for (const [name, token] of Object.entries(tokens)) {
      const expected = await prisma.accessToken.findUniqueOrThrow({ where: { id: token.id }, select: tokenSelect });
      expect(sorted(await reads.bySecret(digestSecret(token.secret))), name).toStrictEqual(sorted(expected));
      expect(sorted(await reads.byId(token.id)), name).toStrictEqual(sorted(expected));
    }
    const rotated = await prisma.accessToken.findUniqueOrThrow({ where: { id: tokens.rotated.id }, select: tokenSelect });
    expect(sorted(await reads.bySecret(digestSecret(previous)))).toStrictEqual(sorted(rotated));
    // The grants come in the order they were given, which the permission fingerprint depends on.
    expect((await reads.byId(tokens.custom.id))!.grants.map((g) => `${g.entity} ${g.action}`)).toEqual(['PROJECT WRITE', 'DEVICE READ', 'DEVICE READ', 'PROJECT READ']);
  });

  it('shares the pool behind Prisma, which $disconnect closes even when only these reads used it', async () => {
    const client = createPrisma(inject('databaseUrl'));
    await new TokenReads(client).bySecret(digestSecret(generateAccessToken()));
    const pool = poolOf(client)!;
    expect(pool.totalCount).toBe(1);
    await client.$disconnect();
    expect({ ended: pool.ended, connections: pool.totalCount }).toEqual({ ended: true, connections: 0 });
  });

  it('reads the cold tokens asked for in one turn in one statement, each answer its own', async () => {
    const { tokens, previous } = await fixtures();
    const counted = createPrisma(inject('databaseUrl'));
    try {
      const statements: string[] = [];
      observeTokenReads(counted, (statement) => statements.push(statement));
      const batch = new TokenReads(counted);
      const asked = [digestSecret(tokens.custom.secret), digestSecret(generateAccessToken()), digestSecret(previous), digestSecret(tokens.project.secret), digestSecret(tokens.custom.secret)];
      const answers = await Promise.all(asked.map((digest) => batch.bySecret(digest)));
      expect(answers.map((row) => row?.id ?? null)).toEqual([tokens.custom.id, null, tokens.rotated.id, tokens.project.id, tokens.custom.id]);
      expect(statements).toEqual([BY_DIGESTS.text]);
      // Asked in a later turn, a read is a statement of its own.
      await batch.bySecret(asked[0]!);
      expect(statements).toHaveLength(2);
    } finally {
      await counted.$disconnect();
    }
  });

  it('finds nothing for an unknown secret or id', async () => {
    expect(await reads.bySecret(digestSecret(generateAccessToken()))).toBeNull();
    expect(await reads.byId('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('reads a token by either digest through their unique indexes, not a scan', async () => {
    const { rows } = await import('pg').then(async ({ default: pg }) => {
      const client = new pg.Client({ connectionString: inject('databaseUrl') });
      await client.connect();
      try {
        // The planner would scan a table this small anyway; forbid it to see which plan it has.
        await client.query('SET enable_seqscan = off');
        return await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${BY_DIGESTS.text}`, [['x', 'y']]);
      } finally {
        await client.end();
      }
    });
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/BitmapOr/);
    expect(plan).toMatch(/AccessToken_digest_key/);
    expect(plan).toMatch(/AccessToken_previousDigest_key/);
  });
});

describe('a cold token', () => {
  it('costs one round trip to the database and no write, its first request budget spend included', async () => {
    const counted = createPrisma(inject('databaseUrl'), { logQueries: true });
    try {
      const statements: string[] = [];
      (counted as unknown as { $on(event: 'query', listener: (e: { query: string }) => void): void }).$on('query', (e) => statements.push(e.query));
      observeTokenReads(counted, (statement) => statements.push(statement));
      const authenticator = new Authenticator(counted, {
        cacheTtlMs: 60_000,
        cacheMaxEntries: 100,
        keys: new KeyStore(counted, 'k'.repeat(32), 90),
        jwt: { issuer: 'test', audience: 'test' },
        requestsPerMinute: 6000,
      });
      const budgets = new TokenBudgets(counted);
      const owner = await createUser(prisma);
      const project = await createProject(prisma, owner.id);
      const warm = await createToken(prisma, { kind: 'USER', createdById: owner.id });
      const cold = await createToken(prisma, { kind: 'CUSTOM', createdById: owner.id, grants: [grant('DEVICE', 'READ', { projectId: project.id })] });
      // The first miss also reads the token policy, kept from then on.
      await authenticator.resolve({ secret: warm.secret, via: 'bearer' });
      statements.length = 0;

      const principal = await authenticator.resolve({ secret: cold.secret, via: 'bearer' });
      expect(principal.authority!.grants).toEqual([grant('DEVICE', 'READ', { projectId: project.id })]);
      expect(principal.token!.limits.requestsPerMinute).toBe(6000);
      const spent = await budgets.spend(principal.token!.id, requestBudget(principal.token!.limits.requestsPerMinute));
      expect(spent).toMatchObject({ allowed: true, remaining: 5999 });
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatch(/^SELECT/);
      expect(await prisma.tokenBudget.count({ where: { tokenId: cold.id } })).toBe(0);
    } finally {
      await counted.$disconnect();
    }
  });
});
