import { mapSchema, MapperKind } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  getLocation,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  GraphQLObjectType,
  isAbstractType,
  isLeafType,
  isListType,
  isObjectType,
  locatedError,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLIsTypeOfFn,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
// graphql-js's own rendering of a value, for messages that must read as graphql-js writes them.
import { inspect } from 'graphql/jsutils/inspect.js';
import { TYPE_SCOPES_PASS, type PassesTypeScopes } from '../schema/type-scopes-pass.js';

/** How the executions of a gateway went: for tests and metrics, never for decisions. */
export interface JitStats {
  /** Operations compiled (once per document and operation name while the document is cached). */
  compiled: number;
  /** Executions of an operation compiled before. */
  reused: number;
  /** Executions by graphql-js: an operation's first, or one graphql-jit cannot compile. */
  interpreted: number;
}

const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown> | null)?.then === 'function';

/** As graphql-js's locatedError treats a thrown value that is not an Error. */
const asError = (thrown: unknown): Error => (thrown instanceof Error ? thrown : new Error(`Unexpected error value: ${inspect(thrown)}`));

function notOfType(typeName: string, value: unknown, info: GraphQLResolveInfo): GraphQLError {
  return new GraphQLError(`Expected value of type "${typeName}" but got: ${inspect(value)}.`, { nodes: info.fieldNodes });
}

/** A type's check on one object a field returned: nothing when it passes, else it throws. */
type Check = (value: unknown, context: unknown, info: GraphQLResolveInfo) => void | Promise<void>;

/** The type's TYPE_SCOPES_PASS test, refused at start-up where it could skip more than authScopes. */
function typeScopesPass(type: GraphQLObjectType): PassesTypeScopes | undefined {
  const passes = type.extensions?.[TYPE_SCOPES_PASS] as PassesTypeScopes | undefined;
  if (passes === undefined) return undefined;
  if (typeof passes !== 'function') throw new Error(`${type.name}: ${TYPE_SCOPES_PASS} must be a function.`);
  // The test stands in for authScopes alone: a type that grants scopes or has an isTypeOf of its
  // own needs scope-auth's isTypeOf for every object. So does one with an interface: scope-auth
  // checks each interface's authScopes there too, and a relay node's isTypeOf (set by the relay
  // plugin, not among the type's options) tells its objects from others'.
  const options = type.extensions?.pothosOptions as { authScopes?: unknown; grantScopes?: unknown; isTypeOf?: unknown } | undefined;
  if (!options?.authScopes || options.grantScopes !== undefined || options.isTypeOf !== undefined || type.getInterfaces().length > 0) {
    throw new Error(`${type.name}: ${TYPE_SCOPES_PASS} is only for a type whose check is its authScopes alone.`);
  }
  return passes;
}

function checkOf(typeName: string, isTypeOf: GraphQLIsTypeOfFn<unknown, unknown>, passes?: PassesTypeScopes): Check {
  return (value, context, info) => {
    if (passes?.(value, context) === true) return;
    const verdict = isTypeOf(value, context, info);
    if (!isThenable(verdict)) {
      if (!verdict) throw notOfType(typeName, value, info);
      return;
    }
    return Promise.resolve(verdict).then((ok) => {
      if (!ok) throw notOfType(typeName, value, info);
    });
  };
}

/**
 * The value a field returned, each object passed through its type's check as graphql-js does when
 * completing it: with the context and the field's info, once per object, before any of its
 * fields. A refused object of a list becomes an Error in its place, which graphql-jit reports at
 * that item's path, as graphql-js does.
 */
function checked(value: unknown, type: GraphQLOutputType, check: Check, context: unknown, info: GraphQLResolveInfo): unknown {
  if (value == null || value instanceof Error) return value;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    // graphql-jit reports a value that is not a list, as graphql-js does.
    if (typeof value === 'string' || typeof (value as Iterable<unknown>)[Symbol.iterator] !== 'function') return value;
    return Array.from(value as Iterable<unknown>, (item) => {
      if (isThenable(item)) return Promise.resolve(item).then((resolved) => checked(resolved, nullable.ofType, check, context, info));
      try {
        return checked(item, nullable.ofType, check, context, info);
      } catch (error) {
        return asError(error);
      }
    });
  }
  const pending = check(value, context, info);
  return pending ? pending.then(() => value) : value;
}

/**
 * The check of whatever a field of this type returns: its own `isTypeOf` for an object type; for
 * an interface or union, the `isTypeOf` of the object type its `resolveType` names, as graphql-js
 * completes an abstract value (resolve the type, then check the object as that type).
 */
