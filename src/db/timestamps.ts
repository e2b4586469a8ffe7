// Prisma's DateTime columns are `timestamp(3) without time zone` holding UTC. The hot reads take
// them as epoch milliseconds: a Date made from a number costs a twentieth of one parsed from
// text, and no time zone is involved on either side (node-postgres would read the text in the
// process's local zone).
//
// In float8 (date_part), not numeric (EXTRACT): numeric arithmetic on the 40 timestamps of a page
// of devices cost PostgreSQL 7 µs of its 32 (bench/README.md). A float8 epoch is off by far less
// than half a millisecond until the year 100,000, so rounding gives back the stored millisecond.

import { Prisma } from '../generated/prisma/client.js';
import type { PrismaClient } from './client.js';

/** A select-list entry: `column` (qualified or not) as epoch milliseconds, named `as`. */
export const epochMs = (column: string, as: string) => `date_part('epoch', ${column}) * 1000 AS "${as}"`;

/** The largest distance from 1970 a Date can hold, in milliseconds (ECMA-262, Time Values). */
const DATE_RANGE_MS = 8.64e15;

/**
 * The Date of an epochMs column, to the millisecond. PostgreSQL holds what a Date cannot
 * ('infinity', '-infinity', years past 275760), which would become an Invalid Date that every
 * comparison answers false: an expiry of '-infinity' would never pass. They are clamped to the
 * nearest Date instead.
 */
export function fromEpochMs(ms: number): Date;
export function fromEpochMs(ms: number | null): Date | null;
export function fromEpochMs(ms: number | null): Date | null {
  return ms === null ? null : new Date(Math.round(Math.min(Math.max(ms, -DATE_RANGE_MS), DATE_RANGE_MS)));
}

/**
 * The database's clock now, in epoch milliseconds: what background work that trusts no single
 * process's clock (the retention sweep, key rotation) weighs its own clock against.
 */
export async function databaseClockMs(db: Pick<PrismaClient, '$queryRaw'>): Promise<number> {
  const [row] = await db.$queryRaw<{ ms: number }[]>`SELECT ${Prisma.raw(epochMs('clock_timestamp()', 'ms'))}`;
  return row!.ms;
}
