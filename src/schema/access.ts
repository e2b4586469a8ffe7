import { coversWholeProject, deviceScope, projectScope, type Action, type Requirement } from '../auth/permissions.js';
import type { ApiMethod } from '../auth/api-methods.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Context } from './context.js';
import { callsMethod } from './builder.js';
import { denial, notFound } from './errors.js';

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
export function tokenReachable(ctx: Context, method: ApiMethod, can?: Requirement) {
  if (ctx.principal.authMethod !== 'ANONYMOUS' && callsMethod(ctx, method)) return can ? { can } : true;
  return can ? { authenticated: true, method, can } : { authenticated: true, method };
}

export const sessionOnly = { session: true } as const;
export const adminSessionOnly = { session: true, admin: true } as const;

function authority(ctx: Context) {
  if (!ctx.principal.authority) throw new Error('resolver reached without an authority');
  return ctx.principal.authority;
}

/**
 * The devices of one project the caller may see or change. When the grants reach the whole
 * project (the usual case), that is simply the project: the simplest query for Prisma and SQL.
 */
export function projectDevicesWhere(ctx: Context, projectId: string, action: Action): Prisma.DeviceWhereInput {
  if (coversWholeProject(authority(ctx), action, projectId)) return { projectId };
  return { AND: [{ projectId }, deviceWhere(ctx, action)] };
}

/** The devices the caller may see (READ) or change (WRITE), as a Prisma filter. */
export function deviceWhere(ctx: Context, action: Action): Prisma.DeviceWhereInput {
  const scope = deviceScope(authority(ctx), action);
  if (scope.projectIds === 'ALL') return {};
  const or: Prisma.DeviceWhereInput[] = [];
  if (scope.projectIds.length > 0) or.push({ projectId: { in: scope.projectIds } });
  if (scope.deviceIds.length > 0) {
    or.push({
      id: { in: scope.deviceIds },
      ...(scope.withinProjects === 'ALL' ? {} : { projectId: { in: scope.withinProjects } }),
    });
  }
  return or.length > 0 ? { OR: or } : { id: { in: [] } };
}

export function projectWhere(ctx: Context, action: Action): Prisma.ProjectWhereInput {
  const scope = projectScope(authority(ctx), action);
  return scope === 'ALL' ? {} : { id: { in: scope } };
}

/** For a project the caller may act on: one that is gone answers like one never seen. */
export async function requireProject(ctx: Pick<Context, 'prisma'>, id: string): Promise<void> {
  const project = await ctx.prisma.project.findUnique({ where: { id }, select: { id: true } });
  if (!project) throw notFound('project', id);
}

/**
 * Loads a device the caller may act on. A device they can read but not change is FORBIDDEN with
 * the precise reason; one they cannot see at all is "not visible", exactly like one that does
 * not exist.
 */
export async function deviceFor(ctx: Context, id: string, action: Action) {
  const device = await ctx.prisma.device.findFirst({ where: { AND: [{ id }, deviceWhere(ctx, action)] } });
  if (device) return device;
  if (action === 'WRITE') {
    const visible = await ctx.prisma.device.findFirst({ where: { AND: [{ id }, deviceWhere(ctx, 'READ')] }, select: { projectId: true } });
    if (visible) {
      throw denial(ctx.principal, { entity: 'DEVICE', action, projectId: visible.projectId, deviceId: id });
    }
  }
  throw notFound('device', id);
}
