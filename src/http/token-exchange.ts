import type { Plugin } from 'graphql-yoga';
import type { Entry } from '../auth/entry.js';
import { parseScope, scopeClaim, signExchangeJwt, type JwtSettings } from '../auth/jwt.js';
import { narrowGrants } from '../auth/narrowing.js';
import type { Grant } from '../auth/permissions.js';
import type { KeyStore } from '../auth/signing-keys.js';
import type { PrismaClient } from '../db/client.js';
import type { UsageRecorder } from '../lifecycle/usage.js';
import { DEVICE_CODE_GRANT, pollDeviceCode, type DeviceGrantDeps } from './device-authorization.js';
import { federatedExchange, type FederationDeps } from './federated-exchange.js';

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

function error(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  const challenge: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer realm="scopegate"' } : {};
  return json({ errors: [{ message, extensions: { code } }] }, status, { ...challenge, ...headers });
}

export interface ExchangeDeps {
  entry: Entry;
  /** A narrowing exchange looks up the devices its scope names. */
  prisma: PrismaClient;
  keys: KeyStore;
  jwt: JwtSettings;
  usage: UsageRecorder;
  /** An external OIDC token (subject_token_type ...:jwt) is exchanged under a trust policy. */
  federation: FederationDeps;
  /** A device polls here with its device_code (RFC 8628). */
  device: DeviceGrantDeps;
}

/**
 * Screwdriver-style exchange: `GET /auth/token` with an access token (Bearer, Basic or
 * `?api_token=`) answers `{"token": "<JWT>", "expiresAt": "<ISO-8601>"}`; the public keys are at
 * `GET /.well-known/jwks.json`. Served from Yoga's onRequest hook, so `yoga.fetch` reaches them too.
 */
export function tokenExchangePlugin(deps: ExchangeDeps): Plugin {
  return {
    onRequest({ request, url, endResponse, serverContext }) {
      if (url.pathname === '/.well-known/jwks.json') {
        if (request.method !== 'GET' && request.method !== 'HEAD') return endResponse(error(405, 'METHOD_NOT_ALLOWED', 'Use GET.'));
        return endResponse(json(deps.keys.jwks(), 200, { 'cache-control': 'public, max-age=300' }));
      }
      if (url.pathname !== '/auth/token') return;
      if (request.method === 'POST') return narrowingExchange(deps, request, serverContext).then(endResponse);
      if (request.method !== 'GET') return endResponse(error(405, 'METHOD_NOT_ALLOWED', 'Use GET or POST /auth/token.'));
      return exchange(deps, request, serverContext).then(endResponse);
    },
  };
}

async function exchange(deps: ExchangeDeps, request: Request, serverContext: unknown): Promise<Response> {
  const entered = await deps.entry.authenticateRequest(request, serverContext, 'exchange');
  if (!entered.ok) {
    if (entered.kind === 'misdirected') return error(403, 'FORBIDDEN', entered.message);
    if (entered.kind === 'refused') return error(401, 'UNAUTHENTICATED', `Authentication failed: ${entered.message}.`);
    return error(429, 'RATE_LIMITED', entered.message, { 'retry-after': String(entered.retryAfterSeconds) });
  }
  const { principal, ip } = entered;
  if (principal.authMethod === 'ANONYMOUS') return error(401, 'UNAUTHENTICATED', 'Send the access token to exchange as a Bearer token or as ?api_token=.');
  const token = principal.token!;
  deps.usage.record(token.id, ip);
  const issued = await signExchangeJwt(deps.keys, deps.jwt, {
    tokenId: token.id,
    subject: principal.user?.id ?? `project:${token.projectId}`,
    expiresAt: token.expiresAt,
    scope: scopeClaim(principal.authority!.grants),
    apiMethods: principal.methods === 'ALL' ? null : [...principal.methods].sort(),
    secretFingerprint: token.secretFingerprint,
    permissionsFingerprint: token.permissionsFingerprint,
  });
  return json({ token: issued.token, expiresAt: issued.expiresAt.toISOString() });
}

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const JWT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';

/** RFC 6749 section 5.2 error answers, which OAuth clients understand. */
function oauthError(code: string, description: string, status = 400, headers: Record<string, string> = {}): Response {
  return json({ error: code, error_description: description }, status, headers);
}

/**
 * RFC 8693 token exchange that can only narrow: `POST /auth/token` with
 * `grant_type=urn:ietf:params:oauth:grant-type:token-exchange`, `subject_token` (an access token),
 * and optional `scope` (a subset of the token's grants), `audience` and `expires_in`. Asking for
 * more than the token holds is `invalid_scope`; a longer life is cut to the token's. With
 * `subject_token_type=urn:ietf:params:oauth:token-type:jwt` the subject is an external OIDC token
 * instead, exchanged under a trust policy (federated-exchange.ts).
 */
