import type { PrismaClient } from '../db/client.js';
import type { Grant, Action, Entity } from './permissions.js';
import type { TokenKind } from './principal.js';
import { digestSecret, displayPrefix, generateAccessToken } from './token-format.js';

export interface TokenSpec {
  kind: TokenKind;
  name: string;
  description: string | null;
  ownerId: string | null;
  projectId: string | null;
  createdById: string;
  expiresAt: Date | null;
  grants: Grant[];
  apiMethodSet: string | null;
  apiMethods: string[];
}

/**
 * Writes a token and returns its secret, which exists nowhere else from here on: only its
 * SHA-256 digest is stored. Validation is the caller's job (schema/tokens.ts).
 */
export async function issueToken(prisma: PrismaClient, spec: TokenSpec) {
  const secret = generateAccessToken();
  const token = await prisma.accessToken.create({
    data: {
      kind: spec.kind,
      name: spec.name,
      description: spec.description,
      digest: digestSecret(secret),
      displayPrefix: displayPrefix(secret),
      ownerId: spec.ownerId,
      projectId: spec.projectId,
      createdById: spec.createdById,
      expiresAt: spec.expiresAt,
      apiMethodSet: spec.apiMethodSet,
      apiMethods: spec.apiMethods,
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
