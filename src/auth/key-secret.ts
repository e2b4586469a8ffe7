import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Shorter secrets are refused by config.ts, before anything starts. */
export const MIN_KEY_SECRET_LENGTH = 32;

/**
 * The secret that encrypts signing keys at rest: SCOPEGATE_KEY_SECRET (checked by config.ts), or
 * else one generated once and kept in the data directory. Every gateway on one database needs the
 * same one.
 */
export async function resolveKeySecret(configured: string | undefined, dataDir: string): Promise<string> {
  if (configured) return configured;
  const file = path.join(dataDir, 'key-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, secret + '\n', { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return (await readFile(file, 'utf8')).trim();
}
