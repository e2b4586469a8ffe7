/**
 * The admin's token policy as plain rules, shared by every path that yields a working secret:
 * createToken, copyToken and regenerateToken (schema/token-input.ts) and a token rotating itself
 * (auth/rotation.ts). Each answers the problem in words, or undefined.
 */
export interface ExpiryPolicy {
  maxLifetimeDays: number | null;
  requireExpiry: boolean;
  customTokensAdminOnly: boolean;
}

export const DAY_MS = 86_400_000;

/** Whether a token that expires at `expiresAt` (null: never) may be issued or kept at `now`. */
export function expiryProblem(policy: ExpiryPolicy, expiresAt: Date | null, now: number): string | undefined {
  if (expiresAt === null) {
    if (policy.maxLifetimeDays) return `expiresAt is required: the token policy allows at most ${policy.maxLifetimeDays} days (maxLifetimeDays).`;
    if (policy.requireExpiry) return 'expiresAt is required by the token policy (requireExpiry).';
    return undefined;
  }
  if (policy.maxLifetimeDays && expiresAt.getTime() > now + policy.maxLifetimeDays * DAY_MS) {
    return `expiresAt is past the token policy's limit of ${policy.maxLifetimeDays} days (maxLifetimeDays).`;
  }
  return undefined;
}

/** Whether a person of this role may hold a token of this kind. */
export function holderProblem(policy: ExpiryPolicy, kind: 'USER' | 'CUSTOM' | 'PROJECT', holderIsAdmin: boolean): string | undefined {
  if (kind === 'CUSTOM' && !holderIsAdmin && policy.customTokensAdminOnly) {
    return 'The token policy lets only admins create CUSTOM tokens (customTokensAdminOnly).';
  }
  return undefined;
}
