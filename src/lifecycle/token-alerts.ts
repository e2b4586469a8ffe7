import type { PrismaClient } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Mailer } from './mailer.js';

type Db = PrismaClient | Prisma.TransactionClient;

export type AlertKind = 'TOKEN_EXPOSED' | 'ROTATED_SECRET_REUSED';

export interface Alert {
  recipients: { email: string }[];
  subject: string;
  message: string;
}

/**
 * Tells the people answerable for a token (its owner; every OWNER of its project for a PROJECT
 * token) through a Notification, and returns what to e-mail them after the commit. With
 * `quietForMs`, a person already told about this token within that time is not told again.
 */
export async function alertTokenOwners(
  db: Db,
  tokenId: string,
  kind: AlertKind,
  compose: (token: { name: string; projectName: string | null }) => { subject: string; message: string },
  now: Date,
  quietForMs = 0,
): Promise<Alert | null> {
  const token = await db.accessToken.findUnique({
    where: { id: tokenId },
    select: {
      name: true,
      kind: true,
      owner: { select: { id: true, email: true, deletedAt: true } },
      project: { select: { name: true, members: { where: { role: 'OWNER' }, select: { user: { select: { id: true, email: true, deletedAt: true } } } } } },
    },
  });
  if (!token) return null;
  const people = (token.kind === 'PROJECT' ? (token.project?.members.map((m) => m.user) ?? []) : token.owner ? [token.owner] : []).filter((u) => !u.deletedAt);
  if (people.length === 0) return null;
  const { subject, message } = compose({ name: token.name, projectName: token.kind === 'PROJECT' ? (token.project?.name ?? null) : null });
  const quietSince = new Date(now.getTime() - quietForMs);
  // The token's row lock makes concurrent alerts about one token (from any gateway) take turns,
  // so "told within quietForMs" is read after the other one's notification is written. NO KEY
  // UPDATE, not UPDATE: the caller's event insert already holds the row's KEY SHARE lock (its
  // foreign key), and two callers upgrading that to FOR UPDATE deadlock.
  await db.$queryRaw`SELECT id FROM "AccessToken" WHERE id = ${tokenId}::uuid FOR NO KEY UPDATE`;
  const recent = quietForMs > 0 ? await db.notification.findMany({ where: { tokenId, kind, createdAt: { gt: quietSince } }, select: { userId: true } }) : [];
  const toldRecently = new Set(recent.map((row) => row.userId));
  const told = people.filter((p) => !toldRecently.has(p.id)).map((p) => ({ userId: p.id }));
  if (told.length > 0) await db.notification.createMany({ data: told.map(({ userId }) => ({ userId, tokenId, kind, message, createdAt: now })) });
  const toldIds = new Set(told.map((row) => row.userId));
  return { recipients: people.filter((p) => toldIds.has(p.id)), subject, message };
}

/** E-mails go after the commit: a crash in between loses an e-mail, never a notification. */
export async function mailAlert(mailer: Mailer | undefined, alert: Alert | null, log: (message: string) => void): Promise<void> {
  if (!mailer || !alert) return;
  for (const person of alert.recipients) {
    try {
      await mailer.send({ to: person.email, subject: alert.subject, text: alert.message });
    } catch (error) {
      log(`e-mail to ${person.email} failed: ${(error as Error).message}`);
    }
  }
}
