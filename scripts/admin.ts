/**
 * Operator commands for whoever can reach the database, for when no admin can sign in.
 *
 *   npm run admin -- reset-password <email>
 *
 * Uses DATABASE_URL, or else the embedded PostgreSQL in SCOPEGATE_DATA_DIR (default .scopegate),
 * which it starts and stops again. A data directory that a running gateway holds is refused: an
 * admin session there can use resetPassword instead.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loginAccountKey, setTemporaryPassword } from '../src/auth/accounts.js';
import { InvalidationBus } from '../src/auth/invalidation.js';
import { loadConfig } from '../src/config.js';
import { createPrisma, type PrismaClient } from '../src/db/client.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded-postgres.js';
import { applyMigrations } from '../src/db/migrate.js';
import { checkEmail } from '../src/input-rules.js';

const USAGE = 'usage: npm run admin -- reset-password <email>';

/** A failure worth one line to the operator, and the exit code that goes with it. */
class Refusal extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

function parseArguments(argv: string[]): { email: string } {
  const [command, email, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    console.log(USAGE);
    process.exit(0);
  }
  if (command !== 'reset-password' || email === undefined || rest.length > 0) throw new Refusal(USAGE, 2);
  // Normalised as the account's address is stored, so `Ops@Example.com` finds `ops@example.com`.
  const checked = checkEmail(email);
  if (!checked.ok) throw new Refusal(`email ${checked.problem}.\n${USAGE}`, 2);
  return { email: checked.value };
}

async function openEmbedded(dataDir: string): Promise<EmbeddedDatabase> {
  // Starting PostgreSQL on a directory without a database would make an empty one and then say
  // the e-mail is unknown: name the real problem instead.
  if (!existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))) {
    throw new Refusal(`No scopegate database in ${dataDir}: set SCOPEGATE_DATA_DIR to the gateway's data directory, or DATABASE_URL.`);
  }
  try {
    // Its data-directory lock refuses a directory that a running gateway holds, before touching it.
    return await startEmbeddedPostgres(dataDir);
  } catch (error) {
    throw new Refusal(`Cannot reset the password: ${(error as Error).message}`);
  }
}

async function resetPassword(prisma: PrismaClient, databaseUrl: string, email: string): Promise<void> {
  const user = await prisma.user.findFirst({ where: { email, deletedAt: null }, select: { id: true, role: true } });
  if (!user) throw new Refusal(`No user with e-mail ${email}.`);
  const reset = await setTemporaryPassword(prisma, user.id);
  if (!reset) throw new Refusal(`No user with e-mail ${email}.`);
  // Gateways sharing the database drop their cached sessions at once, as after resetPassword.
  // Publishing needs no listening connection, so the bus is never started.
  await new InvalidationBus(databaseUrl, () => {}).publish(prisma, 'auth');
  // The counter of failed sign-ins the forgotten password may have run up.
  await prisma.rateLimit.deleteMany({ where: { key: loginAccountKey(reset.email) } });
  console.log(`Reset the password of ${email} (${user.role}) and ended their sessions.`);
  console.log(`One-time password (shown only this once): ${reset.password}`);
  console.log('It signs in once; then choose a new password with changePassword.');
}

let embedded: EmbeddedDatabase | undefined;
let prisma: PrismaClient | undefined;

/** Whatever this command started is stopped again, on every way out. */
async function cleanUp(): Promise<void> {
  await prisma?.$disconnect().catch(() => {});
  await embedded?.stop().catch(() => {});
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().then(() => process.exit(130)));
}

let exitCode = 0;
try {
  const { email } = parseArguments(process.argv.slice(2));
  const config = (() => {
    try {
      return loadConfig();
    } catch (error) {
      throw new Refusal((error as Error).message);
    }
  })();
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await openEmbedded(config.dataDir);
    databaseUrl = embedded.url;
  }
  // The columns a reset writes may be newer than the database: a gateway of this version would
  // apply the same migrations when it starts.
  const applied = await applyMigrations(databaseUrl).catch((error: Error) => {
    throw new Refusal(`Could not reach the database: ${error.message}`);
  });
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  prisma = createPrisma(databaseUrl, { poolSize: 2 });
  await resetPassword(prisma, databaseUrl, email);
} catch (error) {
  if (error instanceof Refusal) {
    console.error(error.message);
    exitCode = error.exitCode;
  } else {
    console.error(error);
    exitCode = 1;
  }
} finally {
  await cleanUp();
}
process.exit(exitCode);
