import { withRole } from '../auth/principal.js';
import { builder } from './builder.js';
import { onObject, onProject, visibleProject, withinBudget, projectWhere, requireProject, sessionOnly, tokenReachable } from './access.js';
import type { Context } from './context.js';
import { badInput, forbidden, notFound, orNotFound, TOKEN_MANAGEMENT_MESSAGE } from './errors.js';
import { AccessTokenConnection, tokenStatusWhere, TokenStatusEnum } from './tokens.js';
import type { Prisma } from '../generated/prisma/client.js';
import * as valid from './validation.js';
import { DeviceConnection, deviceCount, devicePage } from './devices.js';
import { anchorSelect, cursorUuid, keysetPage, notACursor, type ConnectionQuery } from './pagination.js';

export const ProjectRoleEnum = builder.enumType('ProjectRole', { values: ['VIEWER', 'EDITOR', 'OWNER'] as const });

export const ProjectType = builder.prismaObject('Project', {
  // Checked for every project in a response, however it was reached (a list, a device, a grant).
  authScopes: (project) => ({ can: { entity: 'PROJECT', action: 'READ', projectId: project.id } }),
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    viewerRole: t.field({
      type: ProjectRoleEnum,
      nullable: true,
      description:
        "The role the caller acts with here: its user's in a session or a user's token, OWNER for the project's own tokens; null when not a member (an admin). Read from the credential: no member list needed.",
      resolve: (project, _args, ctx) => ctx.principal.authority?.rights.roles.get(project.id) ?? null,
    }),
    members: t.prismaConnection(
      {
        type: 'ProjectMember',
        cursor: 'projectId_userId',
        description: "The project's members, longest-standing first.",
        authScopes: { reads: 'Project' },
        totalCount: (project, _args, ctx) => ctx.prisma.projectMember.count({ where: { projectId: project.id } }),
        resolve: (query, project, _args, ctx) => memberPage(ctx, query, project.id),
      },
      { name: 'ProjectMemberConnection' },
      { name: 'ProjectMemberEdge' },
    ),
    // A plain resolver rather than a relation, so a denied field is never folded into the
    // parent's SQL: no query runs for it.
    devices: t.prismaConnection(
      {
        type: 'Device',
        cursor: 'id',
        description: "The project's devices the caller may read, oldest first.",
        // Like devices(projectId): some grant must reach the project's devices; each is then filtered.
        authScopes: (project) => ({ reads: 'Device', can: { entity: 'DEVICE', action: 'READ', some: true, projectId: project.id } }),
        totalCount: (project, _args, ctx) => deviceCount(ctx, project.id),
        resolve: (query, project, _args, ctx) => devicePage(ctx, query, project.id),
      },
      DeviceConnection,
    ),
    tokens: t.prismaConnection(
      {
        type: 'AccessToken',
        cursor: 'id',
        description: "The project's PROJECT tokens, newest first. Owners' and admins' sessions only.",
        args: { status: t.arg({ type: TokenStatusEnum, required: false }) },
        authScopes: (project) => ({ ...sessionOnly, can: { entity: 'PROJECT', action: 'WRITE', projectId: project.id } }),
        totalCount: (project, args, ctx) =>
          ctx.prisma.accessToken.count({ where: { AND: [projectTokensWhere(project.id), tokenStatusWhere(args.status ?? null)] } }),
        resolve: async (query, project, args, ctx) => {
          const ofProject = projectTokensWhere(project.id);
          // The cursor's token need only still be the project's: one revoked since still places the page.
          const page = await keysetPage(query, { AND: [ofProject, tokenStatusWhere(args.status ?? null)] }, {
            direction: 'desc',
            locate: (id) => ctx.prisma.accessToken.findFirst({ where: { AND: [{ id }, ofProject] }, select: anchorSelect }),
          });
          return ctx.prisma.accessToken.findMany({ ...page.query, where: page.where, orderBy: page.orderBy });
        },
      },
      AccessTokenConnection,
    ),
  }),
});

/**
 * One page of a project's members, by when they joined. The cursor names a member of this
 * project: one of another project's members is refused like a made-up one.
 */
function memberPage(ctx: Context, query: ConnectionQuery, projectId: string) {
  return withinBudget(ctx, query.take, () =>
    keysetPage(query, { projectId }, {
      key: 'userId',
      cursorKey: (cursor, arg) => {
        const key = cursor.projectId_userId as { projectId?: unknown; userId?: unknown } | undefined;
        if (!key || cursorUuid(key.projectId, arg) !== projectId) throw notACursor(arg);
        return cursorUuid(key.userId, arg);
      },
      locate: (userId) => ctx.prisma.projectMember.findUnique({ where: { projectId_userId: { projectId, userId } }, select: anchorSelect }),
    }).then(({ query: rest, where, orderBy }) => ctx.prisma.projectMember.findMany({ ...(rest as { take: number }), where, orderBy })),
  );
}

