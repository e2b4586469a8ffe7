import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../db/client.js';
import { hashPassword } from './passwords.js';

/**
 * Account recovery, shared by the admin's `resetPassword` and the operator's
 * `npm run admin -- reset-password`: no GraphQL here.
 */

/** The sign-in limiter's per-account key; a wrong current password in changePassword counts here too. */
export function loginAccountKey(email: string): string {
  return `login-account:${email}`;
}

/** 24 random bytes (192 bits) as 32 base64url characters: typeable, and beyond guessing. */
export function generateTemporaryPassword(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Replaces a user's password with a new one-time password and ends every session of theirs.
 * The password signs in once (login marks it used), and the account says `mustChangePassword`
 * until its owner picks their own. The caller publishes the invalidation after its commit, and
 * clears the account's sign-in counter (`loginAccountKey(email)`): the person this recovers is
 * often the one who ran into it. Answers undefined for a user that does not exist or was deleted.
 */
export async function setTemporaryPassword(db: PrismaClient, userId: string): Promise<{ password: string; email: string } | undefined> {
  const password = generateTemporaryPassword();
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    // The update takes the row's lock first, so a deletion cannot slip in between.
    const { count } = await tx.user.updateMany({
      where: { id: userId, deletedAt: null },
      data: { passwordHash, mustChangePassword: true, temporaryPasswordUsedAt: null },
    });
    if (count === 0) return undefined;
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    await tx.session.updateMany({ where: { userId, endedAt: null }, data: { endedAt: new Date() } });
    return { password, email: user.email };
  });
}
