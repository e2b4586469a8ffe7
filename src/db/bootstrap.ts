import { randomBytes } from 'node:crypto';
import { hashPassword } from '../auth/passwords.js';
import type { Config } from '../config.js';
import type { PrismaClient } from './client.js';

// Any advisory lock number will do as long as it is ours alone.
const BOOTSTRAP_LOCK = 0x5c0b007;

export interface BootstrapResult {
  created: boolean;
  email?: string;
  /** Set only when scopegate generated the password: it is printed once and never again. */
  generatedPassword?: string;
}

/**
 * Ensures an admin exists. SCOPEGATE_ADMIN_EMAIL/PASSWORD are used once, when there is none;
 * otherwise admin@localhost gets a random password that the caller prints once. Both come from
 * loadConfig, which held them to the rules of every e-mail and password and normalised the e-mail.
 */
export async function ensureAdmin(
  prisma: PrismaClient,
  config: Pick<Config, 'adminEmail' | 'adminPassword'>,
): Promise<BootstrapResult> {
  if (await prisma.user.findFirst({ where: { role: 'ADMIN', deletedAt: null }, select: { id: true } })) {
    return { created: false };
  }
  const email = config.adminEmail ?? 'admin@localhost';
  const generatedPassword = config.adminPassword ? undefined : randomBytes(18).toString('base64url');
  const passwordHash = await hashPassword(config.adminPassword ?? generatedPassword!);
  // Several gateways may start at once on an empty database: one of them makes the admin.
  const created = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`;
    if (await tx.user.findFirst({ where: { role: 'ADMIN', deletedAt: null }, select: { id: true } })) return false;
    await tx.user.upsert({
      where: { email },
      create: { email, name: 'Administrator', role: 'ADMIN', passwordHash },
      update: { role: 'ADMIN', passwordHash },
    });
    return true;
  });
  return created ? { created, email, generatedPassword } : { created: false };
}