function checkFor(type: GraphQLNamedType, checks: ReadonlyMap<string, Check>, schema: GraphQLSchema): Check | undefined {
  if (isObjectType(type)) return checks.get(type.name);
  if (!isAbstractType(type) || !schema.getPossibleTypes(type).some((possible) => checks.has(possible.name))) return undefined;
  const { resolveType } = type;
  // Without resolveType, graphql-js and graphql-jit both find the type through isTypeOf, and
  // graphql-jit would call it without context: not supported.
  if (!resolveType) throw new Error(`${type.name} has a possible type with isTypeOf and no resolveType: graphql-jit cannot check it.`);
  return (value, context, info) => {
    const asType = (runtime: unknown) => {
      const name = typeof runtime === 'string' ? runtime : (runtime as { name?: string } | undefined)?.name;
      return name === undefined ? undefined : checks.get(name)?.(value, context, info);
    };
    const runtime = resolveType(value, context, info, type);
    return isThenable(runtime) ? Promise.resolve(runtime).then(asType) : asType(runtime);
  };
}

/**
 * The schema graphql-jit compiles against: the same types and resolvers, with every object type's
 * `isTypeOf` moved into the fields that return that type (or an interface or union of it).
 * graphql-jit calls `isTypeOf` with the value alone (graphql-jit issue 160), and scope-auth's type
 * scopes (`runScopesOnType`) run in `isTypeOf` and need the context; a promise it returned would
 * even pass as true. Moved into the field, the check runs with the context and the field's info,
 * where graphql-js runs it.
 */
export function schemaForJit(schema: GraphQLSchema): GraphQLSchema {
  const checks = new Map<string, Check>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type) && type.isTypeOf) checks.set(type.name, checkOf(type.name, type.isTypeOf, typeScopesPass(type)));
  }
  return mapSchema(schema, {
    [MapperKind.OBJECT_TYPE]: (type) => (checks.has(type.name) ? new GraphQLObjectType({ ...type.toConfig(), isTypeOf: undefined }) : type),
    [MapperKind.OBJECT_FIELD]: (field) => {
      const check = checkFor(getNamedType(field.type), checks, schema);
      if (!check) return field;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      return {
        ...field,
        resolve: (source, args, context, info) => {
          const value = resolve(source, args, context, info);
          return isThenable(value)
            ? Promise.resolve(value).then((resolved) => checked(resolved, field.type, check, context, info))
            : checked(value, field.type, check, context, info);
        },
      };
    },
  });
}

/**
 * What a serializer threw, by a key graphql-jit carries as the error's message: graphql-jit keeps
 * only the message of a serialization error, and graphql-js keeps the error itself (its class
 * decides between a client's error and a masked 500, and it is logged).
 */
const serializationFaults = new Map<string, unknown>();
let faultCount = 0;

function serializationFault(thrown: unknown): Error {
  const key = `\u0000serialization fault ${++faultCount}`;
  serializationFaults.set(key, thrown);
  return new Error(key);
}

/** Each leaf type's serializer, failing as graphql-js's completeLeafValue does. */
function leafSerializers(schema: GraphQLSchema): Record<string, (value: unknown) => unknown> {
  const serializers: Record<string, (value: unknown) => unknown> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isLeafType(type)) continue;
    serializers[type.name] = (value) => {
      let serialized: unknown;
      try {
        serialized = type.serialize(value);
      } catch (error) {
        throw serializationFault(error);
      }
      if (serialized == null) {
        throw serializationFault(new Error(`Expected \`${inspect(type)}.serialize(${inspect(value)})\` to return non-nullable value, returned: ${inspect(serialized)}`));
      }
      return serialized;
    };
  }
  return serializers;
}

const fieldsByLocation = new WeakMap<DocumentNode, Map<string, FieldNode>>();

/** The field nodes at graphql-jit's locations: graphql-jit keeps locations where graphql-js keeps nodes. */
function nodesAt(document: DocumentNode, locations: readonly { line: number; column: number }[] | undefined): FieldNode[] | undefined {
  if (!locations?.length) return undefined;
  let fields = fieldsByLocation.get(document);
  if (!fields) {
    fields = new Map();
    const found = fields;
    visit(document, {
      Field(node) {
        if (!node.loc) return;
        const { line, column } = getLocation(node.loc.source, node.loc.start);
        found.set(`${line}:${column}`, node);
      },
    });
    fieldsByLocation.set(document, fields);
  }
  const nodes = locations.map(({ line, column }) => fields.get(`${line}:${column}`)).filter((node): node is FieldNode => node !== undefined);
  return nodes.length ? nodes : undefined;
}

/**
 * A field error of graphql-jit as graphql-js would have made it: the original error kept (for
 * masking, logging and `extensions`), located with the field's nodes and path.
 */
