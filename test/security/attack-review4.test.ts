/**
 * Review 4: attacks on the clock-step handling of the token budgets (src/security/token-budgets.ts,
 * bucket()), the auth cache's eviction of a 64th at once (src/auth/auth-cache.ts), the usage
 * bookkeeping's new shape (src/lifecycle/usage.ts) and the device page read as arrays
 * (src/db/device-reads.ts). A passing test is a defence that held; an `it.fails` is a finding,
 * with its severity and a suggested fix in the comment above it.
 */
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { AuthCache } from '../../src/auth/auth-cache.js';
import { createPrisma } from '../../src/db/client.js';
import { readDevicePage, type DeviceCursor } from '../../src/db/device-reads.js';
import { UsageRecorder } from '../../src/lifecycle/usage.js';
import { sliceOf, TokenBudgets, type BudgetLimit } from '../../src/security/token-budgets.js';
import { spendMany } from '../helpers/budgets.js';
import { createProject, createUser, userTokenId } from '../helpers/factories.js';

const prisma = createPrisma(inject('databaseUrl'));
afterAll(async () => {
  await prisma.$disconnect();
});

const DAY = 86_400_000;
const perMinute: BudgetLimit = { kind: 'requests', max: 100, windowMs: 60_000 };

describe('token budgets: a clock stepped back stays in its later window', () => {
  it('stepping back and forth across windows while the limit changes never grants more than the highest limit and one slice', async () => {
    const id = await userTokenId(prisma);
    const start = Date.UTC(2031, 2, 1, 9, 1, 0, 100);
    let now = start;
    const budgets = new TokenBudgets(prisma, () => now);
    const at1000: BudgetLimit = { kind: 'requests', max: 1000, windowMs: 60_000 };
    const at999: BudgetLimit = { ...at1000, max: 999 };
    const at998: BudgetLimit = { ...at1000, max: 998 };
    let allowed = await spendMany(budgets, id, at1000, 300);
    // Back two windows and one, each time with another limit, and forward again in between.
    for (const [back, limit] of [[120_500, at999], [60_200, at998], [200, at1000], [90_000, at999]] as const) {
      now = start - back;
      allowed += await spendMany(budgets, id, limit, 50);
      now = start + 5;
      allowed += await spendMany(budgets, id, at1000, 300);
    }
    allowed += await spendMany(budgets, id, at1000, 1000);
    expect(allowed).toBeLessThanOrEqual(at1000.max + sliceOf(at1000));
    // The window reached is the one kept: the state shown is that window's.
    now = start - 60_200;
    const state = budgets.peek(id, at998);
    expect(state.resetAt!.getTime()).toBe(start - (start % 60_000) + 60_000);
  });

  it('`uses` (no window) is not loosened by a limit changed while the clock steps back a year and forward', async () => {
    const id = await userTokenId(prisma);
    const start = Date.UTC(2031, 3, 1);
    let now = start;
    const budgets = new TokenBudgets(prisma, () => now);
    const uses: BudgetLimit = { kind: 'uses', max: 5, windowMs: null };
    let allowed = await spendMany(budgets, id, uses, 3);
    now = start - 365 * DAY;
    allowed += await spendMany(budgets, id, { ...uses, max: 6 }, 10);
    now = start;
    allowed += await spendMany(budgets, id, uses, 10);
    expect(allowed).toBe(6);
    expect(budgets.peek(id, uses)).toMatchObject({ resetAt: null, retryAfterSeconds: 0 });
  });

  // FINDING (medium, availability): a clock that jumps far forward (a resumed VM, an NTP step of
  // a day) and comes back leaves every token spent during the jump refused until real time
  // reaches the future window's end: the fast path returns the later bucket for any `now` before
  // it, and Retry-After tells the client to wait the whole jump (86,340 s here), for a limit per
  // minute. The same wedge is in the database (next test). Suggested fix: honour a step back of
  // at most one window (or a few seconds): when `bucket.windowStart - now > limit.windowMs`, take
  // windowStartOf(now) as a new window (no credit); in lease(), keep GREATEST only when the row's
  // windowStart is not beyond EXCLUDED + one window, else start the count afresh; and cap
  // retryAfterSeconds at the window's length. Left open: a row that starts afresh whenever it is
  // beyond a process's window lets processes whose clocks differ by more than a window reset each
  // other's counts, which loosens the limit; the wedge only refuses.
  it.fails('after the clock jumped a day forward and back, a spent token is allowed again within a window or two of real time', async () => {
    const id = await userTokenId(prisma);
    const real = Date.UTC(2031, 5, 1, 12, 0, 0, 0);
    let now = real + DAY;
    const budgets = new TokenBudgets(prisma, () => now);
    expect(await spendMany(budgets, id, perMinute, 150)).toBe(perMinute.max);
    now = real + 120_000;
    const state = await budgets.spend(id, perMinute);
    expect(state.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(state.allowed).toBe(true);
  });

  // FINDING (same as above, in the row): GREATEST keeps the future window, so a process whose
  // clock was never wrong spends its first slice on credit and is then refused for the day.
  it.fails('after one process spent a token at a clock a day ahead, another at the right time is not refused past its first slice', async () => {
    const id = await userTokenId(prisma);
    const real = Date.UTC(2031, 6, 1, 12, 0, 0, 0);
    const ahead = new TokenBudgets(prisma, () => real + DAY);
    expect(await spendMany(ahead, id, perMinute, 150)).toBe(perMinute.max);
    const right = new TokenBudgets(prisma, () => real + 60_000);
    expect(await spendMany(right, id, perMinute, 50)).toBe(50);
  });
});

describe('auth cache: dropping the oldest 64th at once', () => {
  it('stays within maxEntries, keeps a re-stored entry, honours the TTL, and never stores a load begun before clear()', async () => {
    const now = Date.UTC(2031, 0, 1);
    const cache = new AuthCache<string>(1_000, 128);
    for (let i = 0; i < 1_000; i++) {
      cache.set(`k${i}`, 'valid', now);
      // Kept the newest: a re-stored entry moves to the back, so it is never among the dropped.
      cache.set('hot', 'valid', now);
      expect(cache.size).toBeLessThanOrEqual(128);
    }
    expect(cache.get('hot', now)).toBe('valid');
    expect(cache.get('k999', now)).toBe('valid');
    expect(cache.get('k0', now)).toBeUndefined();
    expect(cache.get('hot', now + 1_000)).toBeUndefined();

    // Read, revoke (clear), evictions galore, then the stale read resolves: it must not be stored.
    let release!: (value: string) => void;
    const stale = cache.getOrLoad('revoked', () => new Promise<string>((resolve) => (release = resolve)), now);
    cache.clear();
    for (let i = 0; i < 500; i++) cache.set(`x${i}`, 'valid', now);
    // A lookup after the clear does not join the load from before it.
    let reads = 0;
    const fresh = cache.getOrLoad('revoked', async () => (reads++, 'refused'), now);
    release('valid');
    expect(await stale).toBe('valid');
    expect(await fresh).toBe('refused');
    expect(reads).toBe(1);
    expect(cache.get('revoked', now)).toBe('refused');
    expect(cache.size).toBeLessThanOrEqual(128);
  });
});

describe('usage bookkeeping in columns', () => {
  it('writes each (token, address) and its NEW_IP event once across forgotten sets, flushes racing records, and chunks of 250', async () => {
    const a = await userTokenId(prisma);
    const b = await userTokenId(prisma);
    // 50 remembered addresses: forgotten several times over 600.
    const recorder = new UsageRecorder(prisma, 0, 50);
    const at = Date.UTC(2031, 0, 2, 3, 4, 5, 678);
    const ips = Array.from({ length: 600 }, (_, i) => `2001:db8::${i.toString(16)}`);
    let flushes: Promise<void>[] = [];
    for (const [i, ip] of ips.entries()) {
      recorder.record(a, ip, at + i);
      // The same address again at once (one string or a Set), and an address of b's shared with a.
      recorder.record(a, ip, at + i);
      if (i % 7 === 0) recorder.record(b, ips[0]!, at);
      // Flushes begun mid-stream, not awaited: what is recorded meanwhile goes to the next one.
      if (i % 97 === 0) flushes.push(recorder.flush());
    }
    // Everything again, with the sets forgotten: only ON CONFLICT stands between them and the rows.
    for (const ip of ips) recorder.record(a, ip, at + 10_000);
    await Promise.all(flushes);
    flushes = [];
    await recorder.close();
    expect(await prisma.tokenIp.count({ where: { tokenId: a } })).toBe(600);
    expect(await prisma.tokenEvent.count({ where: { tokenId: a, kind: 'NEW_IP' } })).toBe(600);
    expect(await prisma.tokenIp.count({ where: { tokenId: b } })).toBe(1);
    expect(await prisma.tokenEvent.count({ where: { tokenId: b, kind: 'NEW_IP' } })).toBe(1);
    const first = await prisma.tokenIp.findUnique({ where: { tokenId_ip: { tokenId: a, ip: ips[599]! } } });
    expect(first!.firstSeenAt.getTime()).toBe(at + 599);
    expect((await prisma.accessToken.findUnique({ where: { id: a } }))!.lastUsedAt!.getTime()).toBe(at + 10_000);
  });

  it('counts per token and key are pending until written, then in the table, in chunks of 250, none lost to a racing record', async () => {
    const a = await userTokenId(prisma);
    const b = await userTokenId(prisma);
    const recorder = new UsageRecorder(prisma, 0);
    const keys = Array.from({ length: 300 }, (_, i) => `Query.k${i}`);
    for (const key of keys) recorder.noteExercised(a, key);
    recorder.noteExercised(a, keys[0]!);
    recorder.noteExercised(b, keys[0]!);
    const pendingA = recorder.pendingExercised(a);
    expect(pendingA.size).toBe(300);
    expect(pendingA.get(keys[0]!)).toBe(2);
    expect([...recorder.pendingExercised(b)]).toEqual([[keys[0], 1]]);
    // Recorded as a flush begins and while it writes: in that batch or the next, never neither.
    const flushing = recorder.flush();
    recorder.noteExercised(a, keys[0]!);
    await new Promise((resolve) => setImmediate(resolve));
    recorder.noteExercised(a, keys[1]!);
    await flushing;
    await recorder.close();
    const rows = await prisma.tokenUsage.findMany({ where: { tokenId: a } });
    expect(rows).toHaveLength(300);
    expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(303);
    expect(recorder.pendingExercised(a).size).toBe(0);
  });

  // Review finding, fixed (the batch being written stays readable): (low, pre-existing) write()
  // swapped the counts out before its statements run, so while a flush is in flight (every 30 s, or
  // early when a batch fills) a least-privilege report (src/schema/least-privilege.ts, usageOf)
  // finds them neither pending nor in TokenUsage, and may suggest removing a permission the token
  // just used. Suggested fix: keep the batch being written in a field that pendingExercised also
  // reads until its statements commit (and put it back into `exercised` if they fail, which today
  // loses it too).
  it('a report made while a flush is in flight still sees the counts being written', async () => {
    const a = await userTokenId(prisma);
    const recorder = new UsageRecorder(prisma, 0);
    recorder.noteExercised(a, 'Query.devices');
    // Holds the flush's INSERT at its conflict: an uncommitted row of the same key (count 0).
    const blocker = new pg.Client({ connectionString: inject('databaseUrl') });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`INSERT INTO "TokenUsage" ("tokenId", "day", "key", "count") VALUES ($1::uuid, $2::date, 'Query.devices', 0)`, [
        a,
        new Date().toISOString().slice(0, 10),
      ]);
      const flushing = recorder.flush();
      // A turn of the event loop: write() has taken the counts and sent its statement.
      await new Promise((resolve) => setImmediate(resolve));
      // What usageOf reads meanwhile: the table's committed sum, then what is pending.
      const written = (await prisma.tokenUsage.aggregate({ where: { tokenId: a }, _sum: { count: true } }))._sum.count ?? 0;
      const seen = written + (recorder.pendingExercised(a).get('Query.devices') ?? 0);
      await blocker.query('COMMIT');
      await flushing;
      await recorder.close();
      // Once written, the use is there: only the report made meanwhile missed it.
      expect((await prisma.tokenUsage.findFirst({ where: { tokenId: a } }))!.count).toBe(1);
      expect(seen).toBe(1);
    } finally {
      await blocker.end();
    }
  });
});

