import SchemaBuilder, { BasePlugin, PothosValidationError, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLError, GraphQLFieldResolver } from 'graphql';
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

/**
 * A page in (createdAt, key) order, as keyset pagination: the rows after (or before) the cursor's
 * row, found among the rows the caller may see. The cursor's row is looked up within that same
 * filter, so a cursor of a row the caller cannot see (another project's device, a deleted row, a
 * made-up id) gets the same refusal and no rows. The bound `createdAt >= c AND (createdAt > c OR
 * key > k)` is an index range on (…, createdAt, key) with a filter, where Prisma's own cursor
 * (an OR over a sub-select) would scan every row before the cursor.
 */
export async function keysetPage<Where extends object>(
  query: ConnectionQuery,
  visible: Where,
  key: string,
  cursorKey: (cursor: Record<string, unknown>, arg: 'after' | 'before') => string,
  locate: (key: string) => Promise<{ createdAt: Date } | null>,
): Promise<{ args: Record<string, unknown>; where: Where; orderBy: Record<string, 'asc'>[]; anchor: { createdAt: Date; key: string } | null }> {
  const { cursor, skip: _skip, ...args } = query;
  const orderBy = [{ createdAt: 'asc' as const }, { [key]: 'asc' as const }];
  if (!cursor) return { args, where: visible, orderBy, anchor: null };
  const backward = query.take < 0;
  const arg = backward ? 'before' : 'after';
  const at = cursorKey(cursor, arg);
  const row = await locate(at);
  if (!row) throw notACursor(arg);
  const [strict, bound] = backward ? (['lt', 'lte'] as const) : (['gt', 'gte'] as const);
  const beyond = { createdAt: { [bound]: row.createdAt }, OR: [{ createdAt: { [strict]: row.createdAt } }, { [key]: { [strict]: at } }] };
  return { args, where: { AND: [visible, beyond] } as unknown as Where, orderBy, anchor: { createdAt: row.createdAt, key: at } };
}
