import type { PrismaClient } from '../db/client.js';
import { recordEvent } from './audit.js';
import type { Mailer } from './mailer.js';

export const EXPIRY_WARNING_DAYS = 7;
const DAY_MS = 86_400_000;

type Notice = 'TOKEN_EXPIRING' | 'TOKEN_EXPIRED';

export interface NoticeResult {
  expiring: string[];
  expired: string[];
  mailsSent: number;
}

/**
 * Sends each token's expiry notices: 7 days before and at expiry, to its owner (to every OWNER of
 * the project for a PROJECT token), as a Notification and, with SMTP configured, an e-mail.
 * Each gateway runs this on a timer; a conditional UPDATE ... RETURNING lets exactly one of them
 * claim each notice, so none goes out twice.
 */
export class ExpiryNotifier {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly mailer: Mailer | undefined,
    private readonly log: (message: string) => void = () => {},
  ) {}

  start(intervalMs: number): void {
    const tick = () => void this.runOnce().catch((error) => this.log(`expiry notices failed: ${(error as Error).message}`));
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async runOnce(now = new Date()): Promise<NoticeResult> {
    const expired = await this.prisma.$queryRaw<{ id: string }[]>`
      UPDATE "AccessToken" SET "expiredNoticeAt" = ${now}, "expiringNoticeAt" = COALESCE("expiringNoticeAt", ${now})
      WHERE "revokedAt" IS NULL AND "expiresAt" <= ${now} AND "expiredNoticeAt" IS NULL
      RETURNING id`;
    const horizon = new Date(now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS);
    const expiring = await this.prisma.$queryRaw<{ id: string }[]>`
      UPDATE "AccessToken" SET "expiringNoticeAt" = ${now}
      WHERE "revokedAt" IS NULL AND "expiresAt" > ${now} AND "expiresAt" <= ${horizon} AND "expiringNoticeAt" IS NULL
      RETURNING id`;
    let mailsSent = 0;
    for (const { id } of expired) mailsSent += await this.notify(id, 'TOKEN_EXPIRED', now);
    for (const { id } of expiring) mailsSent += await this.notify(id, 'TOKEN_EXPIRING', now);
    return { expiring: expiring.map((r) => r.id), expired: expired.map((r) => r.id), mailsSent };
  }

  private async notify(tokenId: string, kind: Notice, now: Date): Promise<number> {
    const token = await this.prisma.accessToken.findUniqueOrThrow({
      where: { id: tokenId },
      select: {
        name: true,
        kind: true,
        expiresAt: true,
        owner: { select: { id: true, email: true, deletedAt: true } },
        project: { select: { name: true, members: { where: { role: 'OWNER' }, select: { user: { select: { id: true, email: true, deletedAt: true } } } } } },
      },
    });
    const recipients = (token.kind === 'PROJECT' ? (token.project?.members.map((m) => m.user) ?? []) : token.owner ? [token.owner] : []).filter(
      (u) => !u.deletedAt,
    );
    const where = token.kind === 'PROJECT' && token.project ? ` of project "${token.project.name}"` : '';
    const when = token.expiresAt!.toISOString();
    const message =
      kind === 'TOKEN_EXPIRED'
        ? `Your access token "${token.name}"${where} expired at ${when}. Regenerate or copy it if you still need one.`
        : `Your access token "${token.name}"${where} expires at ${when}. Extend or regenerate it before then.`;
    await this.prisma.$transaction(async (tx) => {
      await tx.notification.createMany({
        data: recipients.map((u) => ({ userId: u.id, tokenId, kind, message, createdAt: now })),
        skipDuplicates: true,
      });
      if (kind === 'TOKEN_EXPIRED') {
        await recordEvent(tx, { tokenId, kind: 'EXPIRED', actorId: null, ip: null, details: { expiresAt: when } });
      }
    });
    let sent = 0;
    if (this.mailer) {
      const subject = kind === 'TOKEN_EXPIRED' ? `scopegate: token "${token.name}" has expired` : `scopegate: token "${token.name}" expires soon`;
      for (const user of recipients) {
        try {
          await this.mailer.send({ to: user.email, subject, text: message });
          sent++;
        } catch (error) {
          this.log(`expiry e-mail to ${user.email} failed: ${(error as Error).message}`);
        }
      }
    }
    return sent;
  }
}
