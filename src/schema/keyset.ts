import type { GraphQLError } from 'graphql';
import type { MaybePromise, ObjectRef } from '@pothos/core';
import { builder } from './builder.js';
import { badInput } from './errors.js';

/** Rows on a page when `first`/`last` is left out, and the most a client may ask for (issue 17). */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/**
 * Page sizes for every prismaConnection. Pothos clamps an oversized `first` silently; asking for
 * more than the maximum is refused instead, as GitHub does, so a client never mistakes a clamped
 * page for the whole list. Pothos asks for the maximum before every page, totalCount-only ones
 * included, so refusing here covers every selection. Negative sizes and undecodable cursors are
 * refused by Pothos itself (BAD_USER_INPUT through maskUnexpected).
 */
export const pageSizes = {
  defaultSize: DEFAULT_PAGE_SIZE,
  maxSize: (args: PageArgs): number => {
    for (const arg of ['first', 'last'] as const) {
      const size = args[arg];
      if (size != null && size > MAX_PAGE_SIZE) {
        throw badInput(`Requesting ${size} records on the connection exceeds the \`${arg}\` limit of ${MAX_PAGE_SIZE} records.`, arg);
      }
    }
    return MAX_PAGE_SIZE;
  },
};

type Direction = 'asc' | 'desc';

/** Every list here is ordered by creation time, then id: the order its (..., createdAt, id) index holds. */
export function keysetOrder<D extends Direction>(direction: D) {
  return [{ createdAt: direction }, { id: 'asc' as const }];
}

/** The row a cursor names: where the next page starts. */
export interface Anchor {
  id: string;
  createdAt: Date;
}

export const anchorSelect = { id: true, createdAt: true } as const;

type Bound = { lt?: Date; gt?: Date; lte?: Date; gte?: Date };
type IdBound = { lt?: string; gt?: string };
export type KeysetWhere = { AND: ({ createdAt: Bound } | { OR: ({ createdAt: Bound } | { createdAt: Date; id: IdBound })[] })[] } | Record<string, never>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Pothos's page query with Prisma's cursor replaced by a keyset condition. Prisma finds a cursor
 * row by id alone, outside the list's filter, and then skips one row: a cursor from someone else's
 * list would place the page by a row the caller may not see, and a cursor row that has since left
 * the list (revoked, read) would skip a row that belongs on the page. Here the cursor row is looked
 * up inside what the caller may see (`anchor`, the list's authorization filter); a cursor that
 * names no such row is refused, and the page is "rows after (createdAt, id)" with no OFFSET at all.
 * The redundant `createdAt <= c` (or `>=`) bound is what lets PostgreSQL start the index scan at
 * the cursor instead of filtering every earlier row.
 */
export async function keysetPage<Q extends { cursor?: unknown; skip?: number; take: number }>(
  query: Q,
  args: PageArgs,
  direction: Direction,
  what: string,
  anchor: (id: string) => Promise<Anchor | null>,
): Promise<{ query: Omit<Q, 'cursor' | 'skip'>; where: KeysetWhere }> {
  const { cursor, skip: _skip, ...rest } = query;
  if (cursor == null) return { query: rest, where: {} };
  const arg = args.before != null ? 'before' : 'after';
  const id = (cursor as { id?: unknown }).id;
  const row = typeof id === 'string' && UUID.test(id) ? await anchor(id.toLowerCase()) : null;
  if (!row) throw notACursor(arg, what);
  // Later in the list: older rows in a newest-first list, then higher ids among equal times.
  const forward = arg === 'after';
  const older = forward === (direction === 'desc');
  const strictly = older ? { lt: row.createdAt } : { gt: row.createdAt };
  const atMost = older ? { lte: row.createdAt } : { gte: row.createdAt };
  return {
    query: rest,
    where: { AND: [{ createdAt: atMost }, { OR: [{ createdAt: strictly }, { createdAt: row.createdAt, id: forward ? { gt: row.id } : { lt: row.id } }] }] },
  };
}

function notACursor(arg: 'after' | 'before', what: string): GraphQLError {
  // Same answer for a cursor of another list, of someone else's row, or of a row that is gone.
  return badInput(`\`${arg}\` is not a cursor of this list of ${what}: start again without it.`, arg);
}

/**
 * A connection type shared by several fields, with a totalCount that is counted only when
 * selected (each field passes its own `totalCount` to prismaConnection).
 */
export function countedConnection<Shape>(type: ObjectRef<typeof builder.$inferSchemaTypes, Shape>, name: string, edgeName: string) {
  return builder.connectionObject(
    {
      type,
      name,
      fields: (t) => ({
        totalCount: t.int({
          // What Pothos looks for to skip the page query when only the count is asked for.
          extensions: { pothosPrismaTotalCount: true },
          resolve: (connection) => (connection as unknown as { totalCount: () => MaybePromise<number> }).totalCount(),
        }),
      }),
    },
    { name: edgeName },
  );
}
