import type { Limit, LocalRateLimiter, SharedRateLimiter } from '../security/rate-limits.js';
import { AuthenticationError, presentedCredential, type Authenticator, type Door, type Presented } from './authenticator.js';
import { looksLikeJwt } from './jwt.js';
import { ANONYMOUS, type Principal } from './principal.js';
import { kindByPrefix } from './token-format.js';

/**
 * What a request's credential came to. Expected outcomes are results, not exceptions, so that each
 * door can answer in its own format (GraphQL errors, JSON errors, OAuth errors, an HTML page).
 */
export type EntryResult =
  | { ok: true; principal: Principal; ip: string | null }
  /** The address has had too many credentials refused; answered before any is read. */
  | { ok: false; kind: 'blocked'; message: string; retryAfterSeconds: number }
  /** A credential was presented and does not work (401); counted against the address. */
  | { ok: false; kind: 'refused'; message: string }
  /** A working kind of credential sent where it is never accepted: a session or JWT to the exchange. */
  | { ok: false; kind: 'misdirected'; message: string }
  /** The access token has used its request budget for the minute. */
  | { ok: false; kind: 'budget'; message: string; retryAfterSeconds: number };

export interface EntryDeps {
  authenticator: Authenticator;
  limiter: SharedRateLimiter;
  tokenBudget: LocalRateLimiter;
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
    const { authenticator, limiter, tokenBudget, failedAuthPerIp, clientIp, overTls } = this.deps;
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
      const resolved = authenticator.resolve(presented, ip);
      principal = resolved instanceof Promise ? await resolved : resolved;
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      if (failKey) await limiter.hit(failKey, failedAuthPerIp);
      return { ok: false, kind: 'refused', message: error.message };
    }
    if (principal.token) {
      const budget = tokenBudget.take(principal.token.id);
      if (budget.limited) {
        return { ok: false, kind: 'budget', message: 'This access token has used its request budget for the minute.', retryAfterSeconds: budget.retryAfterSeconds };
      }
    }
    return { ok: true, principal, ip };
  }
}
