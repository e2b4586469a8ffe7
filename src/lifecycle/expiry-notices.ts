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
    const horizon = new Date(now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS);
    const due = (kind: Notice) =>
      this.prisma.accessToken.findMany({
        where:
          kind === 'TOKEN_EXPIRED'
            ? { revokedAt: null, expiresAt: { lte: now }, expiredNoticeAt: null }
            : { revokedAt: null, expiresAt: { gt: now, lte: horizon }, expiringNoticeAt: null },
        select: { id: true },
      });
    const result: NoticeResult = { expiring: [], expired: [], mailsSent: 0 };
    for (const kind of ['TOKEN_EXPIRED', 'TOKEN_EXPIRING'] as const) {
      for (const { id } of await due(kind)) {
        const notice = await this.claim(id, kind, now);
        if (!notice) continue; // another gateway got there first
        (kind === 'TOKEN_EXPIRED' ? result.expired : result.expiring).push(id);
        result.mailsSent += await this.mail(notice);
      }
    }
    return result;
  }

  /**
   * Claims one notice and records it, in one transaction: the conditional UPDATE succeeds in
   * exactly one gateway, and the notifications exist as soon as the claim does.
   */
  private async claim(tokenId: string, kind: Notice, now: Date) {
    return this.prisma.$transaction(async (tx) => {
      const claimed =
        kind === 'TOKEN_EXPIRED'
          ? await tx.$queryRaw<{ id: string }[]>`
              UPDATE "AccessToken" SET "expiredNoticeAt" = ${now}, "expiringNoticeAt" = COALESCE("expiringNoticeAt", ${now})
              WHERE id = ${tokenId}::uuid AND "expiredNoticeAt" IS NULL AND "revokedAt" IS NULL RETURNING id`
          : await tx.$queryRaw<{ id: string }[]>`
              UPDATE "AccessToken" SET "expiringNoticeAt" = ${now}
              WHERE id = ${tokenId}::uuid AND "expiringNoticeAt" IS NULL AND "revokedAt" IS NULL RETURNING id`;
      if (claimed.length === 0) return null;
      const token = await tx.accessToken.findUniqueOrThrow({
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
      await tx.notification.createMany({
        data: recipients.map((u) => ({ userId: u.id, tokenId, kind, message, createdAt: now })),
        skipDuplicates: true,
      });
      if (kind === 'TOKEN_EXPIRED') {
        await recordEvent(tx, { tokenId, kind: 'EXPIRED', actorId: null, ip: null, details: { expiresAt: when } });
      }
      const subject = kind === 'TOKEN_EXPIRED' ? `scopegate: token "${token.name}" has expired` : `scopegate: token "${token.name}" expires soon`;
      return { recipients, subject, message };
    });
  }

  /** E-mails go after the commit: a crash in between loses an e-mail, never a notification. */
  private async mail(notice: { recipients: { email: string }[]; subject: string; message: string }): Promise<number> {
    if (!this.mailer) return 0;
    let sent = 0;
    for (const user of notice.recipients) {
      try {
        await this.mailer.send({ to: user.email, subject: notice.subject, text: notice.message });
        sent++;
      } catch (error) {
        this.log(`expiry e-mail to ${user.email} failed: ${(error as Error).message}`);
      }
    }
    return sent;
  }
}
