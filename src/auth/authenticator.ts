import { hash } from 'node:crypto';
import type { PrismaClient } from '../db/client.js';
import { TokenReads, type TokenRow } from '../db/token-reads.js';
import { recordEvent } from '../lifecycle/audit.js';
import { AuthCache } from './auth-cache.js';
import { allowedFrom } from './client-address.js';
import { JwtError, looksLikeJwt, UNKNOWN_KEY, verifyExchangeJwt, type ExchangeClaims, type JwtSettings } from './jwt.js';
import { type DefaultLimits, enrollmentPrincipal, type Principal, sessionPrincipal, tokenPrincipal } from './principal.js';
import { sessionFromCookies } from './session-cookie.js';
import type { KeyStore } from './signing-keys.js';
import { digestSecret, kindByPrefix, parseSecret, UNRECOGNISED_CREDENTIAL } from './token-format.js';
import { previousSecretState, type PreviousSecret } from './previous-secret.js';

/** Why a presented credential was refused; becomes a 401 with `WWW-Authenticate`. */
export class AuthenticationError extends Error {}

type Resolved = Principal | { refused: string };

function usable(resolved: Resolved): Principal {
  if ('refused' in resolved) throw new AuthenticationError(resolved.refused);
  return resolved;
}

const JWT_CACHE_TTL_MS = 10 * 60_000;

const membershipSelect = { select: { projectId: true, role: true } } as const;

// Only non-simple requests may carry the session cookie to /graphql: a cross-site form or <img>
// cannot send them without a CORS preflight, which this gateway never grants. SameSite=Strict is
// the first wall.
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
export const CSRF_HEADER = 'x-scopegate-csrf';

function cookieAllowed(request: Request): boolean {
  if (request.headers.has(CSRF_HEADER)) return true;
  if (request.method !== 'POST') return false;
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  return type !== '' && !SIMPLE_CONTENT_TYPES.includes(type);
}

export interface Presented {
  secret: string;
  via: 'bearer' | 'basic' | 'cookie' | 'query';
}

/**
 * Where a request comes in: `/graphql`, the GraphiQL page, or `/auth/token` (GET, which also takes
 * `?api_token=`; POST passes its `subject_token` instead of reading the request).
 */
export type Door = 'graphql' | 'graphiql' | 'exchange' | 'rotate';

/**
 * The credential a request presents at `door`: the Authorization header; else, at the exchange,
 * `?api_token=`; else the session cookie. /graphql takes the cookie only from requests a cross-site
 * page cannot make; the GraphiQL page takes it on its plain GET, since the page holds no data and
 * every query it sends is a JSON POST. Throws AuthenticationError for what cannot be read or may
 * not be sent that way.
 */
export function presentedCredential(request: Request, door: Door, overTls = false): Presented | undefined {
  const header = request.headers.get('authorization');
  if (header !== null) {
    const space = header.indexOf(' ');
    const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
    const value = space < 0 ? '' : header.slice(space + 1).trim();
    if (scheme === 'bearer' && value) return { secret: value, via: 'bearer' };
    if (scheme === 'basic' && value) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const username = colon < 0 ? decoded : decoded.slice(0, colon);
      const password = colon < 0 ? '' : decoded.slice(colon + 1);
      // git and most HTTP clients put a token in either half; GitHub accepts both.
      return { secret: username || password, via: 'basic' };
    }
    throw new AuthenticationError('the Authorization header must be "Bearer <token>" or "Basic <base64(token:)>"');
  }
  if (door === 'exchange') {
    const fromQuery = new URL(request.url).searchParams.get('api_token');
    if (fromQuery !== null) return { secret: fromQuery, via: 'query' };
  }
  // A token rotates itself with its own secret; a session cookie is never that.
  if (door === 'rotate') return undefined;
  const cookie = sessionFromCookies(request.headers.get('cookie'), overTls);
  if (cookie === undefined) return undefined;
  if (door === 'graphql' && !cookieAllowed(request)) {
    throw new AuthenticationError(
      `a session cookie is only accepted on POST requests with a JSON body or with the ${CSRF_HEADER} header`,
    );
  }
  return { secret: cookie, via: 'cookie' };
}

/** Why a token row cannot act at `now`, if it cannot: the same rules for every way a token is used. */
export function refusalOf(token: Pick<TokenRow, 'revokedAt' | 'expiresAt' | 'kind' | 'projectId' | 'owner'>, now: Date): string | undefined {
  if (token.revokedAt) return 'access token revoked';
  if (token.expiresAt && token.expiresAt <= now) return 'access token expired';
  if (token.kind === 'PROJECT' ? !token.projectId : !token.owner || token.owner.deletedAt) return 'access token revoked';
  return undefined;
}

