import {
  execute,
  getNamedType,
  GraphQLError,
  Kind,
  parse,
  validate,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values.js';
import { AuthenticationError } from '../auth/authenticator.js';
import type { Requirement } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { builder, scopeLoaders } from './builder.js';
import { sessionOnly } from './access.js';
import type { Context } from './context.js';
import { badInput, refusal } from './errors.js';
import { tokenFor } from './token-input.js';
import * as valid from './validation.js';

interface ExplainEntry {
  path: string;
  allowed: boolean;
  code: string | null;
  reason: string | null;
  message: string | null;
  requirement: Requirement | null;
}

const RequirementType = builder.objectRef<Requirement>('ScopeRequirement').implement({
  description: 'The permission a refused field needed.',
  fields: (t) => ({
    entity: t.exposeString('entity'),
    action: t.exposeString('action'),
    projectId: t.exposeID('projectId', { nullable: true }),
    deviceId: t.exposeID('deviceId', { nullable: true }),
  }),
});

const ExplainEntryType = builder.objectRef<ExplainEntry>('ExplainEntry').implement({
  description: 'One field of a dry-run operation: allowed for the token, or refused and why.',
  fields: (t) => ({
    path: t.exposeString('path', { description: 'Field path without list indices, e.g. project.devices.name.' }),
    allowed: t.exposeBoolean('allowed'),
    code: t.exposeString('code', { nullable: true, description: 'FORBIDDEN, UNAUTHENTICATED, … for a refused field.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'MISSING_GRANT, METHOD_NOT_ALLOWED, OWNER_LACKS_RIGHT, TOKEN_MANAGEMENT or ROLE.' }),
    message: t.exposeString('message', { nullable: true }),
    requirement: t.field({ type: RequirementType, nullable: true, resolve: (e) => e.requirement }),
  }),
});

type ScopeMap = Record<string, unknown>;

/** Evaluates a field's scope map with the request's own scope loaders; returns the failed scopes. */
function failedScopes(map: ScopeMap, loaders: ReturnType<typeof scopeLoaders>): { scope: string; parameter: unknown }[] {
  const failures: { scope: string; parameter: unknown }[] = [];
  for (const [scope, parameter] of Object.entries(map)) {
    if (scope === '$any') {
      const branches = Object.entries(parameter as ScopeMap).map(([k, v]) => failedScopes({ [k]: v }, loaders));
      if (!branches.some((b) => b.length === 0)) failures.push(...branches.flat());
      continue;
    }
    if (scope === '$all') {
      failures.push(...failedScopes(parameter as ScopeMap, loaders));
      continue;
    }
    const loader = loaders[scope as keyof typeof loaders] as boolean | ((p: unknown) => boolean) | undefined;
    const ok = typeof loader === 'function' ? loader(parameter) : loader === true;
    if (!ok) failures.push({ scope, parameter });
  }
  return failures;
}

function entryFromError(path: string, error: GraphQLError): ExplainEntry {
  const extensions = error.extensions as { code?: string; reason?: string; requirement?: Requirement };
  return {
    path,
    allowed: false,
    code: extensions.code ?? null,
    reason: extensions.reason ?? null,
    message: error.message,
    requirement: extensions.requirement ?? null,
  };
}

const pathOf = (path: readonly (string | number)[]) => path.filter((p) => typeof p === 'string').join('.');

/** Every selected field path that came back, for a query run as the token. */
function collectAllowed(value: unknown, prefix: string, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectAllowed(item, prefix, out);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.add(path);
    collectAllowed(child, path, out);
  }
}

/** The context of a dry run: acting as the token, but counting nothing as its real use. */
function dryRun(ctx: Context, principal: Principal): Context {
  return { ...ctx, principal, usage: Object.create(ctx.usage, { noteExercised: { value: () => {} } }) };
}

/**
 * A query is run as the token for real (queries have no side effects), so every field is
 * judged exactly as a request would be. A mutation is never run: only its root fields' scopes
 * are evaluated, since what lies below depends on what the mutation would return.
 */
async function explain(schema: GraphQLSchema, ctx: Context, principal: Principal, source: string, variables: Record<string, unknown>): Promise<ExplainEntry[]> {
  let document;
  try {
    document = parse(source, { maxTokens: 1000 });
  } catch (error) {
    throw badInput(`query does not parse: ${(error as Error).message}`, 'query');
  }
  const errors = validate(schema, document);
  if (errors.length > 0) throw badInput(`query is not valid: ${errors[0]!.message}`, 'query');
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) throw badInput('query must hold exactly one operation.', 'query');
  const operation = operations[0]!;
  if (operation.operation === 'query') {
    // One root field at a time: a refused non-null root field would otherwise null all of them.
    const allowed = new Set<string>();
    const denied: ExplainEntry[] = [];
    for (const selection of operation.selectionSet.selections) {
      const single = { ...document, definitions: document.definitions.map((d) => (d === operation ? { ...operation, selectionSet: { ...operation.selectionSet, selections: [selection] } } : d)) };
      const result = await execute({ schema, document: single, variableValues: variables, contextValue: dryRun(ctx, principal) });
      collectAllowed(result.data, '', allowed);
      denied.push(...(result.errors ?? []).map((e) => entryFromError(pathOf(e.path ?? []), e)));
    }
    for (const entry of denied) allowed.delete(entry.path);
    return [...[...allowed].map((path) => ({ path, allowed: true, code: null, reason: null, message: null, requirement: null })), ...denied].sort((a, b) =>
      a.path.localeCompare(b.path),
    );
  }
  if (operation.operation !== 'mutation') throw badInput('Only queries and mutations can be explained.', 'query');
  const root = schema.getMutationType() as GraphQLObjectType;
  const entries: ExplainEntry[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const node = selection as FieldNode;
    const field = root.getFields()[node.name.value]!;
    const path = node.alias?.value ?? node.name.value;
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(field, node, variables);
    } catch (error) {
      entries.push(entryFromError(path, error as GraphQLError));
      continue;
    }
    const scopes = (field.extensions as { pothosOptions?: { authScopes?: unknown } }).pothosOptions?.authScopes;
    // `true`: tokenReachable decided it already (the caller may call the method, and no grant is needed).
    let map: ScopeMap | true = {};
    try {
      map = (typeof scopes === 'function' ? scopes({}, args, dryRun(ctx, principal), undefined) : scopes ?? {}) as ScopeMap | true;
    } catch (error) {
      if (error instanceof GraphQLError) {
        entries.push(entryFromError(path, error));
        continue;
      }
      throw error;
    }
    const failed = map === true ? [] : failedScopes(map, scopeLoaders(dryRun(ctx, principal)));
    entries.push(
      failed.length === 0
        ? { path, allowed: true, code: null, reason: null, message: `Allowed; the fields below depend on what ${getNamedType(field.type).name} it returns and are not evaluated.`, requirement: null }
        : entryFromError(path, refusal(principal, failed, `Mutation.${field.name}`)),
    );
  }
  return entries;
}

builder.queryField('explainToken', (t) =>
  t.field({
    type: [ExplainEntryType],
    description:
      "Dry-runs an operation as one of your tokens: per field, allowed or refused and why. A query runs for real (read-only); a mutation's root fields are only checked, never run. Sessions only.",
    authScopes: sessionOnly,
    args: { id: t.arg.id(), query: t.arg.string(), variables: t.arg({ type: 'JSON', required: false }) },
    resolve: async (_root, args, ctx, info) => {
      const { id } = await tokenFor(ctx, args.id, 'manage');
      if (args.variables != null && (typeof args.variables !== 'object' || Array.isArray(args.variables))) {
        throw badInput('variables must be a JSON object.', 'variables');
      }
      let principal: Principal;
      try {
        principal = await ctx.authenticator.principalForToken(id);
      } catch (error) {
        if (error instanceof AuthenticationError) throw badInput(`This token cannot act at all: ${error.message}.`, 'id');
        throw error;
      }
      return explain(info.schema, ctx, principal, valid.text(args.query, 'query', 15_000), (args.variables ?? {}) as Record<string, unknown>);
    },
  }),
);
