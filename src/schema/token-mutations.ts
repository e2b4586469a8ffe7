import { issueToken } from '../auth/issue-token.js';
import { ownerHolds } from '../auth/permissions.js';
import { replaceSecret } from '../auth/rotation.js';
import { recordEvent } from '../lifecycle/audit.js';
import { builder } from './builder.js';
import { requireProject, sessionOnly } from './access.js';
import type { Context } from './context.js';
import { badInput, forbidden, notFound } from './errors.js';
import { loadPolicy } from './policy.js';
import {
  checkGrantCount,
  confirmPassword,
  DAY_MS,
  issuePolicy,
  policyExpiry,
  resolveGrants,
  resolveMethods,
  tokenFor,
  type GrantInput,
} from './token-input.js';
import { resolveLimits, TokenLimitsInput } from './token-limits.js';
import { ScopeActionEnum, ScopeEntityEnum, TokenKindEnum, TokenSecretType, tokenStatus } from './tokens.js';
import * as valid from './validation.js';

export const ScopeGrantInput = builder.inputType('ScopeGrantInput', {
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
    expiresAt: t.field({ type: 'DateTime', required: false, description: "Left out: the policy's default lifetime, if any." }),
    projectId: t.id({ required: false, description: 'The project of a PROJECT token.' }),
    grants: t.field({ type: [ScopeGrantInput], required: false }),
    apiMethodSet: t.string({ required: false, description: 'A key from apiMethodSets.' }),
    apiMethods: t.stringList({ required: false, description: 'A custom list from apiMethods.' }),
    allowedCidrs: t.stringList({ required: false, description: 'Client addresses the token may be used from (IPv4/IPv6 CIDR); left out: anywhere.' }),
    selfRotate: t.boolean({ required: false, description: 'Lets the token rotate its own secret through POST /auth/token/rotate. Default false.' }),
    limits: t.field({ type: TokenLimitsInput, required: false }),
  }),
});

const UpdateTokenInput = builder.inputType('UpdateTokenInput', {
  description: 'Fields left out stay as they are. `expiresAt: null` removes the expiry where the policy allows it.',
  fields: (t) => ({
    name: t.string({ required: false }),
    description: t.string({ required: false }),
    expiresAt: t.field({ type: 'DateTime', required: false }),
    grants: t.field({ type: [ScopeGrantInput], required: false, description: 'Replaces every grant.' }),
    apiMethodSet: t.string({ required: false }),
    apiMethods: t.stringList({ required: false, description: 'Giving either apiMethodSet or apiMethods replaces both; both null allows every method.' }),
    allowedCidrs: t.stringList({ required: false, description: 'Replaces the IP allow-list; an empty list or null allows any address.' }),
    selfRotate: t.boolean({ required: false, description: 'Lets the token rotate its own secret through POST /auth/token/rotate.' }),
    limits: t.field({ type: TokenLimitsInput, required: false, description: 'Limits left out stay; null removes one.' }),
  }),
});

function refuseRevoked(token: { revokedAt: Date | null }) {
  if (token.revokedAt) throw badInput('This token is revoked; revocation cannot be undone. Copy it to make a new one.', 'id');
}