function asGraphqlJsError(error: GraphQLError, document: DocumentNode): GraphQLError {
  if (!error.path) return error;
  let original: unknown = error.originalError;
  if (serializationFaults.has(error.message)) {
    original = serializationFaults.get(error.message);
    serializationFaults.delete(error.message);
  } else if (original === undefined) {
    // The errors graphql-jit raises itself: graphql-js throws an Error for a null in a non-null
    // field (an unexpected fault) and a GraphQLError for a value that is not a list.
    original = error.message.startsWith('Cannot return null for non-nullable field ') ? new Error(error.message) : new GraphQLError(error.message);
  }
  return locatedError(original, nodesAt(document, error.locations), error.path);
}

/** With graphql-js's key order too (errors first): clients that print the answer print the same text. */
function asGraphqlJsResult(result: ExecutionResult, document: DocumentNode): ExecutionResult {
  if (!result.errors?.length) return { data: result.data };
  return { errors: result.errors.map((error) => asGraphqlJsError(error, document)), data: result.data };
}

interface Compiled {
  query: CompiledQuery;
  operation: OperationDefinitionNode;
}

/** An operation run once, not compiled yet; or one graphql-jit refused. */
const SEEN_ONCE = 'seen once';
const REFUSED = 'refused';

type Execute = (args: ExecutionArgs) => unknown;

/**
 * Executes operations through graphql-jit, compiled once per parsed document and operation name
 * (Yoga's parse cache hands back the same DocumentNode for the same query text), in a bounded
 * cache. An operation's first run is left to the executor graphql-jit replaces, and so is one
 * graphql-jit cannot compile: compiling costs 1-2 ms, several times a run, and a document sent
 * once (an explainToken dry run, a hostile stream of distinct documents) would only pay it.
 */
export function jitExecution(schema: GraphQLSchema, { maxDocuments = 1000, compileOnFirstRun = false } = {}): { plugin: Plugin; stats: JitStats } {
  const jitSchema = schemaForJit(schema);
  const customSerializers = leafSerializers(schema);
  const stats: JitStats = { compiled: 0, reused: 0, interpreted: 0 };
  const cache = new LRUCache<DocumentNode, Map<string, Compiled | typeof SEEN_ONCE | typeof REFUSED>>({ max: maxDocuments });

  function compiledFor(document: DocumentNode, operationName: string | undefined): Compiled | undefined {
    let operations = cache.get(document);
    if (!operations) cache.set(document, (operations = new Map()));
    const key = operationName ?? '';
    const known = operations.get(key);
    if (known === undefined && !compileOnFirstRun) {
      operations.set(key, SEEN_ONCE);
      return undefined;
    }
    if (known === REFUSED) return undefined;
    if (known !== undefined && known !== SEEN_ONCE) return known;
    const operation = getOperationAST(document, operationName);
    let compiled: Compiled | undefined;
    if (operation) {
      try {
        const query = compileQuery(jitSchema, document, operationName, { customSerializers, disablingCapturingStackErrors: true });
        if (isCompiledQuery(query)) compiled = { query, operation };
      } catch {
        // Whatever graphql-jit cannot compile, the executor it replaces runs (and answers for).
      }
    }
    operations.set(key, compiled ?? REFUSED);
    if (compiled) stats.compiled += 1;
    return compiled;
  }

  function run(args: ExecutionArgs, fallback: Execute): unknown {
    const compiledBefore = stats.compiled;
    const compiled = compiledFor(args.document, args.operationName ?? undefined);
    if (!compiled) {
      stats.interpreted += 1;
      return fallback(args);
    }
    // Refused variables are answered by the executor graphql-jit replaces, word for word (its
    // messages and HTTP status differ from graphql-jit's). graphql-js decides first, so that
    // graphql-jit never runs with variables graphql-js would refuse.
    if (compiled.operation.variableDefinitions?.length) {
      const coerced = getVariableValues(schema, compiled.operation.variableDefinitions, args.variableValues ?? {}, { maxErrors: 50 });
      if (coerced.errors) {
        stats.interpreted += 1;
        return fallback(args);
      }
    }
    if (stats.compiled === compiledBefore) stats.reused += 1;
    const finish = (result: ExecutionResult) => ('data' in result ? asGraphqlJsResult(result, args.document) : fallback(args));
    const result = compiled.query.query(args.rootValue, args.contextValue, args.variableValues);
    return isThenable(result) ? Promise.resolve(result).then(finish) : finish(result);
  }

  return {
    stats,
    plugin: {
      onExecute({ args, executeFn, setExecuteFn }) {
        if (args.schema !== schema) return;
        setExecuteFn((execArgs) => run(execArgs, executeFn as Execute) as ReturnType<typeof executeFn>);
      },
    },
  };
}
