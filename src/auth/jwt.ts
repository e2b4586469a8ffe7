import { hash, randomUUID } from 'node:crypto';
import { SignJWT, decodeProtectedHeader, jwtVerify, errors as joseErrors } from 'jose';
import type { Grant } from './permissions.js';
import { JWT_ALGORITHM, JWT_MAX_LIFETIME_MS, type KeyStore } from './signing-keys.js';

/**
 * Exchanged JWTs (RFC 9068 access-token profile): `typ: at+jwt`, EdDSA, 12 hours at most and never
 * past the access token's own expiry. A JWT is a short-lived stand-in for its token: each request
 * re-reads the token (through the cache), and the JWT dies when the token is revoked, regenerated
 * (`sgen`), edited (`pver`) or its owner deleted.
 */
export const JWT_TYPE = 'at+jwt';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const JWT_SHAPE = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export interface JwtSettings {
  issuer: string;
  audience: string;
}

export interface ExchangeClaims {
  tokenId: string;
  secretFingerprint: string;
  permissionsFingerprint: string;
  expiresAt: Date;
  /** What the JWT may do: its token's grants, or fewer after a narrowing exchange. */
  grants: Grant[] | 'ALL';
}

const UUID_PART = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Reads a `scope` claim or request parameter; undefined if any entry is malformed. */
export function parseScope(scope: string): Grant[] | 'ALL' | undefined {
  const entries = scope.trim().split(/\s+/).filter(Boolean);
  if (entries.length === 1 && entries[0] === 'user') return 'ALL';
  if (entries.length === 0 || entries.length > 100) return undefined;
  const grants: Grant[] = [];
  for (const entry of entries) {
    const [entity, action, projectId, deviceId, extra] = entry.split(':');
    if (extra !== undefined || (entity !== 'project' && entity !== 'device') || (action !== 'read' && action !== 'write')) return undefined;
    if (projectId !== undefined && projectId !== '*' && !UUID_PART.test(projectId)) return undefined;
    if (projectId === '*' && deviceId === undefined) return undefined;
    if (deviceId !== undefined && (entity !== 'device' || !UUID_PART.test(deviceId))) return undefined;
    grants.push({
      entity: entity === 'project' ? 'PROJECT' : 'DEVICE',
      action: action === 'read' ? 'READ' : 'WRITE',
      projectId: projectId === undefined || projectId === '*' ? null : projectId,
      deviceId: deviceId ?? null,
    });
  }
  return grants;
}

export class JwtError extends Error {}

/** The refusal of a JWT whose key id is not among the loaded keys: it may be one loaded a moment later. */
export const UNKNOWN_KEY = 'JWT signed with an unknown key';

export function looksLikeJwt(value: string): boolean {
  return JWT_SHAPE.test(value);
}

function fingerprint(value: string): string {
  return hash('sha256', value, 'base64url').slice(0, 22);
}

/** Changes whenever the token's secret changes (regenerateToken). */
export function secretFingerprint(digest: string): string {
  return fingerprint(`secret:${digest}`);
}

/** Changes whenever the token's grants or API methods change (updateToken). */
export function permissionsFingerprint(token: { grants: readonly Grant[]; apiMethodSet: string | null; apiMethods: readonly string[] }): string {
  const grants = token.grants.map((g) => [g.entity, g.action, g.projectId, g.deviceId].join(':'));
  return fingerprint(JSON.stringify({ grants, set: token.apiMethodSet, methods: [...token.apiMethods].sort() }));
}

/**
 * RFC 8693/9068 `scope`: `user` for a USER token, else one `entity:action[:project[:device]]` per
 * grant (`*` for "any project" before a device).
 */
export function scopeClaim(grants: readonly Grant[] | 'ALL'): string {
  if (grants === 'ALL') return 'user';
  return grants
    .map((g) => [g.entity.toLowerCase(), g.action.toLowerCase(), ...(g.projectId || g.deviceId ? [g.projectId ?? '*'] : []), ...(g.deviceId ? [g.deviceId] : [])].join(':'))
    .join(' ');
}

