import type { Plugin } from 'graphql-yoga';
import { AuthenticationError, presentedCredential, type Authenticator } from '../auth/authenticator.js';
import type { Entry } from '../auth/entry.js';
import { JwtError, looksLikeJwt, verifyExchangeJwt, type JwtSettings } from '../auth/jwt.js';
import type { Reported, SecretLifecycle } from '../auth/rotation.js';
import type { KeyStore } from '../auth/signing-keys.js';
import { digestSecret, kindByPrefix, parseSecret } from '../auth/token-format.js';
import type { UsageRecorder } from '../lifecycle/usage.js';
import type { Limit, SharedRateLimiter } from '../security/rate-limits.js';

/** GitHub's secret-scanning partners report in batches; 1,000 keeps a report under the body limit. */
export const MAX_REPORTED_CREDENTIALS = 1_000;
export const EXPOSURE_REPORTS_PER_ADDRESS: Limit = { max: 60, windowMs: 3_600_000 };
/** Self-revocation is as unauthenticated as a leak report, and metered the same way. */
export const SELF_REVOCATIONS_PER_ADDRESS: Limit = { max: 60, windowMs: 3_600_000 };
/** A script rotates a token daily or hourly; more than this is a loop or an attack. */
export const ROTATIONS_PER_TOKEN: Limit = { max: 10, windowMs: 3_600_000 };
const MAX_OVERLAP_REQUEST_SECONDS = 10 ** 9;

export interface CredentialRouteDeps {
  entry: Entry;
  authenticator: Authenticator;
  secrets: SecretLifecycle;
  limiter: SharedRateLimiter;
  keys: KeyStore;
  jwt: JwtSettings;
  clientIp: (request: Request, serverContext: unknown) => string | null;
  usage: UsageRecorder;
  /** Work that outlives its response (revoking reported tokens); the gateway waits for it on close. */
  background: (work: Promise<unknown>) => void;
}

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

function problem(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  const challenge: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer realm="scopegate"' } : {};
  return json({ errors: [{ message, extensions: { code } }] }, status, { ...challenge, ...headers });
}

/** Form fields (or a flat JSON object) of a POST body; undefined when the body cannot be read. */
async function formFields(request: Request): Promise<URLSearchParams | undefined> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  try {
    if (type === 'application/x-www-form-urlencoded') return new URLSearchParams(await request.text());
    if (type === 'application/json') {
      const body = (await request.json()) as unknown;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
      return new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)]));
    }
    if (type === '' && (await request.text()) === '') return new URLSearchParams();
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * What a token may do to itself, and the leak report anyone may file:
 * - `POST /auth/token/rotate`: the token (as its credential) gets a new secret, if it opted in;
 * - `POST /auth/revoke` (RFC 7009): `token=<secret>` revokes that token (or enrollment token);
 * - `POST /credentials/revoke`: `{"credentials": [...]}` revokes every working token (and
 *   enrollment token) listed.
 */
export function credentialRoutesPlugin(deps: CredentialRouteDeps): Plugin {
  const routes: Record<string, (request: Request, serverContext: unknown) => Promise<Response>> = {
    '/auth/token/rotate': (request, serverContext) => rotate(deps, request, serverContext),
    '/auth/revoke': (request, serverContext) => revoke(deps, request, serverContext),
    '/credentials/revoke': (request, serverContext) => reportExposed(deps, request, serverContext),
  };
  return {
    onRequest({ request, url, endResponse, serverContext }) {
      const route = routes[url.pathname];
      if (!route) return;
      if (request.method !== 'POST') return endResponse(problem(405, 'METHOD_NOT_ALLOWED', `Use POST ${url.pathname}.`, { allow: 'POST' }));
      return route(request, serverContext).then(endResponse);
    },
  };
}

