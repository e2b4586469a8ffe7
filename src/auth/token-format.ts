import { hash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * Access tokens look like GitHub's: a prefix secret scanners can match, 32 base62 characters of
 * randomness (190 bits), and a 6-character CRC32 checksum so that typos and truncations are
 * refused without a database round trip. The prefix names the product: `sgp_`, used before, is
 * also Sourcegraph's, so scanners labelled our leaks as theirs (docs/secret-scanning.md).
 */
export const ACCESS_TOKEN_PREFIX = 'scopegate_tok_';
export const SESSION_TOKEN_PREFIX = 'scopegate_ses_';
/** Enrollment tokens (one-time device keys) have the access tokens' shape under their own prefix. */
export const ENROLLMENT_TOKEN_PREFIX = 'scopegate_enr_';
/** Secrets issued before the product prefix; they keep working until they expire or are rotated. */
export const LEGACY_ACCESS_TOKEN_PREFIX = 'sgp_';
export const LEGACY_SESSION_TOKEN_PREFIX = 'sgs_';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
const SESSION_RANDOM_LENGTH = 43;
/** What a secret scanner should match (documented in README and docs/secret-scanning.md). */
export const ACCESS_TOKEN_SCAN_PATTERN = `\\b${ACCESS_TOKEN_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}\\b`;
const ACCESS_TOKEN_PATTERN = new RegExp(`^(?:${ACCESS_TOKEN_PREFIX}|${LEGACY_ACCESS_TOKEN_PREFIX})[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);
const SESSION_TOKEN_PATTERN = new RegExp(`^(?:${SESSION_TOKEN_PREFIX}|${LEGACY_SESSION_TOKEN_PREFIX})[0-9A-Za-z]{${SESSION_RANDOM_LENGTH}}$`);
const ENROLLMENT_TOKEN_PATTERN = new RegExp(`^${ENROLLMENT_TOKEN_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 * 62: rejecting bytes above it keeps every character equally likely.
      if (byte < 248) out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

function base62Fixed(value: number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

function checksum(body: string): string {
  return base62Fixed(crc32(body), CHECKSUM_LENGTH);
}

/** `body` (a prefix and the random part) with its checksum appended. */
export function withChecksum(body: string): string {
  return body + checksum(body);
}

export function randomPart(): string {
  return randomBase62(RANDOM_LENGTH);
}

export function generateAccessToken(): string {
  return withChecksum(ACCESS_TOKEN_PREFIX + randomPart());
}

export function generateEnrollmentToken(): string {
  return withChecksum(ENROLLMENT_TOKEN_PREFIX + randomPart());
}

export function generateSessionToken(): string {
  return SESSION_TOKEN_PREFIX + randomBase62(SESSION_RANDOM_LENGTH);
}

export type ParsedCredential =
  | { ok: true; kind: 'access-token' | 'session' | 'enrollment'; secret: string }
  | { ok: false; reason: string };

/** Why a secret of neither prefix (and not a JWT) is refused. */
export const UNRECOGNISED_CREDENTIAL = 'unrecognised credential';

/** What a secret claims to be by its prefix alone; parseSecret checks that it is one. */
export function kindByPrefix(secret: string): 'access-token' | 'session' | 'enrollment' | undefined {
  if (secret.startsWith(ACCESS_TOKEN_PREFIX) || secret.startsWith(LEGACY_ACCESS_TOKEN_PREFIX)) return 'access-token';
  if (secret.startsWith(SESSION_TOKEN_PREFIX) || secret.startsWith(LEGACY_SESSION_TOKEN_PREFIX)) return 'session';
  if (secret.startsWith(ENROLLMENT_TOKEN_PREFIX)) return 'enrollment';
  return undefined;
}

/** Classifies a presented secret without touching the database. */
export function parseSecret(secret: string): ParsedCredential {
  const kind = kindByPrefix(secret);
  if (kind === 'access-token') {
    if (!ACCESS_TOKEN_PATTERN.test(secret)) return { ok: false, reason: 'malformed access token' };
    const body = secret.slice(0, -CHECKSUM_LENGTH);
    if (checksum(body) !== secret.slice(-CHECKSUM_LENGTH)) {
      return { ok: false, reason: 'access token checksum does not match' };
    }
    return { ok: true, kind, secret };
  }
  if (kind === 'session') {
    if (!SESSION_TOKEN_PATTERN.test(secret)) return { ok: false, reason: 'malformed session token' };
    return { ok: true, kind, secret };
  }
  if (kind === 'enrollment') {
    if (!ENROLLMENT_TOKEN_PATTERN.test(secret)) return { ok: false, reason: 'malformed enrollment token' };
    if (checksum(secret.slice(0, -CHECKSUM_LENGTH)) !== secret.slice(-CHECKSUM_LENGTH)) return { ok: false, reason: 'enrollment token checksum does not match' };
    return { ok: true, kind, secret };
  }
  return { ok: false, reason: UNRECOGNISED_CREDENTIAL };
}

/** Tokens carry 190 bits of entropy, so a plain SHA-256 is the right digest (argon2 is for passwords). */
export function digestSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}

/** The prefix and the first 4 random characters: enough to tell tokens apart in a list. */
export function displayPrefix(secret: string): string {
  const prefix = [ENROLLMENT_TOKEN_PREFIX, LEGACY_ACCESS_TOKEN_PREFIX].find((p) => secret.startsWith(p)) ?? ACCESS_TOKEN_PREFIX;
  return secret.slice(0, prefix.length + 4);
}
