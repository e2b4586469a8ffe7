import { getOperationAST, GraphQLError, Kind, type ExecutionResult, type FieldNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { PrismaClient } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Context } from './context.js';

/** Carries a finished execution out of a transaction that must not commit. */
class Rollback extends Error {
  constructor(readonly result: ExecutionResult) {
    super('rolled back');
  }
}

/**
 * The transaction's client where resolvers expect the full client: a resolver's own
 * `$transaction(fn)` joins the operation's transaction instead of opening a second one.
 */
function joined(tx: Prisma.TransactionClient): PrismaClient {
  const client: PrismaClient = new Proxy(tx, {
    get(target, property, receiver) {
      if (property === '$transaction') {
        return (work: unknown) => {
          if (typeof work !== 'function') throw new Error('only interactive transactions may run inside a mutation');
          return (work as (client: PrismaClient) => Promise<unknown>)(client);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  }) as unknown as PrismaClient;
  return client;
}

// argon2 (password confirmation) runs inside some mutations and takes about 0.4 s on its own.
const TRANSACTION_OPTIONS = { maxWait: 5_000, timeout: 20_000 };

/**
 * Runs one mutation operation in one database transaction, committed only when the whole answer
 * has no error. A field refused anywhere in the answer (a nested object the caller may not read,
 * a later root field) undoes every write of the operation, so no answer says FORBIDDEN for
 * something that was written. Invalidations asked for inside wait for the commit: another
 * request must not reload and cache the state the transaction is about to replace.
 *
 * `dryRun` always rolls back: explainToken runs a mutation exactly as a request would and keeps
 * nothing of it.
 */
export async function runAtomically(ctx: Context, run: (ctx: Context) => Promise<ExecutionResult>): Promise<ExecutionResult> {
  let invalidate = false;
  try {
    const result = await ctx.prisma.$transaction(async (tx) => {
      const inTransaction: Context = {
        ...ctx,
        prisma: joined(tx),
        invalidate: async () => {
          invalidate = true;
        },
      };
      const result = await run(inTransaction);
      if (result.errors?.length || ctx.dryRun) throw new Rollback(result);
      return result;
    }, TRANSACTION_OPTIONS);
    if (invalidate) await ctx.invalidate();
    return result;
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    return ctx.dryRun ? error.result : { ...error.result, data: null };
  }
}

/**
 * Whether the operation runs in a transaction. A field marked `extensions: { atomic: false }`
 * (login) writes on a connection of its own (failed-attempt counters that a rollback must not
 * undo): holding a transaction's connection while waiting for another would let a burst of such
 * requests take the whole pool and wait on each other. Such a field must stand alone.
 */
function transactional(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  const fields = schema.getMutationType()?.getFields() ?? {};
  const roots = operation.selectionSet.selections;
  const standalone = roots.filter((s) => s.kind === Kind.FIELD && fields[s.name.value]?.extensions?.atomic === false);
  if (standalone.length === 0) return true;
  if (roots.length > 1) throw new GraphQLError(`${(standalone[0] as FieldNode).name.value} must be the only field of its mutation.`, { extensions: { code: 'BAD_USER_INPUT' } });
  return false;
}

export function atomicMutationsPlugin(): Plugin<Context> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'mutation' || !transactional(args.schema, operation)) return;
      setExecuteFn((execArgs) =>
        runAtomically(execArgs.contextValue as Context, (ctx) => executeFn({ ...execArgs, contextValue: ctx }) as Promise<ExecutionResult>),
      );
    },
  };
}
