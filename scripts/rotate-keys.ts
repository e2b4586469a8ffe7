/**
 * `npm run keys:rotate`: makes a new JWT signing key now. The old one keeps verifying for 12 hours
 * (plus a margin), so no JWT dies early; running gateways switch to the new key at once.
 * Needs DATABASE_URL and the gateways' SCOPEGATE_KEY_SECRET (or their SCOPEGATE_DATA_DIR).
 */
import { resolveKeySecret } from '../src/auth/key-secret.js';
import { KeyStore } from '../src/auth/signing-keys.js';
import { ConfigError, loadConfig, type Config } from '../src/config.js';
import { createPrisma } from '../src/db/client.js';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  // A bad setting is the operator's to fix: its message, not a stack trace.
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}
if (!config.databaseUrl) {
  console.error('DATABASE_URL is not set.');
  process.exit(2);
}
const prisma = createPrisma(config.databaseUrl);
const keys = new KeyStore(prisma, await resolveKeySecret(config.keySecret, config.dataDir), config.keyRotationDays);
await keys.reload();
console.log(`new signing key: ${await keys.rotate()}`);
await prisma.$disconnect();
