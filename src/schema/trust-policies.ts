import { claimsProblem, jwksUriProblem } from '../auth/federation.js';
import { newSecret, issueToken } from '../auth/issue-token.js';
import { ownerHolds } from '../auth/permissions.js';
import { JWT_MAX_LIFETIME_MS } from '../auth/signing-keys.js';
import type { Prisma } from '../generated/prisma/client.js';
import { recordEvent } from '../lifecycle/audit.js';
import { requireProject, sessionOnly } from './access.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { badInput, forbidden, notFound } from './errors.js';
import { resolveGrants, resolveMethods, type GrantInput } from './token-input.js';
import { ScopeGrantInput } from './token-mutations.js';
import { ScopeGrantType } from './tokens.js';
import * as valid from './validation.js';
import { anchorSelect, keysetPage } from './pagination.js';

/**
 * Trust policies (CI federation): which external OIDC tokens POST /auth/token exchanges, for
 * what. A policy's grants and methods are those of its own PROJECT token (see the TrustPolicy
 * model), checked at creation exactly as createToken checks a PROJECT token's: within what the
 * creator holds in the project. Managed by the project's OWNERs and by admins, in sessions only.
 */

const MIN_LIFETIME_SECONDS = 60;
const MAX_LIFETIME_SECONDS = JWT_MAX_LIFETIME_MS / 1000;
const MAX_POLICIES_PER_PROJECT = 100;

export const FederationExchangeType = builder.prismaObject('FederationExchange', {
  description: 'One attempt to exchange an external token: ISSUED, or the reason it was refused.',
  fields: (t) => ({
    outcome: t.exposeString('outcome'),
    issuer: t.exposeString('issuer', { nullable: true }),
    subject: t.exposeString('subject', { nullable: true }),
    ip: t.exposeString('ip', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

export const TrustPolicyType = builder.prismaObject('TrustPolicy', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    issuer: t.exposeString('issuer'),
    jwksUri: t.exposeString('jwksUri'),
    audience: t.exposeString('audience'),
    claims: t.expose('claims', { type: 'JSON' }),
    projectId: t.exposeID('projectId'),
    maxLifetimeSeconds: t.exposeInt('maxLifetimeSeconds'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    createdBy: t.relation('createdBy', { nullable: true }),
    token: t.relation('token', { description: 'The PROJECT token that holds the grants and methods; its secret is never shown.' }),
    grants: t.field({
      type: [ScopeGrantType],
      resolve: (policy, _args, ctx) =>
        ctx.prisma.tokenGrant.findMany({ where: { tokenId: policy.tokenId }, orderBy: { position: 'asc' }, select: { entity: true, action: true, projectId: true, deviceId: true } }),
    }),
    apiMethods: t.field({
      type: ['String'],
      nullable: true,
      description: 'The API methods exchanged JWTs may call; null for every method.',
      resolve: async (policy, _args, ctx) => {
        const { apiMethods } = await ctx.prisma.accessToken.findUniqueOrThrow({ where: { id: policy.tokenId }, select: { apiMethods: true } });
        return apiMethods.length > 0 ? apiMethods : null;
      },
    }),
    exchanges: t.prismaField({
      type: ['FederationExchange'],
      description: 'The latest exchanges tried under this policy, newest first.',
      args: { last: t.arg.int({ required: false, defaultValue: 20 }) },
      resolve: (query, policy, args, ctx) =>
        ctx.prisma.federationExchange.findMany({
          ...query,
          where: { policyId: policy.id },
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
          take: Math.min(Math.max(args.last ?? 20, 1), 100),
        }),
    }),
  }),
});

const TrustPolicyFields = {
  name: 'a name for people',
  issuer: 'the `iss` the external tokens carry, compared exactly (GitHub Actions: https://token.actions.githubusercontent.com)',
  jwksUri: "where the issuer's public keys are (https)",
  audience: 'the `aud` the external tokens must carry',
  claims: 'claim name to exact value or glob; every one must be present as a string of at most 256 characters and match (`*` does not cross `/`, `**` does; at most 3 wildcards, no braces or extglobs)',
} as const;

const CreateTrustPolicyInput = builder.inputType('CreateTrustPolicyInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: TrustPolicyFields.name }),
    issuer: t.string({ required: true, description: TrustPolicyFields.issuer }),
    jwksUri: t.string({ required: true, description: TrustPolicyFields.jwksUri }),
    audience: t.string({ required: true, description: TrustPolicyFields.audience }),
    claims: t.field({ type: 'JSON', required: true, description: TrustPolicyFields.claims }),
    projectId: t.id({ required: true }),
    grants: t.field({ type: [ScopeGrantInput], required: true, description: "Inside the project, and within what you hold there." }),
    apiMethods: t.stringList({ required: false, description: 'Left out: every method.' }),
    maxLifetimeSeconds: t.int({ required: true, description: `Longest life of an exchanged JWT, ${MIN_LIFETIME_SECONDS} to ${MAX_LIFETIME_SECONDS}; never past the external token's exp.` }),
  }),
});

