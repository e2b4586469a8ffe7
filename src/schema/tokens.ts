import { API_METHOD_SETS, findMethodSet, isTokenMethod, TOKEN_METHODS } from '../auth/api-methods.js';
import { issueToken } from '../auth/issue-token.js';
import { verifyPassword } from '../auth/passwords.js';
import { ownerHolds, type Grant } from '../auth/permissions.js';
import type { Prisma } from '../generated/prisma/client.js';
import { builder } from './builder.js';
import { adminSessionOnly, sessionOnly, tokenReachable } from './access.js';
import type { Context } from './context.js';
import { badInput, forbidden, notFound } from './errors.js';
import * as valid from './validation.js';

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
      resolve: (query, grant, _args, ctx) =>
        grant.projectId ? ctx.prisma.project.findUnique({ ...query, where: { id: grant.projectId } }) : null,
    }),
    device: t.prismaField({
      type: 'Device',
      nullable: true,
      resolve: (query, grant, _args, ctx) =>
        grant.deviceId ? ctx.prisma.device.findUnique({ ...query, where: { id: grant.deviceId } }) : null,
    }),
  }),
});

// Tokens are reached only through session-only fields, `viewer.token` (a token reading itself)
// and `Project.tokens` (owners' sessions), so the type needs no scope of its own.
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
      resolve: (query, token, _args, ctx) =>
        token.projectId ? ctx.prisma.project.findUnique({ ...query, where: { id: token.projectId } }) : null,
    }),
    createdBy: t.relation('createdBy', { nullable: true }),
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
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    revokedBy: t.relation('revokedBy', { nullable: true }),
    revokeReason: t.exposeString('revokeReason', { nullable: true }),
    status: t.field({ type: TokenStatusEnum, resolve: (token) => tokenStatus(token) }),
  }),
});

interface TokenSecretShape {
  secret: string;
  tokenId: string;
}

