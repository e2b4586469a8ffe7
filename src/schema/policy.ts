import type { Prisma } from '../generated/prisma/client.js';
import { DEFAULT_MAX_ROTATION_OVERLAP_SECONDS } from '../auth/rotation.js';
import { builder } from './builder.js';
import { adminSessionOnly, tokenReachable } from './access.js';
import type { Context } from './context.js';
import { badInput } from './errors.js';

builder.prismaObject('TokenPolicy', {
  fields: (t) => ({
    maxLifetimeDays: t.exposeInt('maxLifetimeDays', { nullable: true }),
    defaultLifetimeDays: t.exposeInt('defaultLifetimeDays', { nullable: true }),
    requireExpiry: t.exposeBoolean('requireExpiry'),
    customTokensAdminOnly: t.exposeBoolean('customTokensAdminOnly'),
    maxRotationOverlapSeconds: t.exposeInt('maxRotationOverlapSeconds', {
      description: 'The longest overlap a rotation may give the secret it replaces (regenerateToken, POST /auth/token/rotate).',
    }),
    revokeOnRotatedSecretReuse: t.exposeBoolean('revokeOnRotatedSecretReuse', {
      description: 'Presenting a secret that a rotation retired revokes the whole token (GitLab does this).',
    }),
  }),
});

const TokenPolicyInput = builder.inputType('TokenPolicyInput', {
  description: 'Fields left out keep their value; null clears a limit.',
  fields: (t) => ({
    maxLifetimeDays: t.int({ required: false }),
    defaultLifetimeDays: t.int({ required: false }),
    requireExpiry: t.boolean({ required: false }),
    customTokensAdminOnly: t.boolean({ required: false }),
    maxRotationOverlapSeconds: t.int({ required: false }),
    revokeOnRotatedSecretReuse: t.boolean({ required: false }),
  }),
});

const MAX_ROTATION_OVERLAP_LIMIT = 30 * 86_400;

/** The admin's token policy; the defaults (no limits) until an admin sets one. */
export async function loadPolicy(ctx: Pick<Context, 'prisma'>) {
  return (
    (await ctx.prisma.tokenPolicy.findUnique({ where: { id: 1 } })) ?? {
      id: 1,
      maxLifetimeDays: null,
      defaultLifetimeDays: null,
      requireExpiry: false,
      customTokensAdminOnly: false,
      maxRotationOverlapSeconds: DEFAULT_MAX_ROTATION_OVERLAP_SECONDS,
      revokeOnRotatedSecretReuse: false,
    }
  );
}

builder.queryFields((t) => ({
  tokenPolicy: t.prismaField({
    type: 'TokenPolicy',
    authScopes: (_root, _args, ctx) => tokenReachable(ctx, 'Query.tokenPolicy'),
    resolve: (_query, _root, _args, ctx) => loadPolicy(ctx),
  }),
}));

builder.mutationFields((t) => ({
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
      if (input.maxRotationOverlapSeconds !== undefined) {
        const value = input.maxRotationOverlapSeconds;
        if (value === null || value < 0 || value > MAX_ROTATION_OVERLAP_LIMIT) {
          throw badInput(`maxRotationOverlapSeconds must be between 0 and ${MAX_ROTATION_OVERLAP_LIMIT} (30 days).`, 'maxRotationOverlapSeconds');
        }
        data.maxRotationOverlapSeconds = value;
      }
      for (const key of ['requireExpiry', 'customTokensAdminOnly', 'revokeOnRotatedSecretReuse'] as const) {
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
