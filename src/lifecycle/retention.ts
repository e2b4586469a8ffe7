import { Prisma } from '../generated/prisma/client.js';
import type { PrismaClient } from '../db/client.js';
import { databaseClockMs } from '../db/timestamps.js';

const DAY = 86_400_000;

/**
 * Rows that only serve a look back over a bounded time, each with how long it is kept (README,
 * "Data kept"). The rest (tokens, their audit events and addresses, webhook deliveries) is kept
 * as long as its token, project or hook.
 */
export const RETENTION = [
  // TrustPolicy.exchanges: what a CI job's exchange came to, for finding out why one was refused.
  { table: 'FederationExchange', stoppedAt: '"createdAt"', days: 90 },
  // A retired secret that comes back is refused as reuse (ROTATED_SECRET_REUSED, and revocation
  // under revokeOnRotatedSecretReuse); after this it is refused as an unknown secret. A token that
  // rotates itself hourly would otherwise add 8,760 rows a year for ever.
  { table: 'RetiredSecret', stoppedAt: '"retiredAt"', days: 90 },
  // AccessToken.usage and suggestedGrants look back at most 366 days.
  { table: 'TokenUsage', stoppedAt: '"day"', days: 367 },
  // Sign-in and failed-credential counters: the longest window is an hour; a key (an address, an
  // e-mail address) is written once per window, so these grow with every address ever refused.
  { table: 'RateLimit', stoppedAt: '"windowStart"', days: 1 },
  // A session stops at its expiry or when it is ended, whichever is first.
  { table: 'Session', stoppedAt: 'LEAST(COALESCE("endedAt", "expiresAt"), "expiresAt")', days: 30 },
] as const;

export type RetentionTable = (typeof RETENTION)[number]['table'];

/** Deletes what RETENTION no longer keeps, every `intervalMs` (each instance; deleting is idempotent). */
export class RetentionSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  /**
   * `pagesPerBatch`: table pages (8 kB) each DELETE covers. A table is swept in ranges of its
   * pages (a TID range scan), so a first sweep of a large backlog reads it once, in statements
   * that never hold their locks for long; a DELETE with a LIMIT would scan again from the start
   * for every batch, since most of these columns are not indexed.
   * `lockTimeoutMs`: how long a statement waits for a lock before its table is reported as failed.
   */
  constructor(
    private readonly prisma: PrismaClient,
    private readonly log: (message: string) => void = () => {},
    private readonly pagesPerBatch = 100,
    private readonly lockTimeoutMs = 10_000,
  ) {}

  /**
   * A lock held for long on one table (an idle transaction holding an expired row, a migration)
   * fails that table's sweep rather than stalling the tables after it, and every tick after it,
   * for as long as it is held; a DELETE queued behind a migration's lock would also hold up every
   * request on that table behind it.
   */
  private async boundedWait<T>(query: Prisma.PrismaPromise<T>): Promise<T> {
    const [, result] = await this.prisma.$transaction([
      this.prisma.$queryRaw`SELECT set_config('lock_timeout', ${`${this.lockTimeoutMs}ms`}, true)`,
      query,
    ]);
    return result;
  }

  start(intervalMs: number): void {
    const tick = () => {
      // A sweep still going (a large first backlog) is not started again beside itself.
      if (this.running) return;
      this.running = this.runOnce()
        .catch((error) => this.log(`data retention sweep failed: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    };
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Rows deleted per table. By the earlier of `now` and the database's clock: a process whose
   * clock jumped ahead would otherwise delete live sessions, counters and retired secrets for
   * every instance on the database, for good.
   */
  async runOnce(now = new Date()): Promise<Record<RetentionTable, number>> {
    const at = Math.min(now.getTime(), await databaseClockMs(this.prisma));
    const deleted = {} as Record<RetentionTable, number>;
    const failed: string[] = [];
    for (const { table, stoppedAt, days } of RETENTION) {
      deleted[table] = 0;
      // One table that cannot be swept (a lock held for long, a failed statement) leaves the others swept.
      try {
        const cutoff = new Date(at - days * DAY);
        const name = Prisma.raw(`"${table}"`);
        // Rows written after this are in later pages or newer than the cutoff: neither is due.
        const [size] = await this.boundedWait(this.prisma.$queryRaw<{ pages: number }[]>`
          SELECT (pg_relation_size(${`"${table}"`}::regclass) / current_setting('block_size')::int)::int AS pages`);
        for (let page = 0; page < size!.pages; page += this.pagesPerBatch) {
          deleted[table] += await this.boundedWait(this.prisma.$executeRaw`
            DELETE FROM ${name} WHERE ctid >= ${`(${page},0)`}::tid AND ctid < ${`(${page + this.pagesPerBatch},0)`}::tid
              AND ${Prisma.raw(stoppedAt)} < ${cutoff}`);
        }
      } catch (error) {
        failed.push(`${table}: ${(error as Error).message}`);
      }
    }
    if (failed.length > 0) throw new Error(`could not sweep ${failed.join('; ')}`);
    return deleted;
  }
}
