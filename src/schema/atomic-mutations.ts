import {
  getOperationAST,
  GraphQLError,
  Kind,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { PrismaClient } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { divertExercised } from '../lifecycle/usage.js';
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
  // What the operation would leave outside the database (a Set-Cookie, a token's counted use)
  // is held back with its writes, and dropped with them.
  const headers: [string, string][] = [];
  const exercised: [string, string][] = [];
  const committed: (() => Promise<void>)[] = [];
  const usage = divertExercised(ctx.usage, (tokenId, key) => void exercised.push([tokenId, key]));
  try {
    const result = await ctx.prisma.$transaction(async (tx) => {
      const inTransaction: Context = {
        ...ctx,
        prisma: joined(tx),
        responseHeaders: headers,
        usage,
        afterCommit: async (work) => void committed.push(work),
        invalidate: async () => {
          invalidate = true;
        },
      };
      const result = await run(inTransaction);
      if (result.errors?.length || ctx.dryRun) throw new Rollback(result);
      return result;
    }, TRANSACTION_OPTIONS);
    ctx.responseHeaders.push(...headers);
    for (const [tokenId, key] of exercised) ctx.usage.noteExercised(tokenId, key);
    for (const work of committed) await work();
    if (invalidate) await ctx.invalidate();
    return result;
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    return ctx.dryRun ? error.result : { ...error.result, data: null };
  }
}

/** The root fields of an operation, through fragments and inline fragments. */
function rootFields(selections: readonly SelectionNode[], fragments: ReadonlyMap<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  return selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet.selections, fragments, seen);
    const fragment = fragments.get(selection.name.value);
    if (!fragment || seen.has(fragment.name.value)) return [];
    seen.add(fragment.name.value);
    return rootFields(fragment.selectionSet.selections, fragments, seen);
  });
}

/**
 * Whether the operation runs in a transaction. A field marked `extensions: { atomic: false }`
 * (login) holds no transaction: it waits on argon2 for about 0.4 s, and an anonymous burst of
 * sign-ins must not hold the pool's connections meanwhile. Such a field must stand alone,
 * however the document spells it (fragments included).
 */
function transactional(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const fields = schema.getMutationType()?.getFields() ?? {};
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const roots = rootFields(operation.selectionSet.selections, fragments);
  const standalone = roots.find((f) => fields[f.name.value]?.extensions?.atomic === false);
  if (!standalone) return true;
  if (roots.length > 1) throw new GraphQLError(`${standalone.name.value} must be the only field of its mutation.`, { extensions: { code: 'BAD_USER_INPUT' } });
  return false;
}

export function atomicMutationsPlugin(): Plugin<Context> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'mutation' || !transactional(args.schema, args.document, operation)) return;
      // Nothing an anonymous caller may run writes (login holds no transaction): its refusals
      // must not take a connection from the pool.
      if ((args.contextValue as Context).principal.authMethod === 'ANONYMOUS') return;
      setExecuteFn((execArgs) =>
        runAtomically(execArgs.contextValue as Context, (ctx) => executeFn({ ...execArgs, contextValue: ctx }) as Promise<ExecutionResult>),
      );
    },
  };
}
