import { recordEvent } from '../lifecycle/audit.js';
import { builder, readsAllDevicesOf } from './builder.js';
import { readDevicePage, readsDirectly } from '../db/device-reads.js';
import type { Device } from '../generated/prisma/client.js';
import { inProject, onDevice, onObject, onProject, projectDeviceIds, projectDevicesWhere, requireProject, visibleProjectIds, withinBudget } from './access.js';
import { badInput, orNotFound } from './errors.js';
import * as valid from './validation.js';
import { anchorSelect, countedConnection, keysetPage, type ConnectionQuery } from './pagination.js';
import type { Context } from './context.js';
import { TYPE_SCOPES_PASS } from './type-scopes-pass.js';

export const DeviceStatusEnum = builder.enumType('DeviceStatus', { values: ['ONLINE', 'OFFLINE', 'UNKNOWN'] as const });

/** DEVICE READ on the device's whole project, decided once per project per request. */
const readsWholeProjectOf = (device: Pick<Device, 'projectId'>, ctx: Context) => readsAllDevicesOf(ctx, device.projectId);

export const DeviceType = builder.prismaObject('Device', {
  // The whole-project answer first; single-device grants after.
  authScopes: (device, ctx) =>
    readsWholeProjectOf(device, ctx) || { can: { entity: 'DEVICE', action: 'READ', projectId: device.projectId, deviceId: device.id } },
  // authScopes' first clause, which the compiled executor runs before scope-auth for each device.
  extensions: { [TYPE_SCOPES_PASS]: readsWholeProjectOf },
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    status: t.expose('status', { type: DeviceStatusEnum }),
    metadata: t.expose('metadata', { type: 'JSON', nullable: true }),
    lastSeenAt: t.expose('lastSeenAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    // Resolved on its own (not folded into the device query) and checked by Project's own scope.
    project: t.prismaField({
      type: 'Project',
      authScopes: { reads: 'Project' },
      resolve: (query, device, _args, ctx) => ctx.prisma.project.findUniqueOrThrow({ ...query, where: { id: device.projectId } }),
    }),
  }),
});

/** A page of devices, shared by devices(projectId) and Project.devices. */
export const DeviceConnection = countedConnection(builder, DeviceType, {
  connection: 'DeviceConnection',
  edge: 'DeviceEdge',
  totalCount: 'How many devices of the list the caller may read; counted only when asked for.',
});

/** One page of a project's devices that the caller may read, oldest first. */
export function devicePage(ctx: Context, query: ConnectionQuery, projectId: string) {
  const { cursor: _cursor, skip: _skip, take, ...selection } = query;
  return withinBudget(ctx, take, () => {
    const visible = projectDevicesWhere(ctx, projectId, 'READ');
    const page = keysetPage(query, visible, {
      locate: (id) => ctx.prisma.device.findFirst({ where: { AND: [visible, { id }] }, select: anchorSelect }),
    });
    // Forward pages with nothing joined (Device has no relation the page would load) are the list
    // a frontend sends most: read with a prepared statement (db/device-reads.ts). Backward pages
    // keep Prisma, which reverses the order for them, and so does a mutation's answer, read inside
    // its transaction.
    if (take > 0 && Object.keys(selection).length === 0 && readsDirectly(ctx.prisma)) {
      const deviceIds = projectDeviceIds(ctx, projectId, 'READ');
      return page.then(
        // Device's fields read only the columns the raw read returns (pinnedMetadata is internal).
        ({ anchor }) => readDevicePage(ctx.prisma, { projectId, deviceIds, limit: take, after: anchor ? { createdAt: anchor.createdAt, id: anchor.key } : undefined }) as Promise<Device[]>,
      );
    }
    return page.then(({ query: rest, where, orderBy }) => ctx.prisma.device.findMany({ ...(rest as { take: number }), where, orderBy }));
  });
}

/** How many of a project's devices the caller may read. */
export function deviceCount(ctx: Context, projectId: string): Promise<number> {
  return ctx.prisma.device.count({ where: projectDevicesWhere(ctx, projectId, 'READ') });
}

builder.queryFields((t) => ({
  devices: t.prismaConnection(
    {
      type: 'Device',
      cursor: 'id',
      description: "The project's devices the caller may read, oldest first.",
      args: { projectId: t.arg.id() },
      authScopes: (_root, args, ctx) =>
        inProject(ctx, 'Query.devices', valid.uuid(String(args.projectId), 'projectId'), { entity: 'DEVICE', action: 'READ', some: true }),
      totalCount: (_root, args, ctx) => deviceCount(ctx, String(args.projectId).toLowerCase()),
      resolve: (query, _root, args, ctx) => devicePage(ctx, query, String(args.projectId).toLowerCase()),
    },
    DeviceConnection,
  ),
  device: t.field({
    type: DeviceType,
    nullable: true,
    args: { id: t.arg.id() },
    authScopes: (_root, args, ctx) => {
      const id = valid.uuid(String(args.id), 'id');
      return onObject(ctx, 'Query.device', 'null', () => onDevice(ctx, id, 'READ'));
    },
    resolve: (_root, args, ctx) => ctx.prisma.device.findFirst({ where: { id: String(args.id).toLowerCase(), projectId: visibleProjectIds(ctx) } }),
  }),
}));

