import type { PrismaClient } from '../db/client.js';
import type { Prisma, TokenEventKind } from '../generated/prisma/client.js';
import { enqueueDeliveries } from '../webhooks/outbox.js';

type Db = PrismaClient | Prisma.TransactionClient;

export interface AuditEntry {
  tokenId: string;
  kind: TokenEventKind;
  actorId: string | null;
  ip: string | null;
  /** What changed, never a secret: names of edited fields, a revocation reason, a source token. */
  details?: Prisma.InputJsonValue;
  /** When it happened; now by default. Scheduled work (notices, hygiene) passes its own clock. */
  at?: Date;
}

/**
 * Records a token event and, in the same transaction, one outbox row per enabled webhook that
 * subscribes to it: the event and its deliveries commit together or not at all. Pass the
 * transaction the event belongs to; given the plain client, it opens one of its own.
 */
export function recordEvent(db: Db, entry: AuditEntry) {
  const write = async (tx: Prisma.TransactionClient) => {
    const { at, ...rest } = entry;
    const event = await tx.tokenEvent.create({ data: { ...rest, details: entry.details ?? undefined, ...(at ? { createdAt: at } : {}) } });
    await enqueueDeliveries(tx, event);
    return event;
  };
  return '$transaction' in db ? db.$transaction(write) : write(db);
}
