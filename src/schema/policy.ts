import type { Prisma } from '../generated/prisma/client.js';
import { builder } from './builder.js';
import { adminSessionOnly, tokenReachable } from './access.js';
import type { Context } from './context.js';
import { badInput } from './errors.js';

/** The largest budget a policy or a token may name (GraphQL's Int is 32-bit). */
export const MAX_LIMIT = 1_000_000_000;

builder.prismaObject('TokenPolicy', {
  fields: (t) => ({
    maxLifetimeDays: t.exposeInt('maxLifetimeDays', { nullable: true }),
    defaultLifetimeDays: t.exposeInt('defaultLifetimeDays', { nullable: true }),
    requireExpiry: t.exposeBoolean('requireExpiry'),
    customTokensAdminOnly: t.exposeBoolean('customTokensAdminOnly'),
    requestsPerMinute: t.int({
      description: "Every token's request budget per minute, unless the token's own limits are tighter (SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE when not set).",
      resolve: (policy, _args, ctx) => policy.requestsPerMinute ?? ctx.config.limits.tokenRequestsPerMinute,
    }),
    costPerHour: t.exposeInt('costPerHour', {
      nullable: true,
      description: "Every token's budget of GraphQL Armor cost points per hour, unless the token's own is tighter; null: none.",
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
    requestsPerMinute: t.int({ required: false, description: 'null: SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE.' }),
    costPerHour: t.int({ required: false, description: 'null: no cost budget.' }),
  }),
});

/** The admin's token policy; the defaults (no limits) until an admin sets one. */
export async function loadPolicy(ctx: Pick<Context, 'prisma'>) {
  return (
    (await ctx.prisma.tokenPolicy.findUnique({ where: { id: 1 } })) ?? {
      id: 1,
      maxLifetimeDays: null,
      defaultLifetimeDays: null,
      requireExpiry: false,
      customTokensAdminOnly: false,
      requestsPerMinute: null,
      costPerHour: null,
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
      for (const key of ['requestsPerMinute', 'costPerHour'] as const) {
        const value = input[key];
        if (value === undefined) continue;
        if (value !== null && (value < 1 || value > MAX_LIMIT)) throw badInput(`${key} must be between 1 and ${MAX_LIMIT}.`, key);
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
      const saved = await ctx.prisma.tokenPolicy.upsert({
        ...query,
        where: { id: 1 },
        create: { id: 1, ...(data as Prisma.TokenPolicyCreateInput) },
        update: data,
      });
      // Every token's limits are read with the policy: cached principals must see the new one.
      if (data.requestsPerMinute !== undefined || data.costPerHour !== undefined) await ctx.invalidate();
      return saved;
    },
  }),
}));
