// Prisma's DateTime columns are `timestamp(3) without time zone` holding UTC. The hot reads take
// them as epoch milliseconds: a Date made from a number costs a twentieth of one parsed from
// text, and no time zone is involved on either side (node-postgres would read the text in the
// process's local zone).

/** A select-list entry: `column` (qualified or not) as epoch milliseconds, named `as`. */
export const epochMs = (column: string, as: string) => `(EXTRACT(EPOCH FROM ${column}) * 1000)::float8 AS "${as}"`;

/** The Date of an epochMs column. */
export const fromEpochMs = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
