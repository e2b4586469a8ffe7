import { AuthenticationError, type Authenticator } from '../auth/authenticator.js';
import { claimsMatch, unverifiedIdentity, type ClaimPatterns, type ExternalJwtVerifier, type RefusalCode } from '../auth/federation.js';
import { parseScope, scopeClaim, signExchangeJwt, type JwtSettings } from '../auth/jwt.js';
import { narrowGrants } from '../auth/narrowing.js';
import type { Grant } from '../auth/permissions.js';
import type { KeyStore } from '../auth/signing-keys.js';
import type { PrismaClient } from '../db/client.js';
import type { UsageRecorder } from '../lifecycle/usage.js';
import type { Limit, SharedRateLimiter } from '../security/rate-limits.js';

export interface FederationDeps {
  prisma: PrismaClient;
  authenticator: Authenticator;
  keys: KeyStore;
  jwt: JwtSettings;
  usage: UsageRecorder;
  verifier: ExternalJwtVerifier;
  limiter: SharedRateLimiter;
  failedAuthPerIp: Limit;
  clientIp: (request: Request, serverContext: unknown) => string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Policies of one project tried per issuer: one per repository, few enough to bound the work. */
const MAX_CANDIDATES = 50;

/** How far a policy got with the token; the furthest failure is the one worth auditing. */
const STAGES: RefusalCode[] = ['malformed', 'unknown_issuer', 'jwks_unavailable', 'algorithm', 'unknown_kid', 'signature', 'issuer', 'audience', 'expired', 'not_yet_valid', 'missing_claim', 'claim_too_long', 'claims_mismatch'];

function answer(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers } });
}

/**
 * RFC 8693 exchange of an external OIDC token (`subject_token_type=...:jwt`) for a scopegate JWT
 * under a trust policy of the project named by `resource`. The token's unverified `iss` only
 * picks the candidate policies among that project's; each is
 * then tried in full (signature through its JWKS, issuer, audience, lifetime, claims). Every
 * refusal is the same `invalid_grant`, counted against the address like a refused credential,
 * and audited with its reason code.
 */
export async function federatedExchange(deps: FederationDeps, params: URLSearchParams, request: Request, serverContext: unknown, now = new Date()): Promise<Response> {
  const ip = deps.clientIp(request, serverContext);
  const failKey = ip ? `auth-fail:${ip}` : undefined;
  const blocked = failKey ? deps.limiter.isBlocked(failKey) : undefined;
  if (blocked) {
    return answer({ error: 'rate_limited', error_description: 'Too many failed authentications from this address.' }, 429, { 'retry-after': String(blocked.retryAfterSeconds) });
  }
  // The client names the project it wants a token for (RFC 8693 `resource`), and only that
  // project's policies are tried: with every tenant's policies as candidates, a stranger's policy
  // naming the same issuer and claims could capture the token, crowd out the right policy, or
  // stall the exchange on a JWKS that never answers. A missing parameter is invalid_request (RFC
  // 6749 5.2, a required parameter); a value that cannot name a project is invalid_target (RFC
  // 8693 2.2.2). A well-formed id of a project without a matching policy is invalid_grant like
  // every other refusal, so the answer does not tell a stranger which projects exist.
  const resources = params.getAll('resource');
  if (resources.length === 0) return answer({ error: 'invalid_request', error_description: 'resource (the id of the project to exchange for) is required.' }, 400);
  if (resources.length > 1 || !UUID.test(resources[0]!)) return answer({ error: 'invalid_target', error_description: 'resource must be one project id.' }, 400);
  const projectId = resources[0]!.toLowerCase();
  const jwt = params.get('subject_token')!;
  const identity = unverifiedIdentity(jwt);
  const refuse = async (reason: RefusalCode, policyId: string | null = null): Promise<Response> => {
    if (failKey) await deps.limiter.hit(failKey, deps.failedAuthPerIp);
    await deps.prisma.federationExchange.create({ data: { outcome: reason, policyId, issuer: identity?.issuer ?? null, subject: identity?.subject ?? null, ip } });
    return answer({ error: 'invalid_grant' }, 400);
  };
  if (!identity) return refuse('malformed');
  const candidates = await deps.prisma.trustPolicy.findMany({
    where: { issuer: identity.issuer, projectId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: MAX_CANDIDATES,
    select: { id: true, issuer: true, jwksUri: true, audience: true, claims: true, tokenId: true, maxLifetimeSeconds: true, projectId: true },
  });
  if (candidates.length === 0) return refuse('unknown_issuer');
  let furthest: { reason: RefusalCode; policyId: string } | undefined;
  const note = (reason: RefusalCode, policyId: string) => {
    if (!furthest || STAGES.indexOf(reason) > STAGES.indexOf(furthest.reason)) furthest = { reason, policyId };
  };
  for (const policy of candidates) {
    const verified = await deps.verifier.verify(policy, jwt, now);
    if (!verified.ok) {
      note(verified.reason, policy.id);
      continue;
    }
    const matched = claimsMatch(policy.claims as ClaimPatterns, verified.payload);
    if (matched !== 'ok') {
      note(matched, policy.id);
      continue;
    }
    return issue(deps, params, policy, verified.payload.exp, identity, ip, now, (reason) => refuse(reason, policy.id));
  }
  return refuse(furthest!.reason, furthest!.policyId);
}

async function issue(
  deps: FederationDeps,
  params: URLSearchParams,
  policy: { id: string; tokenId: string; maxLifetimeSeconds: number; projectId: string },
  externalExp: number,
  identity: { issuer: string; subject: string | null },
  ip: string | null,
  now: Date,
  refuse: (reason: RefusalCode) => Promise<Response>,
): Promise<Response> {
  let principal;
  try {
    // The policy's own token: revoked by hand, or its project gone, it issues nothing.
    principal = await deps.authenticator.principalForToken(policy.tokenId, now);
  } catch (error) {
    if (error instanceof AuthenticationError) return refuse('policy_token_unusable');
    throw error;
  }
  const token = principal.token!;
  let grants: readonly Grant[] | 'ALL' = principal.authority!.grants;
  const scope = params.get('scope');
  if (scope !== null) {
    const requested = parseScope(scope);
    if (!requested || requested === 'ALL') return refuse('invalid_scope');
    const narrowed = await narrowGrants(deps.prisma, requested, grants, principal.authority!.rights);
    if (!narrowed.ok) return refuse('invalid_scope');
    grants = narrowed.grants;
  }
  const lifetimeMs = Math.min(policy.maxLifetimeSeconds * 1000, externalExp * 1000 - now.getTime());
  if (lifetimeMs < 1000) return refuse('expired');
  const issued = await signExchangeJwt(
    deps.keys,
    deps.jwt,
    {
      tokenId: token.id,
      subject: `project:${policy.projectId}`,
      expiresAt: token.expiresAt,
      scope: scopeClaim(grants),
      apiMethods: principal.methods === 'ALL' ? null : [...principal.methods].sort(),
      secretFingerprint: token.secretFingerprint,
      permissionsFingerprint: token.permissionsFingerprint,
      lifetimeMs,
    },
    now,
  );
  await deps.prisma.federationExchange.create({ data: { outcome: 'ISSUED', policyId: policy.id, issuer: identity.issuer, subject: identity.subject, ip } });
  deps.usage.record(token.id, ip);
  return answer(
    {
      access_token: issued.token,
      issued_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_type: 'Bearer',
      expires_in: Math.floor((issued.expiresAt.getTime() - now.getTime()) / 1000),
      scope: scopeClaim(grants),
    },
    200,
  );
}
