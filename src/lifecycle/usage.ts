import type { PrismaClient } from '../db/client.js';

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
  /** Token id → addresses already queued or written, so a known address costs two lookups. */
  private seenIps = new Map<string, Set<string>>();
  private seenIpCount = 0;
  private newIps: { tokenId: string; ip: string; at: Date }[] = [];
  private exercised = new Map<string, Map<string, number>>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** The flush a full batch started, until it is written: one at a time. */
  private early: Promise<void> | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    flushIntervalMs: number,
    private readonly maxRememberedIps = 100_000,
    private readonly maxBatch = 10_000,
  ) {
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
    if (ips?.has(ip)) return;
    // Forgetting only costs a later INSERT ... ON CONFLICT that finds the address known.
    if (this.seenIpCount >= this.maxRememberedIps) {
      this.seenIps.clear();
      this.seenIpCount = 0;
      ips = undefined;
    }
    if (!ips) {
      ips = new Set();
      this.seenIps.set(tokenId, ips);
    }
    ips.add(ip);
    this.seenIpCount++;
    this.newIps.push({ tokenId, ip, at: new Date(at) });
  }

  /** Counts one use of a method or permission (see lifecycle/least-privilege.ts for the keys). */
  noteExercised(tokenId: string, key: string): void {
    let counts = this.exercised.get(tokenId);
    if (!counts) {
      counts = new Map();
      this.exercised.set(tokenId, counts);
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }

  /** What this process counted for a token and has not written yet (read without writing). */
  pendingExercised(tokenId: string): ReadonlyMap<string, number> {
    return this.exercised.get(tokenId) ?? new Map();
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
    this.newIps = [];
    this.exercised = new Map();
    if (exercised.size > 0) {
      const rows = [...exercised].flatMap(([tokenId, counts]) => [...counts].map(([key, count]) => ({ tokenId, key, count })));
      const day = new Date().toISOString().slice(0, 10);
      await this.prisma.$executeRaw`
        INSERT INTO "TokenUsage" ("tokenId", "day", "key", "count")
        SELECT u."tokenId", ${day}::date, u."key", u."count"
        FROM unnest(${rows.map((r) => r.tokenId)}::uuid[], ${rows.map((r) => r.key)}::text[], ${rows.map((r) => r.count)}::int[]) AS u("tokenId", "key", "count")
        WHERE EXISTS (SELECT 1 FROM "AccessToken" t WHERE t.id = u."tokenId")
        ON CONFLICT ("tokenId", "day", "key") DO UPDATE SET "count" = "TokenUsage"."count" + excluded."count"`;
    }
    if (used.size > 0) {
      const ids = [...used.keys()];
      const times = [...used.values()].map((at) => new Date(at));
      await this.prisma.$executeRaw`
        UPDATE "AccessToken" AS t SET "lastUsedAt" = u.at
        FROM unnest(${ids}::uuid[], ${times}::timestamp(3)[]) AS u(id, at)
        WHERE t.id = u.id AND (t."lastUsedAt" IS NULL OR t."lastUsedAt" < u.at)`;
    }
    if (ips.length > 0) {
      // Only the process whose INSERT wins records the event, so it is written once.
      const inserted = await this.prisma.$queryRaw<{ tokenId: string; ip: string; firstSeenAt: Date }[]>`
        INSERT INTO "TokenIp" ("tokenId", "ip", "firstSeenAt")
        SELECT * FROM unnest(${ips.map((i) => i.tokenId)}::uuid[], ${ips.map((i) => i.ip)}::text[], ${ips.map((i) => i.at)}::timestamp(3)[])
        ON CONFLICT DO NOTHING
        RETURNING "tokenId", "ip", "firstSeenAt"`;
      if (inserted.length > 0) {
        await this.prisma.tokenEvent.createMany({
          data: inserted.map((row) => ({ tokenId: row.tokenId, kind: 'NEW_IP' as const, ip: row.ip, createdAt: row.firstSeenAt })),
        });
      }
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
