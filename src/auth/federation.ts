import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { createRemoteJWKSet, customFetch, decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import picomatch from 'picomatch';

/**
 * Verifying JWTs from external OIDC issuers (GitHub Actions, GitLab CI) for trust policies. No
 * GraphQL and no database here: the exchange (http/federated-exchange.ts) picks the candidate
 * policies and writes the audit row.
 *
 * Claim matching is strict: every claim the policy names must be present in the token as a
 * string, and match its pattern. A pattern without glob characters is an exact match; with
 * them it is a picomatch glob where `*` and `?` never cross `/` (so `repo:org/*` does not match
 * `repo:org/app/x`, and `refs/heads/*` does not match `refs/heads/a/b`), `**` as a whole path
 * segment does, and `[abc]` works as in a shell. Braces, extglobs and `!` negation are refused.
 *
 * Matching runs on the event loop, and picomatch compiles to a backtracking RegExp: a pattern
 * with many wildcards against a crafted value takes exponential time (`*a*a*a…*b` against
 * `aaaa…`). So a pattern holds at most MAX_WILDCARDS wildcards, and a value longer than
 * MAX_CLAIM_VALUE_LENGTH never matches (reason `claim_too_long`): the work per match is bounded.
 */

/** Asymmetric algorithms only: `none` and HMAC (whose key would be the public JWKS) never verify. */
export const EXTERNAL_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
export const CLOCK_TOLERANCE_SECONDS = 30;
export const MAX_CLAIMS = 20;
const MAX_PATTERN_LENGTH = 300;
/** Wildcards per pattern: each run of `*` (so `**` too) and each `?` counts one. */
export const MAX_WILDCARDS = 3;
/** Longer claim values never match; GitHub's longest claims (job_workflow_ref) stay well below. */
export const MAX_CLAIM_VALUE_LENGTH = 256;
/** A pattern matching all of these would accept any value the issuer puts in the claim. */
const CATCH_ALL_PROBES = ['x', 'a/b', 'a/b/c'];
const MAX_JWKS_BYTES = 256 * 1024;
const JWKS_TIMEOUT_MS = 5_000;
/** Refetches on an unknown `kid` at most this often per JWKS, so forged kids cannot make us hammer the issuer. */
const JWKS_COOLDOWN_MS = 30_000;
const JWKS_MAX_AGE_MS = 10 * 60_000;
/** A JWKS that failed to load is not asked again for this long: a dead key server costs one timeout, not one per exchange. */
const JWKS_FAILURE_MEMORY_MS = 30_000;

/** Stable reason codes for the audit log; the client hears only `invalid_grant`. */
export type RefusalCode =
  | 'malformed'
  | 'unknown_issuer'
  | 'algorithm'
  | 'unknown_kid'
  | 'jwks_unavailable'
  | 'signature'
  | 'audience'
  | 'issuer'
  | 'expired'
  | 'not_yet_valid'
  | 'missing_claim'
  | 'claims_mismatch'
  | 'claim_too_long'
  | 'invalid_scope'
  | 'policy_token_unusable'
  | 'rate_limited';

const GLOB_OPTIONS: picomatch.PicomatchOptions = { dot: true, noextglob: true, nonegate: true, strictSlashes: true };

export type ClaimPatterns = Record<string, string>;

/** Why a `claims` object cannot be a policy's; undefined when it can. */
export function claimsProblem(claims: unknown): string | undefined {
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) return 'claims must be an object of claim name to string pattern';
  const entries = Object.entries(claims);
  // Without a claim to match, a policy would accept every token the issuer signs for anyone
  // (every repository on GitHub): at least one is required.
  if (entries.length === 0) return 'claims must name at least one claim (for GitHub Actions, e.g. repository)';
  if (entries.length > MAX_CLAIMS) return `claims may name at most ${MAX_CLAIMS} claims`;
  for (const [name, pattern] of entries) {
    if (!/^[A-Za-z0-9_.:-]{1,100}$/.test(name)) return `claims: ${JSON.stringify(name.slice(0, 100))} is not a claim name`;
    if (typeof pattern !== 'string' || pattern.length === 0 || pattern.length > MAX_PATTERN_LENGTH) {
      return `claims.${name} must be a non-empty string of at most ${MAX_PATTERN_LENGTH} characters`;
    }
    const problem = patternProblem(pattern);
    if (problem) return `claims.${name}: ${problem}`;
  }
  return undefined;
}

