import { Kind, parse, print, visit, type ASTNode, type DocumentNode, type FragmentDefinitionNode, type GraphQLFormattedError, type OperationDefinitionNode, type SelectionNode } from 'graphql';
import { AuthenticationError } from '../auth/authenticator.js';
import type { Requirement } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { builder } from './builder.js';
import { sessionOnly } from './access.js';
import type { Context } from './context.js';
import { badInput } from './errors.js';
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

function entryFromError(path: string, error: GraphQLFormattedError): ExplainEntry {
  const extensions = (error.extensions ?? {}) as { code?: string; reason?: string; requirement?: Requirement };
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

/** Every selected field path that came back, for an operation run as the token. */
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

/**
 * The operation cut down to one root selection, with only the fragments and variable
 * definitions that selection uses (the gateway's validation refuses unused ones).
 */
function singleRootField(document: DocumentNode, operation: OperationDefinitionNode, selection: SelectionNode): string {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const usedFragments = new Set<string>();
  const usedVariables = new Set<string>();
  const walk = (node: ASTNode) =>
    visit(node, {
      Variable: (v) => void usedVariables.add(v.name.value),
      FragmentSpread: (spread) => {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (!usedFragments.has(name) && fragment) {
          usedFragments.add(name);
          walk(fragment);
        }
      },
    });
  walk(selection);
  const single: OperationDefinitionNode = {
    ...operation,
    variableDefinitions: operation.variableDefinitions?.filter((v) => usedVariables.has(v.variable.name.value)),
    selectionSet: { ...operation.selectionSet, selections: [selection] },
  };
  return print({ ...document, definitions: [single, ...[...usedFragments].map((name) => fragments.get(name)!)] });
}

/**
 * Runs the operation through this gateway as the token, in a dry run: the same parsing, limits,
 * validation, scopes and resolvers as a real request (a mutation inside a transaction that is
 * always rolled back, and no use counted). Each root field is then run on its own, because a
 * refused non-null root field would null its siblings and hide what they would have answered.
 */
async function explain(ctx: Context, principal: Principal, source: string, variables: Record<string, unknown>): Promise<ExplainEntry[]> {
  const whole = await ctx.explainAs(principal, source, variables);
  if (!('data' in whole) || whole.data === undefined) {
    throw badInput(`query is not valid: ${whole.errors?.[0]?.message ?? 'it could not be run'}`, 'query');
  }
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const allowed = new Set<string>();
  const denied: ExplainEntry[] = [];
  const runs = whole.errors?.length ? [] : [whole];
  if (whole.errors?.length) {
    // The same selection twice (`...on Query { x } ...on Query { x }`) is explained once, and
    // one at a time: a dry-run mutation holds a transaction, and an explanation must not take
    // more of the database at once than the request it explains would.
    const singles = new Set(operation.selectionSet.selections.map((selection) => singleRootField(document, operation, selection)));
    for (const single of singles) runs.push(await ctx.explainAs(principal, single, variables));
  }
  for (const result of runs) {
    collectAllowed(result.data, '', allowed);
    denied.push(...(result.errors ?? []).map((e) => entryFromError(pathOf(e.path ?? []), e)));
  }
  for (const entry of denied) allowed.delete(entry.path);
  const entries = [...[...allowed].map((path) => ({ path, allowed: true, code: null, reason: null, message: null, requirement: null })), ...denied];
  // One entry per path: a field refused in several list items is one refusal.
  const unique = new Map(entries.map((e) => [e.path, e]));
  return [...unique.values()].sort((a, b) => a.path.localeCompare(b.path));
}

const explaining = new WeakSet<Request>();

builder.queryField('explainToken', (t) =>
  t.field({
    type: [ExplainEntryType],
    description:
      "Dry-runs an operation as one of your tokens, exactly as the gateway would run it: per field, allowed or refused and why. A mutation runs in a transaction that is always rolled back, so nothing is written. Sessions only.",
    authScopes: sessionOnly,
    args: { id: t.arg.id(), query: t.arg.string(), variables: t.arg({ type: 'JSON', required: false }) },
    resolve: async (_root, args, ctx) => {
      // Each explanation runs a whole operation, up to once per root field: aliases must not
      // multiply that within one request.
      if (explaining.has(ctx.request)) throw badInput('Ask for one explainToken per request.', 'query');
      explaining.add(ctx.request);
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
      return explain(ctx, principal, valid.text(args.query, 'query', 15_000), (args.variables ?? {}) as Record<string, unknown>);
    },
  }),
);