const UpdateTrustPolicyInput = builder.inputType('UpdateTrustPolicyInput', {
  description: 'Fields left out stay as they are. Any change ends every JWT already exchanged under the policy.',
  fields: (t) => ({
    name: t.string({ required: false }),
    issuer: t.string({ required: false }),
    jwksUri: t.string({ required: false }),
    audience: t.string({ required: false }),
    claims: t.field({ type: 'JSON', required: false }),
    grants: t.field({ type: [ScopeGrantInput], required: false, description: 'Replaces every grant.' }),
    apiMethods: t.stringList({ required: false, description: 'Replaces the list; an empty list allows every method.' }),
    maxLifetimeSeconds: t.int({ required: false }),
  }),
});

function issuer(value: string): string {
  if (!/^[\x21-\x7e]{1,300}$/.test(value)) throw badInput('issuer must be 1 to 300 visible characters, exactly as the tokens state it.', 'issuer');
  return value;
}

function audience(value: string): string {
  if (!/^[\x21-\x7e]{1,300}$/.test(value)) throw badInput('audience must be 1 to 300 visible characters.', 'audience');
  return value;
}

function jwksUri(ctx: Context, value: string): string {
  const problem = value.length > 2000 ? 'jwksUri is too long' : jwksUriProblem(value, ctx.config.federationAllowInsecure);
  if (problem) throw badInput(`${problem}.`, 'jwksUri');
  return value;
}

function claims(value: unknown): Prisma.InputJsonObject {
  const problem = claimsProblem(value);
  if (problem) throw badInput(`${problem}.`, 'claims');
  return value as Prisma.InputJsonObject;
}

function lifetime(value: number): number {
  if (!Number.isInteger(value) || value < MIN_LIFETIME_SECONDS || value > MAX_LIFETIME_SECONDS) {
    throw badInput(`maxLifetimeSeconds must be ${MIN_LIFETIME_SECONDS} to ${MAX_LIFETIME_SECONDS}.`, 'maxLifetimeSeconds');
  }
  return value;
}

/** OWNERs of the project and admins manage its policies; a project the caller cannot see is "not visible". */
function mayManage(ctx: Context, projectId: string, field = 'projectId'): void {
  const rights = ctx.principal.authority!.rights;
  if (!ownerHolds(rights, 'PROJECT', 'READ', projectId)) throw badInput(`No project with id ${projectId} is visible to you.`, field);
  if (!ownerHolds(rights, 'PROJECT', 'WRITE', projectId)) {
    throw forbidden("Only OWNERs of a project and admins manage its trust policies.", 'ROLE', { entity: 'PROJECT', action: 'WRITE', projectId });
  }
}

/** The policies trustPolicies lists: one project's (its OWNERs, admins), else all an admin or OWNER manages. */
function trustPoliciesWhere(ctx: Context, rawProjectId: string | number | null | undefined): Prisma.TrustPolicyWhereInput {
  if (rawProjectId != null) {
    const projectId = valid.uuid(String(rawProjectId), 'projectId');
    mayManage(ctx, projectId);
    return { projectId };
  }
  const rights = ctx.principal.authority!.rights;
  return rights.admin ? {} : { projectId: { in: [...rights.roles].filter(([, role]) => role === 'OWNER').map(([id]) => id) } };
}

