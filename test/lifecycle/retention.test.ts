/**
 * Data retention: rows that only serve a bounded look back are deleted once past it, and nothing
 * younger, with the sweep's clock given rather than waited for.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RetentionSweep } from '../../src/lifecycle/retention.js';
import { createToken, createUser } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

// The sweep deletes across whole tables: a database of its own.
const { prisma } = await setupGateway({ isolated: true });

const DAY = 86_400_000;

describe('RetentionSweep', () => {
  it('deletes each kind of row past its retention, keeps the younger ones, and deletes nothing twice', async () => {
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const owner = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });

    const exchanges = await Promise.all([91, 89].map((days) => prisma.federationExchange.create({ data: { outcome: 'ISSUED', createdAt: ago(days) } })));
    await prisma.retiredSecret.createMany({
      data: [
        { digest: 'retired-91-days-ago', tokenId: token.id, retiredAt: ago(91) },
        { digest: 'retired-89-days-ago', tokenId: token.id, retiredAt: ago(89) },
      ],
    });
    const day = (days: number) => new Date(`${ago(days).toISOString().slice(0, 10)}T00:00:00Z`);
    await prisma.tokenUsage.createMany({
      data: [
        { tokenId: token.id, day: day(369), key: 'Query.viewer', count: 1 },
        { tokenId: token.id, day: day(365), key: 'Query.viewer', count: 2 },
      ],
    });
    await prisma.rateLimit.createMany({
      data: [
        { key: `auth-fail:old-${randomUUID()}`, windowStart: ago(2), count: 3 },
        { key: `auth-fail:new-${randomUUID()}`, windowStart: new Date(now.getTime() - 3_600_000), count: 3 },
      ],
    });
    const session = (name: string, expiresAt: Date, endedAt: Date | null = null) =>
      prisma.session.create({ data: { userId: owner.id, digest: `${name}-${randomUUID()}`, expiresAt, endedAt, createdAt: ago(60) } });
    const expiredLongAgo = await session('expired 31 days ago', ago(31));
    const endedLongAgo = await session('ended 31 days ago, would still be valid', new Date(now.getTime() + DAY), ago(31));
    const expiredLately = await session('expired 29 days ago', ago(29));
    const active = await session('active', new Date(now.getTime() + DAY));

    const sweep = new RetentionSweep(prisma);
    expect(await sweep.runOnce(now)).toEqual({ FederationExchange: 1, RetiredSecret: 1, TokenUsage: 1, RateLimit: 1, Session: 2 });

    expect((await prisma.federationExchange.findMany({ select: { id: true } })).map((e) => e.id)).toEqual([exchanges[1]!.id]);
    expect((await prisma.retiredSecret.findMany({ select: { digest: true } })).map((r) => r.digest)).toEqual(['retired-89-days-ago']);
    expect(await prisma.tokenUsage.findMany({ select: { count: true } })).toEqual([{ count: 2 }]);
    expect((await prisma.rateLimit.findMany({ select: { key: true } })).map((r) => r.key)).toEqual([expect.stringMatching(/^auth-fail:new-/)]);
    const sessions = (await prisma.session.findMany({ where: { userId: owner.id }, select: { id: true } })).map((s) => s.id);
    expect(sessions).toEqual(expect.arrayContaining([expiredLately.id, active.id]));
    expect(sessions).not.toContain(expiredLongAgo.id);
    expect(sessions).not.toContain(endedLongAgo.id);

    expect(await sweep.runOnce(now)).toEqual({ FederationExchange: 0, RetiredSecret: 0, TokenUsage: 0, RateLimit: 0, Session: 0 });
  });

  it('deletes a backlog spread over many pages, a range of pages a statement, and keeps the young rows between', async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 100 * DAY);
    // Old and young interleaved, over about thirty pages of the table.
    await prisma.federationExchange.createMany({
      data: Array.from({ length: 2_000 }, (_, i) => ({ outcome: i % 2 ? 'REFUSED' : 'ISSUED', subject: `row ${i}`, createdAt: i % 2 ? old : now })),
    });
    const pages = (await prisma.$queryRaw<{ pages: number }[]>`SELECT (pg_relation_size('"FederationExchange"') / 8192)::int AS pages`)[0]!.pages;
    expect(pages).toBeGreaterThan(10);
    const young = await prisma.federationExchange.count({ where: { createdAt: { gte: now } } });
    const deleted = await new RetentionSweep(prisma, undefined, 3).runOnce(now);
    expect(deleted.FederationExchange).toBe(1_000);
    expect(await prisma.federationExchange.count({ where: { createdAt: { lt: new Date(now.getTime() - 90 * DAY) } } })).toBe(0);
    expect(await prisma.federationExchange.count({ where: { createdAt: { gte: now } } })).toBe(young);
  });

  it('sweeps the other tables when one cannot be, and says which failed', async () => {
    const now = new Date();
    await prisma.federationExchange.create({ data: { outcome: 'ISSUED', createdAt: new Date(now.getTime() - 100 * DAY) } });
    await prisma.rateLimit.create({ data: { key: `auth-fail:old-${randomUUID()}`, windowStart: new Date(now.getTime() - 2 * DAY), count: 1 } });
    // A real failure of one table's statements: the table is not there while the sweep runs.
    await prisma.$executeRaw`ALTER TABLE "RetiredSecret" RENAME TO "RetiredSecretAway"`;
    try {
      await expect(new RetentionSweep(prisma).runOnce(now)).rejects.toThrow(/^could not sweep RetiredSecret: /);
    } finally {
      await prisma.$executeRaw`ALTER TABLE "RetiredSecretAway" RENAME TO "RetiredSecret"`;
    }
    expect(await prisma.federationExchange.count({ where: { createdAt: { lt: new Date(now.getTime() - 90 * DAY) } } })).toBe(0);
    expect(await prisma.rateLimit.count({ where: { windowStart: { lt: new Date(now.getTime() - DAY) } } })).toBe(0);
  });
});
