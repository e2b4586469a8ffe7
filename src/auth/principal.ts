import type { BlockList } from 'node:net';
import { allowedMethods } from './api-methods.js';
import { compileAllowList } from './client-address.js';
import { permissionsFingerprint, secretFingerprint } from './jwt.js';
import type { Authority, Grant, OwnerRights, ProjectRole } from './permissions.js';

export type AuthMethod = 'ANONYMOUS' | 'SESSION' | 'ACCESS_TOKEN' | 'EXCHANGED_JWT' | 'ENROLLMENT_TOKEN';
export type UserRole = 'ADMIN' | 'MEMBER';
export type TokenKind = 'USER' | 'CUSTOM' | 'PROJECT';

export interface PrincipalUser {
  id: string;
  role: UserRole;
}

export interface PrincipalToken {
  id: string;
  kind: TokenKind;
  projectId: string | null;
  expiresAt: Date | null;
  /** What an exchanged JWT must match to stay valid (see auth/jwt.ts): the presented secret's. */
  secretFingerprint: string;
  /**
   * During a rotation's overlap, the secret it replaced (and JWTs exchanged with it) still works
   * until `validUntil`. Set when the token was loaded by id, for checking a JWT's secret.
   */
  previousSecret: { fingerprint: string; validUntil: Date } | null;
  /** This request presented the previous secret of a rotation, inside its overlap. */
  viaPreviousSecret: boolean;
  permissionsFingerprint: string;
  /** The addresses the token may be used from; undefined for anywhere. */
  allowList: BlockList | undefined;
  /** The limits that hold for it: its own, never looser than the token policy's defaults. */
  limits: EffectiveLimits;
}

export interface EffectiveLimits {
  requestsPerMinute: number;
  costPerHour: number | null;
  maxUses: number | null;
  notBefore: Date | null;
}

/** The instance defaults every token is held to (TokenPolicy, else SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE). */
export interface DefaultLimits {
  requestsPerMinute: number;
  costPerHour: number | null;
}

const tighter = (own: number | null, ceiling: number | null) => (own === null ? ceiling : ceiling === null ? own : Math.min(own, ceiling));

/** Who is calling, resolved once per request from a credential (or from the cache). */
export interface Principal {
  authMethod: AuthMethod;
  /** The acting person: the session's user, or the owner of a USER or CUSTOM token. */
  user: PrincipalUser | null;
  sessionId: string | null;
  token: PrincipalToken | null;
  authority: Authority | null;
  methods: 'ALL' | ReadonlySet<string>;
  /** When the credential stops working; checked on every request, cache hit or not. */
  expiresAt: Date | null;
  /** Set for an enrollment token, which holds no rights at all and may call enrollDevice only. */
  enrollment?: { id: string; projectId: string };
}

export const ANONYMOUS: Principal = Object.freeze({
  authMethod: 'ANONYMOUS',
  user: null,
  sessionId: null,
  token: null,
  authority: null,
  methods: 'ALL',
  expiresAt: null,
});

export interface UserRow {
  id: string;
  role: UserRole;
  memberships: { projectId: string; role: ProjectRole }[];
}

export function userRights(user: UserRow): OwnerRights {
  return {
    admin: user.role === 'ADMIN',
    roles: new Map(user.memberships.map((m) => [m.projectId, m.role])),
    mayCreateProjects: true,
  };
}

/** A PROJECT token is owned by its project, which holds every right inside itself and nothing outside. */
export function projectRights(projectId: string): OwnerRights {
  return { admin: false, roles: new Map([[projectId, 'OWNER' as const]]), mayCreateProjects: false };
}

export function sessionPrincipal(session: { id: string; expiresAt: Date }, user: UserRow): Principal {
  return {
    authMethod: 'SESSION',
    user: { id: user.id, role: user.role },
    sessionId: session.id,
    token: null,
    authority: { rights: userRights(user), grants: 'ALL' },
    methods: 'ALL',
    expiresAt: session.expiresAt,
  };
}

export interface TokenRow {
  id: string;
  digest: string;
  kind: TokenKind;
  projectId: string | null;
  expiresAt: Date | null;
  apiMethodSet: string | null;
  apiMethods: string[];
  allowedCidrs: string[];
  grants: Grant[];
  owner: (UserRow & { deletedAt: Date | null }) | null;
  previousDigest?: string | null;
  previousSecretValidUntil?: Date | null;
  secretFirstUsedAt?: Date | null;
  limitRequestsPerMinute: number | null;
  limitCostPerHour: number | null;
  maxUses: number | null;
  notBefore: Date | null;
}

/**
 * The principal a token acts as under the instance's default limits. `presented`: whether the
 * request presented the token's current secret or the previous one of a rotation (the principal
 * then stops at the end of the overlap).
 */
