import { allowed, deviceClauses, ownerProjects, ownerSees, projectFilter, type Action, type Requirement } from '../auth/permissions.js';
import { GraphQLError } from 'graphql';
import type { ApiMethod } from '../auth/api-methods.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Context } from './context.js';
import { callsMethod, type ScopeParameters } from './builder.js';
import { notFound } from './errors.js';

/**
 * Scope maps for root fields. Every token-reachable root field names its API method and, where
 * it touches projects or devices, the permission it needs; token management is session-only.
 *
 * A signed-in caller whose method set includes the field passes `authenticated` and `method`
 * here, so scope-auth runs no `method` loader for it: per request that loader (a bound function,
 * a Map per scope, a cache entry) cost more than the decision. Measured in process, W1 over 30
 * interleaved seconds at 50 concurrent requests, a token over anonymous: +10.6 µs with
 * `{ method }` as the map, +2.6 µs with `{ authenticated: true }`, none with this. Any other
 * caller gets the whole map, so a refusal is worded by scope-auth and unauthorizedError as before.
 */
export function tokenReachable(ctx: Context, method: ApiMethod, can?: Requirement): Scopes {
  if (ctx.principal.authMethod !== 'ANONYMOUS' && callsMethod(ctx, method)) return can ? { can } : true;
  return can ? { authenticated: true, method, can } : { authenticated: true, method };
}

export const sessionOnly = { session: true } as const;
export const adminSessionOnly = { session: true, admin: true } as const;

function authority(ctx: Context) {
  if (!ctx.principal.authority) throw new Error('resolver reached without an authority');
  return ctx.principal.authority;
}

/** What a root field's scopes may be: a scope map, or `true` when nothing is left to check. */
type Scopes = true | Partial<ScopeParameters>;

/**
 * Scopes for a root field that acts on one object named by its arguments. The method set is
 * checked first; only then is the object loaded, and the decision is made on it (its real
 * project), not on the arguments. An object the caller's owner cannot see answers like one that
 * does not exist: `null` from a lookup (`missing: 'null'`, whose resolver reads through
 * `visibleProjectIds`), "not visible" from a mutation (`missing: 'refuse'`). The resolver runs
 * only when the decision allowed it, so a refused write never starts.
 */
export function onObject(ctx: Context, method: ApiMethod, missing: 'null' | 'refuse', load: () => Promise<Scopes | Hidden>): Scopes | Promise<Scopes> {
  const base = tokenReachable(ctx, method);
  if (base !== true) return base;
  return load().then((scopes) => {
    if (!(scopes instanceof Hidden)) return scopes;
    if (missing === 'refuse') throw notFound(scopes.what, scopes.id);
    return true;
  });
}

/** An object that does not exist, or that the caller's owner cannot see. */
class Hidden {
  constructor(
    readonly what: 'project' | 'device',
    readonly id: string,
  ) {}
}

function sees(ctx: Context, projectId: string): boolean {
  return ctx.principal.authority !== null && ownerSees(ctx.principal.authority.rights, projectId);
}

/** The requirement on an existing project the caller's owner can see. */
export async function onProject(ctx: Context, id: string, need: Omit<Requirement, 'projectId'>): Promise<Scopes | Hidden> {
  const project = await ctx.prisma.project.findUnique({ where: { id }, select: { id: true } });
  if (!project || !sees(ctx, project.id)) return new Hidden('project', id);
  return { can: { ...need, projectId: project.id } };
}

/** The requirement on an existing device, judged in the project it really lies in. */
export async function onDevice(ctx: Context, id: string, action: Action): Promise<Scopes | Hidden> {
  const device = await ctx.prisma.device.findUnique({ where: { id }, select: { id: true, projectId: true } });
  if (!device || !sees(ctx, device.projectId)) return new Hidden('device', id);
  return { can: { entity: 'DEVICE', action, projectId: device.projectId, deviceId: device.id } };
}

/**
 * Scopes for a root list inside one project (devices(projectId)). A project the owner is not a
 * member of answers "not visible" whether or not it exists, so no read is needed to decide.
 */
export function inProject(ctx: Context, method: ApiMethod, projectId: string, need: Omit<Requirement, 'projectId'>): Scopes {
  const base = tokenReachable(ctx, method);
  if (base !== true) return base;
  if (!sees(ctx, projectId)) throw notFound('project', projectId);
  return { can: { ...need, projectId } };
}