function patternProblem(pattern: string): string | undefined {
  const catchAll = 'a pattern that matches anything checks nothing; leave the claim out or narrow it';
  if (/^\*+$/.test(pattern)) return catchAll;
  // Braces and extglobs expand into alternations (and nested quantifiers) that the wildcard
  // count below cannot bound; `!` at the start would negate. `@` and `+` alone are literal.
  if (/[{}()]/.test(pattern) || pattern.startsWith('!')) return 'braces, parentheses (extglobs) and a leading ! are not supported';
  const wildcards = (pattern.match(/\*+|\?/g) ?? []).length;
  if (wildcards > MAX_WILDCARDS) return `a pattern may hold at most ${MAX_WILDCARDS} wildcards (each run of * and each ? counts one)`;
  const glob = picomatch(pattern, GLOB_OPTIONS);
  if (CATCH_ALL_PROBES.every((probe) => glob(probe))) return catchAll;
  return undefined;
}

const matchers = new Map<string, (value: string) => boolean>();

function matcher(pattern: string): (value: string) => boolean {
  let match = matchers.get(pattern);
  if (!match) {
    if (picomatch.scan(pattern, GLOB_OPTIONS).isGlob) {
      const glob = picomatch(pattern, GLOB_OPTIONS);
      match = (value) => glob(value);
    } else {
      match = (value) => value === pattern;
    }
    if (matchers.size > 10_000) matchers.clear();
    matchers.set(pattern, match);
  }
  return match;
}

export function claimsMatch(patterns: ClaimPatterns, payload: JWTPayload): 'ok' | 'missing_claim' | 'claims_mismatch' | 'claim_too_long' {
  for (const [name, pattern] of Object.entries(patterns)) {
    const value = payload[name];
    if (typeof value !== 'string') return 'missing_claim';
    // Checked before any matching: the length is what bounds a glob's backtracking.
    if (value.length > MAX_CLAIM_VALUE_LENGTH) return 'claim_too_long';
    if (!matcher(pattern)(value)) return 'claims_mismatch';
  }
  return 'ok';
}

/** `iss` and `sub` as the token states them, before any check: only to pick policies and to audit. */
export function unverifiedIdentity(jwt: string): { issuer: string; subject: string | null } | undefined {
  try {
    const header = decodeProtectedHeader(jwt);
    const payload = decodeJwt(jwt);
    if (typeof header.alg !== 'string' || typeof payload.iss !== 'string' || payload.iss.length === 0) return undefined;
    return { issuer: payload.iss.slice(0, 300), subject: typeof payload.sub === 'string' ? payload.sub.slice(0, 300) : null };
  } catch {
    return undefined;
  }
}

/** Where a JWKS may be fetched from: https, or (with `allowInsecure`, for tests) http on loopback. */
export function jwksUriProblem(raw: string, allowInsecure: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'jwksUri must be an absolute URL';
  }
  if (url.username || url.password) return 'jwksUri must not carry credentials';
  if (url.protocol === 'https:') return privateLiteral(url.hostname) && !(allowInsecure && isLoopbackHost(url.hostname)) ? 'jwksUri must name a public host' : undefined;
  if (url.protocol === 'http:' && allowInsecure && isLoopbackHost(url.hostname)) return undefined;
  return allowInsecure ? 'jwksUri must be https (or http on loopback)' : 'jwksUri must be https';
}

/** An IP address written in the URL that is not public unicast; connections to it skip `lookup`. */
function privateLiteral(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(host) && ipaddr.process(host).range() !== 'unicast';
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  return ipaddr.isValid(host) && ipaddr.process(host).range() === 'loopback';
}

/**
 * Only public unicast addresses may be connected to, checked on the address actually used (a
 * `lookup` hook, not a check before the request), so DNS rebinding cannot reach the inside.
 */
function publicOnlyLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const usable = addresses.filter(({ address }) => {
        const range = ipaddr.process(address).range();
        return range === 'unicast' || (allowLoopback && range === 'loopback');
      });
      if (usable.length === 0) return callback(Object.assign(new Error(`${hostname} resolves to no public address`), { code: 'ENOTFOUND' }), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}

