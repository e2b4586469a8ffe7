/**
 * The leasing behind token limits (security/token-budgets.ts), with several leasers on the real
 * database standing for several processes: the documented bound (successes <= limit + processes x
 * slice, exactly the limit in one process) holds, and `uses` counts exactly.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPrisma } from '../../src/db/client.js';
import { MAX_BUCKETS, sliceOf, TokenBudgets, type BudgetLimit } from '../../src/security/token-budgets.js';
import { userTokenId } from '../helpers/factories.js';
import { spendMany } from '../helpers/budgets.js';

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

const budgetRow = (tokenId: string, kind: string) => prisma.tokenBudget.findUniqueOrThrow({ where: { tokenId_kind: { tokenId, kind } } });

describe('leased budgets', () => {
  it('a token used in one process gets exactly its limit; the first slice costs no write, then one a slice', async () => {
    const id = await userTokenId(prisma);
    const limit: BudgetLimit = { kind: 'requests', max: 500, windowMs: 60_000 };
    let now = Date.UTC(2030, 0, 1, 12, 0, 59, 900);
    const budgets = new TokenBudgets(logged, () => now);
    expect(sliceOf(limit)).toBe(5);
    leases.length = 0;
    for (let i = 0; i < 5; i++) expect(await budgets.spend(id, limit)).toMatchObject({ allowed: true, remaining: 499 - i });
    expect(leases).toHaveLength(0);
    expect(await prisma.tokenBudget.count({ where: { tokenId: id } })).toBe(0);
    for (let i = 5; i < 500; i++) expect((await budgets.spend(id, limit)).allowed).toBe(true);
    // The first lease records the 5 spent on credit and takes a slice: 99 leases for the other 495.
    expect(leases).toHaveLength(99);
    expect(await budgets.spend(id, limit)).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    expect((await budgetRow(id, 'requests')).used).toBe(500);
    now += 100;
    leases.length = 0;
    expect(await budgets.spend(id, limit)).toMatchObject({ allowed: true, remaining: 499, resetAt: new Date(Date.UTC(2030, 0, 1, 12, 2)) });
    expect(leases).toHaveLength(0);
  });

  it('the worst case over 3 processes: each spends its first slice unrecorded, one leases the rest; limit + 2 slices succeed and every unit is recorded', async () => {
    const id = await userTokenId(prisma);
    const limit: BudgetLimit = { kind: 'requests', max: 1000, windowMs: 60_000 };
    const now = Date.UTC(2030, 0, 1, 12, 0, 5);
    const [a, b, c] = Array.from({ length: 3 }, () => new TokenBudgets(prisma, () => now));
    const slice = sliceOf(limit);
    expect(slice).toBe(10);
    let allowed = 0;
    for (const process of [a!, b!, c!]) allowed += await spendMany(process, id, limit, slice);
    expect(allowed).toBe(3 * slice);
    allowed += await spendMany(a!, id, limit, 2000);
    allowed += await spendMany(b!, id, limit, 10);
    allowed += await spendMany(c!, id, limit, 10);
    expect(allowed).toBe(1000 + 2 * slice);
    expect(allowed).toBeLessThanOrEqual(1000 + 3 * slice);
    // b and c recorded their credit when they next asked for a lease, and were given nothing.
    expect((await budgetRow(id, 'requests')).used).toBe(1000 + 2 * slice);
  });

  it('5 processes spending 3000 requests against a limit of 1000 at once: at most limit + 5 slices succeed, at most 5 x (slice - 1) are stranded', async () => {
    const id = await userTokenId(prisma);
    const limit: BudgetLimit = { kind: 'requests', max: 1000, windowMs: 60_000 };
    const now = Date.UTC(2030, 0, 1, 12, 0, 5);
    const processes = Array.from({ length: 5 }, () => new TokenBudgets(prisma, () => now));
    // Uneven load: the first process gets most of it.
    const allowed = (await Promise.all(processes.map((budgets, p) => spendMany(budgets, id, limit, p === 0 ? 1400 : 400)))).reduce((x, y) => x + y);
    expect(allowed).toBeLessThanOrEqual(1000 + 5 * sliceOf(limit));
    expect(allowed).toBeGreaterThanOrEqual(1000 - 5 * (sliceOf(limit) - 1));
    // Every process asked for a lease after its credit, so each recorded it.
    expect((await budgetRow(id, 'requests')).used).toBeGreaterThanOrEqual(1000);
  });

  it('a token of 60 a minute over 3 processes gets at most 60 + 3 slices (of 1), and all 60 when one process serves it', async () => {
    const limit: BudgetLimit = { kind: 'requests', max: 60, windowMs: 60_000 };
    const now = Date.UTC(2030, 0, 1, 12, 0, 5);
    const spread = await userTokenId(prisma);
    const three = Array.from({ length: 3 }, () => new TokenBudgets(prisma, () => now));
    const allowed = (await Promise.all(three.map((budgets) => spendMany(budgets, spread, limit, 50)))).reduce((x, y) => x + y);
    expect(sliceOf(limit)).toBe(1);
    expect(allowed).toBeGreaterThanOrEqual(60);
    expect(allowed).toBeLessThanOrEqual(60 + 3);
    const alone = await userTokenId(prisma);
    expect(await spendMany(new TokenBudgets(prisma, () => now), alone, limit, 150)).toBe(60);
  });

  it('uses have no credit: every use is leased, one at a time, so maxUses counts exactly across processes', async () => {
    const id = await userTokenId(prisma);
    const limit: BudgetLimit = { kind: 'uses', max: 7, windowMs: null };
    const processes = [new TokenBudgets(logged), new TokenBudgets(logged), new TokenBudgets(logged)];
    leases.length = 0;
    const allowed = (await Promise.all(processes.map((budgets) => spendMany(budgets, id, limit, 5)))).reduce((x, y) => x + y);
    expect(allowed).toBe(7);
    expect((await budgetRow(id, 'uses')).used).toBe(7);
    expect(leases.length).toBeGreaterThanOrEqual(7);
  });

  it('a cost within the first slice is spent on credit; one larger than what credit is left leases, recording the credit', async () => {
    const id = await userTokenId(prisma);
    const limit: BudgetLimit = { kind: 'cost', max: 1000, windowMs: 3_600_000 };
    const budgets = new TokenBudgets(logged, () => Date.UTC(2030, 0, 1));
    leases.length = 0;
    expect(await budgets.spend(id, limit, 6)).toMatchObject({ allowed: true, remaining: 994 });
    expect(leases).toHaveLength(0);
    expect(await budgets.spend(id, limit, 30)).toMatchObject({ allowed: true, remaining: 964 });
    expect(leases).toHaveLength(1);
    expect(await budgetRow(id, 'cost')).toMatchObject({ used: 36, granted: 30 });
  });

  it('a cost larger than what is left is refused and takes nothing; a smaller one still fits', async () => {
    const id = await userTokenId(prisma);
    const limit: BudgetLimit = { kind: 'cost', max: 100, windowMs: 3_600_000 };
    const budgets = new TokenBudgets(prisma, () => Date.UTC(2030, 0, 1));
    expect(await budgets.spend(id, limit, 60)).toMatchObject({ allowed: true, remaining: 40 });
    expect(await budgets.spend(id, limit, 50)).toMatchObject({ allowed: false, remaining: 40 });
    expect(await budgets.spend(id, limit, 40)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await budgets.spend(id, limit, 101)).toMatchObject({ allowed: false });
  });

  it('holds counts for at most MAX_BUCKETS tokens, forgetting the least recently used: a fleet of tokens each used once stays bounded', async () => {
    const id = await userTokenId(prisma);
    const limit: BudgetLimit = { kind: 'requests', max: 1000, windowMs: 60_000 };
    const budgets = new TokenBudgets(prisma, () => Date.UTC(2030, 0, 1));
    expect(await budgets.spend(id, limit)).toMatchObject({ allowed: true, remaining: 999 });
    // Each first use is spent on credit, without a lease: no row, so any id will do.
    for (let i = 0; i < MAX_BUCKETS + 5_000; i++) {
      budgets.spend(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, limit);
      // The token in use throughout is the most recently used, never the one forgotten.
      if (i % 1_000 === 0) expect(budgets.peek(id, limit).remaining).toBe(999);
    }
    expect(budgets.size).toBe(MAX_BUCKETS);
    expect(budgets.peek(id, limit).remaining).toBe(999);
  });

  it('a limit changed while the clock is stepped back into the previous window grants one slice more at most, as a change does', async () => {
    const id = await userTokenId(prisma);
    const start = Date.UTC(2030, 4, 1, 9, 1, 0, 200);
    let now = start;
    const budgets = new TokenBudgets(prisma, () => now);
    const at1000: BudgetLimit = { kind: 'requests', max: 1000, windowMs: 60_000 };
    const at999: BudgetLimit = { ...at1000, max: 999 };
    let allowed = await spendMany(budgets, id, at1000, sliceOf(at1000));
    // 300 ms back, into the previous minute, with the new limit; then forward again.
    now = start - 300;
    allowed += await spendMany(budgets, id, at999, 1);
    now = start;
    allowed += await spendMany(budgets, id, at999, 2000);
    expect(allowed).toBeLessThanOrEqual(at999.max + sliceOf(at999));
  });

  it('after others were evicted in the window, a token seen for the first time still spends its first slice without a write', () => {
    const limit: BudgetLimit = { kind: 'requests', max: 1000, windowMs: 60_000 };
    const budgets = new TokenBudgets(prisma, () => Date.UTC(2030, 0, 1), 100);
    // Credit needs no row, so made-up ids will do; their last hex digits are all different.
    const id = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
    for (let i = 0; i < 300; i++) expect(budgets.spend(id(i), limit)).not.toBeInstanceOf(Promise);
    expect(budgets.size).toBe(100);
    // A lease would be a Promise: credit is answered at once.
    expect(budgets.spend(id(0x54321), limit)).toMatchObject({ allowed: true, remaining: 999 });
  });
});
