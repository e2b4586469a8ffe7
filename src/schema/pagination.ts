import SchemaBuilder, { BasePlugin, PothosValidationError, type MaybePromise, type ObjectRef, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLError, GraphQLFieldResolver } from 'graphql';
// A type only: builder.ts imports this module, so the builder is passed in, not imported.
import type { builder as Builder } from './builder.js';
import { badInput } from './errors.js';

/** Rows a connection returns when `first` is not given, and the most `first` may ask for. */
export const PAGE_SIZE = { default: 20, max: 100 } as const;

interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/**
 * Refuses page arguments a connection would otherwise clamp or fail on: Pothos quietly cuts
 * `first: 1000` to the maximum (a client would take a short page for the end of the list) and
 * its own argument errors surface as internal errors.
 */
export function checkPageArgs(args: PageArgs): void {
  if (args.first != null && args.last != null) throw badInput('Passing both `first` and `last` to paginate a connection is not supported.', 'first');
  if (args.after != null && args.before != null) throw badInput('Passing both `after` and `before` to paginate a connection is not supported.', 'after');
  if (args.first != null && args.before != null) throw badInput('`first` pages forward from `after`; `before` goes with `last`.', 'before');
  if (args.last != null && args.after != null) throw badInput('`last` pages backward from `before`; `after` goes with `first`.', 'after');
  for (const name of ['first', 'last'] as const) {
    const size = args[name];
    if (size == null) continue;
    if (size < 0) throw badInput(`\`${name}\` on the connection cannot be less than zero.`, name);
    if (size > PAGE_SIZE.max) {
      throw badInput(`Requesting ${size} records on the connection exceeds the \`${name}\` limit of ${PAGE_SIZE.max} records.`, name);
    }
  }
}

/** One answer for every cursor that is not a position in this list: malformed, stale, or another list's. */
export function notACursor(arg: 'after' | 'before'): GraphQLError {
  return badInput(`\`${arg}\` is not a cursor of this list: pass a cursor this list returned (pageInfo.endCursor or an edge's cursor).`, arg);
}

function isConnectionField(config: PothosOutputFieldConfig<SchemaTypes>): boolean {
  const { args } = config;
  return 'first' in args && 'after' in args && 'last' in args && 'before' in args;
}

/**
 * Checks the page arguments of every connection field before it resolves, and words the cursor
 * errors Pothos throws while decoding one. Registered after scope-auth, so a caller who may not
 * read the list learns that first.
 */
export class PageArgsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (!isConnectionField(fieldConfig as PothosOutputFieldConfig<SchemaTypes>)) return resolver;
    return (parent, args, context, info) => {
      const page = args as PageArgs;
      checkPageArgs(page);
      const arg = page.before != null ? 'before' : 'after';
      const reword = (error: unknown): never => {
        throw error instanceof PothosValidationError ? notACursor(arg) : error;
      };
      try {
        const result = resolver(parent, args, context, info) as unknown;
        return result instanceof Promise ? result.catch(reword) : result;
      } catch (error) {
        return reword(error);
      }
    };
  }
}

export const pageArgsPlugin = 'pageArgs' as const;

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      pageArgs: PageArgsPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pageArgsPlugin, PageArgsPlugin);

