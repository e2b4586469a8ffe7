// Pure helpers of the console: dates, scope summaries and the least-privilege diff. No DOM here,
// so test/web/format.test.ts checks them in Node.

export const DAY_MS = 86_400_000;

export interface GrantView {
  entity: 'PROJECT' | 'DEVICE';
  action: 'READ' | 'WRITE';
  projectId?: string | null;
  deviceId?: string | null;
  project?: { name: string } | null;
  device?: { name: string } | null;
}

export interface PolicyView {
  defaultLifetimeDays?: number | null;
  maxLifetimeDays?: number | null;
  requireExpiry: boolean;
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY_MS],
  ['month', 30 * DAY_MS],
  ['day', DAY_MS],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "in 6 days", "3 hours ago", "just now"; `fallback` when there is no date. */
export function relativeTime(iso: string | null | undefined, now = Date.now(), fallback = 'never'): string {
  if (!iso) return fallback;
  const delta = new Date(iso).getTime() - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size) return relative.format(Math.trunc(delta / size), unit);
  }
  return delta >= 0 ? 'in less than a minute' : 'just now';
}

/** The full instant, for a tooltip next to a relative time. */
export function exactTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC') : '';
}

const pad = (n: number) => String(n).padStart(2, '0');
/** YYYY-MM-DD of an instant, in UTC: expiry dates are whole UTC days, as GitLab's are. */
export function utcDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A token chosen to expire on a date stops working at the start of that day, UTC. */
export function expiryFromDate(date: string): string {
  return `${date}T00:00:00Z`;
}

/**
 * The date picker's bounds and default under the policy. The latest date is the last one whose
 * start still falls inside maxLifetimeDays, so the gateway never refuses what the picker allows.
 */
export function expiryBounds(policy: PolicyView, now = Date.now()) {
  const min = utcDate(now + DAY_MS);
  const max = policy.maxLifetimeDays ? utcDate(now + policy.maxLifetimeDays * DAY_MS) : undefined;
  const defaultDays = policy.defaultLifetimeDays ?? policy.maxLifetimeDays ?? (policy.requireExpiry ? 30 : undefined);
  const fallback = defaultDays ? utcDate(now + defaultDays * DAY_MS) : '';
  return { min, max, default: fallback, required: policy.requireExpiry || Boolean(policy.maxLifetimeDays) };
}

const title = (s: string) => s.charAt(0) + s.slice(1).toLowerCase();

export function grantKey(grant: GrantView): string {
  return `${grant.entity}:${grant.action}:${grant.projectId ?? '*'}:${grant.deviceId ?? '*'}`;
}

/** "Device write · project Alpha · device sensor-1", "Project read · all projects". */
export function grantLabel(grant: GrantView): string {
  const where = grant.deviceId
    ? `device ${grant.device?.name ?? grant.deviceId}`
    : grant.projectId
      ? `project ${grant.project?.name ?? grant.projectId}`
      : 'all projects';
  return `${title(grant.entity)} ${grant.action.toLowerCase()} · ${where}`;
}

export interface MethodSetView {
  key: string;
  name: string;
}

export function methodsLabel(token: { apiMethodSet?: string | null; apiMethods?: readonly string[] | null }, sets: readonly MethodSetView[] = []): string {
  if (token.apiMethodSet) return `${sets.find((s) => s.key === token.apiMethodSet)?.name ?? token.apiMethodSet} methods`;
  if (token.apiMethods?.length) return token.apiMethods.length === 1 ? token.apiMethods[0]! : `${token.apiMethods.length} methods`;
  return 'all methods';
}

/** One line for the table's Scope column. */
export function scopeSummary(
  token: { kind: string; grants: readonly GrantView[]; apiMethodSet?: string | null; apiMethods?: readonly string[] | null },
  sets: readonly MethodSetView[] = [],
): string {
  const grants = token.kind === 'USER' ? "all of the owner's rights" : token.grants.map(grantLabel).join('; ');
  return `${grants} — ${methodsLabel(token, sets)}`;
}

export interface Diff<T> {
  removed: T[];
  kept: T[];
  added: T[];
}

function diffBy<T>(before: readonly T[], after: readonly T[], key: (item: T) => string): Diff<T> {
  const afterKeys = new Set(after.map(key));
  const beforeKeys = new Set(before.map(key));
  return {
    removed: before.filter((item) => !afterKeys.has(key(item))),
    kept: before.filter((item) => afterKeys.has(key(item))),
    added: after.filter((item) => !beforeKeys.has(key(item))),
  };
}

export function grantDiff(before: readonly GrantView[], after: readonly GrantView[]): Diff<GrantView> {
  return diffBy(before, after, grantKey);
}

/**
 * The method lists before and after. A token with no list may call every method, shown as the
 * single line "all methods"; a preset is shown as its methods.
 */
export function methodDiff(
  token: { apiMethodSet?: string | null; apiMethods?: readonly string[] | null },
  suggested: readonly string[],
  sets: readonly (MethodSetView & { methods: readonly string[] })[],
): Diff<string> {
  const before = token.apiMethodSet
    ? [...(sets.find((s) => s.key === token.apiMethodSet)?.methods ?? [])]
    : token.apiMethods?.length
      ? [...token.apiMethods]
      : ['all methods'];
  return diffBy(before, suggested, (m) => m);
}

/** Methods matching the search box, optionally only the checked ones, in catalog order. */
export function filterMethods(all: readonly string[], search: string, checked: ReadonlySet<string>, onlyChecked: boolean): string[] {
  const needle = search.trim().toLowerCase();
  return all.filter((m) => (!onlyChecked || checked.has(m)) && (!needle || m.toLowerCase().includes(needle)));
}
