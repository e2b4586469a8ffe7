import pg from 'pg';
import type { PrismaClient } from './client.js';
import { poolOf } from './client.js';

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

// Prisma's DateTime columns are `timestamp(3) without time zone` holding UTC; node-postgres would
// read them in the process's local zone.
const TIMESTAMP = 1114;
const utcTimestamp = (value: string) => new Date(`${value.replace(' ', 'T')}Z`);
const types = { getTypeParser: (oid: number, format?: string) => (oid === TIMESTAMP ? utcTimestamp : pg.types.getTypeParser(oid, format as 'text')) };

const COLUMNS = `id, "projectId", name, status, metadata, "lastSeenAt", "createdAt"`;
// In the order of the (projectId, createdAt, id) index, so a page is a range scan with a LIMIT
// however many devices the project holds.
const ORDER = `ORDER BY "createdAt", id LIMIT`;
const STATEMENTS = {
  all: `SELECT ${COLUMNS} FROM "Device" WHERE "projectId" = $1::uuid ${ORDER} $2`,
  allAfter: `SELECT ${COLUMNS} FROM "Device" WHERE "projectId" = $1::uuid AND ("createdAt", id) > ($3::timestamp(3), $4::uuid) ${ORDER} $2`,
  some: `SELECT ${COLUMNS} FROM "Device" WHERE "projectId" = $1::uuid AND id = ANY($3::uuid[]) ${ORDER} $2`,
  someAfter: `SELECT ${COLUMNS} FROM "Device" WHERE "projectId" = $1::uuid AND id = ANY($3::uuid[]) AND ("createdAt", id) > ($4::timestamp(3), $5::uuid) ${ORDER} $2`,
} as const;

/** The timestamp(3) text PostgreSQL compares a cursor's time with: UTC, as stored. */
const asStored = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');

/** The prepared statement and its values for one page (exported for the plan test). */
export function devicePageStatement(query: DevicePageQuery): { name: string; text: string; values: unknown[] } {
  const some = query.deviceIds !== 'ALL';
  const name = some ? (query.after ? 'someAfter' : 'some') : query.after ? 'allAfter' : 'all';
  const values: unknown[] = [query.projectId, query.limit];
  if (some) values.push(query.deviceIds);
  if (query.after) values.push(asStored(query.after.createdAt), query.after.id);
  return { name: `device-page-${name}`, text: STATEMENTS[name], values };
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
  const result = await pool.query<DeviceRow>({ ...devicePageStatement(query), types });
  return result.rows;
}
