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
    actor: { id: string; email: string } | null;
    ip: string | null;
    details: Record<string, unknown>;
  };
}

/**
 * Writes one outbox row per enabled webhook that hears this event: every instance-wide hook, and
 * the hooks of the token's project when it is a PROJECT token. A token that merely holds a grant
 * on a project is not that project's token: its events do not reach the project's hooks.
 */
export async function enqueueDeliveries(tx: Prisma.TransactionClient, event: TokenEvent): Promise<number> {
  const type = WEBHOOK_EVENT_OF[event.kind];
  if (!type) return 0;
  const hooks = await tx.webhook.findMany({
    where: {
      enabled: true,
      events: { has: type },
      OR: [{ projectId: null }, { project: { tokens: { some: { id: event.tokenId, kind: 'PROJECT' } } } }],
    },
    select: { id: true },
  });
  if (hooks.length === 0) return 0;
  const token = await tx.accessToken.findUniqueOrThrow({
    where: { id: event.tokenId },
    select: { id: true, kind: true, name: true, ownerId: true, projectId: true },
  });
  const actor = event.actorId ? await tx.user.findUnique({ where: { id: event.actorId }, select: { id: true, email: true } }) : null;
  const recorded = (event.details ?? {}) as Record<string, unknown>;
  const details = Object.fromEntries(PUBLIC_DETAILS.filter((key) => recorded[key] !== undefined).map((key) => [key, recorded[key]]));
  const payload: WebhookPayload = {
    type: webhookType(type),
    timestamp: event.createdAt.toISOString(),
    data: { eventId: event.id, token, actor, ip: event.ip, details },
  };
  await tx.webhookDelivery.createMany({
    data: hooks.map((hook) => ({
      webhookId: hook.id,
      messageId: `msg_${event.id}`,
      event: type,
      tokenEventId: event.id,
      payload: payload as unknown as Prisma.InputJsonValue,
      createdAt: event.createdAt,
      nextAttemptAt: event.createdAt,
    })),
  });
  return hooks.length;
}
