import { buildSchema, getNullableType, isListType } from 'graphql';
import { issueToken } from '../src/auth/issue-token.js';
import { hashPassword } from '../src/auth/passwords.js';
import { digestSecret, displayPrefix, generateAccessToken, generateSessionToken } from '../src/auth/token-format.js';
import type { PrismaClient } from '../src/db/client.js';

const DEVICE_FIELDS = 'id name status metadata lastSeenAt createdAt';

/** W2's operation: the first page of 20 devices of the seeded project (all of them), every scalar field. */
export const devicesBody = (projectId: string) =>
  JSON.stringify({ query: `query($p: ID!) { devices(projectId: $p, first: 20) { nodes { ${DEVICE_FIELDS} } } }`, variables: { p: projectId } });

/**
 * The first page of 20 devices, as the schema offers it: `devices(projectId, first: 20)`, with
 * `nodes` when the field returns a connection. Undefined if Query.devices takes no `first`: then
 * the page workloads are pending.
 */
export function pageBody(schemaSdl: string, projectId: string): string | undefined {
  const field = buildSchema(schemaSdl).getQueryType()?.getFields().devices;
  if (!field || !field.args.some((arg) => arg.name === 'first')) return undefined;
  const connection = !isListType(getNullableType(field.type));
  const selection = connection ? `nodes { ${DEVICE_FIELDS} }` : DEVICE_FIELDS;
  return JSON.stringify({ query: `query($p: ID!) { devices(projectId: $p, first: 20) { ${selection} } }`, variables: { p: projectId } });
}

/** The devices of a W2 or page answer, whether the field is a list or a connection. */
export const devicesOf = (body: any): unknown[] | undefined => {
  const devices = body?.data?.devices;
  return Array.isArray(devices) ? devices : Array.isArray(devices?.nodes) ? devices.nodes : undefined;
};

export interface Seed {
  adminSession: string;
  projectId: string;
  userToken: string;
  /** A USER token with its own request limit, whose slices are leased while W1 runs. */
  leasingToken: string;
  customToken: string;
  ownerId: string;
  /** Distinct USER tokens for the cold-token rotation (secrets). */
  rotation: string[];
  /** The project with `pageDevices` devices, and a CUSTOM token that reads its devices. */
  bigProjectId?: string;
  bigProjectToken?: string;
}

export interface SeedSize {
  /** Tokens in AccessToken in all: the named ones, the rotation, and filler written by PostgreSQL. */
  tokens: number;
  rotation: number;
  /** Devices of a second project (0: none). */
  pageDevices: number;
  /** The leasing token's requests a minute (its slice is 1% of it); W1's 1,000,000 unless told. */
  leasingLimitPerMinute?: number;
}

/** One owner with a project of 20 devices, a USER and a CUSTOM token, the rotation, then filler tokens. */
export async function seed(prisma: PrismaClient, size: SeedSize): Promise<Seed> {
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
  const leasing = await issueToken(prisma, {
    ...base,
    kind: 'USER',
    name: 'bench user token with its own limit',
    grants: [],
    limits: { limitRequestsPerMinute: size.leasingLimitPerMinute ?? 1_000_000 },
  });
  const custom = await issueToken(prisma, {
    ...base,
    kind: 'CUSTOM',
    name: 'bench dashboard',
    grants: [{ entity: 'DEVICE', action: 'READ', projectId: project.id, deviceId: null }],
  });
  let big: { projectId: string; token: string } | undefined;
  if (size.pageDevices > 0) {
    const bigProject = await prisma.project.create({ data: { name: 'Fleet', members: { create: { userId: owner.id, role: 'OWNER' } } } });
    await fillDevices(prisma, bigProject.id, size.pageDevices);
    const token = await issueToken(prisma, {
      ...base,
      kind: 'CUSTOM',
      name: 'bench fleet dashboard',
      grants: [{ entity: 'DEVICE', action: 'READ', projectId: bigProject.id, deviceId: null }],
    });
    big = { projectId: bigProject.id, token: token.secret };
  }
  const rotation = await rotationTokens(prisma, owner.id, size.rotation);
  await fillTokens(prisma, owner.id, size.tokens - 3 - (big ? 1 : 0) - size.rotation);
  return {
    adminSession,
    projectId: project.id,
    userToken: user.secret,
    leasingToken: leasing.secret,
    customToken: custom.secret,
    ownerId: owner.id,
    rotation,
    bigProjectId: big?.projectId,
    bigProjectToken: big?.token,
  };
}