export function tokenPrincipal(token: TokenRow, defaults: DefaultLimits, presented: 'current' | 'previous' = 'current'): Principal {
  // The previous secret acts until the end its rotation announced, unless the new one was used.
  const previousValidUntil = token.previousDigest && token.previousSecretValidUntil && !token.secretFirstUsedAt ? token.previousSecretValidUntil : null;
  const viaPreviousSecret = presented === 'previous';
  const expiresAt = viaPreviousSecret ? earliest(token.expiresAt, previousValidUntil) : token.expiresAt;
  const rights = token.kind === 'PROJECT' ? projectRights(token.projectId as string) : userRights(token.owner as UserRow);
  // A copy, made now: the permissions fingerprint (made later, on first read) must cover the grants
  // this principal acts with, not whatever the row's array holds by then.
  const grants = token.grants.map(({ entity, action, projectId, deviceId }) => ({ entity, action, projectId, deviceId }));
  return {
    authMethod: 'ACCESS_TOKEN',
    user: token.kind === 'PROJECT' || !token.owner ? null : { id: token.owner.id, role: token.owner.role },
    sessionId: null,
    token: new LoadedToken(token, grants, viaPreviousSecret, previousValidUntil, {
      // A policy tightened after the token was made holds at once: the tighter of the two wins.
      requestsPerMinute: tighter(token.limitRequestsPerMinute, defaults.requestsPerMinute)!,
      costPerHour: tighter(token.limitCostPerHour, defaults.costPerHour),
      maxUses: token.maxUses,
      notBefore: token.notBefore,
    }),
    authority: {
      rights,
      grants: token.kind === 'USER' ? 'ALL' : grants,
    },
    methods: allowedMethods(token.apiMethodSet, token.apiMethods),
    expiresAt,
  };
}

/**
 * A token as a principal holds it. The two fingerprints are made when first read: only a JWT's
 * exchange or check reads them, and a fleet of tokens missing the cache would otherwise pay two
 * SHA-256 and two strings per miss for nothing.
 */
class LoadedToken implements PrincipalToken {
  readonly id: string;
  readonly kind: TokenKind;
  readonly projectId: string | null;
  readonly expiresAt: Date | null;
  readonly previousSecret: { fingerprint: string; validUntil: Date } | null;
  readonly allowList: BlockList | undefined;
  /** The digest of the secret this request presented, and what the permissions fingerprint covers. */
  readonly #presentedDigest: string;
  readonly #grants: readonly Grant[];
  readonly #apiMethodSet: TokenRow['apiMethodSet'];
  readonly #apiMethods: readonly string[];
  #secretFingerprint: string | undefined;
  #permissionsFingerprint: string | undefined;

  constructor(
    token: TokenRow,
    grants: readonly Grant[],
    readonly viaPreviousSecret: boolean,
    previousValidUntil: Date | null,
    readonly limits: EffectiveLimits,
  ) {
    this.id = token.id;
    this.kind = token.kind;
    this.projectId = token.projectId;
    this.expiresAt = token.expiresAt;
    this.previousSecret = previousValidUntil ? { fingerprint: secretFingerprint(token.previousDigest!), validUntil: previousValidUntil } : null;
    this.allowList = compileAllowList(token.allowedCidrs);
    this.#presentedDigest = viaPreviousSecret ? token.previousDigest! : token.digest;
    this.#grants = grants;
    this.#apiMethodSet = token.apiMethodSet;
    this.#apiMethods = [...token.apiMethods];
  }

  get secretFingerprint(): string {
    return (this.#secretFingerprint ??= secretFingerprint(this.#presentedDigest));
  }

  get permissionsFingerprint(): string {
    return (this.#permissionsFingerprint ??= permissionsFingerprint({ grants: this.#grants, apiMethodSet: this.#apiMethodSet, apiMethods: this.#apiMethods }));
  }
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a <= b ? a : b;
}

/** Gives this request (only) a role it just acquired, e.g. OWNER of the project it created. */
export function withRole(principal: Principal, projectId: string, role: ProjectRole): Principal {
  if (!principal.authority) return principal;
  const roles = new Map(principal.authority.rights.roles);
  roles.set(projectId, role);
  return { ...principal, authority: { ...principal.authority, rights: { ...principal.authority.rights, roles } } };
}

/** The one method an enrollment token may call. */
export const ENROLL_METHOD = 'Mutation.enrollDevice';

/**
 * An enrollment token acts for nobody: no user, no authority (every `can` is refused), and a
 * method set of enrollDevice alone. Not even `viewer`: the secret is typed into a device that is
 * not yet trusted, and it has nothing to learn about the project before it is enrolled.
 */
export function enrollmentPrincipal(token: { id: string; projectId: string; expiresAt: Date }): Principal {
  return {
    authMethod: 'ENROLLMENT_TOKEN',
    user: null,
    sessionId: null,
    token: null,
    authority: null,
    methods: new Set([ENROLL_METHOD]),
    expiresAt: token.expiresAt,
    enrollment: { id: token.id, projectId: token.projectId },
  };
}
