/**
 * The leasing behind token limits (security/token-budgets.ts), with several leasers on the real
 * database standing for several processes: the documented bound holds for slices larger than one.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPrisma } from '../../src/db/client.js';
import { sliceOf, TokenBudgets, type BudgetLimit } from '../../src/security/token-budgets.js';
import { createToken, createUser } from '../helpers/factories.js';

const prisma = createPrisma(inject('databaseUrl'));
const logged = createPrisma(inject('databaseUrl'), { logQueries: true });
const leases: string[] = [];
(logged as unknown as { $on(event: 'query', listener: (e: { query: string }) => void): void }).$on('query', (e) => {
  if (e.query.includes('INSERT INTO "TokenBudget"')) leases.push(e.query);
});
afterAll(async () => {
  await prisma.$disconnect();
  await logged.$disconnect();
});

async function tokenId(): Promise<string> {
  const owner = await createUser(prisma);
  return (await createToken(prisma, { kind: 'USER', createdById: owner.id })).id;
}

describe('leased budgets', () => {
  it('5 processes spending 3000 requests against a limit of 1000: at most 1000 succeed, and at most 5 x (slice - 1) are stranded', async () => {
    const id = await tokenId();
    const limit: BudgetLimit = { kind: 'requests', max: 1000, windowMs: 60_000 };
    const now = Date.UTC(2030, 0, 1, 12, 0, 5);
    const processes = Array.from({ length: 5 }, () => new TokenBudgets(prisma, () => now));
    let allowed = 0;
    await Promise.all(
      processes.map(async (budgets, p) => {
        // Uneven load: the first process gets most of it.
        const share = p === 0 ? 1400 : 400;
        for (let i = 0; i < share; i++) if ((await budgets.spend(id, limit)).allowed) allowed++;
      }),
    );
    expect(sliceOf(limit)).toBe(10);
    expect(allowed).toBeLessThanOrEqual(1000);
    expect(allowed).toBeGreaterThanOrEqual(1000 - 5 * (sliceOf(limit) - 1));
    const row = await prisma.tokenBudget.findUniqueOrThrow({ where: { tokenId_kind: { tokenId: id, kind: 'requests' } } });
    expect(row.used).toBe(1000);
  });

  it('a process writes once per slice (1% of the limit), and a new window starts the count afresh', async () => {
    const id = await tokenId();
    const limit: BudgetLimit = { kind: 'requests', max: 500, windowMs: 60_000 };
    let now = Date.UTC(2030, 0, 1, 12, 0, 59, 900);
    const budgets = new TokenBudgets(logged, () => now);
    leases.length = 0;
    for (let i = 0; i < 500; i++) expect((await budgets.spend(id, limit)).allowed).toBe(true);
    expect(leases).toHaveLength(100);
    const spent = await budgets.spend(id, limit);
    expect(spent).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    now += 100;
    expect(await budgets.spend(id, limit)).toMatchObject({ allowed: true, remaining: 499, resetAt: new Date(Date.UTC(2030, 0, 1, 12, 2)) });
  });

  it('a cost larger than what is left is refused and takes nothing; a smaller one still fits', async () => {
    const id = await tokenId();
    const limit: BudgetLimit = { kind: 'cost', max: 100, windowMs: 3_600_000 };
    const budgets = new TokenBudgets(prisma, () => Date.UTC(2030, 0, 1));
    expect(await budgets.spend(id, limit, 60)).toMatchObject({ allowed: true, remaining: 40 });
    expect(await budgets.spend(id, limit, 50)).toMatchObject({ allowed: false, remaining: 40 });
    expect(await budgets.spend(id, limit, 40)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await budgets.spend(id, limit, 101)).toMatchObject({ allowed: false });
  });
});
