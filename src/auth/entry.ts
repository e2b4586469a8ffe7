import type { Limit, SharedRateLimiter } from '../security/rate-limits.js';
import type { BudgetLimit, BudgetState, TokenBudgets } from '../security/token-budgets.js';
import { AuthenticationError, presentedCredential, usedUp, type Authenticator, type Door, type Presented } from './authenticator.js';
import { looksLikeJwt } from './jwt.js';
import { ANONYMOUS, type Principal } from './principal.js';
import { kindByPrefix } from './token-format.js';

/**
 * What a request's credential came to. Expected outcomes are results, not exceptions, so that each
 * door can answer in its own format (GraphQL errors, JSON errors, OAuth errors, an HTML page).
 */
export type EntryResult =
  /** `budgets`: the token's budgets after this request took its share (for the RateLimit headers). */
  | { ok: true; principal: Principal; ip: string | null; budgets?: BudgetState[] }
  /** The address has had too many credentials refused; answered before any is read. */
  | { ok: false; kind: 'blocked'; message: string; retryAfterSeconds: number }
  /** A credential was presented and does not work (401); counted against the address. */
  | { ok: false; kind: 'refused'; message: string }
  /** A working kind of credential sent where it is never accepted: a session or JWT to the exchange. */
  | { ok: false; kind: 'misdirected'; message: string }
  /** The access token has used its request budget for the minute. */
  | { ok: false; kind: 'budget'; message: string; retryAfterSeconds: number; budgets?: BudgetState[] };

export interface EntryDeps {
  authenticator: Authenticator;
  limiter: SharedRateLimiter;
  budgets: TokenBudgets;
  /** The time authentication is judged at (a token's expiry and notBefore); injected by tests. */
  clock?: () => number;
  failedAuthPerIp: Limit;
  clientIp: (request: Request, serverContext: unknown) => string | null;
  /** Whether the request reached us (or a proxy we trust) over TLS: then only the `__Host-` cookie counts. */
  overTls: (request: Request) => boolean;
}

/**
 * The one way in: `/graphql`, `/auth/token` (GET and POST) and the GraphiQL page authenticate here,
 * so the block on an address, the counting of refused credentials and the per-token budget are the
 * same at every door.
 */
export class Entry {
  constructor(private readonly deps: EntryDeps) {}

  /**
   * Reads the credential the request presents at `door` (for POST /auth/token, `subjectToken`
   * from its body instead) and resolves it. No credential is the anonymous principal.
   */
  async authenticateRequest(request: Request, serverContext: unknown, door: Door, subjectToken?: string): Promise<EntryResult> {
    const { authenticator, limiter, failedAuthPerIp, clientIp, overTls, clock } = this.deps;
    const ip = clientIp(request, serverContext);
    const failKey = ip ? `auth-fail:${ip}` : undefined;
    // Known offenders are refused from memory, before any lookup.
    const blocked = failKey ? limiter.isBlocked(failKey) : undefined;
    if (blocked) return { ok: false, kind: 'blocked', message: 'Too many failed authentications from this address.', retryAfterSeconds: blocked.retryAfterSeconds };
    let principal: Principal;
    try {
      const presented: Presented | undefined = subjectToken !== undefined ? { secret: subjectToken, via: 'query' } : presentedCredential(request, door, overTls(request));
      if (!presented) return { ok: true, principal: ANONYMOUS, ip };
      const kind = kindByPrefix(presented.secret);
      if (door === 'exchange' && (kind === 'session' || kind === 'enrollment' || looksLikeJwt(presented.secret))) {
        return { ok: false, kind: 'misdirected', message: 'Only access tokens can be exchanged; sessions, enrollment tokens and JWTs cannot.' };
      }
      const resolved = authenticator.resolve(presented, ip, clock ? new Date(clock()) : undefined);
      principal = resolved instanceof Promise ? await resolved : resolved;
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      if (failKey) await limiter.hit(failKey, failedAuthPerIp);
      return { ok: false, kind: 'refused', message: error.message };
    }
    if (principal.token) return this.spendBudgets(principal, ip);
    return { ok: true, principal, ip };
  }

  /**
   * For a door that judges the secret itself (POST /auth/token/rotate): the client's address, and
   * whether it is blocked for too many refused credentials.
   */
  gate(request: Request, serverContext: unknown): { ip: string | null; blocked?: { message: string; retryAfterSeconds: number } } {
    const ip = this.deps.clientIp(request, serverContext);
    const blocked = ip ? this.deps.limiter.isBlocked(`auth-fail:${ip}`) : undefined;
    return blocked ? { ip, blocked: { message: 'Too many failed authentications from this address.', retryAfterSeconds: blocked.retryAfterSeconds } } : { ip };
  }

  /** Counts a credential that such a door refused against the address, as every door does. */
  async countRefusal(ip: string | null): Promise<void> {
    if (ip) await this.deps.limiter.hit(`auth-fail:${ip}`, this.deps.failedAuthPerIp);
  }

  /**
   * Takes this request from the token's budgets (security/token-budgets.ts): one request
   * of the minute, and one use of a token with maxUses. The use is taken only once the request is
   * within its minute, so a refused request costs no use. Public for the doors that judge the
   * secret themselves (POST /auth/token/rotate), so that they count the same way.
   */
  spendBudgets(principal: Principal, ip: string | null): EntryResult | Promise<EntryResult> {
    const token = principal.token!;
    const requests = this.deps.budgets.spend(token.id, requestBudget(token.limits.requestsPerMinute));
    const afterRequests = (state: BudgetState): EntryResult | Promise<EntryResult> => {
      if (!state.allowed) {
        return { ok: false, kind: 'budget', message: 'This access token has used its request budget for the minute.', retryAfterSeconds: state.retryAfterSeconds, budgets: [state] };
      }
      if (token.limits.maxUses === null) return { ok: true, principal, ip, budgets: [state] };
      const uses = this.deps.budgets.spend(token.id, useBudget(token.limits.maxUses));
      const afterUses = (used: BudgetState): EntryResult =>
        used.allowed ? { ok: true, principal, ip, budgets: [state, used] } : { ok: false, kind: 'refused', message: usedUp(used.limit) };
      return uses instanceof Promise ? uses.then(afterUses) : afterUses(uses);
    };
    return requests instanceof Promise ? requests.then(afterRequests) : afterRequests(requests);
  }
}

export const requestBudget = (max: number): BudgetLimit => ({ kind: 'requests', max, windowMs: 60_000 });
export const costBudget = (max: number): BudgetLimit => ({ kind: 'cost', max, windowMs: 3_600_000 });
export const useBudget = (max: number): BudgetLimit => ({ kind: 'uses', max, windowMs: null });