describe('device pages read as arrays', () => {
  it('every one of the four statements gives back what Prisma reads, column for column, nulls and JSON included', async () => {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const metadata = ['a string', 42, [1, 'two', null], { nested: { on: true }, empty: null }, undefined, false];
    const devices = [];
    for (const [i, value] of metadata.entries()) {
      devices.push(
        await prisma.device.create({
          data: {
            projectId: project.id,
            name: `name ${i}`,
            status: (['ONLINE', 'OFFLINE', 'UNKNOWN'] as const)[i % 3],
            metadata: value as never,
            // Every timestamp differs from every other, and half have none.
            lastSeenAt: i % 2 ? new Date(Date.UTC(2025, 1, 1, 0, 0, i, 1)) : null,
            createdAt: new Date(Date.UTC(2026, 3, 1, 0, 0, i, 999)),
          },
        }),
      );
    }
    const select = { id: true, projectId: true, name: true, status: true, metadata: true, lastSeenAt: true, createdAt: true } as const;
    const orderBy = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];
    const some = devices.filter((_, i) => i !== 2).map((d) => d.id);
    for (const deviceIds of ['ALL', some] as const) {
      const where = deviceIds === 'ALL' ? { projectId: project.id } : { projectId: project.id, id: { in: some } };
      const expected = await prisma.device.findMany({ where, select, orderBy });
      const first = await readDevicePage(prisma, { projectId: project.id, deviceIds, limit: 3 });
      const after: DeviceCursor = { createdAt: first.at(-1)!.createdAt, id: first.at(-1)!.id };
      const rest = await readDevicePage(prisma, { projectId: project.id, deviceIds, limit: 10, after });
      const pages = [...first, ...rest];
      expect(pages).toEqual(expected);
      // toEqual would let an undefined stand for a null: the keys and nulls are checked as such.
      expect(pages.map((d) => Object.keys(d))).toEqual(expected.map((d) => Object.keys(d)));
      expect(pages.map((d) => d.lastSeenAt === null)).toEqual(expected.map((d) => d.lastSeenAt === null));
      expect(pages.map((d) => d.metadata === null)).toEqual(expected.map((d) => d.metadata === null));
    }
  });
});
