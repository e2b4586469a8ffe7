import type pg from 'pg';
import { poolOf, type PrismaClient } from '../db/client.js';
import { observeStatement } from '../db/token-reads.js';

// The batches go through node-postgres on the pool behind Prisma, not $executeRaw or createMany:
// Prisma keeps a plan per query shape in its query plan cache (1,000 of them), and a createMany's
// shape, holding a placeholder per value, differs with every batch's size: a batch of thousands of
// new addresses left megabytes in the cache, and a fleet of tokens each used once filled the heap.
// Times travel as epoch milliseconds: the columns are timestamp(3) without a time zone, holding UTC,
// and a Date would be sent in the process's local zone.
/** Rows per statement: see send. */
const CHUNK = 250;
const UTC = (ms: string) => `(to_timestamp(${ms} / 1000.0) AT TIME ZONE 'UTC')::timestamp(3)`;
const EXERCISED = {
  name: 'scopegate_usage_exercised',
  text: `INSERT INTO "TokenUsage" ("tokenId", "day", "key", "count")
    SELECT u."tokenId", $1::date, u."key", u."count"
    FROM unnest($2::uuid[], $3::text[], $4::int[]) AS u("tokenId", "key", "count")
    WHERE EXISTS (SELECT 1 FROM "AccessToken" t WHERE t.id = u."tokenId")
    ON CONFLICT ("tokenId", "day", "key") DO UPDATE SET "count" = "TokenUsage"."count" + excluded."count"`,
};
const LAST_USED = {
  name: 'scopegate_usage_last_used',
  text: `UPDATE "AccessToken" AS t SET "lastUsedAt" = ${UTC('u.ms')}
    FROM unnest($1::uuid[], $2::float8[]) AS u(id, ms)
    WHERE t.id = u.id AND (t."lastUsedAt" IS NULL OR t."lastUsedAt" < ${UTC('u.ms')})`,
};
// Only the process whose INSERT wins records the event, so it is written once; the address and its
// event are written together.
const NEW_IPS = {
  name: 'scopegate_usage_new_ips',
  text: `WITH inserted AS (
      INSERT INTO "TokenIp" ("tokenId", "ip", "firstSeenAt")
      SELECT u."tokenId", u.ip, ${UTC('u.ms')} FROM unnest($1::uuid[], $2::text[], $3::float8[]) AS u("tokenId", ip, ms)
      WHERE EXISTS (SELECT 1 FROM "AccessToken" t WHERE t.id = u."tokenId")
      ON CONFLICT DO NOTHING
      RETURNING "tokenId", "ip", "firstSeenAt")
    INSERT INTO "TokenEvent" ("id", "tokenId", "kind", "ip", "createdAt")
    SELECT gen_random_uuid(), "tokenId", 'NEW_IP'::"TokenEventKind", "ip", "firstSeenAt" FROM inserted`,
};

/**
 * Remembers when and from where each token was used, and writes it in batches: one UPDATE for
 * every token used since the last flush, never a write per request. `lastUsedAt` is therefore at
 * most one flush interval (30 s by default) behind in the database, and exact in this process.
 * A batch is also written as soon as it holds `maxBatch` tokens: a fleet of tokens each used
 * once (thousands a second) would otherwise fill the heap between two flushes.
 */
export class UsageRecorder {
  /** Epoch milliseconds: a Date per request would be garbage at once. */
  private lastUsed = new Map<string, number>();
  /**
   * Token id → addresses already queued or written (one, or a Set once a token has several), so a
   * known address costs a lookup. At most `maxRememberedIps` addresses (about 100 bytes each with
   * their token's entry: 2 MB at 20,000), then all forgotten at once: forgetting only costs a later
   * INSERT ... ON CONFLICT that finds the address known.
   */
  private seenIps = new Map<string, string | Set<string>>();
  private seenIpCount = 0;
  /** New addresses to write, as columns: no object per address. */
  private newIps = { tokenIds: [] as string[], ips: [] as string[], ats: [] as number[] };
  /**
   * Key (a method or permission) → token id → uses. By key first: the keys are few, the tokens
   * many, so a token used once adds an entry, not a Map of its own.
   */
  private exercised = new Map<string, Map<string, number>>();
  /**
   * The counts a flush is writing, still read by pendingExercised until their statements are done:
   * a least-privilege report made meanwhile would otherwise miss a use that is in neither place.
   * (While a batch goes out in several statements, a report may count the first ones twice, the
   * side that keeps a permission.) A batch whose write fails is lost, as a last use is.
   */
  private writingExercised: Map<string, Map<string, number>> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** The flush a full batch started, until it is written: one at a time. */
  private early: Promise<void> | undefined;
  private readonly pool: pg.Pool;

