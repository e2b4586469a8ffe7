import { findMethodSet, isTokenMethod } from '../auth/api-methods.js';
import { loginAccountKey } from '../auth/accounts.js';
import { verifyPassword } from '../auth/passwords.js';
import { DAY_MS, expiryProblem, holderProblem } from '../auth/token-policy.js';
import { rateLimited } from '../security/rate-limits.js';
import { ownerHolds, type Grant } from '../auth/permissions.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Context } from './context.js';
import { badInput, forbidden, notFound } from './errors.js';
import type { loadPolicy } from './policy.js';
import * as valid from './validation.js';

/** Checks of token input shared by createToken, updateToken, regenerateToken and copyToken. */

export { DAY_MS };
const MAX_GRANTS = 100;
const LATEST_EXPIRY = Date.UTC(9999, 11, 31);

type Policy = Awaited<ReturnType<typeof loadPolicy>>;

/**
 * The expiry a token gets under the policy. `undefined` asks for the policy's default; `null`
 * asks for none. Violations name the limit.
 */
export function policyExpiry(policy: Policy, requested: Date | null | undefined, now = Date.now()): Date | null {
  if (requested === undefined && policy.defaultLifetimeDays) return new Date(now + policy.defaultLifetimeDays * DAY_MS);
  if (requested != null) {
    const at = requested.getTime();
    if (Number.isNaN(at) || at > LATEST_EXPIRY) throw badInput('expiresAt is not a usable date.', 'expiresAt');
    if (at <= now) throw badInput('expiresAt must be in the future.', 'expiresAt');
  }
  const problem = expiryProblem(policy, requested ?? null, now);
  if (problem) throw badInput(problem, 'expiresAt');
  return requested ?? null;
}

/**
 * The policy every path that yields a working secret passes (createToken, copyToken,
 * regenerateToken): who may hold a token of this kind, and the expiry it gets.
 */
export function issuePolicy(ctx: Context, policy: Policy, kind: 'USER' | 'CUSTOM' | 'PROJECT', requested: Date | null | undefined): Date | null {
  const problem = holderProblem(policy, kind, ctx.principal.user!.role === 'ADMIN');
  if (problem) throw badInput(problem, 'kind');
  return policyExpiry(policy, requested);
}

export function resolveMethods(apiMethodSet: string | null | undefined, apiMethods: readonly string[] | null | undefined) {
  if (apiMethodSet != null && apiMethods != null) {
    throw badInput('Give apiMethodSet or apiMethods, not both.', 'apiMethods');
  }
  if (apiMethodSet != null) {
    if (!findMethodSet(apiMethodSet)) {
      throw badInput(`Unknown apiMethodSet ${JSON.stringify(apiMethodSet)}; see apiMethodSets.`, 'apiMethodSet');
    }
    return { apiMethodSet, apiMethods: [] as string[] };
  }
  if (apiMethods != null) {
    if (apiMethods.length === 0) throw badInput('apiMethods must name at least one method; leave it out to allow every method.', 'apiMethods');
    const unknown = apiMethods.filter((m) => !isTokenMethod(m));
    if (unknown.length > 0) {
      throw badInput(`Unknown API methods (see apiMethods): ${unknown.slice(0, 10).join(', ')}.`, 'apiMethods');
    }
    return { apiMethodSet: null, apiMethods: [...new Set(apiMethods)] };
  }
  return { apiMethodSet: null, apiMethods: [] as string[] };
}

export interface GrantInput {
  entity: 'PROJECT' | 'DEVICE';
  action: 'READ' | 'WRITE';
  projectId?: string | number | null;
  deviceId?: string | number | null;
}

/**
 * Checks each grant against the database and the acting user's own rights: a token never holds
 * more than the person who makes it. DEVICE grants on one device are pinned to its project, and
 * a PROJECT token's grants to its project.
 */
