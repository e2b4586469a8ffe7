import { describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN_SCAN_PATTERN,
  digestSecret,
  displayPrefix,
  generateAccessToken,
  generateSessionToken,
  parseSecret,
  randomPart,
  withChecksum,
} from '../../src/auth/token-format.js';

const PREFIX = 'scopegate_tok_';

describe('access token format', () => {
  it('is scopegate_tok_ + 32 base62 characters of randomness + a 6-character checksum', () => {
    const token = generateAccessToken();
    expect(token).toMatch(/^scopegate_tok_[0-9A-Za-z]{38}$/);
    expect(parseSecret(token)).toEqual({ ok: true, kind: 'access-token', secret: token });
  });

  it('is matched by the documented scanner pattern, and sgp_ (Sourcegraph\'s prefix) is not', () => {
    const scanner = new RegExp(ACCESS_TOKEN_SCAN_PATTERN, 'g');
    const token = generateAccessToken();
    const legacy = withChecksum('sgp_' + randomPart());
    expect(`export TOKEN=${token}; echo ${legacy}`.match(scanner)).toEqual([token]);
  });

  it('still accepts the sgp_ secrets issued before the product prefix, checksum included', () => {
    const legacy = withChecksum('sgp_' + randomPart());
    expect(parseSecret(legacy)).toEqual({ ok: true, kind: 'access-token', secret: legacy });
    const typo = legacy.slice(0, 6) + (legacy[6] === 'a' ? 'b' : 'a') + legacy.slice(7);
    expect(parseSecret(typo)).toEqual({ ok: false, reason: 'access token checksum does not match' });
    expect(displayPrefix(legacy)).toBe(legacy.slice(0, 8));
  });

  it('carries at least 160 bits of randomness', () => {
    // 32 characters drawn uniformly from 62: log2(62) * 32 = 190.5 bits.
    expect(Math.log2(62) * 32).toBeGreaterThanOrEqual(160);
    const tokens = new Set(Array.from({ length: 2000 }, generateAccessToken));
    expect(tokens.size).toBe(2000);
    const counts = new Map<string, number>();
    for (const t of tokens) for (const c of t.slice(PREFIX.length, PREFIX.length + 32)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
  });

  it('rejects a typo through the checksum, without a database round trip', () => {
    const token = generateAccessToken();
    const i = PREFIX.length + 5;
    const typo = token.slice(0, i) + (token[i] === 'a' ? 'b' : 'a') + token.slice(i + 1);
    expect(parseSecret(typo)).toEqual({ ok: false, reason: 'access token checksum does not match' });
  });

  it('rejects truncated, padded and foreign strings', () => {
    const token = generateAccessToken();
    expect(parseSecret(token.slice(0, -1)).ok).toBe(false);
    expect(parseSecret(token + 'x').ok).toBe(false);
    expect(parseSecret('ghp_' + token.slice(PREFIX.length)).ok).toBe(false);
    expect(parseSecret(PREFIX + '-'.repeat(38)).ok).toBe(false);
    expect(parseSecret('sgp_' + '-'.repeat(38)).ok).toBe(false);
    expect(parseSecret('').ok).toBe(false);
  });

  it('looks visibly different from sessions and JWTs; sgs_ sessions still parse', () => {
    const session = generateSessionToken();
    expect(session).toMatch(/^scopegate_ses_[0-9A-Za-z]{43}$/);
    expect(parseSecret(session)).toMatchObject({ ok: true, kind: 'session' });
    expect(parseSecret(`sgs_${'a'.repeat(43)}`)).toMatchObject({ ok: true, kind: 'session' });
    expect(parseSecret('eyJhbGciOiJFZERTQSJ9.e30.sig').ok).toBe(false);
  });

  it('is stored as a SHA-256 digest and shown by a short prefix only', () => {
    const token = generateAccessToken();
    expect(digestSecret(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(digestSecret(token)).not.toContain(token.slice(PREFIX.length));
    expect(displayPrefix(token)).toBe(token.slice(0, PREFIX.length + 4));
  });
});
