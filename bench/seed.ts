import { issueToken } from '../src/auth/issue-token.js';
import { hashPassword } from '../src/auth/passwords.js';
import { digestSecret, generateSessionToken } from '../src/auth/token-format.js';
import type { PrismaClient } from '../src/db/client.js';

/** W2's operation: the 20 devices of the seeded project, every scalar field. */
export const devicesBody = (projectId: string) =>
  JSON.stringify({ query: 'query($p: ID!) { devices(projectId: $p) { id name status metadata lastSeenAt createdAt } }', variables: { p: projectId } });

export interface Seed {
  adminSession: string;
  projectId: string;
  userToken: string;
  customToken: string;
  ownerId: string;
}

/** One owner with a project of 20 devices, a USER token and a CUSTOM token; then filler tokens. */
export async function seed(prisma: PrismaClient, totalTokens: number): Promise<Seed> {
  const passwordHash = await hashPassword('bench password, not secret');
  const owner = await prisma.user.create({ data: { email: 'owner@bench.test', role: 'ADMIN', passwordHash } });
  const adminSession = generateSessionToken();
  await prisma.session.create({ data: { userId: owner.id, digest: digestSecret(adminSession), expiresAt: new Date(Date.now() + 86_400_000) } });
  const project = await prisma.project.create({ data: { name: 'Greenhouse', members: { create: { userId: owner.id, role: 'OWNER' } } } });
  await prisma.device.createMany({
    data: Array.from({ length: 20 }, (_, i) => ({
      projectId: project.id,
      name: `sensor-${String(i).padStart(2, '0')}`,
      status: i % 3 === 0 ? ('ONLINE' as const) : ('OFFLINE' as const),
      metadata: { firmware: '2.4.1', rack: i % 4, tags: ['greenhouse', `row-${i % 5}`] },
      lastSeenAt: new Date(),
    })),
  });
  const base = { description: null, projectId: null, createdById: owner.id, ownerId: owner.id, expiresAt: null, apiMethodSet: null, apiMethods: [] };
  const user = await issueToken(prisma, { ...base, kind: 'USER', name: 'bench user token', grants: [] });
  const custom = await issueToken(prisma, {
    ...base,
    kind: 'CUSTOM',
    name: 'bench dashboard',
    grants: [{ entity: 'DEVICE', action: 'READ', projectId: project.id, deviceId: null }],
  });
  await fillTokens(prisma, owner.id, totalTokens - 2);
  return { adminSession, projectId: project.id, userToken: user.secret, customToken: custom.secret, ownerId: owner.id };
}

/** Filler tokens written by PostgreSQL itself, in batches, with unique random digests. */
async function fillTokens(prisma: PrismaClient, ownerId: string, count: number): Promise<void> {
  const batch = 200_000;
  for (let done = 0; done < count; done += batch) {
    const n = Math.min(batch, count - done);
    await prisma.$executeRaw`
      INSERT INTO "AccessToken" ("id", "kind", "name", "digest", "displayPrefix", "ownerId", "createdById", "apiMethods")
      SELECT gen_random_uuid(), 'USER', 'filler ' || g, md5(random()::text || g::text) || md5(g::text || clock_timestamp()::text),
             'sgp_fill', ${ownerId}::uuid, ${ownerId}::uuid, '{}'
      FROM generate_series(1, ${n}) AS g`;
  }
  // Settle the table now, so that autovacuum does not start in the middle of a measurement.
  await prisma.$executeRaw`VACUUM ANALYZE "AccessToken"`;
}
