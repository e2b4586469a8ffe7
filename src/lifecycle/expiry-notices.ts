import { CHANNEL } from '../auth/invalidation.js';
import type { PrismaClient } from '../db/client.js';
import { Prisma } from '../generated/prisma/client.js';
import { recordEvent } from './audit.js';
import type { Mailer } from './mailer.js';

/** TokenPolicy.expiryNoticeDays until an admin sets it. */
export const DEFAULT_EXPIRY_NOTICE_DAYS = [30, 7, 0];
/** The unused-token notice goes out this many days before the revocation. */
export const UNUSED_NOTICE_DAYS = 7;
const DAY_MS = 86_400_000;

export interface NoticeResult {
  /** Tokens told they expire soon, with the notice day (days before expiry) that went out. */
  expiring: string[];
  expiringDays: number[];
  expired: string[];
  /** Tokens told they will be revoked for being unused, and tokens revoked for it. */
  unusedNoticed: string[];
  revokedUnused: string[];
  mailsSent: number;
}

interface Notice {
  recipients: { email: string }[];
  subject: string;
  message: string;
}

type Tx = Prisma.TransactionClient;

/**
 * The scheduled token work every gateway runs on a timer: expiry notices at the policy's
 * `expiryNoticeDays` (and at expiry), and, with `revokeUnusedAfterDays` set, the notice to unused
 * tokens and their revocation. Each notice is a TokenNotice row whose key (token, kind, expiry
 * date or last use, day) only one gateway can insert, so none goes out twice, and the events it
 * records reach webhooks through the outbox in the same transaction.
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
    const policy = await this.prisma.tokenPolicy.findUnique({ where: { id: 1 }, select: { expiryNoticeDays: true, revokeUnusedAfterDays: true } });
    const days = policy?.expiryNoticeDays ?? DEFAULT_EXPIRY_NOTICE_DAYS;
    const result: NoticeResult = { expiring: [], expiringDays: [], expired: [], unusedNoticed: [], revokedUnused: [], mailsSent: 0 };
    const notices: Notice[] = [];

    for (const { id, expiresAt } of await this.dueExpired(now)) {
      const notice = await this.prisma.$transaction((tx) => this.expired(tx, id, expiresAt, days.includes(0), now));
      if (notice === null) continue; // another gateway got there first
      result.expired.push(id);
      if (notice) notices.push(notice);
    }
    const before = days.filter((d) => d > 0);
    if (before.length > 0) {
      for (const { id, expiresAt, day } of await this.dueExpiring(now, before)) {
        const notice = await this.prisma.$transaction((tx) => this.expiring(tx, id, expiresAt, day, before, now));
        if (!notice) continue;
        result.expiring.push(id);
        result.expiringDays.push(day);
        notices.push(notice);
      }
    }
    if (policy?.revokeUnusedAfterDays) {
      const after = policy.revokeUnusedAfterDays;
      for (const { id, since } of await this.dueUnusedNotice(now, after)) {
        const notice = await this.prisma.$transaction((tx) => this.unusedNotice(tx, id, since, after, now));
        if (!notice) continue;
        result.unusedNoticed.push(id);
        notices.push(notice);
      }
      for (const { id, since } of await this.dueUnusedRevocation(now, after)) {
        if (await this.prisma.$transaction((tx) => this.revokeUnused(tx, id, since, now))) result.revokedUnused.push(id);
      }
    }
    for (const notice of notices) result.mailsSent += await this.mail(notice);
    return result;
  }

  /** Expired tokens whose expiry has not been handled yet. */
  private dueExpired(now: Date) {
    return this.prisma.$queryRaw<{ id: string; expiresAt: Date }[]>`
      SELECT t.id, t."expiresAt" FROM "AccessToken" t
      WHERE t."revokedAt" IS NULL AND t."expiresAt" <= ${now}
        AND NOT EXISTS (SELECT 1 FROM "TokenNotice" n WHERE n."tokenId" = t.id AND n.kind = 'EXPIRED' AND n."dueAt" = t."expiresAt")`;
  }

  /**
   * Tokens inside a notice window, each with the nearest notice day that has come: a token made
   * with 3 days left gets the 7-day notice, not a 30-day one as well.
   */
  private dueExpiring(now: Date, days: number[]) {
    const horizon = new Date(now.getTime() + Math.max(...days) * DAY_MS);
    return this.prisma.$queryRaw<{ id: string; expiresAt: Date; day: number }[]>`
      SELECT t.id, t."expiresAt", d.day FROM "AccessToken" t
      CROSS JOIN LATERAL (
        SELECT min(x) AS day FROM unnest(${days}::int[]) AS x WHERE t."expiresAt" - make_interval(days => x) <= ${now}
      ) d
      WHERE t."revokedAt" IS NULL AND t."expiresAt" > ${now} AND t."expiresAt" <= ${horizon} AND d.day IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM "TokenNotice" n WHERE n."tokenId" = t.id AND n.kind = 'EXPIRING' AND n."dueAt" = t."expiresAt" AND n.day = d.day)`;
  }

  /**
   * Active tokens unused for `after - 7` days that have not been told for this period of disuse.
   * Disuse counts from the last use, or from creation, or from notBefore when that is later: a
   * token every door refuses until its notBefore cannot have been used before it.
   */
  private dueUnusedNotice(now: Date, after: number) {
    const cutoff = new Date(now.getTime() - (after - UNUSED_NOTICE_DAYS) * DAY_MS);
    return this.prisma.$queryRaw<{ id: string; since: Date }[]>`
      SELECT t.id, GREATEST(COALESCE(t."lastUsedAt", t."createdAt"), t."notBefore") AS since FROM "AccessToken" t
      WHERE t."revokedAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > ${now})
        AND GREATEST(COALESCE(t."lastUsedAt", t."createdAt"), t."notBefore") <= ${cutoff}
        AND NOT EXISTS (SELECT 1 FROM "TokenNotice" n WHERE n."tokenId" = t.id AND n.kind = 'UNUSED' AND n."dueAt" = GREATEST(COALESCE(t."lastUsedAt", t."createdAt"), t."notBefore"))`;
  }

  /**
   * Tokens unused for `after` days whose notice went out at least 7 days ago: a policy switched
   * on today still gives every token its week.
   */
  private dueUnusedRevocation(now: Date, after: number) {
    const cutoff = new Date(now.getTime() - after * DAY_MS);
    const toldBy = new Date(now.getTime() - UNUSED_NOTICE_DAYS * DAY_MS);
    return this.prisma.$queryRaw<{ id: string; since: Date }[]>`
      SELECT t.id, GREATEST(COALESCE(t."lastUsedAt", t."createdAt"), t."notBefore") AS since FROM "AccessToken" t
      JOIN "TokenNotice" n ON n."tokenId" = t.id AND n.kind = 'UNUSED' AND n."dueAt" = GREATEST(COALESCE(t."lastUsedAt", t."createdAt"), t."notBefore")
      WHERE t."revokedAt" IS NULL AND GREATEST(COALESCE(t."lastUsedAt", t."createdAt"), t."notBefore") <= ${cutoff} AND n."sentAt" <= ${toldBy}`;
  }

  /** Inserts the claim; false when another gateway holds it already (or the token changed meanwhile). */
  private async claim(tx: Tx, tokenId: string, kind: 'EXPIRING' | 'EXPIRED' | 'UNUSED', dueAt: Date, day: number, now: Date, still: Prisma.Sql): Promise<boolean> {
    const rows = await tx.$queryRaw<{ tokenId: string }[]>`
      INSERT INTO "TokenNotice" ("tokenId", kind, "dueAt", day, "sentAt")
      SELECT t.id, ${kind}::"TokenNoticeKind", ${dueAt}, ${day}, ${now} FROM "AccessToken" t
      WHERE t.id = ${tokenId}::uuid AND t."revokedAt" IS NULL AND ${still}
      ON CONFLICT DO NOTHING RETURNING "tokenId"`;
    return rows.length > 0;
  }

  /**
   * The expiry itself: an EXPIRED event (and webhook) always, a notification and e-mail when the
   * policy's days include 0. Null when another gateway claimed it.
   */
  private async expired(tx: Tx, tokenId: string, expiresAt: Date, notify: boolean, now: Date): Promise<Notice | false | null> {
    if (!(await this.claim(tx, tokenId, 'EXPIRED', expiresAt, 0, now, Prisma.sql`t."expiresAt" = ${expiresAt}`))) return null;
    const when = expiresAt.toISOString();
    await recordEvent(tx, { tokenId, kind: 'EXPIRED', actorId: null, ip: null, details: { expiresAt: when }, at: now });
    if (!notify) return false;
    const token = await recipientsOf(tx, tokenId);
    const message = `Your access token "${token.name}"${token.where} expired at ${when}. Regenerate or copy it if you still need one.`;
    await notifyAll(tx, token.recipients, tokenId, 'TOKEN_EXPIRED', message, now);
    return { recipients: token.recipients, subject: `scopegate: token "${token.name}" has expired`, message };
  }

  private async expiring(tx: Tx, tokenId: string, expiresAt: Date, day: number, days: number[], now: Date): Promise<Notice | null> {
    if (!(await this.claim(tx, tokenId, 'EXPIRING', expiresAt, day, now, Prisma.sql`t."expiresAt" = ${expiresAt}`))) return null;
    // The earlier notice days have passed unsent (the token was made or renewed inside them): done.
    const passed = days.filter((d) => d > day).map((d) => ({ tokenId, kind: 'EXPIRING' as const, dueAt: expiresAt, day: d, sentAt: now }));
    if (passed.length > 0) await tx.tokenNotice.createMany({ data: passed, skipDuplicates: true });
    const when = expiresAt.toISOString();
    await recordEvent(tx, { tokenId, kind: 'EXPIRING', actorId: null, ip: null, details: { expiresAt: when, daysBefore: day }, at: now });
    const token = await recipientsOf(tx, tokenId);
    const message = `Your access token "${token.name}"${token.where} expires at ${when}. Extend or regenerate it before then.`;
    await notifyAll(tx, token.recipients, tokenId, 'TOKEN_EXPIRING', message, now);
    return { recipients: token.recipients, subject: `scopegate: token "${token.name}" expires soon`, message };
  }

  private async unusedNotice(tx: Tx, tokenId: string, since: Date, after: number, now: Date): Promise<Notice | null> {
    if (!(await this.claim(tx, tokenId, 'UNUSED', since, 0, now, Prisma.sql`GREATEST(COALESCE(t."lastUsedAt", t."createdAt"), t."notBefore") = ${since}`))) return null;
    const revokeAt = new Date(Math.max(since.getTime() + after * DAY_MS, now.getTime() + UNUSED_NOTICE_DAYS * DAY_MS)).toISOString();
    const token = await recipientsOf(tx, tokenId);
    const message = `Your access token "${token.name}"${token.where} has not been used since ${since.toISOString()}; it will be revoked as unused from ${revokeAt} unless it is used before then.`;
    await notifyAll(tx, token.recipients, tokenId, 'TOKEN_UNUSED', message, now);
    return { recipients: token.recipients, subject: `scopegate: token "${token.name}" will be revoked as unused`, message };
  }

  /** Revokes with reason "unused", tells every gateway at commit, and records REVOKED (and its webhooks). */
  private async revokeUnused(tx: Tx, tokenId: string, since: Date, now: Date): Promise<boolean> {
    const revoked = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "AccessToken" SET "revokedAt" = ${now}, "revokeReason" = 'unused'
      WHERE id = ${tokenId}::uuid AND "revokedAt" IS NULL AND GREATEST(COALESCE("lastUsedAt", "createdAt"), "notBefore") = ${since} RETURNING id`;
    if (revoked.length === 0) return false;
    await tx.$executeRaw`SELECT pg_notify(${CHANNEL}, ${`auth@${Date.now()}`})`;
    await recordEvent(tx, { tokenId, kind: 'REVOKED', actorId: null, ip: null, details: { reason: 'unused', unusedSince: since.toISOString() }, at: now });
    return true;
  }

  /** E-mails go after the commit: a crash in between loses an e-mail, never a notification. */
  private async mail(notice: Notice): Promise<number> {
    if (!this.mailer) return 0;
    let sent = 0;
    for (const user of notice.recipients) {
      try {
        await this.mailer.send({ to: user.email, subject: notice.subject, text: notice.message });
        sent++;
      } catch (error) {
        this.log(`notice e-mail to ${user.email} failed: ${(error as Error).message}`);
      }
    }
    return sent;
  }
}

/** A token's owner, or every OWNER of its project for a PROJECT token; deleted users are left out. */
async function recipientsOf(tx: Tx, tokenId: string) {
  const token = await tx.accessToken.findUniqueOrThrow({
    where: { id: tokenId },
    select: {
      name: true,
      kind: true,
      owner: { select: { id: true, email: true, deletedAt: true } },
      project: { select: { name: true, members: { where: { role: 'OWNER' }, select: { user: { select: { id: true, email: true, deletedAt: true } } } } } },
    },
  });
  const recipients = (token.kind === 'PROJECT' ? (token.project?.members.map((m) => m.user) ?? []) : token.owner ? [token.owner] : []).filter((u) => !u.deletedAt);
  const where = token.kind === 'PROJECT' && token.project ? ` of project "${token.project.name}"` : '';
  return { name: token.name, where, recipients };
}

function notifyAll(tx: Tx, recipients: { id: string }[], tokenId: string, kind: string, message: string, now: Date) {
  return tx.notification.createMany({ data: recipients.map((u) => ({ userId: u.id, tokenId, kind, message, createdAt: now })) });
}