async function rotate(deps: CredentialRouteDeps, request: Request, serverContext: unknown): Promise<Response> {
  const { ip, blocked } = deps.entry.gate(request, serverContext);
  if (blocked) return problem(429, 'RATE_LIMITED', blocked.message, { 'retry-after': String(blocked.retryAfterSeconds) });
  const fields = await formFields(request);
  if (!fields) return problem(400, 'BAD_USER_INPUT', 'Send overlap_seconds as application/x-www-form-urlencoded (or JSON), or no body.');
  const overlap = fields.get('overlap_seconds') ?? '0';
  if (!/^\d{1,10}$/.test(overlap) || Number(overlap) > MAX_OVERLAP_REQUEST_SECONDS) {
    return problem(400, 'BAD_USER_INPUT', 'overlap_seconds must be a whole number of seconds, 0 or more.');
  }
  let secret: string;
  try {
    const presented = presentedCredential(request, 'rotate');
    if (!presented) return problem(401, 'UNAUTHENTICATED', 'Send the access token to rotate as a Bearer token.');
    secret = presented.secret;
  } catch (error) {
    if (!(error instanceof AuthenticationError)) throw error;
    await deps.entry.countRefusal(ip);
    return problem(401, 'UNAUTHENTICATED', `Authentication failed: ${error.message}.`);
  }
  if (looksLikeJwt(secret) || kindByPrefix(secret) === 'session') {
    return problem(403, 'FORBIDDEN', 'Only an access token can rotate itself; sessions and JWTs cannot.');
  }
  try {
    const outcome = await deps.secrets.rotateBySecret(secret, Number(overlap), ip, {
      checkAddress: (principal) => deps.authenticator.checkAddress(principal, ip, new Date()),
      mayRotate: async (tokenId) => {
        const limit = await deps.limiter.attempt(`rotate:${tokenId}`, ROTATIONS_PER_TOKEN);
        return limit.limited ? limit.retryAfterSeconds : undefined;
      },
      spend: async (tokenId) => {
        // The token as every door sees it (the policy's default limits included), and its budgets
        // spent by the entry's own rule: a use of a token with maxUses, a request of its minute.
        const spent = await deps.entry.spendBudgets(await deps.authenticator.principalForToken(tokenId), ip);
        if (spent.ok) return undefined;
        if (spent.kind === 'budget') return { status: 429, message: spent.message.replace(/\.$/, ''), retryAfterSeconds: spent.retryAfterSeconds };
        return { status: 401, message: spent.message };
      },
    });
    if (!outcome.ok) {
      const sentence = `${outcome.message[0]!.toUpperCase()}${outcome.message.slice(1)}.`;
      if (outcome.status === 429) return problem(429, 'RATE_LIMITED', sentence, { 'retry-after': String(outcome.retryAfterSeconds ?? 60) });
      if (outcome.status === 403) return problem(403, 'FORBIDDEN', sentence);
      await deps.entry.countRefusal(ip);
      return problem(401, 'UNAUTHENTICATED', `Authentication failed: ${outcome.message}.`);
    }
    deps.usage.record(outcome.tokenId, ip);
    return json({ secret: outcome.secret, tokenId: outcome.tokenId, previousSecretValidUntil: outcome.previousSecretValidUntil?.toISOString() ?? null }, 200);
  } catch (error) {
    if (!(error instanceof AuthenticationError)) throw error;
    await deps.entry.countRefusal(ip);
    return problem(401, 'UNAUTHENTICATED', `Authentication failed: ${error.message}.`);
  }
}

async function revoke(deps: CredentialRouteDeps, request: Request, serverContext: unknown): Promise<Response> {
  const ip = deps.clientIp(request, serverContext);
  const limit = await deps.limiter.attempt(`self-revoke:${ip ?? 'unknown'}`, SELF_REVOCATIONS_PER_ADDRESS);
  if (limit.limited) return json({ error: 'slow_down', error_description: 'Too many revocation requests from this address; try again later.' }, 429, { 'retry-after': String(limit.retryAfterSeconds) });
  const fields = await formFields(request);
  const token = fields?.get('token');
  // RFC 7009 section 2.2: unknown, invalid and already revoked tokens are answered like valid ones.
  if (!token) return json({ error: 'invalid_request', error_description: 'Send token=<secret> as application/x-www-form-urlencoded.' }, 400);
  await deps.secrets.revokeBySecret(token, ip);
  return new Response(null, { status: 200, headers: { 'cache-control': 'no-store' } });
}

async function reportExposed(deps: CredentialRouteDeps, request: Request, serverContext: unknown): Promise<Response> {
  const ip = deps.clientIp(request, serverContext);
  const limit = await deps.limiter.attempt(`exposed:${ip ?? 'unknown'}`, EXPOSURE_REPORTS_PER_ADDRESS);
  if (limit.limited) return problem(429, 'RATE_LIMITED', 'Too many reports from this address; try again later.', { 'retry-after': String(limit.retryAfterSeconds) });
  let credentials: unknown;
  try {
    credentials = ((await request.json()) as { credentials?: unknown } | null)?.credentials;
  } catch {
    return problem(400, 'BAD_USER_INPUT', 'Send a JSON body: {"credentials": ["<secret>", ...]}.');
  }
  if (!Array.isArray(credentials) || credentials.length === 0 || !credentials.every((c) => typeof c === 'string')) {
    return problem(400, 'BAD_USER_INPUT', 'credentials must be a non-empty list of strings.');
  }
  if (credentials.length > MAX_REPORTED_CREDENTIALS) {
    return problem(400, 'BAD_USER_INPUT', `Report at most ${MAX_REPORTED_CREDENTIALS} credentials per request.`);
  }
  const now = new Date();
  const reported: Reported = { digests: [], jwts: [] };
  for (const credential of credentials as string[]) {
    const parsed = parseSecret(credential);
    if (parsed.ok && (parsed.kind === 'access-token' || parsed.kind === 'enrollment')) reported.digests.push(digestSecret(credential));
    else if (looksLikeJwt(credential)) {
      try {
        reported.jwts.push(await verifyExchangeJwt(deps.keys, deps.jwt, credential, now));
      } catch (error) {
        if (!(error instanceof JwtError)) throw error;
      }
    }
  }
  const found = await deps.secrets.findExposed(reported, now);
  // The answer is written before anything is revoked, so that it is the same, and takes the same
  // time, whatever the list held.
  if (found.revoke.length + found.endPrevious.length + found.enrollments.length + found.refingerprint.length > 0) deps.background(deps.secrets.actOnExposed(found, ip, now));
  return json({ received: credentials.length }, 202);
}