  constructor(
    private readonly prisma: PrismaClient,
    flushIntervalMs: number,
    private readonly maxRememberedIps = 20_000,
    private readonly maxBatch = 10_000,
  ) {
    const pool = poolOf(prisma);
    if (!pool) throw new Error('UsageRecorder needs a client made by createPrisma');
    this.pool = pool;
    if (flushIntervalMs > 0) {
      this.timer = setInterval(() => void this.flush().catch(() => {}), flushIntervalMs);
      this.timer.unref();
    }
  }

  record(tokenId: string, ip: string | null, at = Date.now()): void {
    this.lastUsed.set(tokenId, at);
    if (this.lastUsed.size >= this.maxBatch && !this.early) {
      this.early = this.flush()
        .catch(() => {})
        .finally(() => (this.early = undefined));
    }
    if (!ip) return;
    let ips = this.seenIps.get(tokenId);
    if (ips === ip || (typeof ips === 'object' && ips.has(ip))) return;
    if (this.seenIpCount >= this.maxRememberedIps) {
      this.seenIps.clear();
      this.seenIpCount = 0;
      ips = undefined;
    }
    if (ips === undefined) this.seenIps.set(tokenId, ip);
    else if (typeof ips === 'string') this.seenIps.set(tokenId, new Set([ips, ip]));
    else ips.add(ip);
    this.seenIpCount++;
    this.newIps.tokenIds.push(tokenId);
    this.newIps.ips.push(ip);
    this.newIps.ats.push(at);
  }

  /** Counts one use of a method or permission (see lifecycle/least-privilege.ts for the keys). */
  noteExercised(tokenId: string, key: string): void {
    let counts = this.exercised.get(key);
    if (!counts) {
      counts = new Map();
      this.exercised.set(key, counts);
    }
    counts.set(tokenId, (counts.get(tokenId) ?? 0) + 1);
  }

  /** What this process counted for a token and has not written yet (read without writing). */
  pendingExercised(tokenId: string): ReadonlyMap<string, number> {
    const pending = new Map<string, number>();
    for (const batch of [this.writingExercised, this.exercised]) {
      for (const [key, counts] of batch ?? []) {
        const count = counts.get(tokenId);
        if (count !== undefined) pending.set(key, (pending.get(key) ?? 0) + count);
      }
    }
    return pending;
  }

  /** The in-process view of a token's last use, fresher than the database between flushes. */
  pendingLastUsed(tokenId: string): Date | undefined {
    const at = this.lastUsed.get(tokenId);
    return at === undefined ? undefined : new Date(at);
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.catch(() => {}).then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    const used = this.lastUsed;
    const ips = this.newIps;
    const exercised = this.exercised;
    this.lastUsed = new Map();
    this.newIps = { tokenIds: [], ips: [], ats: [] };
    this.exercised = new Map();
    if (exercised.size > 0) {
      const tokenIds: string[] = [];
      const keys: string[] = [];
      const counts: number[] = [];
      for (const [key, byToken] of exercised) {
        for (const [tokenId, count] of byToken) {
          tokenIds.push(tokenId);
          keys.push(key);
          counts.push(count);
        }
      }
      this.writingExercised = exercised;
      try {
        await this.send(EXERCISED, [new Date().toISOString().slice(0, 10), tokenIds, keys, counts]);
      } finally {
        this.writingExercised = undefined;
      }
    }
    if (used.size > 0) await this.send(LAST_USED, [[...used.keys()], [...used.values()]]);
    if (ips.tokenIds.length > 0) await this.send(NEW_IPS, [ips.tokenIds, ips.ips, ips.ats]);
  }

  /**
   * One statement per CHUNK rows of the arrays in `values` (the others are sent with each). Given
   * a batch of thousands, PostgreSQL joins it to the whole table by hash, a scan of every token
   * (1,500 last uses on 100,000 tokens: 40 µs of its time per row, half of it the scan, which
   * grows with the table); given a few hundred, it looks each row up by its key (23 µs).
   */
  private async send(statement: { name: string; text: string }, values: unknown[]): Promise<void> {
    const rows = (values.find(Array.isArray) as unknown[] | undefined)?.length ?? 0;
    for (let start = 0; start === 0 || start < rows; start += CHUNK) {
      observeStatement(this.prisma, statement.text);
      await this.pool.query({ ...statement, values: values.map((value) => (Array.isArray(value) ? value.slice(start, start + CHUNK) : value)) });
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }
}

/**
 * The recorder as seen by work that may not count (a dry run) or may count only if it commits (a
 * mutation's transaction): uses go to `sink`; everything else is the recorder itself, with its
 * own `this`, so a flush from there empties the real buffers.
 */
export function divertExercised(usage: UsageRecorder, sink: (tokenId: string, key: string) => void): UsageRecorder {
  return new Proxy(usage, {
    get(target, property) {
      if (property === 'noteExercised') return sink;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
