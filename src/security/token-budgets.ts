import { LRUCache } from 'lru-cache';
import type { PrismaClient } from '../db/client.js';

/**
 * Per-token budgets that hold across every gateway process on the database, without a database
 * write per request, and without any write for a token used lightly.
 *
 * A budget is a limit per fixed window (aligned to the epoch, so every process agrees on where a
 * window starts without asking anyone) or, for `uses`, for ever. Its row in "TokenBudget" counts
 * the units spent or handed out in the current window. A process may spend its first slice of a
 * window without asking (its credit); past that it leases a slice with one conditional statement,
 * which first records the credit it spent and then hands out a slice of what is left below the
 * limit (what is left when less than a slice remains, nothing at the limit). It spends the slice in
 * memory and leases again once it is spent. The slice is 1% of the limit (at least 1), so a
 * process writes at most about 100 times per window per token whatever the traffic, and a token
 * used less than a slice a window in a process never costs a write there.
 *
 * The bound that holds, per window: leases never hand out more than the limit less the credits
 * recorded before them, and each process spends at most one slice of credit, so **successes <=
 * limit + N x slice**, N being the processes that spent from the budget in the window; a process
 * that forgets its count within the window counts again, since its unrecorded credit is lost with
 * it: a restart (a crash loop adds a slice per start). A bucket made again within its window (the
 * token's limit changed, or it was evicted as the least recently used of more than MAX_BUCKETS
 * tokens in use in the process) gets no credit (see EvictionMarks), so a process serving more
 * tokens than that in a window leases for those it sees again after forgetting them.
 * The first process to lease records its credit inside the limit, so once any lease is taken it is
 * limit + (N - 1) x slice; a token used in one process gets exactly its limit. With the default 1% slice, 100 processes could together spend about twice a limit. The
 * other way, what one process leased and did not spend before the window ended is stranded (at
 * most a slice less one, per process), so a token spread over N processes may be refused up to
 * N x (slice - 1) units early. `uses` has no credit and leases one unit at a time, so it counts
 * exactly.
 */
export type BudgetKind = 'requests' | 'cost' | 'uses';

export interface BudgetLimit {
  kind: BudgetKind;
  max: number;
  /** The window's length; null for a budget that never resets (`uses`). */
  windowMs: number | null;
}

export interface BudgetState {
  kind: BudgetKind;
  limit: number;
  /** What is left in the window as far as this process knows: exact at its last lease, less since. */
  remaining: number;
  /** When the window ends; null for a budget that never resets. */
  resetAt: Date | null;
  allowed: boolean;
  /** For a refusal: seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

interface Bucket {
  windowStart: number;
  /** When the window ends (made once per window, not per request); null for `uses`. */
  resetAt: Date | null;
  max: number;
  /** Leased and not yet spent, by this process. */
  local: number;
  /** limit - used, as the last lease saw it. */
  unleased: number;
  /** What this process may still spend in the window without a lease (its first slice). */
  free: number;
  /** Spent without a lease and not yet recorded: the next lease adds it to the row first. */
  credit: number;
  /** The last lease took the last units of the window. */
  exhausted: boolean;
  /** The lease in flight: concurrent requests wait for it rather than each leasing. */
  pending?: Promise<void>;
}

/**
 * Past this many tokens in use, a process forgets the least recently used token's count (and its
 * unrecorded credit: a slice at most, within the bound above). A token's buckets take about 310
 * bytes, so this is about 6 MB of a 192 MB heap; a token still in use is not the one forgotten
 * unless this many others were used since.
 */
export const MAX_BUCKETS = 20_000;

/** How much a process leases at a time. */
export function sliceOf(limit: BudgetLimit): number {
  return limit.kind === 'uses' ? 1 : Math.max(1, Math.ceil(limit.max / 100));
}

export function windowStartOf(limit: BudgetLimit, now: number): number {
  return limit.windowMs === null ? 0 : now - (now % limit.windowMs);
}

type TokenBuckets = Partial<Record<BudgetKind, Bucket>>;

/** Slots of EvictionMarks per kind: 2 MB each, made on a kind's first eviction. */
const MARK_SLOTS = 1 << 19;

/**
 * For each budget kind, the latest window in which a token's bucket was evicted, kept in a fixed
 * table of slots indexed by bits of the token's id (random: ids are UUIDv4 made by the database or
 * Prisma) rather than per token, so forgetting tokens frees memory for good. Tokens that share a
 * slot share its mark: a token may be taken for evicted when it was not (it then leases, as any
 * token past its first slice does), never the other way round, since a slot keeps the latest
 * window marked in it and windows only move forward. Serving 100,000 tokens a window (80,000
 * evicted), about one new bucket in seven finds its slot marked.
 */