export async function resolveGrants(ctx: Context, inputs: readonly GrantInput[], tokenProjectId: string | null): Promise<Grant[]> {
  if (inputs.length > MAX_GRANTS) throw badInput(`A token may have at most ${MAX_GRANTS} grants.`, 'grants');
  const rights = ctx.principal.authority!.rights;
  const grants: Grant[] = [];
  for (const [i, input] of inputs.entries()) {
    const field = `grants[${i}]`;
    let projectId = valid.optionalUuid(input.projectId == null ? null : String(input.projectId), `${field}.projectId`) ?? null;
    const deviceId = valid.optionalUuid(input.deviceId == null ? null : String(input.deviceId), `${field}.deviceId`) ?? null;
    if (deviceId && input.entity !== 'DEVICE') throw badInput(`${field}: only DEVICE grants may name a device.`, `${field}.deviceId`);
    if (deviceId) {
      const device = await ctx.prisma.device.findUnique({ where: { id: deviceId }, select: { projectId: true } });
      if (!device || !ownerHolds(rights, 'DEVICE', 'READ', device.projectId)) throw notFound('device', deviceId);
      if (projectId && projectId !== device.projectId) {
        throw badInput(`${field}: device ${deviceId} is not in project ${projectId}.`, `${field}.projectId`);
      }
      projectId = device.projectId;
    }
    if (tokenProjectId) {
      if (projectId && projectId !== tokenProjectId) {
        throw badInput(`${field}: a PROJECT token's grants must lie inside its project.`, `${field}.projectId`);
      }
      projectId = tokenProjectId;
    }
    if (projectId) {
      const project = await ctx.prisma.project.findUnique({ where: { id: projectId }, select: { id: true } });
      if (!project || !ownerHolds(rights, 'PROJECT', 'READ', projectId)) throw notFound('project', projectId);
      if (!ownerHolds(rights, input.entity, input.action, projectId)) {
        throw forbidden(
          `${field}: you do not hold ${input.entity} ${input.action} in project ${projectId}, so no token of yours can.`,
          'ROLE',
          { entity: input.entity, action: input.action, projectId },
        );
      }
    }
    // A repeated grant adds nothing but rows to every list read through the token's grants.
    if (!grants.some((g) => g.entity === input.entity && g.action === input.action && g.projectId === projectId && g.deviceId === deviceId)) {
      grants.push({ entity: input.entity, action: input.action, projectId, deviceId });
    }
  }
  return grants;
}

export function checkGrantCount(kind: 'USER' | 'CUSTOM' | 'PROJECT', count: number) {
  if (kind === 'USER' && count > 0) throw badInput("USER tokens take no grants: they act with all of their owner's rights.", 'grants');
  if (kind !== 'USER' && count === 0) throw badInput(`${kind} tokens need at least one grant.`, 'grants');
}

/** The acting person's password, checked with argon2; `field` names the argument that carried it. */
/**
 * Checks the signed-in person's password. Each check counts as a sign-in attempt of the account
 * (the same budget as login), before argon2 runs, so a stolen session cannot guess the password
 * faster than the sign-in page allows; a right password gives its attempt back. The counter
 * lives outside any transaction (the limiter's own connections), so a refusal keeps it.
 */
export async function confirmPassword(ctx: Context, password: string, field = 'password') {
  const user = await ctx.prisma.user.findUniqueOrThrow({ where: { id: ctx.principal.user!.id }, select: { email: true, passwordHash: true } });
  const key = loginAccountKey(user.email);
  const state = await ctx.limiter.attempt(key, ctx.config.limits.loginPerAccount);
  if (state.limited) throw rateLimited('Too many failed password attempts; try again later.', state.retryAfterSeconds);
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw badInput('Password confirmation failed: the password is wrong.', field);
  }
  await ctx.limiter.refund(key);
}

/**
 * The tokens the caller may act on. Personal tokens are their owner's alone: not even an admin
 * may edit, regenerate or copy one, since that would hand the admin a working secret of someone
 * else's. PROJECT tokens belong to the project's OWNERs (and admins). Admins may revoke any token.
 */
export function tokenWhereFor(ctx: Context, purpose: 'revoke' | 'manage'): Prisma.AccessTokenWhereInput {
  const user = ctx.principal.user!;
  if (purpose === 'revoke' && user.role === 'ADMIN') return {};
  const personal: Prisma.AccessTokenWhereInput = { ownerId: user.id, kind: { not: 'PROJECT' } };
  if (user.role === 'ADMIN') return { OR: [personal, { kind: 'PROJECT' }] };
  const ownedProjects = [...ctx.principal.authority!.rights.roles].filter(([, role]) => role === 'OWNER').map(([id]) => id);
  return { OR: [personal, { kind: 'PROJECT', projectId: { in: ownedProjects } }] };
}

/** Loads a token the caller may act on; one they may not is "not visible", like a missing one. */
export async function tokenFor(ctx: Context, rawId: string | number, purpose: 'revoke' | 'manage') {
  const id = valid.uuid(String(rawId), 'id');
  const token = await ctx.prisma.accessToken.findFirst({
    where: { AND: [{ id }, tokenWhereFor(ctx, purpose)] },
    include: { grants: { orderBy: { position: 'asc' } }, trustPolicy: { select: { id: true } } },
  });
  if (!token) throw notFound('token', id);
  // Its grants and methods are the policy's, and a secret of it would outlive the policy's rules.
  if (purpose === 'manage' && token.trustPolicy) {
    throw badInput(`This token belongs to trust policy ${token.trustPolicy.id}: change it with updateTrustPolicy, or revoke it.`, 'id');
  }
  return token;
}
