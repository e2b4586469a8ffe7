import argon2 from 'argon2';

/**
 * argon2id at the package defaults (64 MiB, 3 passes, 4 lanes): stronger than OWASP's minimum
 * (19 MiB, 2 passes, 1 lane). Only passwords go through it; tokens use a digest.
 */
const options = { type: argon2.argon2id } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, options);
}

// Verifying against this when an account does not exist makes an unknown e-mail cost the same
// time as a wrong password.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword('scopegate-timing-equaliser');
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}

export const MIN_PASSWORD_LENGTH = 12;