/** What happens to rotated secrets when they are presented (auth/rotation.ts). */
export interface SecretEvents {
  firstUse(tokenId: string, now: Date): Promise<void>;
  retiredSecretPresented(tokenId: string, ip: string | null, now: Date, previous?: PreviousSecret): Promise<void>;
}

export const REPLACED_BY_ROTATION = 'this secret was replaced by a rotation';
export const usedUp = (maxUses: number) => `access token used up (maxUses ${maxUses})`;

export interface AuthenticatorOptions {
  cacheTtlMs: number | (() => number);
  cacheMaxEntries: number;
  keys: KeyStore;
  jwt: JwtSettings;
  secrets?: SecretEvents;
  /** Where failures of work done beside a request go. */
  log?: (message: string) => void;
  /** SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE: every token's request budget unless the policy sets one. */
  requestsPerMinute: number;
}

/**
 * Before its notBefore a token is refused the way an expired one is: it does not work yet. Every
 * door that takes a token asks this (POST /auth/token/rotate too), as does explainToken.
 */
export function started(principal: Principal, now: Date): void {
  const notBefore = principal.token?.limits.notBefore;
  if (notBefore && notBefore > now) throw new AuthenticationError(`access token not valid before ${notBefore.toISOString()}`);
}

/**
 * Turns a request's credential into a Principal. The hot path is one SHA-256 and a cache hit;
 * the database is read on a miss only, and never written.
 */
