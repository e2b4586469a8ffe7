import { hash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { sha256HexOfShortAscii } from './sha256.js';

/**
 * Access tokens look like GitHub's: a prefix secret scanners can match, 32 base62 characters of
 * randomness (190 bits), and a 6-character CRC32 checksum so that typos and truncations are
 * refused without a database round trip.
 */
export const ACCESS_TOKEN_PREFIX = 'sgp_';
export const SESSION_TOKEN_PREFIX = 'sgs_';
/** Enrollment tokens (one-time device keys) have the access tokens' shape under their own prefix. */
export const ENROLLMENT_TOKEN_PREFIX = 'scopegate_enr_';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
const ACCESS_TOKEN_PATTERN = new RegExp(`^${ACCESS_TOKEN_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);
const SESSION_TOKEN_PATTERN = new RegExp(`^${SESSION_TOKEN_PREFIX}[0-9A-Za-z]{43}$`);
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

export function generateAccessToken(): string {
  const body = ACCESS_TOKEN_PREFIX + randomBase62(RANDOM_LENGTH);
  return body + checksum(body);
}

export function generateEnrollmentToken(): string {
  const body = ENROLLMENT_TOKEN_PREFIX + randomBase62(RANDOM_LENGTH);
  return body + checksum(body);
}

export function generateSessionToken(): string {
  return SESSION_TOKEN_PREFIX + randomBase62(43);
}

export type ParsedCredential =
  | { ok: true; kind: 'access-token' | 'session' | 'enrollment'; secret: string }
  | { ok: false; reason: string };

/** Why a secret of neither prefix (and not a JWT) is refused. */
export const UNRECOGNISED_CREDENTIAL = 'unrecognised credential';

/** What a secret claims to be by its prefix alone; parseSecret checks that it is one. */
export function kindByPrefix(secret: string): 'access-token' | 'session' | 'enrollment' | undefined {
  if (secret.startsWith(ACCESS_TOKEN_PREFIX)) return 'access-token';
  if (secret.startsWith(SESSION_TOKEN_PREFIX)) return 'session';
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
  // Every token and session secret takes the JavaScript path (see sha256.ts for why); anything
  // longer or non-ASCII still gets the same digest from node:crypto.
  return sha256HexOfShortAscii(secret) ?? hash('sha256', secret, 'hex');
}

export function displayPrefix(secret: string): string {
  if (secret.startsWith(ENROLLMENT_TOKEN_PREFIX)) return secret.slice(0, ENROLLMENT_TOKEN_PREFIX.length + 4);
  return secret.slice(0, ACCESS_TOKEN_PREFIX.length + 4);
}
