import { parseCidr } from '../auth/client-address.js';
import { checkEmail, checkNewPassword, checkText, type Checked } from '../input-rules.js';
import { badInput } from './errors.js';

/** Input rules, each failing with BAD_USER_INPUT that names the field and the limit. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A shared rule's verdict on a GraphQL argument: its value, or BAD_USER_INPUT naming the field. */
function orBadInput(checked: Checked, field: string): string {
  if (!checked.ok) throw badInput(`${field} ${checked.problem}.`, field);
  return checked.value;
}

export const MAX_NAME_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 1000;
export const MAX_METADATA_BYTES = 16 * 1024;
export const MAX_METADATA_DEPTH = 32;

/**
 * Walks metadata once: PostgreSQL's jsonb refuses NUL and unpaired surrogates (a 500 if they got
 * that far), and deep nesting is a parser-exhaustion trick, so all three are input errors here.
 */
function checkJson(value: unknown, level: number): void {
  if (level > MAX_METADATA_DEPTH) throw badInput(`metadata must nest at most ${MAX_METADATA_DEPTH} levels deep.`, 'metadata');
  if (typeof value === 'string') {
    if (!value.isWellFormed() || value.includes('\u0000')) throw badInput('metadata strings must be valid Unicode without NUL.', 'metadata');
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    checkJson(key, level);
    checkJson(child, level + 1);
  }
}

export function uuid(value: string, field: string): string {
  if (!UUID.test(value)) throw badInput(`${field} must be a UUID.`, field);
  return value.toLowerCase();
}

export function optionalUuid(value: string | null | undefined, field: string): string | undefined {
  return value === null || value === undefined ? undefined : uuid(value, field);
}

export function text(value: string, field: string, max: number, options: { allowEmpty?: boolean; singleLine?: boolean } = {}): string {
  return orBadInput(checkText(value, max, options), field);
}

export function name(value: string, field = 'name'): string {
  return text(value, field, MAX_NAME_LENGTH, { singleLine: true });
}

export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  const cleaned = text(value, field, max, { allowEmpty: true });
  return cleaned === '' ? null : cleaned;
}

/**
 * A search argument as a case-insensitive substring filter, or undefined for none (absent, empty
 * or blank: trimmed as stored names are, a blank search is an empty one). Prisma's `contains` is
 * SQL LIKE and passes `%` and `_` through as wildcards: they are escaped, so a search for `a_b`
 * finds that text and `%` does not match everything.
 */
export function searchFilter(value: string | null | undefined, field = 'search'): { contains: string; mode: 'insensitive' } | undefined {
  const search = value == null ? '' : text(value, field, MAX_NAME_LENGTH, { allowEmpty: true });
  return search ? { contains: search.replace(/[\\%_]/g, '\\$&'), mode: 'insensitive' } : undefined;
}

export function email(value: string): string {
  return orBadInput(checkEmail(value), 'email');
}

export function newPassword(value: string, field = 'password'): string {
  return orBadInput(checkNewPassword(value), field);
}

export const MAX_ALLOWED_CIDRS = 50;

/** IP allow-list entries in canonical form (`10.0.0.0/8`, `2001:db8::/32`, a bare address is /32 or /128). */
export function cidrs(values: readonly string[]): string[] {
  if (values.length > MAX_ALLOWED_CIDRS) throw badInput(`allowedCidrs may hold at most ${MAX_ALLOWED_CIDRS} entries.`, 'allowedCidrs');
  const out = new Set<string>();
  for (const [i, value] of values.entries()) {
    const parsed = parseCidr(value);
    if (!parsed) throw badInput(`allowedCidrs[${i}] is not an IPv4 or IPv6 address or CIDR block: ${JSON.stringify(value.slice(0, 60))}.`, `allowedCidrs[${i}]`);
    out.add(parsed.canonical);
  }
  return [...out];
}

export function metadata(value: unknown): object | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badInput('metadata must be a JSON object.', 'metadata');
  }
  // Depth first: it stops at 32 levels, where JSON.stringify on a deeper value could exhaust the stack.
  checkJson(value, 1);
  const size = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (size > MAX_METADATA_BYTES) {
    throw badInput(`metadata must be at most ${MAX_METADATA_BYTES} bytes of JSON (got ${size}).`, 'metadata');
  }
  return value;
}
