import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { JSONResolver } from 'graphql-scalars';
import { allowsAnyOf, READ_METHODS } from '../auth/api-methods.js';
import { allowed, type Requirement } from '../auth/permissions.js';
import { permissionKey } from '../lifecycle/least-privilege.js';
import type { Context } from './context.js';
import { unauthorizedError } from './errors.js';
import { DateTimeScalar } from './scalars.js';
import { PAGE_SIZE, pageArgsPlugin } from './pagination.js';
import type PrismaTypes from '../generated/pothos-prisma-types.js';
import { getDatamodel } from '../generated/pothos-prisma-types.js';

export interface ScopeParameters {
  /** Any credential at all. */
  authenticated: boolean;
  /** A password session: the only way to reach token management. */
  session: boolean;
  admin: boolean;
  /** Anyone but an access or enrollment token (login: a token cannot open a session). */
  notAccessToken: boolean;
  /** An enrollment token: the only caller of enrollDevice. */
  enrollment: boolean;
  /** The root field is in the token's API method set. */
  method: string;
  /** A field below the root that returns projects or devices: the method set must read them. */
  reads: keyof typeof READ_METHODS;
  /** The permission model (auth/permissions.ts): grant x owner rights, on the object touched. */
  can: Requirement;
}

const wholeProjectAnswers = new WeakMap<Context, Map<string, boolean>>();

/**
 * DEVICE READ on a project's devices as a whole, decided once per project per request. Device's type scope
 * calls it directly for every device of a list: a plain boolean skips Pothos's scope-map
 * evaluation, which per object cost more than the decision itself.
 */
export function readsAllDevicesOf(ctx: Context, projectId: string): boolean {
  let answers = wholeProjectAnswers.get(ctx);
  if (!answers) wholeProjectAnswers.set(ctx, (answers = new Map()));
  let allowed = answers.get(projectId);
  if (allowed === undefined) {
    allowed = isAllowed(ctx, { entity: 'DEVICE', action: 'READ', projectId });
    answers.set(projectId, allowed);
  }
  return allowed;
}

/** Whether the caller's API method set includes `method`; a token's use of it is counted. */
export function callsMethod(ctx: Context, method: string): boolean {
  const { principal } = ctx;
  const allowed = principal.methods === 'ALL' || principal.methods.has(method);
  // What a token exercises is counted, to suggest least-privilege grants later.
  if (allowed && principal.token) ctx.usage.noteExercised(principal.token.id, method);
  return allowed;
}

/** The scopes of a request. Also what explainToken evaluates when it dry-runs a mutation. */
export function scopeLoaders(ctx: Context) {
  const { principal } = ctx;
  return {
    authenticated: principal.authMethod !== 'ANONYMOUS',
    session: principal.authMethod === 'SESSION',
    admin: principal.authMethod === 'SESSION' && principal.user?.role === 'ADMIN',
    notAccessToken: principal.token === null && !principal.enrollment,
    enrollment: principal.enrollment !== undefined,
    method: (method: string) => callsMethod(ctx, method),
    reads: (type: keyof typeof READ_METHODS) => allowsAnyOf(ctx.principal.methods, READ_METHODS[type]),
    can: (requirement: Requirement) => isAllowed(ctx, requirement),
  };
}

/** The decision for this request's principal; a token's use of a permission on an object is counted. */
export function isAllowed(ctx: Context, requirement: Requirement): boolean {
  // Read from the context at check time: createProject gives this request a new role.
  const yes = allowed(ctx.principal.authority, requirement);
  // Only decisions on objects are counted: a list's own check says nothing about what it held.
  if (yes && ctx.principal.token && !requirement.some) ctx.usage.noteExercised(ctx.principal.token.id, permissionKey(requirement));
  return yes;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  DefaultAuthStrategy: 'all';
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
  AuthScopes: ScopeParameters;
}>({
  // scope-auth first, so no other plugin's wrapper runs before the check.
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin, pageArgsPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    defaultStrategy: 'all',
    // A type's scope (Project, Device) is checked once per object when it is returned, rather
    // than wrapped around each of its fields: one check and one error per object, and plain
    // resolvers for the fields.
    runScopesOnType: true,
    unauthorizedError,
    authScopes: scopeLoaders,
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    defaultConnectionSize: PAGE_SIZE.default,
    maxConnectionSize: PAGE_SIZE.max,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // GitHub's shortcut: `nodes` beside `edges`, one level less to write (and to pay for in query cost).
    nodesOnConnection: true,
    firstArgOptions: { description: `Rows to return: ${PAGE_SIZE.default} when not given, at most ${PAGE_SIZE.max}.` },
    afterArgOptions: { description: "Rows after this cursor (an edge's cursor or pageInfo.endCursor)." },
  },
});

builder.scalarType('DateTime', DateTimeScalar);
builder.addScalarType('JSON', JSONResolver);
builder.queryType({});
builder.mutationType({});