/** The projects whose objects the caller's owner can see, for lookups that answer null otherwise. */
export function visibleProjectIds(ctx: Context): Prisma.StringFilter | undefined {
  const owned = ownerProjects(authority(ctx).rights, 'PROJECT', 'READ');
  return owned === 'ALL' ? undefined : { in: owned };
}

/** One project by id, only if the caller's owner can see it. */
export function visibleProject(ctx: Context, id: string): Prisma.ProjectWhereInput {
  const visible = visibleProjectIds(ctx);
  return { AND: [{ id }, visible ? { id: visible } : {}] };
}

/**
 * The devices of one project the caller may see or change. When the grants reach the whole
 * project (the usual case), that is simply the project: the simplest query for Prisma and SQL.
 */
export function projectDevicesWhere(ctx: Context, projectId: string, action: Action): Prisma.DeviceWhereInput {
  if (allowed(authority(ctx), { entity: 'DEVICE', action, projectId })) return { projectId };
  return { AND: [{ projectId }, deviceWhere(ctx, action)] };
}

/**
 * projectDevicesWhere as a list of ids for the raw read (db/device-reads.ts): every device of the
 * project, or those its clauses name. The same clauses decide, read the same way: a clause reaches
 * the project when its projects are ALL or include it, and then all its devices when it names none.
 */
export function projectDeviceIds(ctx: Context, projectId: string, action: Action): 'ALL' | string[] {
  if (allowed(authority(ctx), { entity: 'DEVICE', action, projectId })) return 'ALL';
  const ids: string[] = [];
  for (const clause of deviceClauses(authority(ctx), action)) {
    if (clause.projectIds !== 'ALL' && !clause.projectIds.includes(projectId)) continue;
    if (clause.deviceId === null) return 'ALL';
    ids.push(clause.deviceId);
  }
  return ids;
}

/** The devices the caller may see (READ) or change (WRITE), as a Prisma filter: one clause per grant. */
export function deviceWhere(ctx: Context, action: Action): Prisma.DeviceWhereInput {
  const clauses = deviceClauses(authority(ctx), action);
  if (clauses.some((c) => c.projectIds === 'ALL' && c.deviceId === null)) return {};
  if (clauses.length === 0) return { id: { in: [] } };
  return {
    OR: clauses.map((c) => ({
      ...(c.projectIds === 'ALL' ? {} : { projectId: { in: [...c.projectIds] } }),
      ...(c.deviceId === null ? {} : { id: c.deviceId }),
    })),
  };
}

export function projectWhere(ctx: Context, action: Action): Prisma.ProjectWhereInput {
  const ids = projectFilter(authority(ctx), action);
  return ids === 'ALL' ? {} : { id: { in: ids } };
}

/** For a project the caller may act on: one that is gone answers like one never seen. */
export async function requireProject(ctx: Pick<Context, 'prisma'>, id: string): Promise<void> {
  const project = await ctx.prisma.project.findUnique({ where: { id }, select: { id: true } });
  if (!project) throw notFound('project', id);
}

/** Projects, devices and members one request may read in lists, however its selections multiply. */
export const MAX_LISTED_OBJECTS = 10_000;
const listed = new WeakMap<Request, number>();

/**
 * Reads a list within the request's row budget. The cost limit counts fields, not rows; a list
 * under a list (a token's grants, each with its project's devices) multiplies rows that no field
 * count sees. A list reserves the most rows it may return (`take`, a page plus one) before it
 * reads, and gives back what it did not use: once the budget is spent, the lists still to come
 * are refused without a query, however many there are. One refusal per list.
 */
export async function withinBudget<T>(ctx: Pick<Context, 'request'>, take: number, read: () => Promise<T[]>): Promise<T[]> {
  const reserved = Math.abs(take);
  const before = listed.get(ctx.request) ?? 0;
  if (before + reserved > MAX_LISTED_OBJECTS) {
    throw new GraphQLError(`This request lists more than ${MAX_LISTED_OBJECTS} projects, devices and members; ask for fewer.`, { extensions: { code: 'RESULT_TOO_LARGE' } });
  }
  listed.set(ctx.request, before + reserved);
  let found: T[] = [];
  try {
    found = await read();
    return found;
  } finally {
    listed.set(ctx.request, (listed.get(ctx.request) ?? 0) - reserved + found.length);
  }
}
