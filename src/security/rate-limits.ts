import { GraphQLError } from 'graphql';
import type { PrismaClient } from '../db/client.js';

export interface Limit {
  max: number;
  windowMs: number;
}

export interface LimitState {
  limited: boolean;
  retryAfterSeconds: number;
}

export function rateLimited(message: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'RATE_LIMITED', retryAfter: retryAfterSeconds, http: { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } } },
  });
}

/**
 * Fixed-window counters kept in PostgreSQL, so every gateway on the database counts together.
 * Only failures and sign-in attempts are counted, so ordinary requests never write;
 * and once a key is known to be over its limit, this process answers from memory until the
 * window ends, so an attack does not turn into database load.
 */
export class SharedRateLimiter {
  private readonly blockedUntil = new Map<string, number>();

  constructor(private readonly prisma: PrismaClient) {}

  /** Counts one failure against `key`; limited once the count reaches the limit. */
  async hit(key: string, limit: Limit, now = Date.now()): Promise<LimitState> {
    const row = await this.increment(key, limit, now);
    if (row.count < limit.max) return { limited: false, retryAfterSeconds: 0 };
    return this.block(key, row.windowStart.getTime() + limit.windowMs, now);
  }

  /**
   * Counts an attempt before it is made, and says whether it may go ahead: the first `max`
   * attempts of a window may. The increment and the read of the new count are one statement, so
   * concurrent attempts cannot all pass a check that none of them had counted yet.
   */
  async attempt(key: string, limit: Limit, now = Date.now()): Promise<LimitState> {
    const memo = this.fromMemory(key, now);
    if (memo) return memo;
    const row = await this.increment(key, limit, now);
    const windowEnd = row.windowStart.getTime() + limit.windowMs;
    if (row.count > limit.max) return this.block(key, windowEnd, now);
    // The last allowed attempt: the ones after it are refused from memory, without a write.
    if (row.count === limit.max) this.block(key, windowEnd, now);
    return { limited: false, retryAfterSeconds: 0 };
  }

  /** Takes back one attempt that turned out not to be a failure (a successful sign-in). */
  async refund(key: string): Promise<void> {
    this.blockedUntil.delete(key);
    await this.prisma.$executeRaw`UPDATE "RateLimit" SET "count" = "count" - 1 WHERE "key" = ${key} AND "count" > 0`;
  }

  private async increment(key: string, limit: Limit, now: number): Promise<{ count: number; windowStart: Date }> {
    const start = new Date(now);
    const windowStartsAfter = new Date(now - limit.windowMs);
    const [row] = await this.prisma.$queryRaw<{ count: number; windowStart: Date }[]>`
      INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${key}, ${start}, 1)
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "RateLimit"."windowStart" <= ${windowStartsAfter} THEN 1 ELSE "RateLimit"."count" + 1 END,
        "windowStart" = CASE WHEN "RateLimit"."windowStart" <= ${windowStartsAfter} THEN ${start} ELSE "RateLimit"."windowStart" END
      RETURNING "count", "windowStart"`;
    return row!;
  }

  async reset(key: string): Promise<void> {
    this.blockedUntil.delete(key);
    await this.prisma.rateLimit.deleteMany({ where: { key } });
  }

  private fromMemory(key: string, now: number): LimitState | undefined {
    const until = this.blockedUntil.get(key);
    if (until === undefined) return undefined;
    if (until <= now) {
      this.blockedUntil.delete(key);
      return undefined;
    }
    return { limited: true, retryAfterSeconds: Math.ceil((until - now) / 1000) };
  }

  /** Known-limited keys only, so the map is bounded by the attackers of the current window. */
  isBlocked(key: string, now = Date.now()): LimitState | undefined {
    return this.fromMemory(key, now);
  }

  private block(key: string, until: number, now: number): LimitState {
    if (this.blockedUntil.size > 100_000) this.blockedUntil.clear();
    this.blockedUntil.set(key, until);
    return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
  }
}
