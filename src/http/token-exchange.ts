import type { Plugin } from 'graphql-yoga';
import type { Authenticator, Presented } from '../auth/authenticator.js';
import { AuthenticationError, presentedCredential, readCookie, SESSION_COOKIE } from '../auth/authenticator.js';
import { looksLikeJwt, scopeClaim, signExchangeJwt, type JwtSettings } from '../auth/jwt.js';
import type { KeyStore } from '../auth/signing-keys.js';
import type { UsageRecorder } from '../lifecycle/usage.js';

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

function error(status: number, code: string, message: string): Response {
  const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer realm="scopegate"' } : {};
  return json({ errors: [{ message, extensions: { code } }] }, status, headers);
}

export interface ExchangeDeps {
  authenticator: Authenticator;
  keys: KeyStore;
  jwt: JwtSettings;
  usage: UsageRecorder;
  clientIp: (request: Request, serverContext: unknown) => string | null;
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
      if (request.method !== 'GET') return endResponse(error(405, 'METHOD_NOT_ALLOWED', 'Use GET /auth/token.'));
      return exchange(deps, request, url, serverContext).then(endResponse);
    },
  };
}

async function exchange(deps: ExchangeDeps, request: Request, url: URL, serverContext: unknown): Promise<Response> {
  let presented: Presented | undefined;
  const fromCookie = !request.headers.has('authorization') && !url.searchParams.has('api_token') && readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  if (fromCookie) return error(403, 'FORBIDDEN', 'Only access tokens can be exchanged; sessions and JWTs cannot.');
  try {
    const fromQuery = url.searchParams.get('api_token');
    presented = request.headers.has('authorization') || fromQuery === null ? presentedCredential(request) : { secret: fromQuery, via: 'query' };
  } catch (e) {
    if (e instanceof AuthenticationError) return error(401, 'UNAUTHENTICATED', `Authentication failed: ${e.message}.`);
    throw e;
  }
  if (!presented) return error(401, 'UNAUTHENTICATED', 'Send the access token to exchange as a Bearer token or as ?api_token=.');
  if (presented.secret.startsWith('sgs_') || looksLikeJwt(presented.secret)) {
    return error(403, 'FORBIDDEN', 'Only access tokens can be exchanged; sessions and JWTs cannot.');
  }
  const ip = deps.clientIp(request, serverContext);
  let principal;
  try {
    principal = await deps.authenticator.resolve(presented, ip);
  } catch (e) {
    if (e instanceof AuthenticationError) return error(401, 'UNAUTHENTICATED', `Authentication failed: ${e.message}.`);
    throw e;
  }
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
