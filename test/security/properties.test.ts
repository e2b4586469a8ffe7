import fc from 'fast-check';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { generateAccessToken, parseSecret } from '../../src/auth/token-format.js';
import { parseDateTime } from '../../src/schema/scalars.js';
import * as valid from '../../src/schema/validation.js';

/** Either a value, or a BAD_USER_INPUT GraphQLError: never anything else. */
function outcome<T>(run: () => T): { ok: true; value: T } | { ok: false } {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    return { ok: false };
  }
}

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.string({ unit: 'binary', maxLength: 400 }));

describe('token parsing', () => {
  it('never throws, and accepts nothing that is not a well-formed token', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = parseSecret(text);
        if (parsed.ok) expect(parsed.secret).toMatch(/^((scopegate_tok_|scopegate_enr_|sgp_)[0-9A-Za-z]{38}|(scopegate_ses_|sgs_)[0-9A-Za-z]{43})$/);
      }),
    );
  });

  it('accepts every generated token and refuses every single-character typo of one', () => {
    const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 41 }), fc.integer({ min: 1, max: 61 }), (position, shift) => {
        const token = generateAccessToken();
        expect(parseSecret(token).ok).toBe(true);
        const replaced = base62[(base62.indexOf(token[position]!) + shift) % 62]!;
        expect(parseSecret(token.slice(0, position) + replaced + token.slice(position + 1)).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe('input rules', () => {
  it('names: trimmed NFC text of 1-200 code points without controls, or BAD_USER_INPUT', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = outcome(() => valid.name(text));
        if (!result.ok) return;
        expect(result.value.length).toBeGreaterThan(0);
        expect([...result.value].length).toBeLessThanOrEqual(200);
        expect(result.value.isWellFormed()).toBe(true);
        expect(result.value).toBe(result.value.normalize('NFC').trim());
        expect(result.value).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
      }),
    );
  });

  it('emails: normalised to NFC lower case with an @, or BAD_USER_INPUT', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.emailAddress()), (text) => {
        const result = outcome(() => valid.email(text));
        if (!result.ok) return;
        expect(result.value).toBe(result.value.normalize('NFC').toLowerCase());
        expect(result.value).toMatch(/^[^\s@]+@[^\s@]+$/);
      }),
    );
  });

  it('ids: lower-case UUIDs, or BAD_USER_INPUT', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.uuid()), (text) => {
        const result = outcome(() => valid.uuid(text, 'id'));
        if (result.ok) expect(result.value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      }),
    );
  });

  it('metadata: a JSON object PostgreSQL can store, within 16 KiB and 32 levels, or BAD_USER_INPUT', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.object(), fc.letrec((tie) => ({ deep: fc.oneof({ depthSize: 'large' }, fc.constant(1), fc.record({ a: tie('deep') })) })).deep), (value) => {
        const result = outcome(() => valid.metadata(value));
        if (!result.ok) return;
        const json = JSON.stringify(result.value);
        expect(Buffer.byteLength(json)).toBeLessThanOrEqual(16 * 1024);
        expect(json).not.toMatch(/\\u0000|\\ud[89a-f][0-9a-f]{2}/i);
      }),
    );
  });

  it('dates: real instants from 1970 to 9999, or BAD_USER_INPUT', () => {
    const isoish = fc
      .tuple(fc.integer({ min: 0, max: 12000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }))
      .map(([y, m, d, h]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`);
    fc.assert(
      fc.property(fc.oneof(anyText, isoish, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())), (text) => {
        const result = outcome(() => parseDateTime(text));
        if (!result.ok) return;
        expect(Number.isNaN(result.value.getTime())).toBe(false);
        expect(result.value.getUTCFullYear()).toBeGreaterThanOrEqual(1970);
        expect(result.value.getUTCFullYear()).toBeLessThanOrEqual(9999);
        if (text.endsWith('Z')) expect(result.value.toISOString().slice(0, 16)).toBe(text.slice(0, 16));
      }),
      { numRuns: 2000 },
    );
  });
});
