/**
 * The hot reads' timestamps (src/db/timestamps.ts): epoch milliseconds in float8, back to the
 * millisecond PostgreSQL stores, for every millisecond of a second and across the years.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPrisma, poolOf } from '../../src/db/client.js';
import { epochMs, fromEpochMs } from '../../src/db/timestamps.js';

const prisma = createPrisma(inject('databaseUrl'));
afterAll(() => prisma.$disconnect());

describe('epoch milliseconds', () => {
  it('come back as the stored millisecond, which a float8 alone would miss', async () => {
    // Every millisecond of one second in 2026, and one instant a day from 1970 to 2197.
    const { rows } = await poolOf(prisma)!.query<{ text: string; ms: number }>({
      text: `SELECT to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS text, ${epochMs('t', 'ms')}
             FROM (SELECT '2026-11-30 12:34:56'::timestamp(3) + n * interval '1 millisecond' AS t FROM generate_series(0, 999) n
                   UNION ALL SELECT '1970-01-01 00:00:00.001'::timestamp(3) + n * interval '1 day 1 second 7 milliseconds' FROM generate_series(0, 83_000) n) s`,
    });
    expect(rows.length).toBe(84_001);
    let truncatedWrong = 0;
    for (const { text, ms } of rows) {
      expect(fromEpochMs(ms).toISOString()).toBe(text);
      if (new Date(ms).toISOString() !== text) truncatedWrong += 1;
    }
    // Without rounding (a Date truncates), some of them would be a millisecond early.
    expect(truncatedWrong).toBeGreaterThan(0);
  });

  it('clamp what a Date cannot hold', async () => {
    const { rows } = await poolOf(prisma)!.query<{ low: number; high: number }>(
      `SELECT ${epochMs(`'-infinity'::timestamp`, 'low')}, ${epochMs(`'infinity'::timestamp`, 'high')}`,
    );
    expect(fromEpochMs(rows[0]!.low).getTime()).toBe(-8.64e15);
    expect(fromEpochMs(rows[0]!.high).getTime()).toBe(8.64e15);
    expect(fromEpochMs(null)).toBeNull();
  });
});
