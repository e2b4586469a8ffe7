import pg from 'pg';
import type { PrismaClient } from '../db/client.js';

export const CHANNEL = 'scopegate_auth';
export type Topic = 'auth' | 'keys';

/**
 * Cross-process invalidation over PostgreSQL LISTEN/NOTIFY. Any gateway that revokes a token,
 * changes a membership or deletes a user publishes 'auth'; every gateway (itself included) then
 * empties its credential cache. While the listening connection is down, `healthy` is false (the
 * caches fall back to a short TTL) and it reconnects with backoff; on reconnect the caches are
 * emptied, since notifications may have been missed.
 *
 * An 'auth' payload carries its sending time (`auth@<epoch ms>`), so a receiver can tell how long
 * a revocation took to reach it. 'keys' stays a bare word, and an older gateway reads any payload
 * other than 'keys' as 'auth', so gateways of both versions can share a database during an upgrade.
 */
export class InvalidationBus {
  private client: pg.Client | undefined;
  private stopped = false;
  private backoffMs = 100;
  private reconnectTimer: NodeJS.Timeout | undefined;
  healthy = false;
  /** Told of every notification received, with the time since it was sent when the payload says (metrics). */
  onDelivery: ((topic: Topic, lagMs: number) => void) | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly onInvalidate: (topic: Topic) => void,
    private readonly log: (message: string) => void = () => {},
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, keepAlive: true });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL) return;
      const [word, sentAt] = (message.payload ?? '').split('@');
      const topic: Topic = word === 'keys' ? 'keys' : 'auth';
      this.onInvalidate(topic);
      if (sentAt && this.onDelivery) this.onDelivery(topic, Date.now() - Number(sentAt));
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    this.client = client;
    this.healthy = true;
    this.backoffMs = 100;
    this.onInvalidate('auth');
    this.onInvalidate('keys');
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.client && this.client !== client) return;
    this.client = undefined;
    if (this.healthy) {
      if (error) this.log(`invalidation channel lost: ${error.message}`);
      // What was cached under the long TTL could now outlive a change nobody will tell us
      // about: drop it, and cache under the short TTL until the channel is back.
      this.healthy = false;
      this.onInvalidate('auth');
    }
    client.removeAllListeners('end');
    client.end().catch(() => {});
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopped) void this.connect();
    }, this.backoffMs);
    this.reconnectTimer.unref();
    this.backoffMs = Math.min(this.backoffMs * 2, 5_000);
  }

  /** Tells every gateway on the database; delivered to listeners as soon as it commits. */
  async publish(prisma: PrismaClient, topic: Topic): Promise<void> {
    const payload = topic === 'auth' ? `auth@${Date.now()}` : topic;
    await prisma.$executeRaw`SELECT pg_notify(${CHANNEL}, ${payload})`;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    this.healthy = false;
    await client?.end().catch(() => {});
  }
}
