import type { PrismaClient } from '../db/client.js';
import type { Prisma, TokenEventKind } from '../generated/prisma/client.js';

type Db = Pick<PrismaClient, 'tokenEvent'> | Prisma.TransactionClient;

export interface AuditEntry {
  tokenId: string;
  kind: TokenEventKind;
  actorId: string | null;
  ip: string | null;
  /** What changed, never a secret: names of edited fields, a revocation reason, a source token. */
  details?: Prisma.InputJsonValue;
}

export function recordEvent(db: Db, entry: AuditEntry) {
  return db.tokenEvent.create({ data: { ...entry, details: entry.details ?? undefined } });
}