/**
 * jose's fetch, through node:http(s) so that the address check above applies; no redirects,
 * bounded body. `allowHttp` and `allowLoopback` are both SCOPEGATE_FEDERATION_ALLOW_INSECURE in
 * the gateway; tests take them apart to see the address check refuse on its own.
 */
function guardedFetch(allowHttp: boolean, allowLoopback: boolean) {
  return (url: string, options: { headers: Headers; signal: AbortSignal }) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      if (target.protocol !== 'https:' && !(allowHttp && target.protocol === 'http:')) return reject(new Error('refusing a non-https JWKS'));
      // An address in the URL is connected to without a lookup, so the hook below never sees it.
      const host = target.hostname.replace(/^\[|\]$/g, '');
      if (privateLiteral(host) && !(allowLoopback && isLoopbackHost(host))) return reject(new Error('refusing a JWKS on a private address'));
      const client = target.protocol === 'https:' ? https : http;
      const request = client.get(
        target,
        { headers: Object.fromEntries(options.headers), signal: options.signal, lookup: publicOnlyLookup(allowLoopback) },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_JWKS_BYTES) response.destroy(new Error('JWKS too large'));
            else chunks.push(chunk);
          });
          response.on('error', reject);
          response.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: response.statusCode ?? 500 })));
        },
      );
      request.on('error', reject);
    });
}

export interface ExternalTrust {
  issuer: string;
  jwksUri: string;
  audience: string;
}

export type VerifiedPayload = JWTPayload & { exp: number; iat: number };
export type Verified = { ok: true; payload: VerifiedPayload } | { ok: false; reason: RefusalCode };

/** One remote key set per JWKS URL, shared by every policy that names it. */
export class ExternalJwtVerifier {
  private readonly keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  /** JWKS URL -> when its last fetch failed. */
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly allowInsecure: boolean,
    private readonly cooldownMs = JWKS_COOLDOWN_MS,
    private readonly allowLoopback = allowInsecure,
    private readonly failureMemoryMs = JWKS_FAILURE_MEMORY_MS,
  ) {}

  private keySet(jwksUri: string) {
    let set = this.keySets.get(jwksUri);
    if (!set) {
      set = createRemoteJWKSet(new URL(jwksUri), {
        timeoutDuration: JWKS_TIMEOUT_MS,
        cooldownDuration: this.cooldownMs,
        cacheMaxAge: JWKS_MAX_AGE_MS,
        [customFetch]: guardedFetch(this.allowInsecure, this.allowLoopback),
      });
      if (this.keySets.size > 1_000) this.keySets.clear();
      this.keySets.set(jwksUri, set);
    }
    return set;
  }

  async verify(trust: ExternalTrust, jwt: string, now = new Date()): Promise<Verified> {
    const failedAt = this.failures.get(trust.jwksUri);
    if (failedAt !== undefined && now.getTime() - failedAt < this.failureMemoryMs) return { ok: false, reason: 'jwks_unavailable' };
    try {
      const { payload } = await jwtVerify(jwt, this.keySet(trust.jwksUri), {
        algorithms: EXTERNAL_ALGORITHMS,
        issuer: trust.issuer,
        audience: trust.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iat'],
        currentDate: now,
      });
      if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number') return { ok: false, reason: 'missing_claim' };
      // An iat in the future is a clock far off or a forgery; jose checks nbf and exp, not this.
      if (payload.iat > now.getTime() / 1000 + CLOCK_TOLERANCE_SECONDS) return { ok: false, reason: 'not_yet_valid' };
      return { ok: true, payload: payload as VerifiedPayload };
    } catch (error) {
      const reason = refusalOf(error);
      if (reason === 'jwks_unavailable') {
        if (this.failures.size > 1_000) this.failures.clear();
        this.failures.set(trust.jwksUri, now.getTime());
      }
      return { ok: false, reason };
    }
  }
}

function refusalOf(error: unknown): RefusalCode {
  if (error instanceof joseErrors.JWTExpired) return 'expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'audience';
    if (error.claim === 'iss') return 'issuer';
    if (error.claim === 'nbf' || error.claim === 'iat') return 'not_yet_valid';
    return 'missing_claim';
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed || error instanceof joseErrors.JOSENotSupported) return 'algorithm';
  if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys) return 'unknown_kid';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'signature';
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) return 'jwks_unavailable';
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) return 'malformed';
  // A fetch that failed (refused address, connection error, non-200) surfaces as a plain error.
  return 'jwks_unavailable';
}
