import type { PrismaClient } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Grant, Action, Entity } from './permissions.js';
import type { TokenKind } from './principal.js';
import { digestSecret, displayPrefix, generateAccessToken } from './token-format.js';

export interface TokenSpec {
  kind: TokenKind;
  name: string;
  description: string | null;
  ownerId: string | null;
  projectId: string | null;
  createdById: string | null;
  expiresAt: Date | null;
  grants: Grant[];
  apiMethodSet: string | null;
  apiMethods: string[];
  allowedCidrs?: string[];
  selfRotate?: boolean;
  /** The token's own limits (schema/token-limits.ts); left out: none of its own. */
  limits?: { limitRequestsPerMinute?: number | null; limitCostPerHour?: number | null; maxUses?: number | null; notBefore?: Date | null };
}

/** A fresh secret and what is stored of it. */
export function newSecret() {
  const secret = generateAccessToken();
  return { secret, digest: digestSecret(secret), displayPrefix: displayPrefix(secret) };
}

/**
 * Writes a token and returns its secret, which exists nowhere else from here on: only its
 * SHA-256 digest is stored. Validation is the caller's job (schema/tokens.ts).
 */
export async function issueToken(prisma: PrismaClient | Prisma.TransactionClient, spec: TokenSpec) {
  const { secret, digest, displayPrefix } = newSecret();
  const token = await prisma.accessToken.create({
    data: {
      kind: spec.kind,
      name: spec.name,
      description: spec.description,
      digest,
      displayPrefix,
      ownerId: spec.ownerId,
      projectId: spec.projectId,
      createdById: spec.createdById,
      expiresAt: spec.expiresAt,
      apiMethodSet: spec.apiMethodSet,
      apiMethods: spec.apiMethods,
      allowedCidrs: spec.allowedCidrs ?? [],
      selfRotate: spec.selfRotate ?? false,
      ...spec.limits,
      grants: {
        create: spec.grants.map((g, position) => ({
          entity: g.entity as Entity,
          action: g.action as Action,
          projectId: g.projectId,
          deviceId: g.deviceId,
          position,
        })),
      },
    },
  });
  return { secret, token };
}
