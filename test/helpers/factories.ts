import { randomUUID } from 'node:crypto';
import { issueToken, type TokenSpec } from '../../src/auth/issue-token.js';
import { hashPassword } from '../../src/auth/passwords.js';
import type { Grant, ProjectRole } from '../../src/auth/permissions.js';
import { digestSecret, generateSessionToken } from '../../src/auth/token-format.js';
import type { PrismaClient } from '../../src/db/client.js';

/** Every factory user has this password; its argon2id hash is computed once per test file. */
export const PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

/** The secret with its last character changed; always a different character, so never the same secret. */
export function withTypo(secret: string): string {
  return secret.slice(0, -1) + (secret.endsWith('x') ? 'y' : 'x');
}

export interface TestUser {
  id: string;
  email: string;
  session: string;
}

export async function createUser(prisma: PrismaClient, options: { role?: 'ADMIN' | 'MEMBER'; email?: string; name?: string } = {}): Promise<TestUser> {
  passwordHash ??= hashPassword(PASSWORD);
  const email = options.email ?? `user-${randomUUID()}@example.test`;
  const user = await prisma.user.create({
    data: { email, name: options.name ?? 'Test User', role: options.role ?? 'MEMBER', passwordHash: await passwordHash },
  });
  return { id: user.id, email, session: await createSession(prisma, user.id) };
}

/** A session as `login` would make it, without paying argon2 for every test. */
export async function createSession(prisma: PrismaClient, userId: string, ttlMs = 3_600_000): Promise<string> {
  const secret = generateSessionToken();
  await prisma.session.create({ data: { userId, digest: digestSecret(secret), expiresAt: new Date(Date.now() + ttlMs) } });
  return secret;
}

export async function createProject(prisma: PrismaClient, ownerId: string, name = 'Test project') {
  return prisma.project.create({ data: { name, members: { create: { userId: ownerId, role: 'OWNER' } } } });
}

export async function addMember(prisma: PrismaClient, projectId: string, userId: string, role: ProjectRole) {
  return prisma.projectMember.upsert({
    where: { projectId_userId: { projectId, userId } },
    create: { projectId, userId, role },
    update: { role },
  });
}

export async function createDevice(prisma: PrismaClient, projectId: string, name = 'Test device') {
  return prisma.device.create({ data: { projectId, name } });
}

export function grant(entity: Grant['entity'], action: Grant['action'], where: { projectId?: string; deviceId?: string } = {}): Grant {
  return { entity, action, projectId: where.projectId ?? null, deviceId: where.deviceId ?? null };
}

/** Writes a token directly (createToken itself is tested through GraphQL). */
export async function createToken(
  prisma: PrismaClient,
  spec: Partial<TokenSpec> & { createdById: string },
): Promise<{ secret: string; id: string }> {
  const kind = spec.kind ?? 'CUSTOM';
  const { secret, token } = await issueToken(prisma, {
    kind,
    name: spec.name ?? 'test token',
    description: spec.description ?? null,
    ownerId: spec.ownerId !== undefined ? spec.ownerId : kind === 'PROJECT' ? null : spec.createdById,
    projectId: spec.projectId ?? null,
    createdById: spec.createdById,
    expiresAt: spec.expiresAt ?? null,
    grants: spec.grants ?? [],
    apiMethodSet: spec.apiMethodSet ?? null,
    apiMethods: spec.apiMethods ?? [],
    allowedCidrs: spec.allowedCidrs ?? [],
    selfRotate: spec.selfRotate ?? false,
    limits: spec.limits,
  });
  return { secret, id: token.id };
}

/** The id of a USER token of a new user: a budget's row needs a real token. */
export async function userTokenId(prisma: PrismaClient): Promise<string> {
  const owner = await createUser(prisma);
  return (await createToken(prisma, { kind: 'USER', createdById: owner.id })).id;
}

/**
 * `count` USER tokens of one new owner, written by PostgreSQL in one statement (their secrets are
 * nobody's): for budgets, whose rows need real tokens, and batches of thousands.
 */
export async function manyTokenIds(prisma: PrismaClient, count: number): Promise<string[]> {
  const owner = await createUser(prisma);
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO "AccessToken" ("id", "kind", "name", "digest", "displayPrefix", "ownerId", "createdById", "apiMethods")
    SELECT gen_random_uuid(), 'USER', 'filler ' || g, md5(random()::text || g::text) || md5(g::text || clock_timestamp()::text), 'sgp_fill', ${owner.id}::uuid, ${owner.id}::uuid, '{}'
    FROM generate_series(1, ${count}) AS g RETURNING "id"`;
  return rows.map((row) => row.id);
}