export interface ExchangeSubject {
  tokenId: string;
  /** A narrowing exchange may ask for another audience and a shorter life. */
  audience?: string;
  lifetimeMs?: number;
  /** The owner's user id, or `project:<id>` for a PROJECT token. */
  subject: string;
  expiresAt: Date | null;
  scope: string;
  apiMethods: readonly string[] | null;
  secretFingerprint: string;
  permissionsFingerprint: string;
}

export async function signExchangeJwt(keys: KeyStore, settings: JwtSettings, token: ExchangeSubject, now = new Date()) {
  const exp = Math.min(now.getTime() + Math.min(token.lifetimeMs ?? JWT_MAX_LIFETIME_MS, JWT_MAX_LIFETIME_MS), token.expiresAt?.getTime() ?? Infinity);
  const { kid, privateKey } = keys.signingKey();
  const jwt = await new SignJWT({
    client_id: token.tokenId,
    tid: token.tokenId,
    scope: token.scope,
    ...(token.apiMethods ? { api_methods: token.apiMethods } : {}),
    sgen: token.secretFingerprint,
    pver: token.permissionsFingerprint,
  })
    .setProtectedHeader({ alg: JWT_ALGORITHM, typ: JWT_TYPE, kid })
    .setIssuer(settings.issuer)
    .setAudience(token.audience ?? settings.audience)
    .setSubject(token.subject)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(exp / 1000))
    .setJti(randomUUID())
    .sign(privateKey);
  return { token: jwt, expiresAt: new Date(Math.floor(exp / 1000) * 1000) };
}

/**
 * Verifies with everything pinned: the algorithm, our issuer and audience, `typ`, a key id we
 * published, and a lifetime no longer than 12 hours. Any failure is a JwtError.
 */
export async function verifyExchangeJwt(keys: KeyStore, settings: JwtSettings, jwt: string, now = new Date()): Promise<ExchangeClaims> {
  let kid: unknown;
  try {
    kid = decodeProtectedHeader(jwt).kid;
  } catch {
    throw new JwtError('malformed JWT');
  }
  const key = await keys.verificationKey(kid);
  if (!key) throw new JwtError(UNKNOWN_KEY);
  try {
    const { payload } = await jwtVerify(jwt, key, {
      algorithms: [JWT_ALGORITHM],
      issuer: settings.issuer,
      audience: settings.audience,
      typ: JWT_TYPE,
      maxTokenAge: JWT_MAX_LIFETIME_MS / 1000,
      requiredClaims: ['iss', 'aud', 'sub', 'iat', 'exp', 'jti', 'tid', 'sgen', 'pver', 'scope'],
      currentDate: now,
    });
    if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number' || (payload.exp - payload.iat) * 1000 > JWT_MAX_LIFETIME_MS) {
      throw new JwtError('JWT lifetime exceeds 12 hours');
    }
    // A CUSTOM token whose every grant went with its project still works for what needs none
    // (viewer, tokenPolicy): its JWT carries an empty scope.
    const grants = payload.scope === '' ? [] : typeof payload.scope === 'string' ? parseScope(payload.scope) : undefined;
    if (!grants) throw new JwtError('JWT scope is malformed');
    if (typeof payload.tid !== 'string' || !UUID.test(payload.tid) || typeof payload.sgen !== 'string' || typeof payload.pver !== 'string') {
      throw new JwtError('JWT claims are malformed');
    }
    return { tokenId: payload.tid, secretFingerprint: payload.sgen, permissionsFingerprint: payload.pver, expiresAt: new Date(payload.exp * 1000), grants };
  } catch (error) {
    if (error instanceof JwtError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new JwtError('JWT expired');
    if (error instanceof joseErrors.JOSEError) throw new JwtError(`JWT rejected (${error.code})`);
    throw error;
  }
}
