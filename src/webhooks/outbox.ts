import type { Prisma, TokenEvent, TokenEventKind, WebhookEvent } from '../generated/prisma/client.js';

/**
 * Which audit event a webhook hears as which webhook event. Rotation is a regeneration to a
 * receiver (a new secret for the token); NEW_IP and COPIED stay in the audit trail only (a copy
 * is a new token, and its TOKEN_CREATED says where it came from).
 */
export const WEBHOOK_EVENT_OF: Partial<Record<TokenEventKind, WebhookEvent>> = {
  CREATED: 'TOKEN_CREATED',
  UPDATED: 'TOKEN_UPDATED',
  REGENERATED: 'TOKEN_REGENERATED',
  ROTATED: 'TOKEN_REGENERATED',
  REVOKED: 'TOKEN_REVOKED',
  EXPIRING: 'TOKEN_EXPIRING',
  EXPIRED: 'TOKEN_EXPIRED',
  EXPOSED: 'TOKEN_EXPOSED',
  DENIED_IP: 'TOKEN_IP_DENIED',
  ROTATED_SECRET_REUSED: 'TOKEN_ROTATED_SECRET_REUSED',
};

/** The payload's `type`: TOKEN_IP_DENIED is `token.ip_denied`. */
export function webhookType(event: WebhookEvent): string {
  return event.toLowerCase().replace('token_', 'token.');
}

/**
 * The details a receiver gets, by name. Anything else an event records stays in the audit
 * trail: a key added later cannot leak into a payload by accident.
 */
const PUBLIC_DETAILS = ['reason', 'fields', 'expiresAt', 'daysBefore', 'unusedSince', 'copiedFrom', 'source', 'kind', 'name'] as const;

export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: {
    eventId: string;
    token: { id: string; kind: string; name: string; ownerId: string | null; projectId: string | null };
    /** `email` only where the hook's owners may see it: see actorFor. */
    actor: { id: string; email?: string } | null;
    ip: string | null;
    details: Record<string, unknown>;
  };
}

/**
 * Whether a hook's creator may still hear what it hears: an instance-wide hook is the admins', a
 * project's hook its OWNERs' (or an admin's). A hook made outside the API (no creator) is the
 * operator's and is not judged here. Checked as each event is enqueued, rather than where roles
 * change, so that no way of losing a role (removal, demotion, deletion, a change made in SQL) can
 * leave a former OWNER's URL listening.
 */
function creatorQualifies(hook: HookRow, tokenProjectId: string | null): boolean {
  if (!hook.createdById) return true;
  const creator = hook.createdBy;
  if (!creator || creator.deletedAt) return false;
  if (creator.role === 'ADMIN') return true;
  return hook.projectId !== null && hook.projectId === tokenProjectId && creator.memberships.length > 0;
}

interface HookRow {
  id: string;
  url: string;
  projectId: string | null;
  createdById: string | null;
  createdBy: { role: string; deletedAt: Date | null; memberships: { projectId: string }[] } | null;
}

/**
 * Writes one outbox row per enabled webhook that hears this event: every instance-wide hook, and
 * the hooks of the token's project when it is a PROJECT token. A token that merely holds a grant
 * on a project is not that project's token: its events do not reach the project's hooks. A hook
 * whose creator no longer qualifies (creatorQualifies) is disabled instead, in this transaction,
 * and the hook's remaining owners are told.
 */
