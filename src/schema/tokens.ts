import { API_METHOD_SETS, TOKEN_METHODS } from '../auth/api-methods.js';
import type { Grant } from '../auth/permissions.js';
import type { Prisma } from '../generated/prisma/client.js';
import { previousSecretLiveUntil } from '../auth/rotation.js';
import { builder } from './builder.js';
import { adminSessionOnly, sessionOnly, tokenReachable, visibleProject, visibleProjectIds } from './access.js';
import { tokenWhereFor } from './token-input.js';
import * as valid from './validation.js';
import type { Context } from './context.js';
import { anchorSelect, countedConnection, keysetPage } from './pagination.js';

export const TokenKindEnum = builder.enumType('TokenKind', { values: ['USER', 'CUSTOM', 'PROJECT'] as const });
export const TokenStatusEnum = builder.enumType('TokenStatus', { values: ['ACTIVE', 'EXPIRED', 'REVOKED'] as const });
export const ScopeEntityEnum = builder.enumType('ScopeEntity', { values: ['PROJECT', 'DEVICE'] as const });
export const ScopeActionEnum = builder.enumType('ScopeAction', { values: ['READ', 'WRITE'] as const });

type TokenStatus = 'ACTIVE' | 'EXPIRED' | 'REVOKED';

export function tokenStatus(token: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): TokenStatus {
  if (token.revokedAt) return 'REVOKED';
  if (token.expiresAt && token.expiresAt <= now) return 'EXPIRED';
  return 'ACTIVE';
}

export function tokenStatusWhere(status: TokenStatus | null, now = new Date()): Prisma.AccessTokenWhereInput {
  switch (status) {
    case 'ACTIVE':
      return { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
    case 'EXPIRED':
      return { revokedAt: null, expiresAt: { lte: now } };
    case 'REVOKED':
      return { revokedAt: { not: null } };
    default:
      return {};
  }
}

export const ScopeGrantType = builder.objectRef<Grant>('ScopeGrant').implement({
  description: 'entity x action, optionally limited to one project or one device. WRITE implies READ.',
  fields: (t) => ({
    entity: t.expose('entity', { type: ScopeEntityEnum }),
    action: t.expose('action', { type: ScopeActionEnum }),
    projectId: t.exposeID('projectId', { nullable: true }),
    deviceId: t.exposeID('deviceId', { nullable: true }),
    project: t.prismaField({
      type: 'Project',
      nullable: true,
      authScopes: { reads: 'Project' },
      resolve: (query, grant, _args, ctx) =>
        // Beyond the owner's projects a grant's project answers null, as project(id) does.
        grant.projectId ? ctx.prisma.project.findFirst({ ...query, where: visibleProject(ctx, grant.projectId) }) : null,
    }),
    device: t.prismaField({
      type: 'Device',
      nullable: true,
      authScopes: { reads: 'Device' },
      resolve: (query, grant, _args, ctx) =>
        grant.deviceId ? ctx.prisma.device.findFirst({ ...query, where: { id: grant.deviceId, projectId: visibleProjectIds(ctx) } }) : null,
    }),
  }),
});

// Tokens are reached only through session-only fields and `viewer.token` (a token reading its
// own metadata), so the type needs no scope of its own; who made or revoked it and its audit
// trail are session-only, and the project and objects below it are checked like any other.
export const AccessTokenType = builder.prismaObject('AccessToken', {
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: TokenKindEnum }),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    owner: t.relation('owner', { nullable: true }),
    project: t.prismaField({
      type: 'Project',
      nullable: true,
      authScopes: { reads: 'Project' },
      resolve: (query, token, _args, ctx) =>
        token.projectId ? ctx.prisma.project.findUnique({ ...query, where: { id: token.projectId } }) : null,
    }),
    // Who made or revoked a token is token management; a token reading itself sees its owner only.
    createdBy: t.relation('createdBy', { nullable: true, authScopes: sessionOnly }),
    displayPrefix: t.exposeString('displayPrefix', { description: 'The first characters of the secret, to recognise it.' }),
    grants: t.field({
      type: [ScopeGrantType],
      resolve: (token, _args, ctx) =>
        ctx.prisma.tokenGrant.findMany({
          where: { tokenId: token.id },
          orderBy: { position: 'asc' },
          select: { entity: true, action: true, projectId: true, deviceId: true },
        }),
    }),
    apiMethodSet: t.exposeString('apiMethodSet', { nullable: true }),
    apiMethods: t.field({
      type: ['String'],
      nullable: true,
      description: 'The custom method list; null when the token uses a preset or every method.',
      resolve: (token) => (token.apiMethods.length > 0 ? token.apiMethods : null),
    }),
    allowedCidrs: t.exposeStringList('allowedCidrs', { description: 'Client addresses the token may be used from; empty: anywhere.' }),
    selfRotate: t.exposeBoolean('selfRotate', { description: 'Whether the token may rotate its own secret (POST /auth/token/rotate).' }),
    previousSecretValidUntil: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'While the secret the last rotation replaced still works: until when (sooner, if the new secret is used first). After a self-rotation this includes the hour in which a rotation whose answer was lost can be repeated. Null otherwise.',
      resolve: (token) => previousSecretLiveUntil(token, new Date()),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    revokedBy: t.relation('revokedBy', { nullable: true, authScopes: sessionOnly }),
    revokeReason: t.exposeString('revokeReason', { nullable: true }),
    status: t.field({ type: TokenStatusEnum, resolve: (token) => tokenStatus(token) }),
    lastUsedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the token was last used, to within a minute.',
      resolve: (token, _args, ctx) => {
        const pending = ctx.usage.pendingLastUsed(token.id);
        return pending && (!token.lastUsedAt || pending > token.lastUsedAt) ? pending : token.lastUsedAt;
      },
    }),
  }),
});