async function policyFor(ctx: Context, rawId: string | number) {
  const id = valid.uuid(String(rawId), 'id');
  const policy = await ctx.prisma.trustPolicy.findUnique({ where: { id } });
  const rights = ctx.principal.authority!.rights;
  if (!policy || !ownerHolds(rights, 'PROJECT', 'READ', policy.projectId)) throw notFound('trust policy', id);
  mayManage(ctx, policy.projectId);
  return policy;
}

function grantInputs(inputs: readonly GrantInput[]): readonly GrantInput[] {
  if (inputs.length === 0) throw badInput('A trust policy needs at least one grant.', 'grants');
  return inputs;
}

function methods(apiMethods: readonly string[] | null | undefined) {
  return resolveMethods(null, apiMethods && apiMethods.length > 0 ? apiMethods : null);
}

function actor(ctx: Context) {
  return { actorId: ctx.principal.user!.id, ip: ctx.clientIp };
}

builder.queryFields((t) => ({
  trustPolicies: t.prismaConnection(
    {
      type: 'TrustPolicy',
      cursor: 'id',
      description: "A project's trust policies, oldest first (its OWNERs and admins); without projectId, every policy an admin may see, or those of the projects you own.",
      args: { projectId: t.arg.id({ required: false }) },
      authScopes: sessionOnly,
      totalCount: (_root, args, ctx) => ctx.prisma.trustPolicy.count({ where: trustPoliciesWhere(ctx, args.projectId) }),
      resolve: async (query, _root, args, ctx) => {
        const where = trustPoliciesWhere(ctx, args.projectId);
        const page = await keysetPage(query, where, {
          locate: (id) => ctx.prisma.trustPolicy.findFirst({ where: { AND: [{ id }, where] }, select: anchorSelect }),
        });
        return ctx.prisma.trustPolicy.findMany({ ...page.query, where: page.where, orderBy: page.orderBy });
      },
    },
    { name: 'TrustPolicyConnection' },
    { name: 'TrustPolicyEdge' },
  ),
}));

