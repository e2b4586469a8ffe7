import { createServer } from 'node:http';
import pino from 'pino';
import { loadConfig } from './config.js';
import { ensureAdmin } from './db/bootstrap.js';
import { createPrisma } from './db/client.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres.js';
import { applyMigrations } from './db/migrate.js';
import { ExpiryNotifier } from './lifecycle/expiry-notices.js';
import { smtpMailer } from './lifecycle/mailer.js';
import { resolveKeySecret } from './auth/key-secret.js';
import { createGateway } from './yoga.js';

const started = Date.now();
const config = loadConfig();

let embedded: EmbeddedDatabase | undefined;
let databaseUrl = config.databaseUrl;
if (!databaseUrl) {
  console.log(`Starting embedded PostgreSQL in ${config.dataDir} ...`);
  embedded = await startEmbeddedPostgres(config.dataDir);
  databaseUrl = embedded.url;
}

const applied = await applyMigrations(databaseUrl);
if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);

const prisma = createPrisma(databaseUrl);
const admin = await ensureAdmin(prisma, config);
if (admin.created && admin.generatedPassword) {
  console.log(`\nCreated admin ${admin.email} with password: ${admin.generatedPassword}\nIt is shown only this once.\n`);
} else if (admin.created) {
  console.log(`Created admin ${admin.email} from SCOPEGATE_ADMIN_EMAIL / SCOPEGATE_ADMIN_PASSWORD.`);
}

const keySecret = await resolveKeySecret(config.keySecret, config.dataDir);
const logger = pino({ level: process.env.LOG_LEVEL || 'info' });
const gateway = await createGateway({ prisma, config, databaseUrl, keySecret, logger });
const notifier = new ExpiryNotifier(prisma, config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : undefined, (m) => console.error(m));
notifier.start(config.noticeIntervalMs);
const server = createServer(gateway);
// Lower than Node's defaults (60 s for headers, 300 s per request): slow-loris clients give up sooner.
server.headersTimeout = 10_000;
server.requestTimeout = 30_000;
server.keepAliveTimeout = 5_000;
// A port already in use (or not allowed) would otherwise crash the process with a stack trace and
// leave the embedded PostgreSQL running on the data directory.
server.once('error', (error) => {
  console.error(`Could not listen on ${config.host}:${config.port}: ${error.message}`);
  void shutdown('listen failed', 1);
});
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`scopegate listening on http://${config.host}:${port}/graphql (ready in ${Date.now() - started} ms)`);
  console.log(`Web console: http://${config.host}:${port}/`);
});

let stopping = false;
async function shutdown(reason: string, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  console.log(`${reason}: shutting down`);
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  notifier.stop();
  // Write what is buffered (last use, new addresses, usage) while the database is still up.
  await gateway.close().catch((error) => logger.error({ err: error }, 'flushing on shutdown failed'));
  await prisma.$disconnect();
  if (embedded) await embedded.stop();
  process.exit(exitCode);
}
// The shutdown above stops PostgreSQL after the buffered writes (embedded-postgres's own exit
// hook, which would race it, is detached in db/embedded-postgres.ts).
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
