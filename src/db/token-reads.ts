import DataLoader from 'dataloader';
import type pg from 'pg';
import type { Prisma } from '../generated/prisma/client.js';
import { poolOf, type PrismaClient } from './client.js';
import { epochMs, fromEpochMs } from './timestamps.js';

/**
 * What a request needs to know about an access token: the token, its grants in order, and its
 * owner's rights. The authenticator reads it on every cache miss, and rotation inside its
 * transactions (with Prisma, as this select).
 */
export const tokenSelect = {
  id: true,
  digest: true,
  previousDigest: true,
  previousSecretValidUntil: true,
  previousSecretRepeatUntil: true,
  secretFirstUsedAt: true,
  kind: true,
  projectId: true,
  expiresAt: true,
  revokedAt: true,
  apiMethodSet: true,
  apiMethods: true,
  allowedCidrs: true,
  limitRequestsPerMinute: true,
  limitCostPerHour: true,
  maxUses: true,
  notBefore: true,
  grants: { select: { entity: true, action: true, projectId: true, deviceId: true }, orderBy: { position: 'asc' } },
  owner: { select: { id: true, role: true, deletedAt: true, memberships: { select: { projectId: true, role: true } } } },
} satisfies Prisma.AccessTokenSelect;

export type TokenRow = Prisma.AccessTokenGetPayload<{ select: typeof tokenSelect }>;

/** The instance defaults from the token policy's row (null where it has none, or no row). */
export interface PolicyLimits {
  requestsPerMinute: number | null;
  costPerHour: number | null;
}

// tokenSelect as one statement: Prisma sends one per relation (token, grants, owner, memberships),
// four round trips for what PostgreSQL answers in one row, building the lists as JSON.
// Timestamps as epoch milliseconds (db/timestamps.ts), made Dates by tokenRow.
const COLUMNS = `
  t.id, t.digest, t."previousDigest", ${epochMs('t."previousSecretValidUntil"', 'previousSecretValidUntil')},
  ${epochMs('t."previousSecretRepeatUntil"', 'previousSecretRepeatUntil')}, ${epochMs('t."secretFirstUsedAt"', 'secretFirstUsedAt')},
  t.kind::text AS kind, t."projectId", ${epochMs('t."expiresAt"', 'expiresAt')}, ${epochMs('t."revokedAt"', 'revokedAt')},
  t."apiMethodSet", t."apiMethods", t."allowedCidrs", t."limitRequestsPerMinute", t."limitCostPerHour", t."maxUses", ${epochMs('t."notBefore"', 'notBefore')},
  (SELECT coalesce(json_agg(json_build_object('entity', g.entity, 'action', g.action, 'projectId', g."projectId", 'deviceId', g."deviceId") ORDER BY g.position), '[]')
     FROM "TokenGrant" g WHERE g."tokenId" = t.id) AS grants,
  u.id AS "ownerId", u.role::text AS "ownerRole", ${epochMs('u."deletedAt"', 'ownerDeletedAt')},
  (SELECT coalesce(json_agg(json_build_object('projectId', m."projectId", 'role', m.role)), '[]')
     FROM "ProjectMember" m WHERE m."userId" = u.id) AS memberships
  FROM "AccessToken" t LEFT JOIN "User" u ON u.id = t."ownerId"`;

// Named, so each connection parses and plans them once. The OR is answered by the two unique
// indexes (a BitmapOr), never a scan. BY_DIGESTS takes every digest of a batch (see bySecret).
export const BY_DIGESTS = {
  name: 'scopegate_tokens_by_digests',
  text: `SELECT ${COLUMNS} WHERE t.digest = ANY($1::text[]) OR t."previousDigest" = ANY($1::text[])`,
};
const BY_ID = { name: 'scopegate_token_by_id', text: `SELECT ${COLUMNS} WHERE t.id = $1::uuid` };
const POLICY = { name: 'scopegate_token_policy', text: 'SELECT "requestsPerMinute", "costPerHour" FROM "TokenPolicy" WHERE id = 1' };

type Timestamp = 'previousSecretValidUntil' | 'previousSecretRepeatUntil' | 'secretFirstUsedAt' | 'expiresAt' | 'revokedAt' | 'notBefore';

interface RawRow extends Omit<TokenRow, 'owner' | 'kind' | 'grants' | Timestamp> {
  kind: TokenRow['kind'];
  grants: TokenRow['grants'];
  previousSecretValidUntil: number | null;
  previousSecretRepeatUntil: number | null;
  secretFirstUsedAt: number | null;
  expiresAt: number | null;
  revokedAt: number | null;
  notBefore: number | null;
  ownerId: string | null;
  ownerRole: NonNullable<TokenRow['owner']>['role'] | null;
  ownerDeletedAt: number | null;
  memberships: NonNullable<TokenRow['owner']>['memberships'];
}