/** What the prisma plugin hands a connection's resolver: the selection plus its page. */
export interface ConnectionQuery {
  cursor?: Record<string, unknown>;
  skip?: number;
  take: number;
  [key: string]: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid decoded from a cursor; anything else is not a cursor of any list here. */
export function cursorUuid(value: unknown, arg: 'after' | 'before'): string {
  if (typeof value === 'string' && UUID.test(value)) return value.toLowerCase();
  throw notACursor(arg);
}

type Direction = 'asc' | 'desc';

/**
 * Every list here is ordered by creation time (oldest or newest first), then by its key ascending:
 * the order its (…, createdAt, key) index holds.
 */
function keysetOrder<D extends Direction>(direction: D, key = 'id') {
  return [{ createdAt: direction }, { [key]: 'asc' as const }];
}

/** What `locate` selects of a cursor's row: where the page starts. */
export const anchorSelect = { createdAt: true } as const;

export interface KeysetOptions {
  /** Oldest first (`asc`, the default) or newest first. */
  direction?: Direction;
  /** The column that orders rows created at the same time, and that a cursor names: `id` by default. */
  key?: string;
  /** The cursor's key, from the decoded cursor: by default its `key` field, which must be a uuid. */
  cursorKey?: (cursor: Record<string, unknown>, arg: 'after' | 'before') => string;
  /** The cursor's row among the rows the caller may see (select `anchorSelect`); null if none. */
  locate: (key: string) => Promise<{ createdAt: Date } | null>;
}

/**
 * A page in (createdAt, key) order, as keyset pagination: Pothos's page query with Prisma's cursor
 * replaced by a bound on the cursor's row, found among the rows the caller may see. Prisma finds a
 * cursor row by key alone, outside the list's filter, and then skips one row: a cursor of someone
 * else's row would place the page, and a cursor row that has since left the list (revoked, read)
 * would skip a row that belongs on the page. Here a cursor of a row the caller cannot see (another
 * project's device, a deleted row, a made-up id) gets the same refusal and no rows, and the page
 * is "rows beyond (createdAt, key)" with no OFFSET. The bound `createdAt >= c AND (createdAt > c
 * OR key > k)` (mirrored for newest first and for backward pages) is an index range on
 * (…, createdAt, key) with a filter, where Prisma's own cursor (an OR over a sub-select) would scan
 * every row before the cursor. `where` is `visible` with that bound; `anchor` is the cursor's
 * position, for a caller that reads the page without Prisma.
 */
export async function keysetPage<Q extends { cursor?: unknown; skip?: number; take: number }, Where extends object>(
  query: Q,
  visible: Where,
  { direction = 'asc', key = 'id', cursorKey = (cursor, arg) => cursorUuid(cursor[key], arg), locate }: KeysetOptions,
): Promise<{
  query: Omit<Q, 'cursor' | 'skip'>;
  where: Where;
  orderBy: ReturnType<typeof keysetOrder>;
  anchor: { createdAt: Date; key: string } | null;
}> {
  const { cursor, skip: _skip, ...rest } = query;
  const orderBy = keysetOrder(direction, key);
  if (cursor == null) return { query: rest, where: visible, orderBy, anchor: null };
  // Pothos asks for a negative `take` on a backward (`last`/`before`) page.
  const backward = query.take < 0;
  const arg = backward ? 'before' : 'after';
  const at = cursorKey(cursor as Record<string, unknown>, arg);
  const row = await locate(at);
  if (!row) throw notACursor(arg);
  // Beyond the cursor in list order: later rows when oldest first and paging forward.
  const later = (direction === 'asc') !== backward;
  const [strict, bound] = later ? (['gt', 'gte'] as const) : (['lt', 'lte'] as const);
  // Rows created at the same time are always in ascending key order.
  const beyond = { createdAt: { [bound]: row.createdAt }, OR: [{ createdAt: { [strict]: row.createdAt } }, { [key]: { [backward ? 'lt' : 'gt']: at } }] };
  return { query: rest, where: { AND: [visible, beyond] } as unknown as Where, orderBy, anchor: { createdAt: row.createdAt, key: at } };
}

/**
 * A connection type shared by several fields, with a totalCount that is counted only when
 * selected (each field passes its own `totalCount` to prismaConnection).
 */
export function countedConnection<Shape>(
  builder: typeof Builder,
  type: ObjectRef<typeof Builder.$inferSchemaTypes, Shape>,
  names: { connection: string; edge: string; totalCount?: string },
) {
  return builder.connectionObject(
    {
      type,
      name: names.connection,
      fields: (t) => ({
        totalCount: t.int({
          description: names.totalCount,
          // Marks the field as the prisma plugin's count, so a request for it alone loads no rows.
          extensions: { pothosPrismaTotalCount: true },
          resolve: (connection) => (connection as unknown as { totalCount: () => MaybePromise<number> }).totalCount(),
        }),
      }),
    },
    { name: names.edge },
  );
}
