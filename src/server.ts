import diagnostics from 'node:diagnostics_channel';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { resolveKeySecret } from './auth/key-secret.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { ensureAdmin } from './db/bootstrap.js';
import { createPrisma } from './db/client.js';
import { startEmbeddedPostgres } from './db/embedded-postgres.js';
import { applyMigrations } from './db/migrate.js';
import { metricsListener } from './http/metrics.js';
import { ExpiryNotifier } from './lifecycle/expiry-notices.js';
import { smtpMailer } from './lifecycle/mailer.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';
import { createGateway } from './yoga.js';

const started = Date.now();

// Everything is checked before anything starts: a bad setting costs no PostgreSQL, no
// migration and no admin password.
let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  console.error(`scopegate did not start: ${error.problems.length === 1 ? 'a setting needs' : `${error.problems.length} settings need`} fixing (nothing was started).`);
  process.exit(1);
}
const logger = pino({ level: config.logLevel });

/**
 * What has been started so far, oldest first. A failed start and a shutdown both stop it newest
 * first: the notifier, the listeners (letting requests in flight finish), the gateway's buffered
 * writes while the database is still up, the database connections, the embedded PostgreSQL.
 */
const running: { name: string; stop: () => Promise<void> | void }[] = [];

async function stopAll(): Promise<void> {
  for (let item = running.pop(); item; item = running.pop()) {
    try {
      await item.stop();
    } catch (error) {
      console.error(`Stopping ${item.name} failed: ${(error as Error).message}`);
    }
  }
}

/** A signal that arrived while starting: the start stops at its next step and undoes itself. */
class Interrupted extends Error {}
let phase: 'starting' | 'running' | 'stopping' = 'starting';
let interruptedBy: string | undefined;
function checkpoint(): void {
  if (interruptedBy) throw new Interrupted(interruptedBy);
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`Could not listen on ${host}:${port}: ${error.message}`)));
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Stops accepting at once, lets requests in flight finish for at most `graceMs`, then closes
 * whatever connections remain. A response that ends meanwhile closes its connection rather than
 * keeping it alive for the next request.
 */
async function closeServer(server: Server, graceMs: number): Promise<void> {
  const onFinish = (message: unknown) => {
    if ((message as { server?: unknown }).server === server) setImmediate(() => server.closeIdleConnections());
  };
  diagnostics.subscribe('http.server.response.finish', onFinish);
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const deadline = setTimeout(() => {
    console.log(`Requests still running after SCOPEGATE_SHUTDOWN_GRACE_MS (${graceMs} ms): closing their connections`);
    server.closeAllConnections();
  }, graceMs);
  await closed;
  clearTimeout(deadline);
  diagnostics.unsubscribe('http.server.response.finish', onFinish);
}

async function start(config: Config): Promise<void> {
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    console.log(`Starting embedded PostgreSQL in ${config.dataDir} ...`);
    const embedded = await startEmbeddedPostgres(config.dataDir);
    running.push({ name: 'the embedded PostgreSQL', stop: () => embedded.stop() });
    databaseUrl = embedded.url;
  }
  checkpoint();
  const applied = await applyMigrations(databaseUrl);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  checkpoint();

  const prisma = createPrisma(databaseUrl);
  running.push({ name: 'the database connections', stop: () => prisma.$disconnect() });
  const keySecret = await resolveKeySecret(config.keySecret, config.dataDir);
  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : undefined;
  const gateway = await createGateway({ prisma, config, databaseUrl, keySecret, logger, mailer });
  // Writes what is buffered (last use, new addresses, usage) while the database is still up.
  running.push({ name: 'the gateway', stop: () => gateway.close().catch((error) => logger.error({ err: error }, 'flushing on shutdown failed')) });
  checkpoint();

  const server = createServer(gateway);
  // Lower than Node's defaults (60 s for headers, 300 s per request): slow-loris clients give up sooner.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  const port = await listen(server, config.port, config.host);
  running.push({ name: 'the HTTP server', stop: () => closeServer(server, config.shutdownGraceMs) });
  server.on('error', (error) => logger.error({ err: error }, 'HTTP server error'));
  let metricsPort: number | undefined;
  if (config.metricsPort !== undefined && gateway.metrics) {
    const metricsServer = createServer(metricsListener(gateway.metrics));
    metricsPort = await listen(metricsServer, config.metricsPort, config.host);
    running.push({ name: 'the metrics listener', stop: () => closeServer(metricsServer, config.shutdownGraceMs) });
  }
  checkpoint();

  // The first admin is made only now that the gateway listens: a start that fails earlier makes
  // none, so its one-time password cannot scroll away with the failure, and the next start makes
  // one. Nothing that can fail comes between creating it and printing its password.
  const admin = await ensureAdmin(prisma, config);
  if (admin.created && admin.generatedPassword) {
    console.log(`\nCreated admin ${admin.email} with password: ${admin.generatedPassword}\nIt is shown only this once.\n`);
  } else if (admin.created) {
    console.log(`Created admin ${admin.email} from SCOPEGATE_ADMIN_EMAIL / SCOPEGATE_ADMIN_PASSWORD.`);
  }

  const notifier = new ExpiryNotifier(prisma, mailer, (m) => console.error(m));
  notifier.start(config.noticeIntervalMs);
  running.push({ name: 'the expiry notifier', stop: () => notifier.stop() });
  // Every instance sends; the outbox's claims keep each delivery to one of them.
  const dispatcher = new WebhookDispatcher(prisma, {
    keySecret,
    timeoutMs: config.webhooks.timeoutMs,
    allowPrivate: config.webhooks.allowPrivate,
    log: (m) => logger.warn(m),
  });
  dispatcher.start(config.webhooks.intervalMs);
  running.push({ name: 'the webhook dispatcher', stop: () => dispatcher.stop() });

  if (metricsPort !== undefined) console.log(`Prometheus metrics on http://${config.host}:${metricsPort}/metrics`);
  console.log(`scopegate listening on http://${config.host}:${port}/graphql (ready in ${Date.now() - started} ms)`);
  console.log(`Web console: http://${config.host}:${port}/`);
}

async function shutdown(reason: string): Promise<never> {
  phase = 'stopping';
  console.log(`${reason}: shutting down`);
  await stopAll();
  process.exit(0);
}

// The shutdown stops PostgreSQL after the buffered writes (embedded-postgres's own exit hook,
// which would race it, is detached in db/embedded-postgres.ts).
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (phase === 'running') void shutdown(signal);
    else if (phase === 'starting') interruptedBy = signal;
  });
}

try {
  await start(config);
  phase = 'running';
  if (interruptedBy) await shutdown(`${interruptedBy} while starting`);
} catch (error) {
  if (error instanceof Interrupted) await shutdown(`${error.message} while starting`);
  // One line, no stack trace: what failed is for the operator; the stack only on request.
  console.error(`scopegate did not start: ${(error as Error).message}`);
  if (logger.isLevelEnabled('debug')) console.error((error as Error).stack);
  await stopAll();
  process.exit(1);
}
