import type { Prisma } from '../generated/prisma/client.js';
import { DEFAULT_MAX_ROTATION_OVERLAP_SECONDS } from '../auth/rotation.js';
import { DEFAULT_EXPIRY_NOTICE_DAYS } from '../lifecycle/expiry-notices.js';
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
    maxRotationOverlapSeconds: t.exposeInt('maxRotationOverlapSeconds', {
      description: 'The longest overlap a rotation may give the secret it replaces (regenerateToken, POST /auth/token/rotate).',
    }),
    revokeOnRotatedSecretReuse: t.exposeBoolean('revokeOnRotatedSecretReuse', {
      description: 'Presenting a secret that a rotation retired revokes the whole token (GitLab does this).',
    }),
    expiryNoticeDays: t.exposeIntList('expiryNoticeDays', {
      description: 'Days before expiry at which the owners are told (notification, e-mail, TOKEN_EXPIRING webhook); 0 is at expiry (TOKEN_EXPIRED).',
    }),
    revokeUnusedAfterDays: t.exposeInt('revokeUnusedAfterDays', {
      nullable: true,
      description: 'A token unused this many days (never used: since creation) is revoked with reason "unused", after a notice 7 days before. Null: off.',
    }),
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
    maxRotationOverlapSeconds: t.int({ required: false }),
    revokeOnRotatedSecretReuse: t.boolean({ required: false }),
    expiryNoticeDays: t.intList({ required: false, description: `Each from 0 to ${MAX_NOTICE_DAY}, at most ${MAX_NOTICE_DAYS} of them; [] sends none.` }),
    revokeUnusedAfterDays: t.int({ required: false, description: `From ${MIN_UNUSED_DAYS} to 36500; null turns it off.` }),
    requestsPerMinute: t.int({ required: false, description: 'null: SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE.' }),
    costPerHour: t.int({ required: false, description: 'null: no cost budget.' }),
  }),
});

const MAX_ROTATION_OVERLAP_LIMIT = 30 * 86_400;
const MAX_NOTICE_DAY = 365;
const MAX_NOTICE_DAYS = 10;
/** The unused-token notice goes out 7 days before the revocation: a shorter period leaves no room for it. */
const MIN_UNUSED_DAYS = 8;

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
      expiryNoticeDays: DEFAULT_EXPIRY_NOTICE_DAYS,
      revokeUnusedAfterDays: null,
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
      if (input.maxRotationOverlapSeconds !== undefined) {
        const value = input.maxRotationOverlapSeconds;
        if (value === null || value < 0 || value > MAX_ROTATION_OVERLAP_LIMIT) {
          throw badInput(`maxRotationOverlapSeconds must be between 0 and ${MAX_ROTATION_OVERLAP_LIMIT} (30 days).`, 'maxRotationOverlapSeconds');
        }
        data.maxRotationOverlapSeconds = value;
      }

      for (const key of ['requestsPerMinute', 'costPerHour'] as const) {
        const value = input[key];
        if (value === undefined) continue;
        if (value !== null && (value < 1 || value > MAX_LIMIT)) throw badInput(`${key} must be between 1 and ${MAX_LIMIT}.`, key);
        data[key] = value;
      }
      for (const key of ['requireExpiry', 'customTokensAdminOnly', 'revokeOnRotatedSecretReuse'] as const) {
        const value = input[key];
        if (value === null) throw badInput(`${key} cannot be null.`, key);
        if (value !== undefined) data[key] = value;
      }
      if (input.expiryNoticeDays !== undefined) {
        const days = input.expiryNoticeDays;
        if (days === null) throw badInput('expiryNoticeDays cannot be null; [] sends no expiry notices.', 'expiryNoticeDays');
        if (days.length > MAX_NOTICE_DAYS) throw badInput(`expiryNoticeDays takes at most ${MAX_NOTICE_DAYS} days.`, 'expiryNoticeDays');
        if (days.some((d) => d < 0 || d > MAX_NOTICE_DAY)) throw badInput(`expiryNoticeDays must each be from 0 to ${MAX_NOTICE_DAY}.`, 'expiryNoticeDays');
        // Kept largest first, without repeats: the order notices go out in.
        data.expiryNoticeDays = [...new Set(days)].sort((a, b) => b - a);
      }
      if (input.revokeUnusedAfterDays !== undefined) {
        const days = input.revokeUnusedAfterDays;
        if (days !== null && (days < MIN_UNUSED_DAYS || days > 36_500)) {
          throw badInput(`revokeUnusedAfterDays must be between ${MIN_UNUSED_DAYS} and 36500 (the notice goes out 7 days before), or null.`, 'revokeUnusedAfterDays');
        }
        data.revokeUnusedAfterDays = days;
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