/** adminTokens, myTokens and Project.tokens. */
export const AccessTokenConnection = countedConnection(builder, AccessTokenType, { connection: 'AccessTokenConnection', edge: 'AccessTokenEdge' });

/** Your USER and CUSTOM tokens: what myTokens lists, and what its cursors may name. */
function myTokensWhere(ctx: Context): Prisma.AccessTokenWhereInput {
  return { ownerId: ctx.principal.user!.id, kind: { not: 'PROJECT' } };
}

interface TokenSecretShape {
  secret: string;
  tokenId: string;
}

export const TokenSecretType = builder.objectRef<TokenSecretShape>('TokenSecret').implement({
  description: 'The only place a token secret ever appears. Store it now: it cannot be shown again.',
  fields: (t) => ({
    secret: t.exposeString('secret'),
    token: t.prismaField({
      type: 'AccessToken',
      resolve: (query, parent, _args, ctx) => ctx.prisma.accessToken.findUniqueOrThrow({ ...query, where: { id: parent.tokenId } }),
    }),
  }),
});

const ApiMethodSetType = builder.objectRef<(typeof API_METHOD_SETS)[number]>('ApiMethodSet').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    methods: t.exposeStringList('methods'),
  }),
});

builder.queryFields((t) => ({
  myTokens: t.prismaConnection(
    {
      type: 'AccessToken',
      cursor: 'id',
      description: 'Your USER and CUSTOM tokens, newest first. Sessions only.',
      args: { status: t.arg({ type: TokenStatusEnum, required: false }) },
      authScopes: sessionOnly,
      totalCount: (_root, args, ctx) => ctx.prisma.accessToken.count({ where: { AND: [myTokensWhere(ctx), tokenStatusWhere(args.status ?? null)] } }),
      resolve: async (query, _root, args, ctx) => {
        const mine = myTokensWhere(ctx);
        const page = await keysetPage(query, { AND: [mine, tokenStatusWhere(args.status ?? null)] }, {
          direction: 'desc',
          locate: (id) => ctx.prisma.accessToken.findFirst({ where: { AND: [{ id }, mine] }, select: anchorSelect }),
        });
        return ctx.prisma.accessToken.findMany({ ...page.query, where: page.where, orderBy: page.orderBy });
      },
    },
    AccessTokenConnection,
  ),
  token: t.prismaField({
    type: 'AccessToken',
    nullable: true,
    description:
      'One token you may see: your own, a PROJECT token of a project you own, or any token for admins; null otherwise. Sessions only.',
    args: { id: t.arg.id({ required: true }) },
    authScopes: sessionOnly,
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.accessToken.findFirst({ ...query, where: { AND: [{ id: valid.uuid(String(args.id), 'id') }, tokenWhereFor(ctx, 'revoke')] } }),
  }),
  adminTokens: t.prismaConnection({
    type: 'AccessToken',
    cursor: 'id',
    description: 'Every token of every user and project, newest first. Admin sessions only.',
    args: {
      status: t.arg({ type: TokenStatusEnum, required: false }),
      search: t.arg.string({ required: false, description: 'Matches token name, description, and owner or creator e-mail and name.' }),
      ownerId: t.arg.id({ required: false }),
      lastUsedBefore: t.arg({ type: 'DateTime', required: false, description: 'Last used before this time (tokens never used are neverUsed).' }),
      neverUsed: t.arg.boolean({ required: false, description: 'true: never used; false: used at least once.' }),
      expiresBefore: t.arg({ type: 'DateTime', required: false, description: 'Expires (or expired) before this time; tokens without expiry never match.' }),
      allowsAnyAddress: t.arg.boolean({ required: false, description: 'true: no IP allow-list; false: limited to allowedCidrs.' }),
      hasWriteGrants: t.arg.boolean({ required: false, description: 'true: may write (a USER token, or a grant with action WRITE); false: read-only grants.' }),
    },
    authScopes: adminSessionOnly,
    totalCount: (_parent, args, ctx) => ctx.prisma.accessToken.count({ where: adminTokensWhere(args) }),
    resolve: async (query, _root, args, ctx) => {
      const page = await keysetPage(query, adminTokensWhere(args), {
        direction: 'desc',
        locate: (id) => ctx.prisma.accessToken.findUnique({ where: { id }, select: anchorSelect }),
      });
      return ctx.prisma.accessToken.findMany({ ...page.query, where: page.where, orderBy: page.orderBy });
    },
  }, AccessTokenConnection),
  apiMethodSets: t.field({
    type: [ApiMethodSetType],
    description: 'Predefined API method sets a token may be limited to.',
    authScopes: (_root, _args, ctx) => tokenReachable(ctx, 'Query.apiMethodSets'),
    resolve: () => API_METHOD_SETS,
  }),
  apiMethods: t.stringList({
    description: 'Every API method a token may be limited to. Token management is never among them.',
    authScopes: (_root, _args, ctx) => tokenReachable(ctx, 'Query.apiMethods'),
    resolve: () => [...TOKEN_METHODS],
  }),
}));