/**
 * New metadata for a device, with the keys its enrollment token pinned kept: a token (the device's
 * own, above all) cannot change them, so a device cannot rewrite what its enroller said about it.
 * A person in a session can, and the pin follows their values (keys they drop are unpinned).
 */
async function metadataUpdate(ctx: Context, id: string, metadata: object): Promise<{ metadata: object; pinnedMetadata?: object }> {
  const device = await ctx.prisma.device.findUnique({ where: { id }, select: { pinnedMetadata: true } });
  const pinned = device?.pinnedMetadata as Record<string, unknown> | null | undefined;
  if (!pinned) return { metadata };
  if (ctx.principal.authMethod === 'SESSION') {
    const kept = Object.fromEntries(Object.entries(metadata).filter(([key]) => key in pinned));
    return { metadata, pinnedMetadata: kept };
  }
  return { metadata: valid.metadata({ ...metadata, ...pinned })! };
}

builder.mutationFields((t) => ({
  createDevice: t.field({
    type: DeviceType,
    args: { projectId: t.arg.id(), name: t.arg.string(), metadata: t.arg({ type: 'JSON', required: false }) },
    // DEVICE WRITE on the project's devices as a whole: a grant on one device creates nothing.
    authScopes: (_root, args, ctx) => {
      const projectId = valid.uuid(String(args.projectId), 'projectId');
      return onObject(ctx, 'Mutation.createDevice', 'refuse', () => onProject(ctx, projectId, { entity: 'DEVICE', action: 'WRITE' }));
    },
    resolve: async (_root, args, ctx) => {
      const projectId = String(args.projectId).toLowerCase();
      const name = valid.name(args.name);
      const metadata = valid.metadata(args.metadata ?? undefined);
      await requireProject(ctx, projectId);
      return ctx.prisma.device.create({ data: { projectId, name, ...(metadata ? { metadata } : {}) } });
    },
  }),
  updateDevice: t.field({
    type: DeviceType,
    description: 'Changes name, status and/or metadata; a status change also records lastSeenAt when ONLINE.',
    args: {
      id: t.arg.id(),
      name: t.arg.string({ required: false }),
      status: t.arg({ type: DeviceStatusEnum, required: false }),
      metadata: t.arg({ type: 'JSON', required: false }),
    },
    authScopes: (_root, args, ctx) => {
      const id = valid.uuid(String(args.id), 'id');
      return onObject(ctx, 'Mutation.updateDevice', 'refuse', () => onDevice(ctx, id, 'WRITE'));
    },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id).toLowerCase();
      const data: { name?: string; status?: 'ONLINE' | 'OFFLINE' | 'UNKNOWN'; metadata?: object; pinnedMetadata?: object; lastSeenAt?: Date } = {};
      if (args.name != null) data.name = valid.name(args.name);
      if (args.status != null) {
        data.status = args.status;
        if (args.status === 'ONLINE') data.lastSeenAt = new Date();
      }
      if (args.metadata != null) Object.assign(data, await metadataUpdate(ctx, id, valid.metadata(args.metadata)!));
      if (Object.keys(data).length === 0) throw badInput('Give at least one of name, status or metadata.');
      return orNotFound(ctx.prisma.device.update({ where: { id }, data }), 'device', id);
    },
  }),
  deleteDevice: t.boolean({
    args: { id: t.arg.id() },
    authScopes: (_root, args, ctx) => {
      const id = valid.uuid(String(args.id), 'id');
      return onObject(ctx, 'Mutation.deleteDevice', 'refuse', () => onDevice(ctx, id, 'WRITE'));
    },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id).toLowerCase();
      // A token whose every grant is on this device (a device token) would be left with none:
      // it is revoked, rather than left working for what needs no grant.
      // Decided here rather than with Prisma's `every`, which lets a grant with no device (NULL) pass.
      const orphaned = (
        await ctx.prisma.accessToken.findMany({
          where: { revokedAt: null, kind: { not: 'USER' }, grants: { some: { deviceId: id } } },
          select: { id: true, grants: { select: { deviceId: true } } },
        })
      ).filter((token) => token.grants.every((g) => g.deviceId === id));
      await orNotFound(ctx.prisma.device.delete({ where: { id } }), 'device', id);
      if (orphaned.length > 0) {
        const actorId = ctx.principal.user?.id ?? null;
        await ctx.prisma.accessToken.updateMany({
          where: { id: { in: orphaned.map((t) => t.id) }, revokedAt: null },
          data: { revokedAt: new Date(), revokedById: actorId, revokeReason: 'device deleted' },
        });
        for (const token of orphaned) await recordEvent(ctx.prisma, { tokenId: token.id, kind: 'REVOKED', actorId, ip: ctx.clientIp, details: { reason: 'device deleted', device: id } });
      }
      // Grants on this device are gone with it (cascade); cached principals still hold them.
      await ctx.invalidate();
      return true;
    },
  }),
}));