class EvictionMarks {
  /**
   * Window starts in minutes since the epoch, which a Uint32Array holds for 8,000 years (seconds
   * would wrap in 2106). Production windows are a minute and an hour; shorter ones (tests) in one
   * minute share a mark, which only refuses credit.
   */
  private readonly marks: Partial<Record<BudgetKind, Uint32Array>> = {};

  private static slot(tokenId: string): number {
    return parseInt(tokenId.slice(-5), 16) & (MARK_SLOTS - 1);
  }

  mark(kind: BudgetKind, tokenId: string, windowStart: number): void {
    const marks = (this.marks[kind] ??= new Uint32Array(MARK_SLOTS));
    const slot = EvictionMarks.slot(tokenId);
    marks[slot] = Math.max(marks[slot]!, Math.floor(windowStart / 60_000));
  }

  /** Whether a bucket of this token (or of one sharing its slot) was evicted in this window or later. */
  since(kind: BudgetKind, tokenId: string, windowStart: number): boolean {
    const marks = this.marks[kind];
    return marks !== undefined && marks[EvictionMarks.slot(tokenId)]! >= Math.floor(windowStart / 60_000);
  }
}

export class TokenBudgets {
  /** By token id, then kind: no key string is built per request. */
  private readonly buckets: LRUCache<string, TokenBuckets>;
  /**
   * Where buckets were evicted: a bucket made again in the window its token's was evicted in gets
   * no credit, since the evicted one's credit was never recorded, and fresh credit after every
   * eviction would let whoever cycles through more than MAX_BUCKETS tokens spend without limit.
   */
  private readonly evicted = new EvictionMarks();

  /** `maxBuckets` is MAX_BUCKETS but in tests, where evicting must not take 20,000 tokens. */
  constructor(
    private readonly prisma: PrismaClient,
    private readonly clock: () => number = Date.now,
    maxBuckets = MAX_BUCKETS,
  ) {
    this.buckets = new LRUCache<string, TokenBuckets>({
      max: maxBuckets,
      dispose: (evicted, tokenId, reason) => {
        if (reason !== 'evict') return;
        // `uses` gets no credit, so its evictions need no mark.
        for (const [kind, bucket] of Object.entries(evicted) as [BudgetKind, Bucket][]) if (kind !== 'uses') this.evicted.mark(kind, tokenId, bucket.windowStart);
      },
    });
  }

  /** Tokens this process holds a count for (never more than maxBuckets). */
  get size(): number {
    return this.buckets.size;
  }

  private bucket(tokenId: string, limit: BudgetLimit, now: number): Bucket {
    let token = this.buckets.get(tokenId);
    if (!token) {
      token = {};
      this.buckets.set(tokenId, token);
    }
    let bucket = token[limit.kind];
    // Cheap while the window lasts: one subtraction and two comparisons. A clock stepped back
    // (NTP, a resumed VM) stays in the later window it had reached: going back to an earlier one
    // and forward again would make the later window's bucket anew, with fresh credit.
    if (bucket && bucket.max === limit.max && (limit.windowMs === null || now - bucket.windowStart < limit.windowMs)) return bucket;
    const windowStart = Math.max(windowStartOf(limit, now), bucket?.windowStart ?? -Infinity);
    if (!bucket || bucket.windowStart !== windowStart || bucket.max !== limit.max) {
      const resetAt = limit.windowMs === null ? null : new Date(windowStart + limit.windowMs);
      // Credit once per token and window in a process: not for `uses`, not for a bucket replaced
      // within its window (a changed limit), not for a token evicted in this window.
      const credited = limit.kind !== 'uses' && bucket?.windowStart !== windowStart && !this.evicted.since(limit.kind, tokenId, windowStart);
      const free = credited ? Math.min(sliceOf(limit), limit.max) : 0;
      bucket = { windowStart, resetAt, max: limit.max, local: 0, unleased: limit.max, free, credit: 0, exhausted: false };
      token[limit.kind] = bucket;
    }
    return bucket;
  }

  private state(limit: BudgetLimit, bucket: Bucket, allowed: boolean, now: number): BudgetState {
    const resetAt = bucket.resetAt;
    return {
      kind: limit.kind,
      limit: limit.max,
      remaining: Math.max(0, bucket.unleased + bucket.local - bucket.credit),
      resetAt,
      allowed,
      retryAfterSeconds: allowed || !resetAt ? 0 : Math.max(1, Math.ceil((resetAt.getTime() - now) / 1000)),
    };
  }

