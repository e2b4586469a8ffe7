import type { PrismaClient } from './client.js';
import { poolOf } from './client.js';
import { epochMs, fromEpochMs } from './timestamps.js';

/**
 * The read the device list makes on every request, in node-postgres with named prepared
 * statements rather than through Prisma: the same rows in the same shape for a fraction of the CPU
 * (bench/README.md, W2). Prisma still owns the table, its migrations and every write; this module
 * only reads, on the pool behind the Prisma client, so it opens no connection of its own.
 */

/** A device row as Prisma's `device.findMany` returns it (the fields the schema's Device reads). */
export interface DeviceRow {
  id: string;
  projectId: string;
  name: string;
  status: 'ONLINE' | 'OFFLINE' | 'UNKNOWN';
  metadata: unknown;
  lastSeenAt: Date | null;
  createdAt: Date;
}

/** A row of COLUMNS as node-postgres parses it, timestamps in epoch milliseconds. */
type DeviceColumns = [string, string, string, DeviceRow['status'], unknown, number | null, number];

/** Where a page starts: after the device with this creation time and id (the list's order). */
export interface DeviceCursor {
  createdAt: Date;
  id: string;
}

export interface DevicePageQuery {
  projectId: string;
  /** The devices of the project the caller may read: all, or these (a grant per device). */
  deviceIds: 'ALL' | readonly string[];
  /** Rows to read: a page's size plus one, to tell whether another page follows. */
  limit: number;
  after?: DeviceCursor;
}

// Timestamps as epoch milliseconds (db/timestamps.ts): 40 of them on a page of 20.
const COLUMNS = `id, "projectId", name, status, metadata, ${epochMs('"lastSeenAt"', 'lastSeenAt')}, ${epochMs('"createdAt"', 'createdAt')}`;
// In the order of the (projectId, createdAt, id) index, so a page is a range scan with a LIMIT
// however many devices the project holds.
// Qualified: unqualified, "createdAt" would name the float8 output column, not the indexed one.
// The LIMIT is written into the statement (one prepared statement per page size): with a LIMIT
// parameter PostgreSQL's generic plan assumes a tenth of the rows, costs more than a custom plan,
// and so it plans every execution again (78 against 51 µs of backend CPU per page here).
const ORDER = `ORDER BY "Device"."createdAt", "Device".id LIMIT`;
const STATEMENTS = {
  all: `SELECT ${COLUMNS} FROM "Device" WHERE "projectId" = $1::uuid ${ORDER}`,
  allAfter: `SELECT ${COLUMNS} FROM "Device" WHERE "projectId" = $1::uuid AND ("createdAt", id) > ($2::timestamp(3), $3::uuid) ${ORDER}`,
  some: `SELECT ${COLUMNS} FROM "Device" WHERE "projectId" = $1::uuid AND id = ANY($2::uuid[]) ${ORDER}`,
  someAfter: `SELECT ${COLUMNS} FROM "Device" WHERE "projectId" = $1::uuid AND id = ANY($2::uuid[]) AND ("createdAt", id) > ($3::timestamp(3), $4::uuid) ${ORDER}`,
} as const;

/** The timestamp(3) text PostgreSQL compares a cursor's time with: UTC, as stored. */
const asStored = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');

/** The prepared statement and its values for one page (exported for the plan test). */
export function devicePageStatement(query: DevicePageQuery): { name: string; text: string; values: unknown[] } {
  // Written into SQL, so checked here: a page size is a small whole number (the API allows 100).
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 1_000) throw new Error(`not a page size: ${query.limit}`);
  const some = query.deviceIds !== 'ALL';
  const name = some ? (query.after ? 'someAfter' : 'some') : query.after ? 'allAfter' : 'all';
  const values: unknown[] = [query.projectId];
  if (some) values.push(query.deviceIds);
  if (query.after) values.push(asStored(query.after.createdAt), query.after.id);
  return { name: `device-page-${name}-${query.limit}`, text: `${STATEMENTS[name]} ${query.limit}`, values };
}

/**
 * Whether readDevicePage can serve this client: one made by createPrisma, not a mutation's
 * transaction, whose uncommitted rows only its own connection sees.
 */
export function readsDirectly(prisma: PrismaClient): boolean {
  return poolOf(prisma) !== undefined;
}

/** One page of a project's devices, in creation order; `limit` rows at most. */
export async function readDevicePage(prisma: PrismaClient, query: DevicePageQuery): Promise<DeviceRow[]> {
  const pool = poolOf(prisma);
  if (!pool) throw new Error('readDevicePage needs a Prisma client made by createPrisma');
  if (query.deviceIds !== 'ALL' && query.deviceIds.length === 0) return [];
  // Rows as arrays, made into objects of one shape here: node-postgres builds an object row by
  // copying a template and setting each column by name, about twice the CPU for a page of 20.
  const result = await pool.query<DeviceColumns>({ ...devicePageStatement(query), rowMode: 'array' });
  return result.rows.map(([id, projectId, name, status, metadata, lastSeenAt, createdAt]) => ({
    id,
    projectId,
    name,
    status,
    metadata,
    lastSeenAt: fromEpochMs(lastSeenAt),
    createdAt: fromEpochMs(createdAt),
  }));
}