function actor(ctx: Context) {
  return { actorId: ctx.principal.user!.id, ip: ctx.clientIp };
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
          throw forbidden('Only OWNERs of a project and admins manage its tokens.', 'ROLE', { entity: 'PROJECT', action: 'WRITE', projectId });
        }
        await requireProject(ctx, projectId);
      } else if (input.projectId != null) {
        throw badInput('projectId is for PROJECT tokens; limit a CUSTOM token with grants.', 'projectId');
      }
      checkGrantCount(input.kind, grantInputs.length);
      const expiresAt = issuePolicy(ctx, await loadPolicy(ctx), input.kind, input.expiresAt === null ? undefined : input.expiresAt);
      const methods = resolveMethods(input.apiMethodSet, input.apiMethods);
      const grants = await resolveGrants(ctx, grantInputs, projectId);
      const allowedCidrs = valid.cidrs(input.allowedCidrs ?? []);
      const limits = await resolveLimits(ctx, input.limits, expiresAt);
      await confirmPassword(ctx, password);
      const { secret, token } = await ctx.prisma.$transaction(async (tx) => {
        const issued = await issueToken(tx, {
          kind: input.kind,
          name,
          description,
          ownerId: input.kind === 'PROJECT' ? null : user.id,
          projectId,
          createdById: user.id,
          expiresAt,
          grants,
          ...methods,
          allowedCidrs,
          selfRotate: input.selfRotate ?? false,
          limits,
        });
        await recordEvent(tx, { tokenId: issued.token.id, kind: 'CREATED', ...actor(ctx), details: { kind: input.kind, name } });
        return issued;
      });
      return { secret, tokenId: token.id };
    },
  }),
  updateToken: t.prismaField({
    type: 'AccessToken',
    description: 'Edits name, description, expiry (within the policy), grants and API methods. Sessions only; needs your password.',
    args: { id: t.arg.id(), input: t.arg({ type: UpdateTokenInput }), password: t.arg.string() },
    authScopes: sessionOnly,
    resolve: async (query, _root, { id: rawId, input, password }, ctx) => {
      const token = await tokenFor(ctx, rawId, 'manage');
      refuseRevoked(token);
      const data: Parameters<Context['prisma']['accessToken']['update']>[0]['data'] = {};
      const changed: string[] = [];
      if (input.name != null) {
        data.name = valid.name(input.name);
        changed.push('name');
      }
      if (input.description !== undefined) {
        data.description = valid.optionalText(input.description, 'description', valid.MAX_DESCRIPTION_LENGTH);
        changed.push('description');
      }
      if (input.expiresAt !== undefined) {
        // A new expiry date earns new notices: they are claimed per expiry date.
        data.expiresAt = policyExpiry(await loadPolicy(ctx), input.expiresAt);
        changed.push('expiresAt');
      }
      if (input.allowedCidrs !== undefined) {
        data.allowedCidrs = valid.cidrs(input.allowedCidrs ?? []);
        changed.push('allowedCidrs');
      }
      if (input.selfRotate !== undefined) {
        if (input.selfRotate === null) throw badInput('selfRotate cannot be null; give true or false.', 'selfRotate');
        data.selfRotate = input.selfRotate;
        changed.push('selfRotate');
      }
      if (input.apiMethodSet !== undefined || input.apiMethods !== undefined) {
        Object.assign(data, resolveMethods(input.apiMethodSet, input.apiMethods));
        changed.push('apiMethods');
      }
      if (input.limits !== undefined || input.expiresAt !== undefined) {
        const expiresAt = data.expiresAt !== undefined ? (data.expiresAt as Date | null) : token.expiresAt;
        Object.assign(data, await resolveLimits(ctx, input.limits, expiresAt, token));
        if (input.limits != null) changed.push('limits');
      }
      let grants: Awaited<ReturnType<typeof resolveGrants>> | undefined;
      if (input.grants != null) {
        checkGrantCount(token.kind, input.grants.length);
        grants = await resolveGrants(ctx, input.grants as GrantInput[], token.kind === 'PROJECT' ? token.projectId : null);
        changed.push('grants');
      }
      if (changed.length === 0) throw badInput('Nothing to change: give at least one field of input.', 'input');
      await confirmPassword(ctx, password);
      const updated = await ctx.prisma.$transaction(async (tx) => {
        if (grants) {
          await tx.tokenGrant.deleteMany({ where: { tokenId: token.id } });
          await tx.tokenGrant.createMany({ data: grants.map((g, position) => ({ ...g, tokenId: token.id, position })) });
        }
        const updated = await tx.accessToken.update({ ...query, where: { id: token.id }, data });
        // After the update, so that a webhook names the token as it now is.
        await recordEvent(tx, { tokenId: token.id, kind: 'UPDATED', ...actor(ctx), details: { fields: changed } });
        return updated;
      });
      await ctx.invalidate();
      return updated;
    },
  }),
  regenerateToken: t.field({
    type: TokenSecretType,
    description:
      'A new secret for the same token and settings. With overlapSeconds, the old secret keeps working until that time passes or the new secret is first used, whichever comes first (at most the policy\'s maxRotationOverlapSeconds); without, it stops at once. An expired token needs a new expiresAt. Sessions only; needs your password.',
    args: {
      id: t.arg.id(),
      password: t.arg.string(),
      expiresAt: t.arg({ type: 'DateTime', required: false }),
      overlapSeconds: t.arg.int({ required: false, defaultValue: 0 }),
    },
    authScopes: sessionOnly,
    resolve: async (_root, args, ctx) => {
      const token = await tokenFor(ctx, args.id, 'manage');
      refuseRevoked(token);
      if (args.expiresAt == null && tokenStatus(token) === 'EXPIRED') {
        throw badInput(`This token expired at ${token.expiresAt!.toISOString()}; give regenerateToken a new expiresAt.`, 'expiresAt');
      }
      const policy = await loadPolicy(ctx);
      const overlapSeconds = args.overlapSeconds ?? 0;
      if (overlapSeconds < 0 || overlapSeconds > policy.maxRotationOverlapSeconds) {
        throw badInput(`overlapSeconds must be between 0 and ${policy.maxRotationOverlapSeconds} (the token policy's maxRotationOverlapSeconds).`, 'overlapSeconds');
      }
      // The expiry it keeps (or is given) must meet today's policy, like a new token's.
      const expiresAt = issuePolicy(ctx, policy, token.kind, args.expiresAt ?? token.expiresAt);
      await confirmPassword(ctx, args.password);
      const { secret } = await ctx.prisma.$transaction(async (tx) => {
        const replaced = await replaceSecret(tx, token.id, {
          now: new Date(),
          overlapSeconds,
          selfRotation: false,
          data: { expiresAt },
        });
        await recordEvent(tx, { tokenId: token.id, kind: 'REGENERATED', ...actor(ctx), details: { overlapSeconds } });
        return replaced;
      });
      await ctx.invalidate();
      return { secret, tokenId: token.id };
    },
  }),
  copyToken: t.field({
    type: TokenSecretType,
    description:
      "A new token with the same kind, description, grants, API methods, limits and lifetime, under a new name and secret, with uses counted afresh. Grants are checked against your rights today. Sessions only; needs your password.",
    args: { id: t.arg.id(), name: t.arg.string(), password: t.arg.string() },
    authScopes: sessionOnly,
    resolve: async (_root, args, ctx) => {
      const source = await tokenFor(ctx, args.id, 'manage');
      const name = valid.name(args.name);
      if (source.kind === 'PROJECT' && !source.projectId) throw badInput("This token's project is gone; there is nothing to copy it into.", 'id');
      const grants = await resolveGrants(ctx, source.grants, source.kind === 'PROJECT' ? source.projectId : null);
      const policy = await loadPolicy(ctx);
      // Same lifetime as the original, trimmed to what the policy allows today.
      let lifetime = source.expiresAt ? source.expiresAt.getTime() - source.createdAt.getTime() : undefined;
      if (policy.maxLifetimeDays) lifetime = Math.min(lifetime ?? Infinity, policy.maxLifetimeDays * DAY_MS);
      const expiresAt = issuePolicy(ctx, policy, source.kind, lifetime === undefined ? (policy.defaultLifetimeDays ? undefined : null) : new Date(Date.now() + lifetime));
      await confirmPassword(ctx, args.password);
      const { secret, token } = await ctx.prisma.$transaction(async (tx) => {
        const issued = await issueToken(tx, {
          kind: source.kind,
          name,
          description: source.description,
          ownerId: source.kind === 'PROJECT' ? null : ctx.principal.user!.id,
          projectId: source.projectId,
          createdById: ctx.principal.user!.id,
          expiresAt,
          grants,
          apiMethodSet: source.apiMethodSet,
          apiMethods: source.apiMethods,
          allowedCidrs: source.allowedCidrs,
          selfRotate: source.selfRotate,
          // A policy tightened since holds over these anyway (the tighter one wins at every request).
          limits: {
            limitRequestsPerMinute: source.limitRequestsPerMinute,
            limitCostPerHour: source.limitCostPerHour,
            maxUses: source.maxUses,
            // A notBefore the copy's lifetime ends before would make a token that never works.
            notBefore: source.notBefore && (!expiresAt || source.notBefore < expiresAt) ? source.notBefore : null,
          },
        });
        await recordEvent(tx, { tokenId: issued.token.id, kind: 'CREATED', ...actor(ctx), details: { kind: source.kind, name, copiedFrom: source.id } });
        await recordEvent(tx, { tokenId: source.id, kind: 'COPIED', ...actor(ctx), details: { copy: issued.token.id } });
        return issued;
      });
      return { secret, tokenId: token.id };
    },
  }),
  revokeToken: t.prismaField({
    type: 'AccessToken',
    description: 'Revokes a token at once, for good. Sessions only; no password needed so it is fast. Admins may revoke any token.',
    args: { id: t.arg.id(), reason: t.arg.string({ required: false }) },
    authScopes: sessionOnly,
    resolve: async (query, _root, args, ctx) => {
      const reason = valid.optionalText(args.reason, 'reason', 500);
      const token = await tokenFor(ctx, args.id, 'revoke');
      if (!token.revokedAt) {
        const revoked = await ctx.prisma.$transaction(async (tx) => {
          // The condition on revokedAt keeps the first revocation's time, actor and reason.
          const { count } = await tx.accessToken.updateMany({
            where: { id: token.id, revokedAt: null },
            data: { revokedAt: new Date(), revokedById: ctx.principal.user!.id, revokeReason: reason },
          });
          if (count > 0) await recordEvent(tx, { tokenId: token.id, kind: 'REVOKED', ...actor(ctx), details: reason ? { reason } : undefined });
          return count > 0;
        });
        // Only a revocation that happened empties every gateway's credential cache.
        if (revoked) await ctx.invalidate();
      }
      return ctx.prisma.accessToken.findUniqueOrThrow({ ...query, where: { id: token.id } });
    },
  }),
}));