const TokenSecretType = builder.objectRef<TokenSecretShape>('TokenSecret').implement({
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

const TokenPolicyType = builder.prismaObject('TokenPolicy', {
  fields: (t) => ({
    maxLifetimeDays: t.exposeInt('maxLifetimeDays', { nullable: true }),
    defaultLifetimeDays: t.exposeInt('defaultLifetimeDays', { nullable: true }),
    requireExpiry: t.exposeBoolean('requireExpiry'),
    customTokensAdminOnly: t.exposeBoolean('customTokensAdminOnly'),
  }),
});

const ScopeGrantInput = builder.inputType('ScopeGrantInput', {
  fields: (t) => ({
    entity: t.field({ type: ScopeEntityEnum, required: true }),
    action: t.field({ type: ScopeActionEnum, required: true }),
    projectId: t.id({ required: false }),
    deviceId: t.id({ required: false }),
  }),
});

const CreateTokenInput = builder.inputType('CreateTokenInput', {
  fields: (t) => ({
    kind: t.field({ type: TokenKindEnum, required: true }),
    name: t.string({ required: true }),
    description: t.string({ required: false }),
    expiresAt: t.field({ type: 'DateTime', required: false }),
    projectId: t.id({ required: false, description: 'The project of a PROJECT token.' }),
    grants: t.field({ type: [ScopeGrantInput], required: false }),
    apiMethodSet: t.string({ required: false, description: 'A key from apiMethodSets.' }),
    apiMethods: t.stringList({ required: false, description: 'A custom list from apiMethods.' }),
  }),
});

const TokenPolicyInput = builder.inputType('TokenPolicyInput', {
  description: 'Fields left out keep their value; null clears a limit.',
  fields: (t) => ({
    maxLifetimeDays: t.int({ required: false }),
    defaultLifetimeDays: t.int({ required: false }),
    requireExpiry: t.boolean({ required: false }),
    customTokensAdminOnly: t.boolean({ required: false }),
  }),
});

export async function loadPolicy(ctx: Pick<Context, 'prisma'>) {
  return (
    (await ctx.prisma.tokenPolicy.findUnique({ where: { id: 1 } })) ?? {
      id: 1,
      maxLifetimeDays: null,
      defaultLifetimeDays: null,
      requireExpiry: false,
      customTokensAdminOnly: false,
    }
  );
}

const DAY_MS = 86_400_000;
const MAX_GRANTS = 100;

async function resolveExpiry(ctx: Context, requested: Date | null | undefined): Promise<Date | null> {
  const policy = await loadPolicy(ctx);
  const now = Date.now();
  if (requested == null) {
    if (policy.defaultLifetimeDays) return new Date(now + policy.defaultLifetimeDays * DAY_MS);
    if (policy.requireExpiry || policy.maxLifetimeDays) {
      throw badInput(
        policy.maxLifetimeDays
          ? `expiresAt is required: the token policy allows at most ${policy.maxLifetimeDays} days.`
          : 'expiresAt is required by the token policy.',
        'expiresAt',
      );
    }
    return null;
  }
  if (Number.isNaN(requested.getTime())) throw badInput('expiresAt is not a valid date.', 'expiresAt');
  if (requested.getTime() <= now) throw badInput('expiresAt must be in the future.', 'expiresAt');
  if (policy.maxLifetimeDays && requested.getTime() > now + policy.maxLifetimeDays * DAY_MS) {
    throw badInput(`expiresAt is past the token policy's limit of ${policy.maxLifetimeDays} days.`, 'expiresAt');
  }
  if (requested.getFullYear() > 9999) throw badInput('expiresAt is out of range.', 'expiresAt');
  return requested;
}

function resolveMethods(apiMethodSet: string | null | undefined, apiMethods: readonly string[] | null | undefined) {
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

type GrantInput = { entity: 'PROJECT' | 'DEVICE'; action: 'READ' | 'WRITE'; projectId?: string | number | null; deviceId?: string | number | null };

/**
 * Checks each grant against the database and the creator's own rights: a token never holds more
 * than its creator does. DEVICE grants on one device are pinned to that device's project.
 */
async function resolveGrants(ctx: Context, inputs: readonly GrantInput[], tokenProjectId: string | null): Promise<Grant[]> {
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
    grants.push({ entity: input.entity, action: input.action, projectId, deviceId });
  }
  return grants;
}

async function confirmPassword(ctx: Context, password: string) {
  const user = await ctx.prisma.user.findUnique({ where: { id: ctx.principal.user!.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(user?.passwordHash, password))) {
    throw badInput('Password confirmation failed: the password is wrong.', 'password');
  }
}

/** Who may manage a token: its owner, an OWNER of its project, or an admin. */
function managedTokenWhere(ctx: Context): Prisma.AccessTokenWhereInput {
  const user = ctx.principal.user!;
  if (user.role === 'ADMIN') return {};
  const ownedProjects = [...ctx.principal.authority!.rights.roles].filter(([, role]) => role === 'OWNER').map(([id]) => id);
  return { OR: [{ ownerId: user.id, kind: { not: 'PROJECT' } }, { kind: 'PROJECT', projectId: { in: ownedProjects } }] };
}

builder.queryFields((t) => ({
  myTokens: t.prismaField({
    type: ['AccessToken'],
    description: 'Your USER and CUSTOM tokens, newest first. Sessions only.',
    args: { status: t.arg({ type: TokenStatusEnum, required: false }) },
    authScopes: sessionOnly,
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.accessToken.findMany({
        ...query,
        where: { ownerId: ctx.principal.user!.id, kind: { not: 'PROJECT' }, ...tokenStatusWhere(args.status ?? null) },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      }),
  }),
  adminTokens: t.prismaConnection({
    type: 'AccessToken',
    cursor: 'id',
    description: 'Every token of every user and project, newest first. Admin sessions only.',
    args: {
      status: t.arg({ type: TokenStatusEnum, required: false }),
      search: t.arg.string({ required: false, description: 'Matches token name, description, and owner or creator e-mail and name.' }),
      ownerId: t.arg.id({ required: false }),
    },
    authScopes: adminSessionOnly,
    totalCount: (_parent, args, ctx) => ctx.prisma.accessToken.count({ where: adminTokensWhere(args) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.accessToken.findMany({ ...query, where: adminTokensWhere(args), orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] }),
  }, { name: 'AccessTokenConnection' }, { name: 'AccessTokenEdge' }),
  tokenPolicy: t.prismaField({
    type: 'TokenPolicy',
    authScopes: tokenReachable('Query.tokenPolicy'),
    resolve: (_query, _root, _args, ctx) => loadPolicy(ctx),
  }),
  apiMethodSets: t.field({
    type: [ApiMethodSetType],
    description: 'Predefined API method sets a token may be limited to.',
    authScopes: tokenReachable('Query.apiMethodSets'),
    resolve: () => API_METHOD_SETS,
  }),
  apiMethods: t.stringList({
    description: 'Every API method a token may be limited to. Token management is never among them.',
    authScopes: tokenReachable('Query.apiMethods'),
    resolve: () => [...TOKEN_METHODS],
  }),
}));

function adminTokensWhere(args: { status?: TokenStatus | null; search?: string | null; ownerId?: string | number | null }): Prisma.AccessTokenWhereInput {
  const and: Prisma.AccessTokenWhereInput[] = [tokenStatusWhere(args.status ?? null)];
  if (args.ownerId != null) and.push({ ownerId: valid.uuid(String(args.ownerId), 'ownerId') });
  const search = args.search == null ? '' : valid.text(args.search, 'search', valid.MAX_NAME_LENGTH, { allowEmpty: true });
  if (search) {
    const contains = { contains: search, mode: 'insensitive' as const };
    const person = { OR: [{ email: contains }, { deletedEmail: contains }, { name: contains }] };
    and.push({ OR: [{ name: contains }, { description: contains }, { owner: person }, { createdBy: person }] });
  }
  return { AND: and };
}

builder.mutationFields((t) => ({
  createToken: t.field({
    type: TokenSecretType,
    description: 'Creates a token and returns its secret, once. Sessions only; needs your password.',
    args: { input: t.arg({ type: CreateTokenInput }), password: t.arg.string() },
    authScopes: sessionOnly,
    resolve: async (_root, { input, password }, ctx) => {
      const user = ctx.principal.user!;
      const name = valid.name(input.name);
      const description = valid.optionalText(input.description, 'description', valid.MAX_DESCRIPTION_LENGTH);
      const grantInputs = input.grants ?? [];
      let projectId: string | null = null;
      if (input.kind === 'PROJECT') {
        if (input.projectId == null) throw badInput('A PROJECT token needs projectId.', 'projectId');
        projectId = valid.uuid(String(input.projectId), 'projectId');
        const rights = ctx.principal.authority!.rights;
        if (!ownerHolds(rights, 'PROJECT', 'READ', projectId)) throw notFound('project', projectId);
        if (!ownerHolds(rights, 'PROJECT', 'WRITE', projectId)) {
          throw forbidden('Only OWNERs of a project and admins manage its tokens.', 'ROLE', {
            entity: 'PROJECT',
            action: 'WRITE',
            projectId,
          });
        }
        if (!(await ctx.prisma.project.findUnique({ where: { id: projectId }, select: { id: true } }))) {
          throw notFound('project', projectId);
        }
      } else if (input.projectId != null) {
        throw badInput('projectId is for PROJECT tokens; limit a CUSTOM token with grants.', 'projectId');
      }
      if (input.kind === 'USER' && grantInputs.length > 0) {
        throw badInput("USER tokens take no grants: they act with all of their owner's rights.", 'grants');
      }
      if (input.kind !== 'USER' && grantInputs.length === 0) {
        throw badInput(`${input.kind} tokens need at least one grant.`, 'grants');
      }
      if (input.kind === 'CUSTOM' && user.role !== 'ADMIN' && (await loadPolicy(ctx)).customTokensAdminOnly) {
        throw forbidden('The token policy allows only admins to create CUSTOM tokens.', 'ROLE');
      }
      const methods = resolveMethods(input.apiMethodSet, input.apiMethods);
      const expiresAt = await resolveExpiry(ctx, input.expiresAt);
      const grants = await resolveGrants(ctx, grantInputs, projectId);
      await confirmPassword(ctx, password);
      const { secret, token } = await issueToken(ctx.prisma, {
        kind: input.kind,
        name,
        description,
        ownerId: input.kind === 'PROJECT' ? null : user.id,
        projectId,
        createdById: user.id,
        expiresAt,
        grants,
        ...methods,
      });
      return { secret, tokenId: token.id };
    },
  }),
  revokeToken: t.prismaField({
    type: 'AccessToken',
    description: 'Revokes a token at once, for good. Sessions only; no password needed so it is fast.',
    args: { id: t.arg.id(), reason: t.arg.string({ required: false }) },
    authScopes: sessionOnly,
    resolve: async (query, _root, args, ctx) => {
      const id = valid.uuid(String(args.id), 'id');
      const reason = valid.optionalText(args.reason, 'reason', 500);
      const where = { AND: [{ id }, managedTokenWhere(ctx)] };
      const token = await ctx.prisma.accessToken.findFirst({ where, select: { id: true, revokedAt: true } });
      if (!token) throw notFound('token', id);
      if (!token.revokedAt) {
        // The condition on revokedAt keeps the first revocation's time, actor and reason.
        await ctx.prisma.accessToken.updateMany({
          where: { id, revokedAt: null },
          data: { revokedAt: new Date(), revokedById: ctx.principal.user!.id, revokeReason: reason },
        });
      }
      ctx.authenticator.cache.clear();
      return ctx.prisma.accessToken.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  setTokenPolicy: t.prismaField({
    type: 'TokenPolicy',
    description: 'Admin sessions only.',
    args: { input: t.arg({ type: TokenPolicyInput }) },
    authScopes: adminSessionOnly,
    resolve: async (query, _root, { input }, ctx) => {
      const data: Prisma.TokenPolicyUpdateInput = {};
      for (const key of ['maxLifetimeDays', 'defaultLifetimeDays'] as const) {
        const value = input[key];
        if (value === undefined) continue;
        if (value !== null && (value < 1 || value > 36_500)) throw badInput(`${key} must be between 1 and 36500.`, key);
        data[key] = value;
      }
      for (const key of ['requireExpiry', 'customTokensAdminOnly'] as const) {
        const value = input[key];
        if (value === null) throw badInput(`${key} cannot be null.`, key);
        if (value !== undefined) data[key] = value;
      }
      const current = await loadPolicy(ctx);
      const max = data.maxLifetimeDays !== undefined ? (data.maxLifetimeDays as number | null) : current.maxLifetimeDays;
      const def = data.defaultLifetimeDays !== undefined ? (data.defaultLifetimeDays as number | null) : current.defaultLifetimeDays;
      if (max && def && def > max) {
        throw badInput(`defaultLifetimeDays (${def}) cannot exceed maxLifetimeDays (${max}).`, 'defaultLifetimeDays');
      }
      return ctx.prisma.tokenPolicy.upsert({
        ...query,
        where: { id: 1 },
        create: { id: 1, ...(data as Prisma.TokenPolicyCreateInput) },
        update: data,
      });
    },
  }),
}));