/** A project's PROJECT tokens: what Project.tokens lists, and what its cursors may name. */
function projectTokensWhere(projectId: string): Prisma.AccessTokenWhereInput {
  return { projectId, kind: 'PROJECT' };
}

builder.prismaObject('ProjectMember', {
  fields: (t) => ({
    user: t.relation('user'),
    role: t.expose('role', { type: ProjectRoleEnum }),
  }),
});

builder.queryFields((t) => ({
  projects: t.prismaConnection(
    {
      type: 'Project',
      cursor: 'id',
      description: 'The projects the caller may read, oldest first.',
      authScopes: (_root, _args, ctx) => tokenReachable(ctx, 'Query.projects', { entity: 'PROJECT', action: 'READ', some: true }),
      totalCount: (_root, _args, ctx) => ctx.prisma.project.count({ where: projectWhere(ctx, 'READ') }),
      resolve: (query, _root, _args, ctx) => {
        const visible = projectWhere(ctx, 'READ');
        return withinBudget(ctx, query.take, () =>
          keysetPage(query, visible, {
            locate: (id) => ctx.prisma.project.findFirst({ where: { AND: [visible, { id }] }, select: anchorSelect }),
          }).then(({ query: rest, where, orderBy }) => ctx.prisma.project.findMany({ ...(rest as { take: number }), where, orderBy })),
        );
      },
    },
    { name: 'ProjectConnection' },
    { name: 'ProjectEdge' },
  ),
  project: t.prismaField({
    type: 'Project',
    nullable: true,
    args: { id: t.arg.id() },
    authScopes: (_root, args, ctx) => {
      const id = valid.uuid(String(args.id), 'id');
      return onObject(ctx, 'Query.project', 'null', () => onProject(ctx, id, { entity: 'PROJECT', action: 'READ' }));
    },
    resolve: (query, _root, args, ctx) => ctx.prisma.project.findFirst({ ...query, where: visibleProject(ctx, String(args.id).toLowerCase()) }),
  }),
}));

/**
 * OWNERs manage a project's tokens, so deciding who is OWNER is token management: an access
 * token or a JWT that could add, promote, demote or remove an OWNER would be one step from it.
 */
function refuseOwnerChangeByToken(ctx: Context): void {
  if (ctx.principal.token) throw forbidden(TOKEN_MANAGEMENT_MESSAGE, 'TOKEN_MANAGEMENT');
}

/**
 * Membership changes of one project wait for each other: two OWNERs removing or demoting each
 * other at once would otherwise both count two OWNERs and leave none.
 */
async function lockMemberships(tx: Pick<Context['prisma'], '$queryRaw'>, projectId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Project" WHERE "id" = ${projectId}::uuid FOR UPDATE`;
}