  /**
   * Takes `amount` units of the token's budget; refused (nothing taken) when they are not there.
   * Synchronous while this process's slice lasts (the steady state): no promise per request.
   */
  spend(tokenId: string, limit: BudgetLimit, amount = 1): BudgetState | Promise<BudgetState> {
    const now = this.clock();
    const bucket = this.bucket(tokenId, limit, now);
    if (amount > limit.max) return this.state(limit, bucket, false, now);
    if (take(bucket, amount)) return this.state(limit, bucket, true, now);
    if (bucket.exhausted) return this.state(limit, bucket, false, now);
    return this.spendLeasing(tokenId, limit, bucket, amount, now);
  }

  private async spendLeasing(tokenId: string, limit: BudgetLimit, bucket: Bucket, amount: number, now: number): Promise<BudgetState> {
    for (;;) {
      if (take(bucket, amount)) return this.state(limit, bucket, true, now);
      if (bucket.exhausted) return this.state(limit, bucket, false, now);
      // Requests that find the slice spent while a lease is in flight wait for it.
      bucket.pending ??= this.lease(tokenId, limit, bucket, amount - bucket.local).finally(() => (bucket.pending = undefined));
      await bucket.pending;
    }
  }

  /** The budget as this process knows it, without spending or leasing (headers, viewer.rateLimit). */
  peek(tokenId: string, limit: BudgetLimit): BudgetState {
    const now = this.clock();
    return this.state(limit, this.bucket(tokenId, limit, now), true, now);
  }

  /**
   * One statement: a new window starts the count afresh; otherwise the count grows by the credit
   * this process spent unrecorded, then by a slice (or by what is left below the limit). A window
   * already at its limit hands out nothing (and is not touched unless there is credit to record:
   * then no row comes back). All expressions read the row as it was, under its row lock, so
   * concurrent leases from any number of processes never hand out more than the limit less the
   * credits recorded before them.
   */
  private async lease(tokenId: string, limit: BudgetLimit, bucket: Bucket, need: number): Promise<void> {
    const want = Math.max(sliceOf(limit), need);
    const windowStart = new Date(bucket.windowStart);
    const credit = bucket.credit;
    const first = Math.max(0, Math.min(want, limit.max - credit));
    const rows = await this.prisma.$queryRaw<{ used: number; granted: number }[]>`
      INSERT INTO "TokenBudget" ("tokenId", "kind", "windowStart", "used", "granted")
      VALUES (${tokenId}::uuid, ${limit.kind}, ${windowStart}, ${credit + first}, ${first})
      ON CONFLICT ("tokenId", "kind") DO UPDATE SET
        "windowStart" = GREATEST("TokenBudget"."windowStart", EXCLUDED."windowStart"),
        "granted" = CASE WHEN "TokenBudget"."windowStart" < EXCLUDED."windowStart" THEN ${first}
                         ELSE GREATEST(0, LEAST(${want}, ${limit.max} - "TokenBudget"."used" - ${credit})) END,
        "used" = CASE WHEN "TokenBudget"."windowStart" < EXCLUDED."windowStart" THEN ${credit + first}
                      ELSE "TokenBudget"."used" + ${credit} + GREATEST(0, LEAST(${want}, ${limit.max} - "TokenBudget"."used" - ${credit})) END
      WHERE "TokenBudget"."windowStart" < EXCLUDED."windowStart" OR "TokenBudget"."used" < ${limit.max} OR ${credit} > 0
      RETURNING "used", "granted"`;
    const row = rows[0];
    if (!row) {
      bucket.unleased = 0;
      bucket.exhausted = true;
      return;
    }
    bucket.credit -= credit;
    bucket.local += row.granted;
    bucket.unleased = Math.max(0, limit.max - row.used);
    if (row.granted < want && bucket.unleased === 0) bucket.exhausted = true;
  }
}

/**
 * Spends from what this process holds: its leased slice, else its credit (the first slice of a
 * window, while the window is not known to be spent). False when a lease is needed.
 */
function take(bucket: Bucket, amount: number): boolean {
  if (bucket.local >= amount) {
    bucket.local -= amount;
    return true;
  }
  if (bucket.free >= amount && bucket.credit + amount <= bucket.unleased) {
    bucket.free -= amount;
    bucket.credit += amount;
    return true;
  }
  return false;
}