builder.mutationFields((t) => ({
  createTrustPolicy: t.prismaField({
    type: 'TrustPolicy',
    description: "Trusts an external OIDC issuer's tokens that match the claims: POST /auth/token (with resource = the project id) exchanges them for a short-lived JWT with the policy's grants. Project OWNERs and admins; sessions only.",
    args: { input: t.arg({ type: CreateTrustPolicyInput }) },
    authScopes: sessionOnly,
    resolve: async (query, _root, { input }, ctx) => {
      const projectId = valid.uuid(String(input.projectId), 'projectId');
      mayManage(ctx, projectId);
      await requireProject(ctx, projectId);
      const name = valid.name(input.name);
      const data = {
        name,
        issuer: issuer(input.issuer),
        jwksUri: jwksUri(ctx, input.jwksUri),
        audience: audience(input.audience),
        claims: claims(input.claims),
        maxLifetimeSeconds: lifetime(input.maxLifetimeSeconds),
      };
      const grants = await resolveGrants(ctx, grantInputs(input.grants), projectId);
      const methodSpec = methods(input.apiMethods);
      if ((await ctx.prisma.trustPolicy.count({ where: { projectId } })) >= MAX_POLICIES_PER_PROJECT) {
        throw badInput(`A project may have at most ${MAX_POLICIES_PER_PROJECT} trust policies.`, 'projectId');
      }
      const user = ctx.principal.user!;
      // The token's secret is dropped here: the policy's JWTs are the only way to act as it.
      const { token } = await issueToken(ctx.prisma, {
        kind: 'PROJECT',
        name: `Trust policy: ${name}`.slice(0, valid.MAX_NAME_LENGTH),
        description: 'Holds the grants of a trust policy; exchanged JWTs act as this token. Its secret was never shown: manage it through the policy.',
        ownerId: null,
        projectId,
        createdById: user.id,
        expiresAt: null,
        grants,
        ...methodSpec,
      });
      const policy = await ctx.prisma.trustPolicy.create({ ...query, data: { ...data, projectId, tokenId: token.id, createdById: user.id } });
      await recordEvent(ctx.prisma, { tokenId: token.id, kind: 'CREATED', ...actor(ctx), details: { kind: 'PROJECT', name: token.name, trustPolicy: policy.id } });
      return policy;
    },
  }),
  updateTrustPolicy: t.prismaField({
    type: 'TrustPolicy',
    description: 'Edits a trust policy; every JWT already exchanged under it stops working at once, on every gateway.',
    args: { id: t.arg.id(), input: t.arg({ type: UpdateTrustPolicyInput }) },
    authScopes: sessionOnly,
    resolve: async (query, _root, { id: rawId, input }, ctx) => {
      const policy = await policyFor(ctx, rawId);
      const data: Prisma.TrustPolicyUpdateInput = {};
      if (input.name != null) data.name = valid.name(input.name);
      if (input.issuer != null) data.issuer = issuer(input.issuer);
      if (input.jwksUri != null) data.jwksUri = jwksUri(ctx, input.jwksUri);
      if (input.audience != null) data.audience = audience(input.audience);
      if (input.claims != null) data.claims = claims(input.claims);
      if (input.maxLifetimeSeconds != null) data.maxLifetimeSeconds = lifetime(input.maxLifetimeSeconds);
      const changed = Object.keys(data);
      const grants = input.grants != null ? await resolveGrants(ctx, grantInputs(input.grants), policy.projectId) : undefined;
      if (grants) changed.push('grants');
      const methodSpec = input.apiMethods !== undefined ? methods(input.apiMethods) : undefined;
      if (methodSpec) changed.push('apiMethods');
      if (changed.length === 0) throw badInput('Nothing to change: give at least one field of input.', 'input');
      if (grants) {
        await ctx.prisma.tokenGrant.deleteMany({ where: { tokenId: policy.tokenId } });
        await ctx.prisma.tokenGrant.createMany({ data: grants.map((g, position) => ({ ...g, tokenId: policy.tokenId, position })) });
      }
      // A new (unseen) secret changes the token's secret fingerprint, which every JWT exchanged
      // under the old settings carries: they are refused from here on, whatever changed.
      const fresh = newSecret();
      await ctx.prisma.accessToken.update({
        where: { id: policy.tokenId },
        data: { digest: fresh.digest, displayPrefix: fresh.displayPrefix, ...(data.name ? { name: `Trust policy: ${data.name as string}`.slice(0, valid.MAX_NAME_LENGTH) } : {}), ...methodSpec },
      });
      await recordEvent(ctx.prisma, { tokenId: policy.tokenId, kind: 'UPDATED', ...actor(ctx), details: { fields: changed, trustPolicy: policy.id } });
      const updated = await ctx.prisma.trustPolicy.update({ ...query, where: { id: policy.id }, data });
      await ctx.invalidate();
      return updated;
    },
  }),
  deleteTrustPolicy: t.boolean({
    description: 'Deletes a trust policy and revokes its token: every JWT exchanged under it stops working at once, on every gateway.',
    args: { id: t.arg.id() },
    authScopes: sessionOnly,
    resolve: async (_root, args, ctx) => {
      const policy = await policyFor(ctx, args.id);
      const { count } = await ctx.prisma.accessToken.updateMany({
        where: { id: policy.tokenId, revokedAt: null },
        data: { revokedAt: new Date(), revokedById: ctx.principal.user!.id, revokeReason: 'trust policy deleted' },
      });
      if (count > 0) await recordEvent(ctx.prisma, { tokenId: policy.tokenId, kind: 'REVOKED', ...actor(ctx), details: { reason: 'trust policy deleted', trustPolicy: policy.id } });
      await ctx.prisma.trustPolicy.delete({ where: { id: policy.id } });
      await ctx.invalidate();
      return true;
    },
  }),
}));