builder.mutationFields((t) => ({
  createProject: t.prismaField({
    type: 'Project',
    description: 'The creator becomes OWNER. A PROJECT WRITE grant without projectId allows it.',
    args: { name: t.arg.string() },
    authScopes: (_root, _args, ctx) => tokenReachable(ctx, 'Mutation.createProject', { entity: 'PROJECT', action: 'WRITE', create: true }),
    resolve: async (query, _root, args, ctx) => {
      const name = valid.name(args.name);
      const creatorId = ctx.principal.user!.id;
      const project = await ctx.prisma.project.create({
        ...query,
        data: { name, members: { create: { userId: creatorId, role: 'OWNER' } } },
      });
      // The cached principal predates this membership; this request and later ones must see it.
      ctx.principal = withRole(ctx.principal, project.id, 'OWNER');
      await ctx.invalidate();
      return project;
    },
  }),
  updateProject: t.prismaField({
    type: 'Project',
    args: { id: t.arg.id(), name: t.arg.string() },
    authScopes: (_root, args, ctx) => {
      const id = valid.uuid(String(args.id), 'id');
      return onObject(ctx, 'Mutation.updateProject', 'refuse', () => onProject(ctx, id, { entity: 'PROJECT', action: 'WRITE' }));
    },
    resolve: async (query, _root, args, ctx) => {
      const id = String(args.id).toLowerCase();
      const name = valid.name(args.name);
      return orNotFound(ctx.prisma.project.update({ ...query, where: { id }, data: { name } }), 'project', id);
    },
  }),
  deleteProject: t.boolean({
    description: "Deletes the project with its devices and members; its PROJECT tokens are revoked and stay listed.",
    args: { id: t.arg.id() },
    authScopes: (_root, args, ctx) => {
      const id = valid.uuid(String(args.id), 'id');
      return onObject(ctx, 'Mutation.deleteProject', 'refuse', () => onProject(ctx, id, { entity: 'PROJECT', action: 'WRITE' }));
    },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id).toLowerCase();
      const now = new Date();
      const deleted = await ctx.prisma.$transaction(async (tx) => {
        const found = await tx.project.findUnique({ where: { id }, select: { id: true } });
        if (!found) return false;
        await tx.accessToken.updateMany({
          where: { projectId: id, revokedAt: null },
          data: { revokedAt: now, revokedById: ctx.principal.user?.id ?? null, revokeReason: 'project deleted' },
        });
        await tx.project.delete({ where: { id } });
        return true;
      });
      if (!deleted) throw notFound('project', id);
      await ctx.invalidate();
      return true;
    },
  }),
  addProjectMember: t.prismaField({
    type: 'ProjectMember',
    description: "Adds a user to the project, or changes their role if they are already a member.",
    args: { projectId: t.arg.id(), userId: t.arg.id(), role: t.arg({ type: ProjectRoleEnum }) },
    authScopes: (_root, args, ctx) => {
      const projectId = valid.uuid(String(args.projectId), 'projectId');
      valid.uuid(String(args.userId), 'userId');
      return onObject(ctx, 'Mutation.addProjectMember', 'refuse', () => onProject(ctx, projectId, { entity: 'PROJECT', action: 'WRITE' }));
    },
    resolve: async (query, _root, args, ctx) => {
      const projectId = String(args.projectId).toLowerCase();
      const userId = valid.uuid(String(args.userId), 'userId');
      await requireProject(ctx, projectId);
      const user = await ctx.prisma.user.findFirst({ where: { id: userId, deletedAt: null }, select: { id: true } });
      if (!user) throw notFound('user', userId);
      let changed = false;
      const member = await ctx.prisma.$transaction(async (tx) => {
        await lockMemberships(tx, projectId);
        const current = await tx.projectMember.findUnique({ where: { projectId_userId: { projectId, userId } } });
        changed = current?.role !== args.role;
        if (args.role === 'OWNER' || current?.role === 'OWNER') refuseOwnerChangeByToken(ctx);
        if (current?.role === 'OWNER' && args.role !== 'OWNER') {
          const owners = await tx.projectMember.count({ where: { projectId, role: 'OWNER' } });
          if (owners <= 1) throw badInput('The last OWNER of a project cannot be demoted.', 'role');
        }
        return tx.projectMember.upsert({
          ...query,
          where: { projectId_userId: { projectId, userId } },
          create: { projectId, userId, role: args.role },
          update: { role: args.role },
        });
      });
      // Every gateway's credential cache is emptied only for a real change: a repeated request
      // must not make the fleet reload every credential.
      if (changed) await ctx.invalidate();
      return member;
    },
  }),
  removeProjectMember: t.boolean({
    description: 'Removes a member. The last OWNER cannot be removed.',
    args: { projectId: t.arg.id(), userId: t.arg.id() },
    authScopes: (_root, args, ctx) => {
      const projectId = valid.uuid(String(args.projectId), 'projectId');
      valid.uuid(String(args.userId), 'userId');
      return onObject(ctx, 'Mutation.removeProjectMember', 'refuse', () => onProject(ctx, projectId, { entity: 'PROJECT', action: 'WRITE' }));
    },
    resolve: async (_root, args, ctx) => {
      const projectId = String(args.projectId).toLowerCase();
      const userId = valid.uuid(String(args.userId), 'userId');
      await ctx.prisma.$transaction(async (tx) => {
        await lockMemberships(tx, projectId);
        const member = await tx.projectMember.findUnique({ where: { projectId_userId: { projectId, userId } } });
        if (!member) throw notFound('member', userId);
        if (member.role === 'OWNER') {
          refuseOwnerChangeByToken(ctx);
          const owners = await tx.projectMember.count({ where: { projectId, role: 'OWNER' } });
          if (owners <= 1) throw badInput('The last OWNER of a project cannot be removed.', 'userId');
        }
        await tx.projectMember.delete({ where: { projectId_userId: { projectId, userId } } });
      });
      await ctx.invalidate();
      return true;
    },
  }),
}));