export async function enqueueDeliveries(tx: Prisma.TransactionClient, event: TokenEvent): Promise<number> {
  const type = WEBHOOK_EVENT_OF[event.kind];
  if (!type) return 0;
  const candidates = await tx.webhook.findMany({
    where: {
      enabled: true,
      events: { has: type },
      OR: [{ projectId: null }, { project: { tokens: { some: { id: event.tokenId, kind: 'PROJECT' } } } }],
    },
    select: { id: true, url: true, projectId: true, createdById: true },
  });
  if (candidates.length === 0) return 0;
  const token = await tx.accessToken.findUniqueOrThrow({
    where: { id: event.tokenId },
    select: { id: true, kind: true, name: true, ownerId: true, projectId: true },
  });
  // Only the project hooks of this token's project are candidates, so one project's memberships say it all.
  const ownerships = token.projectId ? { where: { projectId: token.projectId, role: 'OWNER' as const }, select: { projectId: true } } : { where: { projectId: { in: [] } }, select: { projectId: true } };
  const creatorIds = [...new Set(candidates.map((hook) => hook.createdById).filter((id): id is string => id !== null))];
  const creators = new Map(
    (await tx.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, role: true, deletedAt: true, memberships: ownerships } })).map((u) => [u.id, u]),
  );
  const hooks: HookRow[] = candidates.map((hook) => ({ ...hook, createdBy: hook.createdById ? (creators.get(hook.createdById) ?? null) : null }));
  const orphaned = hooks.filter((hook) => !creatorQualifies(hook, token.projectId));
  for (const hook of orphaned) await disableOrphaned(tx, hook, event.createdAt);
  const live = hooks.filter((hook) => creatorQualifies(hook, token.projectId));
  if (live.length === 0) return 0;

  const actor = event.actorId
    ? await tx.user.findUnique({
        where: { id: event.actorId },
        select: { id: true, email: true, memberships: token.projectId ? { where: { projectId: token.projectId }, select: { projectId: true } } : { where: { projectId: { in: [] } }, select: { projectId: true } } },
      })
    : null;
  const recorded = (event.details ?? {}) as Record<string, unknown>;
  const details = Object.fromEntries(PUBLIC_DETAILS.filter((key) => recorded[key] !== undefined).map((key) => [key, recorded[key]]));
  const payloadFor = (hook: HookRow): WebhookPayload => {
    // An instance-wide hook is the admins', who may read every user. A project's OWNERs may read
    // their members' addresses, not those of an admin (or anyone) outside the project who acted
    // on its token: for them the actor is an id, and the address it acted from is left out.
    const known = hook.projectId === null || !actor || actor.memberships.length > 0;
    return {
      type: webhookType(type),
      timestamp: event.createdAt.toISOString(),
      data: { eventId: event.id, token, actor: actor ? (known ? { id: actor.id, email: actor.email } : { id: actor.id }) : null, ip: known ? event.ip : null, details },
    };
  };
  await tx.webhookDelivery.createMany({
    data: live.map((hook) => ({
      webhookId: hook.id,
      messageId: `msg_${event.id}`,
      event: type,
      tokenEventId: event.id,
      payload: payloadFor(hook) as unknown as Prisma.InputJsonValue,
      createdAt: event.createdAt,
      nextAttemptAt: event.createdAt,
    })),
  });
  return live.length;
}

async function disableOrphaned(tx: Prisma.TransactionClient, hook: HookRow, now: Date): Promise<void> {
  const reason = hook.projectId ? 'its creator is no longer an OWNER of the project' : 'its creator is no longer an admin';
  const disabled = await tx.webhook.updateMany({ where: { id: hook.id, enabled: true }, data: { enabled: false, disabledAt: now, disabledReason: reason } });
  if (disabled.count === 0) return;
  await notifyOwners(tx, hook.projectId, 'WEBHOOK_DISABLED', `The webhook to ${hook.url} was disabled: ${reason}. An owner can enable it again with updateWebhook.`, now);
}

/** A hook's owners: the admins for an instance-wide hook, the project's OWNERs for a project's. */
export async function notifyOwners(tx: Prisma.TransactionClient, projectId: string | null, kind: string, message: string, now: Date): Promise<void> {
  const owners = projectId
    ? (await tx.projectMember.findMany({ where: { projectId, role: 'OWNER', user: { deletedAt: null } }, select: { userId: true } })).map((m) => m.userId)
    : (await tx.user.findMany({ where: { role: 'ADMIN', deletedAt: null }, select: { id: true } })).map((u) => u.id);
  await tx.notification.createMany({ data: owners.map((userId) => ({ userId, kind, message, createdAt: now })) });
}
