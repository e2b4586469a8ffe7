import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { AuthScopeFailureType, type AuthFailure, type ForbiddenResult } from '@pothos/plugin-scope-auth';
import { READ_METHODS } from '../auth/api-methods.js';
import { decide, type DenyReason, type Requirement } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import type { Context } from './context.js';

/** The only error codes a client needs (SPEC section 6). */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'INTERNAL_SERVER_ERROR';

export const TOKEN_MANAGEMENT_MESSAGE =
  'Access tokens cannot manage tokens, users or sessions: sign in with a password session to do this.';

export function unauthenticated(message: string, status?: 401): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'UNAUTHENTICATED',
      ...(status ? { http: { status, headers: { 'WWW-Authenticate': 'Bearer realm="scopegate"' } } } : {}),
    },
  });
}

export function forbidden(message: string, reason: DenyReason, requirement?: Requirement): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'FORBIDDEN', reason, ...(requirement ? { requirement } : {}) },
  });
}

export function badInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } });
}

export function notFound(what: string, id: string): GraphQLError {
  // Same answer whether the resource does not exist or the caller may not see it.
  return badInput(`No ${what} with id ${id} is visible to you.`, 'id');
}

/** FORBIDDEN for a requirement the principal does not meet, naming why. */
export function denial(principal: Principal, requirement: Requirement): GraphQLError {
  const decision = principal.authority ? decide(principal.authority, requirement) : undefined;
  let reason: DenyReason = decision && !decision.allowed ? decision.reason : 'MISSING_GRANT';
  if (reason === 'OWNER_LACKS_RIGHT' && !principal.token) reason = 'ROLE';
  const message =
    reason === 'MISSING_GRANT'
      ? `This access token has no grant for ${describe(requirement)}.`
      : reason === 'ROLE'
        ? `Your role does not allow ${describe(requirement)}.`
        : `The owner of this access token does not hold ${describe(requirement)}.`;
  return forbidden(message, reason, requirement);
}

/** Prisma's "record to update not found": the row vanished between our check and the write. */
export async function orNotFound<T>(write: Promise<T>, what: string, id: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if ((error as { code?: string }).code === 'P2025') throw notFound(what, id);
    throw error;
  }
}

function leaves(failure: AuthFailure): AuthFailure[] {
  if (failure.kind === AuthScopeFailureType.AllAuthScopes || failure.kind === AuthScopeFailureType.AnyAuthScopes) {
    return failure.failures.flatMap(leaves);
  }
  return [failure];
}

function describe(requirement: Requirement): string {
  const on = requirement.deviceId
    ? ` on device ${requirement.deviceId}`
    : requirement.projectId
      ? ` in project ${requirement.projectId}`
      : '';
  return `${requirement.entity} ${requirement.action}${on}`;
}

/**
 * Turns scope-auth's failure into the error a client can act on. Order matters: no credential
 * first, then "tokens cannot do this", then the method set, then grants and rights.
 */
export function unauthorizedError(_parent: unknown, ctx: Context, info: GraphQLResolveInfo, result: ForbiddenResult): GraphQLError {
  const failed = leaves(result.failure).flatMap((f) => (f.kind === AuthScopeFailureType.AuthScope ? [f] : []));
  return refusal(ctx.principal, failed, `${info.parentType.name}.${info.fieldName}`);
}

/** The error for failed scopes, in priority order; also used by explainToken's dry runs. */
export function refusal(principal: Principal, failed: readonly { scope: string; parameter: unknown }[], field: string): GraphQLError {
  if (principal.authMethod === 'ANONYMOUS') {
    return unauthenticated(`${field} needs a credential: sign in or send an access token.`);
  }
  const scopes = new Set(failed.map((f) => f.scope));
  if (principal.enrollment) return forbidden(`An enrollment token can only call enrollDevice, not ${field}.`, 'METHOD_NOT_ALLOWED');
  if (scopes.has('enrollment')) return forbidden(`${field} takes an enrollment token (scopegate_enr_...), sent as a Bearer token.`, 'ROLE');
  if ((scopes.has('session') || scopes.has('notAccessToken')) && principal.token) {
    return forbidden(TOKEN_MANAGEMENT_MESSAGE, 'TOKEN_MANAGEMENT');
  }
  if (scopes.has('admin')) return forbidden(`${field} is for admins only.`, 'ROLE');
  if (scopes.has('method')) {
    return forbidden(`This access token's API method set does not include ${field}.`, 'METHOD_NOT_ALLOWED');
  }
  const reads = failed.find((f) => f.scope === 'reads');
  if (reads) {
    const methods = READ_METHODS[reads.parameter as keyof typeof READ_METHODS];
    return forbidden(`${field} returns ${String(reads.parameter)} objects: this access token's API method set needs ${methods.join(' or ')}.`, 'METHOD_NOT_ALLOWED');
  }
  const can = failed.find((f) => f.scope === 'can');
  if (can) return denial(principal, can.parameter as Requirement);
  return forbidden(`Not permitted: ${field}.`, 'ROLE');
}
