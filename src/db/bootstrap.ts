import { randomBytes } from 'node:crypto';
import { hashPassword } from '../auth/passwords.js';
import type { PrismaClient } from './client.js';

export interface BootstrapResult {
  created: boolean;
  email?: string;
  /** Set only when scopegate generated the password: it is printed once and never again. */
  generatedPassword?: string;
}

/**
 * Ensures an admin exists. SCOPEGATE_ADMIN_EMAIL/PASSWORD are used once, when there is none;
 * otherwise admin@localhost gets a random password that the caller prints once.
 */
export async function ensureAdmin(
  prisma: PrismaClient,
  env: { adminEmail?: string; adminPassword?: string },
): Promise<BootstrapResult> {
  if (await prisma.user.findFirst({ where: { role: 'ADMIN', deletedAt: null }, select: { id: true } })) {
    return { created: false };
  }
  const email = (env.adminEmail ?? 'admin@localhost').normalize('NFC').trim().toLowerCase();
  const generatedPassword = env.adminPassword ? undefined : randomBytes(18).toString('base64url');
  const passwordHash = await hashPassword(env.adminPassword ?? generatedPassword!);
  await prisma.user.upsert({
    where: { email },
    create: { email, name: 'Administrator', role: 'ADMIN', passwordHash },
    update: { role: 'ADMIN', passwordHash },
  });
  return { created: true, email, generatedPassword };
}