export class Authenticator {
  readonly cache: AuthCache<Resolved>;
  private readonly reads: TokenReads;
  private readonly verifiedJwts: AuthCache<ExchangeClaims | { refused: string }>;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: AuthenticatorOptions,
  ) {
    this.cache = new AuthCache(options.cacheTtlMs, options.cacheMaxEntries);
    this.reads = new TokenReads(prisma);
    // A signature's validity never changes, so verified JWTs are kept for as long as they live.
    this.verifiedJwts = new AuthCache(JWT_CACHE_TTL_MS, options.cacheMaxEntries);
  }

  /**
   * The principal behind a presented credential; throws AuthenticationError for one that does not
   * work, including a token used from outside its IP allow-list (`ip`: the client's address).
   * Requests come in through auth/entry.ts, which reads the credential and counts refusals.
   */
  // Synchronous on a cache hit (the hot path): no promise and no microtask per request. Callers
  // await it all the same; a refusal may then be thrown rather than rejected.
  resolve(presented: Presented, ip: string | null = null, now = new Date()): Principal | Promise<Principal> {
    const principal = this.resolveCredential(presented, ip, now);
    return principal instanceof Promise ? principal.then((p) => this.checkAddress(p, ip, now)) : this.checkAddress(principal, ip, now);
  }

  /** Refuses a token used from outside its allow-list (AuthenticationError), with an audit event. */
  checkAddress(principal: Principal, ip: string | null, now: Date): Principal {
    if (principal.token && !allowedFrom(principal.token.allowList, ip)) {
      this.recordDeniedAddress(principal.token.id, ip, now);
      throw new AuthenticationError('this access token may not be used from your address');
    }
    return principal;
  }

  private readonly deniedRecently = new Map<string, number>();

  /** An audit event per token and address, at most every 10 minutes per process. */
  private recordDeniedAddress(tokenId: string, ip: string | null, now: Date): void {
    const key = `${tokenId}|${ip}`;
    if ((this.deniedRecently.get(key) ?? 0) > now.getTime()) return;
    if (this.deniedRecently.size > 10_000) this.deniedRecently.clear();
    this.deniedRecently.set(key, now.getTime() + 10 * 60_000);
    void recordEvent(this.prisma, { tokenId, kind: 'DENIED_IP', actorId: null, ip, details: { reason: 'address not in allowedCidrs' } }).catch(() => {});
  }

  private resolveCredential(presented: Presented, ip: string | null, now: Date): Principal | Promise<Principal> {
    const { secret, via } = presented;
    const kind = kindByPrefix(secret);
    if (kind === undefined) {
      if (looksLikeJwt(secret)) {
        if (via !== 'bearer') throw new AuthenticationError('an exchanged JWT is sent as a Bearer token');
        return this.fromJwt(secret, now);
      }
      throw new AuthenticationError(UNRECOGNISED_CREDENTIAL);
    }
    if (kind === 'session' && (via === 'basic' || via === 'query')) {
      throw new AuthenticationError('Basic authentication takes an access token, not a session');
    }
    if (kind === 'access-token' && via === 'cookie') {
      throw new AuthenticationError('the session cookie holds a session, not an access token');
    }
    if (kind === 'enrollment' && via !== 'bearer') throw new AuthenticationError('an enrollment token is sent as a Bearer token');
    const digest = digestSecret(secret);
    const load = () =>
      kind === 'session' ? this.loadSession(digest, now) : kind === 'enrollment' ? this.loadEnrollment(digest, now) : this.loadBySecret(digest, ip, now);
    const unexpired = (principal: Principal): Principal | Promise<Principal> => {
      if (principal.expiresAt && principal.expiresAt <= now) {
        this.cache.delete(digest);
        // A previous secret whose overlap ended is reuse of a retired secret, which the database
        // load recognises and records.
        if (principal.token?.viaPreviousSecret) return this.cached(digest, now, load);
        throw new AuthenticationError(kind === 'session' ? 'session expired' : kind === 'enrollment' ? 'enrollment token expired' : 'access token expired');
      }
      started(principal, now);
      return principal;
    };
    // A hit skips the format and checksum checks: only a secret that passed them is ever stored,
    // and its SHA-256 digest stands for exactly that string. The hot path is then one digest and
    // one Map lookup.
    const hit = this.cache.get(digest, now.getTime());
    if (hit !== undefined) return unexpired(usable(hit));
    const parsed = parseSecret(secret);
    if (!parsed.ok) throw new AuthenticationError(parsed.reason);
    const principal = this.cached(digest, now, load);
    return principal instanceof Promise ? principal.then(unexpired) : unexpired(principal);
  }

  /** A cache hit is answered synchronously; only a miss waits for the database. */
  private cached(key: string, now: Date, load: () => Promise<Resolved>): Principal | Promise<Principal> {
    const resolved = this.cache.getOrLoad(key, load, now.getTime());
    return resolved instanceof Promise ? resolved.then(usable) : usable(resolved);
  }

  private async fromJwt(jwt: string, now: Date): Promise<Principal> {
    const key = hash('sha256', jwt, 'base64url');
    let claims = this.verifiedJwts.get(key, now.getTime());
    if (claims === undefined) {
      try {
        claims = await verifyExchangeJwt(this.options.keys, this.options.jwt, jwt, now);
      } catch (error) {
        if (!(error instanceof JwtError)) throw error;
        claims = { refused: error.message };
      }
      // Not a key unknown here: it may be one rotated in elsewhere whose NOTIFY has not been read
      // yet (the key store reloads for an unknown id at most once a second). Refusing it again
      // costs no signature check.
      if (!('refused' in claims && claims.refused === UNKNOWN_KEY)) {
        this.verifiedJwts.set(key, claims, now.getTime(), 'refused' in claims ? Infinity : claims.expiresAt.getTime() - now.getTime());
      }
    }
    if ('refused' in claims) throw new AuthenticationError(claims.refused);
    if (claims.expiresAt <= now) throw new AuthenticationError('JWT expired');
    const token = await this.cached(`tid:${claims.tokenId}`, now, () => this.loadToken(claims.tokenId, now));
    // A JWT exchanged with the previous secret of a rotation lives as long as that secret does.
    const previous = token.token!.previousSecret;
    const viaPrevious = previous !== null && previous.fingerprint === claims.secretFingerprint && previous.validUntil > now;
    if (token.token!.secretFingerprint !== claims.secretFingerprint && !viaPrevious) {
      throw new AuthenticationError('the access token behind this JWT was regenerated');
    }
    if (token.token!.permissionsFingerprint !== claims.permissionsFingerprint) {
      throw new AuthenticationError('the access token behind this JWT was edited; exchange it again');
    }
    if (token.expiresAt && token.expiresAt <= now) throw new AuthenticationError('access token expired');
    started(token, now);
    // A narrowed JWT acts with its own (smaller) grant list; the token is unchanged since the
    // exchange (same permissions fingerprint), so that list is still inside the token's grants.
    const authority = claims.grants === 'ALL' || !token.authority ? token.authority : { ...token.authority, grants: claims.grants };
    const expiresAt = viaPrevious && previous.validUntil < claims.expiresAt ? previous.validUntil : claims.expiresAt;
    return { ...token, authority, authMethod: 'EXCHANGED_JWT', expiresAt };
  }

  /**
   * The principal a token would act as right now (explainToken, a federation policy's token);
   * AuthenticationError if it cannot act: revoked, expired, before its notBefore or used up.
   */
  async principalForToken(tokenId: string, now = new Date()): Promise<Principal> {
    const principal = await this.cached(`tid:${tokenId}`, now, () => this.loadToken(tokenId, now));
    started(principal, now);
    const maxUses = principal.token!.limits.maxUses;
    if (maxUses !== null) {
      // The database's count, not this process's lease: the uses budget leases one use at a time.
      const uses = await this.prisma.tokenBudget.findUnique({ where: { tokenId_kind: { tokenId, kind: 'uses' } }, select: { used: true } });
      if (uses && uses.used >= maxUses) throw new AuthenticationError(usedUp(maxUses));
    }
    return principal;
  }

  private async loadToken(id: string, now: Date): Promise<Resolved> {
    const [token, defaults] = await Promise.all([this.reads.byId(id), this.defaultLimits(now)]);
    if (!token) return { refused: 'unknown access token' };
    const refusal = refusalOf(token, now);
    return refusal ? { refused: refusal } : tokenPrincipal(token, defaults);
  }

  /**
   * One statement finds the token by its current secret or by the previous one of a rotation, with
   * everything its principal needs. Only around rotations does it write: the new secret's first
   * use ends the overlap everywhere, and a retired secret presented again is recorded as reuse.
   */
  private async loadBySecret(digest: string, ip: string | null, now: Date): Promise<Resolved> {
    const [token, defaults] = await Promise.all([this.reads.bySecret(digest), this.defaultLimits(now)]);
    if (!token) {
      const retired = await this.prisma.retiredSecret.findUnique({ where: { digest }, select: { tokenId: true } });
      if (!retired) return { refused: 'unknown access token' };
      this.reportReuse(retired.tokenId, ip, now);
      return { refused: REPLACED_BY_ROTATION };
    }
    const refusal = refusalOf(token, now);
    if (refusal) return { refused: refusal };
    if (token.digest !== digest) {
      if (previousSecretState(token, now) !== 'valid') {
        this.reportReuse(token.id, ip, now, token);
        return { refused: REPLACED_BY_ROTATION };
      }
      return tokenPrincipal(token, defaults, 'previous');
    }
    if (token.previousDigest && !token.secretFirstUsedAt) await this.options.secrets?.firstUse(token.id, now);
    return tokenPrincipal(token, defaults);
  }

  private policy: { limits: DefaultLimits; version: number; expiresAt: number } | undefined;

  /**
   * The token policy's limits, kept beside the credentials they apply to and dropped with them:
   * setTokenPolicy empties every gateway's caches, so a change holds at once, and the cache's TTL
   * bounds how long a change missed while invalidation was down lives on. A miss after that
   * reads it once, beside the token.
   */
  private defaultLimits(now: Date): DefaultLimits | Promise<DefaultLimits> {
    const version = this.cache.version;
    const known = this.policy;
    if (known && known.version === version && known.expiresAt > now.getTime()) return known.limits;
    return this.reads.policyLimits().then((policy) => {
      const limits = { requestsPerMinute: policy.requestsPerMinute ?? this.options.requestsPerMinute, costPerHour: policy.costPerHour };
      // Kept only if no clear() came while it was read: the read may predate the change.
      if (this.cache.version === version) this.policy = { limits, version, expiresAt: now.getTime() + this.cache.ttl() };
      return limits;
    });
  }

  private async loadEnrollment(digest: string, now: Date): Promise<Resolved> {
    const token = await this.prisma.enrollmentToken.findUnique({ where: { digest }, select: { id: true, projectId: true, expiresAt: true, revokedAt: true, uses: true, maxUses: true } });
    if (!token) return { refused: 'unknown enrollment token' };
    if (token.revokedAt) return { refused: 'enrollment token revoked' };
    if (token.expiresAt <= now) return { refused: 'enrollment token expired' };
    // Counted for real by enrollDevice's conditional update; this only spares a doomed request.
    if (token.uses >= token.maxUses) return { refused: 'enrollment token used up' };
    return enrollmentPrincipal(token);
  }

  /**
   * Records reuse of a retired secret (event, owner's notice, revocation under the policy) without
   * making the refusal wait for it: the refusal must reach the caller, and every other gateway,
   * as fast as any other, and its bookkeeping takes a transaction with a row lock.
   */
  private reportReuse(tokenId: string, ip: string | null, now: Date, previous?: PreviousSecret): void {
    this.options.secrets?.retiredSecretPresented(tokenId, ip, now, previous).catch((error: Error) => this.options.log?.(`recording reuse of a retired secret failed: ${error.message}`));
  }

  private async loadSession(digest: string, now: Date): Promise<Resolved> {
    const session = await this.prisma.session.findUnique({
      where: { digest },
      select: {
        id: true,
        expiresAt: true,
        endedAt: true,
        user: { select: { id: true, role: true, deletedAt: true, memberships: membershipSelect } },
      },
    });
    if (!session || session.endedAt || session.user.deletedAt) return { refused: 'unknown or ended session' };
    if (session.expiresAt <= now) return { refused: 'session expired' };
    return sessionPrincipal(session, session.user);
  }
}
