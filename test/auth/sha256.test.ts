import { hash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256HexOfShortAscii } from '../../src/auth/sha256.js';
import { digestSecret, generateAccessToken, generateSessionToken } from '../../src/auth/token-format.js';

const nodeSha256 = (message: string) => hash('sha256', message, 'hex');
const ascii = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)), minLength, maxLength });

describe('sha256HexOfShortAscii', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(sha256HexOfShortAscii('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexOfShortAscii('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('agrees with node:crypto at every length that fits one block, 0 to 55', () => {
    for (let length = 0; length <= 55; length++) {
      for (const fill of ['a', '\u0000', '\u007f', 'Z9']) {
        const message = fill.repeat(length).slice(0, length);
        expect(sha256HexOfShortAscii(message), `length ${length}, fill ${JSON.stringify(fill)}`).toBe(nodeSha256(message));
      }
    }
  });

  it('agrees with node:crypto on any ASCII string of up to 55 characters', () => {
    fc.assert(fc.property(ascii(0, 55), (message) => sha256HexOfShortAscii(message) === nodeSha256(message)), { numRuns: 5_000 });
  });

  it('declines what does not fit one block or is not ASCII, so node:crypto takes it', () => {
    expect(sha256HexOfShortAscii('a'.repeat(56))).toBeUndefined();
    expect(sha256HexOfShortAscii('é')).toBeUndefined();
    expect(sha256HexOfShortAscii('sgp_\u{1F511}')).toBeUndefined();
  });
});

describe('digestSecret', () => {
  it('is the SHA-256 of any string, short or long, ASCII or not', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (secret) => digestSecret(secret) === nodeSha256(secret)), { numRuns: 2_000 });
  });

  it('is the SHA-256 of real tokens and sessions, which take the one-block path', () => {
    for (const secret of [generateAccessToken(), generateSessionToken()]) {
      expect(sha256HexOfShortAscii(secret)).toBeDefined();
      expect(digestSecret(secret)).toBe(nodeSha256(secret));
    }
  });
});
