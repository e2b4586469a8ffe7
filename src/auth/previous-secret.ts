/** The previous secret of a rotation, as the token row records it (see auth/rotation.ts). */
export interface PreviousSecret {
  previousDigest: string | null;
  previousSecretValidUntil: Date | null;
  previousSecretRepeatUntil: Date | null;
  secretFirstUsedAt: Date | null;
}

/**
 * What the previous secret of a rotation may still do at `now`: act until the end the rotation
 * announced, and repeat a self-rotation whose answer was lost; both only while the new secret is
 * unused.
 */
export function previousSecretState(token: PreviousSecret, now: Date): 'valid' | 'may-repeat-rotation' | 'retired' {
  if (!token.previousDigest || token.secretFirstUsedAt) return 'retired';
  if (token.previousSecretValidUntil && token.previousSecretValidUntil > now) return 'valid';
  if (token.previousSecretRepeatUntil && token.previousSecretRepeatUntil > now) return 'may-repeat-rotation';
  return 'retired';
}

/** Until when the previous secret can still do anything (act or repeat a rotation); null if it cannot. */
export function previousSecretLiveUntil(token: PreviousSecret, now: Date): Date | null {
  if (previousSecretState(token, now) === 'retired') return null;
  const ends = [token.previousSecretValidUntil, token.previousSecretRepeatUntil].filter((d): d is Date => d !== null && d > now);
  return new Date(Math.max(...ends.map((d) => d.getTime())));
}
