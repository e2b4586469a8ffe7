import type { Plugin } from 'graphql-yoga';
import { costBudget } from '../auth/entry.js';
import type { Principal } from '../auth/principal.js';
import { rateLimited } from '../security/rate-limits.js';
import type { BudgetState, TokenBudgets } from '../security/token-budgets.js';
import type { Context } from '../schema/context.js';
import { operationCost } from './hardening.js';
import { factsOf } from './request-facts.js';

const WINDOW_SECONDS = { requests: 60, cost: 3_600 } as const;

/**
 * The `RateLimit-Policy` and `RateLimit` fields of draft-ietf-httpapi-ratelimit-headers (Structured
 * Field lists, one member per budget): `q` the quota and `w` its window in seconds; `r` what is
 * left and `t` the seconds until the window resets. `uses` never resets, so it has neither.
 */
export function rateLimitFields(states: readonly BudgetState[], now: number): { policy: string; current: string } {
  // Built by concatenation: this runs on every response to a token.
  let policy = '';
  let current = '';
  for (const s of states) {
    if (policy !== '') {
      policy += ', ';
      current += ', ';
    }
    policy += s.kind === 'uses' ? `"uses";q=${s.limit}` : `"${s.kind}";q=${s.limit};w=${WINDOW_SECONDS[s.kind]}`;
    current += s.resetAt ? `"${s.kind}";r=${s.remaining};t=${Math.max(0, Math.ceil((s.resetAt.getTime() - now) / 1000))}` : `"${s.kind}";r=${s.remaining}`;
  }
  return { policy, current };
}

/** The cost budget of a token that has one: charged by this request, or else as this process knows it. */
function withCost(states: readonly BudgetState[], principal: Principal | undefined, budgets: TokenBudgets): readonly BudgetState[] {
  const max = principal?.token?.limits.costPerHour;
  if (max == null || states.some((s) => s.kind === 'cost')) return states;
  return [...states, budgets.peek(principal!.token!.id, costBudget(max))];
}

/**
 * A token's cost budget, charged before execution with the GraphQL Armor cost of the operation
 * (what the cost limit measured at validation), and the RateLimit headers on every response to a
 * token's request. The request and use budgets are taken earlier, at the entry.
 */
export function tokenLimitsPlugin(budgets: TokenBudgets, clock: () => number = Date.now): Plugin<Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue;
      const token = ctx.principal.token;
      // explainToken's dry runs are not the token's requests.
      if (!token || ctx.dryRun) return;
      const facts = factsOf(ctx.request);
      // Armor's costs have halves (its depth factor is 1.5); budgets count whole points.
      const cost = Math.ceil(operationCost(args.document, args.operationName) ?? 0);
      if (facts) facts.cost = cost;
      const max = token.limits.costPerHour;
      if (max === null) return;
      const charged = (state: BudgetState) => {
        if (facts) facts.rateLimits = [...(facts.rateLimits ?? []), state];
        if (state.allowed) return;
        const message =
          cost > state.limit
            ? `This operation costs ${cost} points, more than this access token's budget of ${state.limit} per hour.`
            : `This operation costs ${cost} points; this access token has ${state.remaining} of its ${state.limit} points per hour left until ${state.resetAt!.toISOString()}.`;
        setResultAndStopExecution({ errors: [rateLimited(message, state.retryAfterSeconds)] });
      };
      const spent = budgets.spend(token.id, costBudget(max), cost);
      return spent instanceof Promise ? spent.then(charged) : charged(spent);
    },
    onResponse({ request, response }) {
      const facts = factsOf(request);
      if (!facts?.rateLimits || facts.internal) return;
      const { policy, current } = rateLimitFields(withCost(facts.rateLimits, facts.principal, budgets), clock());
      response.headers.set('RateLimit-Policy', policy);
      response.headers.set('RateLimit', current);
    },
  };
}

/** What viewer.rateLimit answers: the cost budget where the token has one, else its request budget. */
// The cost budget was charged before execution, so it is among the request's states already.
export function viewerRateLimit(ctx: Context): { kind: 'REQUESTS' | 'COST'; state: BudgetState; cost: number } | null {
  const facts = factsOf(ctx.request);
  if (!ctx.principal.token || !facts?.rateLimits) return null;
  const states = facts.rateLimits;
  const state = states.find((s) => s.kind === 'cost') ?? states.find((s) => s.kind === 'requests');
  if (!state) return null;
  return { kind: state.kind === 'cost' ? 'COST' : 'REQUESTS', state, cost: facts.cost ?? 0 };
}