interface AdminTokensArgs {
  status?: TokenStatus | null;
  search?: string | null;
  ownerId?: string | number | null;
  lastUsedBefore?: Date | null;
  neverUsed?: boolean | null;
  expiresBefore?: Date | null;
  allowsAnyAddress?: boolean | null;
  hasWriteGrants?: boolean | null;
}

/** A USER token acts with its owner's full rights, so it writes wherever its owner may. */
const WRITES: Prisma.AccessTokenWhereInput = { OR: [{ kind: 'USER' }, { grants: { some: { action: 'WRITE' } } }] };

function adminTokensWhere(args: AdminTokensArgs): Prisma.AccessTokenWhereInput {
  const and: Prisma.AccessTokenWhereInput[] = [tokenStatusWhere(args.status ?? null)];
  if (args.ownerId != null) and.push({ ownerId: valid.uuid(String(args.ownerId), 'ownerId') });
  // The usage filters see lastUsedAt as written, which trails real use by up to SCOPEGATE_LAST_USED_FLUSH_MS.
  if (args.lastUsedBefore != null) and.push({ lastUsedAt: { lt: args.lastUsedBefore } });
  if (args.neverUsed != null) and.push({ lastUsedAt: args.neverUsed ? null : { not: null } });
  if (args.expiresBefore != null) and.push({ expiresAt: { lt: args.expiresBefore } });
  if (args.allowsAnyAddress != null) and.push({ allowedCidrs: { isEmpty: args.allowsAnyAddress } });
  if (args.hasWriteGrants != null) and.push(args.hasWriteGrants ? WRITES : { NOT: WRITES });
  const contains = valid.searchFilter(args.search);
  if (contains) {
    const person = { OR: [{ email: contains }, { deletedEmail: contains }, { name: contains }] };
    and.push({ OR: [{ name: contains }, { description: contains }, { owner: person }, { createdBy: person }] });
  }
  return { AND: and };
}