// Field by field: an object rest that leaves out ten keys, and a spread followed by seven more,
// cost a cold read more than the statement's own parsing.
function tokenRow(raw: RawRow | undefined): TokenRow | null {
  if (!raw) return null;
  return {
    id: raw.id,
    digest: raw.digest,
    previousDigest: raw.previousDigest,
    previousSecretValidUntil: fromEpochMs(raw.previousSecretValidUntil),
    previousSecretRepeatUntil: fromEpochMs(raw.previousSecretRepeatUntil),
    secretFirstUsedAt: fromEpochMs(raw.secretFirstUsedAt),
    kind: raw.kind,
    projectId: raw.projectId,
    expiresAt: fromEpochMs(raw.expiresAt),
    revokedAt: fromEpochMs(raw.revokedAt),
    apiMethodSet: raw.apiMethodSet,
    apiMethods: raw.apiMethods,
    allowedCidrs: raw.allowedCidrs,
    limitRequestsPerMinute: raw.limitRequestsPerMinute,
    limitCostPerHour: raw.limitCostPerHour,
    maxUses: raw.maxUses,
    notBefore: fromEpochMs(raw.notBefore),
    grants: raw.grants,
    owner: raw.ownerId === null ? null : { id: raw.ownerId, role: raw.ownerRole!, deletedAt: fromEpochMs(raw.ownerDeletedAt), memberships: raw.memberships },
  };
}

const observers = new WeakMap<PrismaClient, (statement: string) => void>();

/**
 * Tells `listener` of each statement sent on the pool behind `prisma` without Prisma (these token
 * reads, the usage batches): tests count round trips with Prisma's own.
 */
export function observeTokenReads(prisma: PrismaClient, listener: (statement: string) => void): void {
  observers.set(prisma, listener);
}

/** For a statement sent on the pool behind `prisma` elsewhere: see observeTokenReads. */
export function observeStatement(prisma: PrismaClient, statement: string): void {
  observers.get(prisma)?.(statement);
}

/**
 * The hot reads of authentication, on the pool behind Prisma (no connections of their own):
 * node-postgres with named prepared statements. Prisma stays the owner of the schema and of
 * every write.
 */
export class TokenReads {
  private readonly pool: pg.Pool;

  constructor(private readonly prisma: PrismaClient) {
    const pool = poolOf(prisma);
    if (!pool) throw new Error('TokenReads needs a client made by createPrisma');
    this.pool = pool;
  }

  private async rows<R extends pg.QueryResultRow>(statement: { name: string; text: string }, values: unknown[]): Promise<R[]> {
    observers.get(this.prisma)?.(statement.text);
    return (await this.pool.query<R>({ ...statement, values })).rows;
  }

  private async one<R extends pg.QueryResultRow>(statement: { name: string; text: string }, values: unknown[]): Promise<R | undefined> {
    return (await this.rows<R>(statement, values))[0];
  }

  /**
   * The token whose current or previous secret has this digest, in one round trip shared with
   * every other cold token asked for in the same turn of the event loop. Under a fleet of cold
   * tokens most of a read's cost is per statement, not per row (the socket write and wake-up on
   * each side, PostgreSQL's bind and execute): a batch pays it once. A lone request waits for
   * no one: the batch goes out at the end of the turn it was asked in.
   */
  bySecret(digest: string): Promise<TokenRow | null> {
    return this.secretBatches.load(digest);
  }

  private readonly secretBatches = new DataLoader<string, TokenRow | null>((digests) => this.bySecrets(digests), {
    // Not a cache: the authenticator caches principals and drops them on invalidation.
    cache: false,
    batchScheduleFn: (send) => setImmediate(send),
    maxBatchSize: 100,
  });

  private async bySecrets(digests: readonly string[]): Promise<(TokenRow | null)[]> {
    const rows = await this.rows<RawRow>(BY_DIGESTS, [digests]);
    const byDigest = new Map<string, RawRow>();
    // Current secrets last, so that they win: each digest column is unique on its own only, and a
    // digest that is one token's secret and another's previous one (restored or merged data) must
    // be the token whose secret it is.
    for (const row of rows) if (row.previousDigest !== null) byDigest.set(row.previousDigest, row);
    for (const row of rows) byDigest.set(row.digest, row);
    return digests.map((digest) => tokenRow(byDigest.get(digest)));
  }

  async byId(id: string): Promise<TokenRow | null> {
    return tokenRow(await this.one<RawRow>(BY_ID, [id]));
  }

  async policyLimits(): Promise<PolicyLimits> {
    return (await this.one<PolicyLimits>(POLICY, [])) ?? { requestsPerMinute: null, costPerHour: null };
  }
}