/**
 * Real USER tokens (secrets made and digested here, as issueToken does), written 20,000 rows per
 * statement from arrays: a device fleet's worth in a few seconds. Each was used before, from the
 * address the benchmark calls from, as a polling device's token has been: a token missing from the
 * cache is then what W3 measures, not its first use ever (a new-address row and event, once in a
 * token's life).
 */
async function rotationTokens(prisma: PrismaClient, ownerId: string, count: number): Promise<string[]> {
  const secrets = Array.from({ length: count }, generateAccessToken);
  const batch = 20_000;
  for (let done = 0; done < count; done += batch) {
    const part = secrets.slice(done, done + batch);
    await prisma.$executeRaw`
      WITH tokens AS (
        INSERT INTO "AccessToken" ("id", "kind", "name", "digest", "displayPrefix", "ownerId", "createdById", "apiMethods", "lastUsedAt")
        SELECT gen_random_uuid(), 'USER', 'device ' || t.n, t.digest, t.prefix, ${ownerId}::uuid, ${ownerId}::uuid, '{}', now() - interval '1 hour'
        FROM unnest(${part.map(digestSecret)}::text[], ${part.map(displayPrefix)}::text[]) WITH ORDINALITY AS t(digest, prefix, n)
        RETURNING "id")
      INSERT INTO "TokenIp" ("tokenId", "ip", "firstSeenAt") SELECT "id", '127.0.0.1', now() - interval '1 day' FROM tokens`;
  }
  return secrets;
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

/** A project's devices written by PostgreSQL itself, one a second apart in createdAt. */
async function fillDevices(prisma: PrismaClient, projectId: string, count: number): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO "Device" ("id", "projectId", "name", "status", "metadata", "lastSeenAt", "createdAt")
    SELECT gen_random_uuid(), ${projectId}::uuid, 'meter-' || g, (CASE WHEN g % 3 = 0 THEN 'ONLINE' ELSE 'OFFLINE' END)::"DeviceStatus",
           jsonb_build_object('firmware', '2.4.1', 'rack', g % 4, 'tags', jsonb_build_array('fleet', 'row-' || (g % 5))),
           now(), now() - make_interval(secs => ${count} - g)
    FROM generate_series(1, ${count}) AS g`;
  await prisma.$executeRaw`VACUUM ANALYZE "Device"`;
}

/** The role PostGraphile's JWTs name, and the secret they are signed with (bench/servers/postgraphile.ts). */
export const POSTGRAPHILE_ROLE = 'bench_visitor';

/**
 * Row-level security for the PostGraphile peer: `bench_visitor` reads the devices of the projects
 * its JWT's user_id is a member of, and nothing else. scopegate and the other peers connect as
 * the database's owner (a superuser), which row-level security does not apply to.
 */
export async function preparePostgraphile(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRawUnsafe(`DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${POSTGRAPHILE_ROLE}') THEN CREATE ROLE ${POSTGRAPHILE_ROLE} NOLOGIN; END IF;
  END $$`);
  await prisma.$executeRawUnsafe(`GRANT USAGE ON SCHEMA public TO ${POSTGRAPHILE_ROLE}`);
  await prisma.$executeRawUnsafe(`GRANT SELECT ON "Device", "ProjectMember" TO ${POSTGRAPHILE_ROLE}`);
  await prisma.$executeRawUnsafe(`ALTER TABLE "Device" ENABLE ROW LEVEL SECURITY`);
  await prisma.$executeRawUnsafe(`CREATE POLICY bench_member_reads ON "Device" FOR SELECT TO ${POSTGRAPHILE_ROLE} USING (
    EXISTS (SELECT 1 FROM "ProjectMember" m WHERE m."projectId" = "Device"."projectId" AND m."userId" = nullif(current_setting('jwt.claims.user_id', true), '')::uuid)
  )`);
}
