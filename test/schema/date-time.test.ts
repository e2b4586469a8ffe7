import { describe, expect, it } from 'vitest';
import { DateTimeScalar, isoInstant } from '../../src/schema/scalars.js';

describe('DateTime answers', () => {
  it('writes what toISOString writes, field by field', () => {
    const edges = [
      Date.UTC(1000, 0, 1),
      Date.UTC(1970, 0, 1),
      Date.UTC(1999, 11, 31, 23, 59, 59, 999),
      Date.UTC(2000, 1, 29, 0, 0, 0, 1),
      Date.UTC(2026, 10, 30, 9, 5, 7, 10),
      Date.UTC(2026, 10, 30, 10, 10, 10, 100),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    ];
    // A fixed sequence over 1000-9999, so a failure names a date that fails again.
    let seed = 12345;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const span = Date.UTC(9999, 11, 31) - Date.UTC(1000, 0, 1);
    const spread = Array.from({ length: 20_000 }, () => Date.UTC(1000, 0, 1) + Math.floor(next() * span));
    for (const ms of [...edges, ...spread]) expect(isoInstant(new Date(ms))).toBe(new Date(ms).toISOString());
  });

  it('leaves other years to toISOString, and refuses an invalid date', () => {
    for (const ms of [Date.UTC(999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1), -8.64e15, 8.64e15, Date.UTC(-1, 0, 1)]) {
      expect(isoInstant(new Date(ms))).toBe(new Date(ms).toISOString());
    }
    expect(() => DateTimeScalar.serialize(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => DateTimeScalar.serialize('2026-01-01T00:00:00Z')).toThrow('non-date');
  });
});
