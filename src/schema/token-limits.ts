import { viewerRateLimit } from '../http/token-limits.js';
import type { BudgetState } from '../security/token-budgets.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { badInput } from './errors.js';
import { loadPolicy, MAX_LIMIT } from './policy.js';
import { ViewerType } from './viewer.js';

/** A token's own limits: createToken and updateToken take them, AccessToken.limits shows them. */

export const TokenLimitsInput = builder.inputType('TokenLimitsInput', {
  description:
    "Each limit is optional and may only be tighter than the token policy's. On updateToken, a limit left out stays and null removes it.",
  fields: (t) => ({
    requestsPerMinute: t.int({ required: false, description: "Requests per minute, at most the policy's requestsPerMinute." }),
    costPerHour: t.int({ required: false, description: "GraphQL Armor cost points per hour, at most the policy's costPerHour." }),
    maxUses: t.int({ required: false, description: 'Requests (at any door, exchanges included) after which the token is refused for good.' }),
    notBefore: t.field({ type: 'DateTime', required: false, description: 'Before this time the token is refused like an expired one.' }),
  }),
});

interface LimitsShape {
  requestsPerMinute?: number | null;
  costPerHour?: number | null;
  maxUses?: number | null;
  notBefore?: Date | null;
}

export interface LimitColumns {
  limitRequestsPerMinute: number | null;
  limitCostPerHour: number | null;
  maxUses: number | null;
  notBefore: Date | null;
}

const COLUMNS = { requestsPerMinute: 'limitRequestsPerMinute', costPerHour: 'limitCostPerHour', maxUses: 'maxUses' } as const;

/**
 * The columns `input` sets, checked against the policy: whole numbers from 1, never looser than
 * the policy's defaults, and a notBefore before the expiry (`expiresAt`: the token's expiry once
 * this change is made). Left-out limits are left out of the result, so an update keeps them.
 */
export async function resolveLimits(ctx: Context, input: LimitsShape | null | undefined, expiresAt: Date | null, current?: Pick<LimitColumns, 'notBefore'>): Promise<Partial<LimitColumns>> {
  const data: Partial<LimitColumns> = {};
  if (input == null) {
    if (current?.notBefore && expiresAt && current.notBefore >= expiresAt) throw badInput('expiresAt must come after the token\'s notBefore.', 'expiresAt');
    return data;
  }
  const policy = await loadPolicy(ctx);
  const ceilings = { requestsPerMinute: policy.requestsPerMinute ?? ctx.config.limits.tokenRequestsPerMinute, costPerHour: policy.costPerHour, maxUses: null };
  for (const key of ['requestsPerMinute', 'costPerHour', 'maxUses'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    const field = `limits.${key}`;
    if (value !== null) {
      if (value < 1 || value > MAX_LIMIT) throw badInput(`${field} must be between 1 and ${MAX_LIMIT}.`, field);
      const ceiling = ceilings[key];
      if (ceiling !== null && value > ceiling) throw badInput(`${field} (${value}) is looser than the token policy's ${key} of ${ceiling}; a token's limits may only be tighter.`, field);
    }
    data[COLUMNS[key]] = value;
  }
  if (input.notBefore !== undefined) data.notBefore = input.notBefore;
  const notBefore = input.notBefore !== undefined ? input.notBefore : (current?.notBefore ?? null);
  if (notBefore && expiresAt && notBefore >= expiresAt) throw badInput('limits.notBefore must come before the token expires.', 'limits.notBefore');
  return data;
}

const TokenLimitsType = builder.objectRef<LimitColumns>('TokenLimits').implement({
  description: "The token's own limits; null where the token policy's default holds (or there is none).",
  fields: (t) => ({
    requestsPerMinute: t.int({ nullable: true, resolve: (l) => l.limitRequestsPerMinute }),
    costPerHour: t.int({ nullable: true, resolve: (l) => l.limitCostPerHour }),
    maxUses: t.exposeInt('maxUses', { nullable: true }),
    notBefore: t.expose('notBefore', { type: 'DateTime', nullable: true }),
  }),
});

builder.prismaObjectField('AccessToken', 'limits', (t) =>
  t.field({
    type: TokenLimitsType,
    resolve: (token) => ({
      limitRequestsPerMinute: token.limitRequestsPerMinute,
      limitCostPerHour: token.limitCostPerHour,
      maxUses: token.maxUses,
      notBefore: token.notBefore,
    }),
  }),
);

const RateLimitKindEnum = builder.enumType('RateLimitKind', {
  values: { REQUESTS: { description: 'Requests per minute.' }, COST: { description: 'GraphQL Armor cost points per hour.' } } as const,
});

const RateLimitType = builder.objectRef<{ kind: 'REQUESTS' | 'COST'; state: BudgetState; cost: number }>('RateLimit').implement({
  description: "The calling token's budget after this request, as in its RateLimit header: its cost budget where it has one, else its request budget.",
  fields: (t) => ({
    kind: t.field({ type: RateLimitKindEnum, resolve: (r) => r.kind }),
    limit: t.int({ resolve: (r) => r.state.limit }),
    remaining: t.int({ resolve: (r) => r.state.remaining }),
    resetAt: t.field({ type: 'DateTime', resolve: (r) => r.state.resetAt! }),
    cost: t.int({ description: "This operation's GraphQL Armor cost, charged to a cost budget.", resolve: (r) => r.cost }),
  }),
});

builder.objectField(ViewerType, 'rateLimit', (t) =>
  t.field({
    type: RateLimitType,
    nullable: true,
    description: 'For an access token or its exchanged JWT; null for sessions and anonymous callers.',
    resolve: (_principal, _args, ctx) => viewerRateLimit(ctx),
  }),
);