async function narrowingExchange(deps: ExchangeDeps, request: Request, serverContext: unknown): Promise<Response> {
  let params: URLSearchParams;
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  try {
    if (type === 'application/x-www-form-urlencoded') params = new URLSearchParams(await request.text());
    else if (type === 'application/json') params = new URLSearchParams(Object.entries((await request.json()) as Record<string, string>).map(([k, v]) => [k, String(v)]));
    else return oauthError('invalid_request', 'Send the parameters as application/x-www-form-urlencoded (or JSON).');
  } catch {
    return oauthError('invalid_request', 'The request body could not be read.');
  }
  if (params.get('grant_type') === DEVICE_CODE_GRANT) return pollDeviceCode(deps.device, params, request, serverContext);
  if (params.get('grant_type') !== TOKEN_EXCHANGE_GRANT) {
    return oauthError('unsupported_grant_type', `grant_type must be ${TOKEN_EXCHANGE_GRANT} or ${DEVICE_CODE_GRANT}.`);
  }
  const subjectToken = params.get('subject_token');
  if (!subjectToken) return oauthError('invalid_request', 'subject_token is required.');
  const subjectType = params.get('subject_token_type');
  if (subjectType === JWT_TOKEN_TYPE) return federatedExchange(deps.federation, params, request, serverContext);
  if (subjectType && subjectType !== ACCESS_TOKEN_TYPE) {
    return oauthError('invalid_request', `subject_token_type must be ${ACCESS_TOKEN_TYPE} (a scopegate access token) or ${JWT_TOKEN_TYPE} (an external OIDC token).`);
  }
  const entered = await deps.entry.authenticateRequest(request, serverContext, 'exchange', subjectToken);
  if (!entered.ok) {
    if (entered.kind === 'misdirected') return oauthError('invalid_request', entered.message);
    if (entered.kind === 'refused') return oauthError('invalid_request', `subject_token rejected: ${entered.message}.`);
    return oauthError('rate_limited', entered.message, 429, { 'retry-after': String(entered.retryAfterSeconds) });
  }
  const { principal, ip } = entered;
  const token = principal.token!;
  const held = principal.authority!.grants;
  let grants: readonly Grant[] | 'ALL' = held;
  const scope = params.get('scope');
  if (scope !== null) {
    const requested = parseScope(scope);
    if (!requested) return oauthError('invalid_scope', 'scope must list entries like device:read:<projectId> or project:write, separated by spaces.');
    if (requested === 'ALL') {
      if (held !== 'ALL') return oauthError('invalid_scope', 'The requested scope is wider than the access token: an exchange can only narrow.');
    } else {
      const narrowed = await narrowGrants(deps.prisma, requested, held, principal.authority!.rights);
      if (!narrowed.ok) return oauthError('invalid_scope', `${narrowed.reason[0]!.toUpperCase()}${narrowed.reason.slice(1)}.`);
      grants = narrowed.grants;
    }
  }
  let lifetimeMs: number | undefined;
  const expiresIn = params.get('expires_in');
  if (expiresIn !== null) {
    if (!/^\d{1,9}$/.test(expiresIn) || Number(expiresIn) < 1) return oauthError('invalid_request', 'expires_in must be a positive number of seconds.');
    lifetimeMs = Number(expiresIn) * 1000;
  }
  const audience = params.get('audience') ?? undefined;
  if (audience !== undefined && (audience.length === 0 || audience.length > 200)) return oauthError('invalid_request', 'audience must be 1 to 200 characters.');
  deps.usage.record(token.id, ip);
  const now = new Date();
  const issued = await signExchangeJwt(
    deps.keys,
    deps.jwt,
    {
      tokenId: token.id,
      subject: principal.user?.id ?? `project:${token.projectId}`,
      expiresAt: token.expiresAt,
      scope: scopeClaim(grants),
      apiMethods: principal.methods === 'ALL' ? null : [...principal.methods].sort(),
      secretFingerprint: token.secretFingerprint,
      permissionsFingerprint: token.permissionsFingerprint,
      audience,
      lifetimeMs,
    },
    now,
  );
  return json({
    access_token: issued.token,
    issued_token_type: JWT_TOKEN_TYPE,
    token_type: 'Bearer',
    expires_in: Math.floor((issued.expiresAt.getTime() - now.getTime()) / 1000),
    scope: scopeClaim(grants),
  });
}
