import cluster, { type Worker } from 'node:cluster';
import diagnostics from 'node:diagnostics_channel';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { AggregatorRegistry } from 'prom-client';
import { resolveKeySecret } from './auth/key-secret.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { ensureAdmin } from './db/bootstrap.js';
import { createPrisma, type PrismaClient } from './db/client.js';
import { startEmbeddedPostgres } from './db/embedded-postgres.js';
import { applyMigrations } from './db/migrate.js';
import { metricsListener, type MetricsSource } from './http/metrics.js';
import { ExpiryNotifier } from './lifecycle/expiry-notices.js';
import { RetentionSweep } from './lifecycle/retention.js';
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

/** Rows past their retention (lifecycle/retention.ts) go within the hour. */
const RETENTION_SWEEP_INTERVAL_MS = 3_600_000;

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

/** A worker's pools at their fullest: requests (10), counters and token budgets (4), LISTEN (1). */
const CONNECTIONS_PER_WORKER = 15;

/** The database URL: DATABASE_URL, or an embedded PostgreSQL started here; migrations applied. */
async function prepareDatabase(config: Config): Promise<string> {
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    console.log(`Starting embedded PostgreSQL in ${config.dataDir} ...`);
    // Room for every worker's pools at full load (README: Running on more cores and machines).
    const embedded = await startEmbeddedPostgres(config.dataDir, { maxConnections: config.workers * CONNECTIONS_PER_WORKER + 20 });
    running.push({ name: 'the embedded PostgreSQL', stop: () => embedded.stop() });
    databaseUrl = embedded.url;
  }
  checkpoint();
  const applied = await applyMigrations(databaseUrl);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  checkpoint();
  return databaseUrl;
}

interface Listening {
  port: number;
  metricsPort: number | undefined;
}

/** The gateway on its port (shared by every worker under node:cluster), and METRICS_PORT's listener. */
async function serveGateway(config: Config, databaseUrl: string): Promise<Listening & { prisma: PrismaClient }> {
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
  if (cluster.isWorker && gateway.metrics) {
    // The primary serves METRICS_PORT with every worker's metrics added up, asking each for its
    // own; /metrics on the main port asks the primary for the same sum.
    AggregatorRegistry.setRegistries([gateway.metrics.registry]);
    // Constructing one is what makes prom-client answer the primary's requests in a worker.
    new AggregatorRegistry();
    gateway.metrics.source = instanceMetrics;
  } else if (config.metricsPort !== undefined && gateway.metrics) {
    metricsPort = await serveMetrics(config, gateway.metrics.registry);
  }
  checkpoint();
  return { port, metricsPort, prisma };
}

async function serveMetrics(config: Config, registry: MetricsSource): Promise<number> {
  const metricsServer = createServer(metricsListener(registry));
  const port = await listen(metricsServer, config.metricsPort!, config.host);
  running.push({ name: 'the metrics listener', stop: () => closeServer(metricsServer, config.shutdownGraceMs) });
  return port;
}

/** What follows the first listener, once per instance: the first admin, the expiry notices, the lines to read. */
async function afterListening(config: Config, prisma: PrismaClient, { port, metricsPort }: Listening): Promise<void> {
  // The first admin is made only now that the gateway listens: a start that fails earlier makes
  // none, so its one-time password cannot scroll away with the failure, and the next start makes
  // one. Nothing that can fail comes between creating it and printing its password.
  const admin = await ensureAdmin(prisma, config);
  if (admin.created && admin.generatedPassword) {
    console.log(`\nCreated admin ${admin.email} with password: ${admin.generatedPassword}\nIt is shown only this once.\n`);
  } else if (admin.created) {
    console.log(`Created admin ${admin.email} from SCOPEGATE_ADMIN_EMAIL / SCOPEGATE_ADMIN_PASSWORD.`);
  }

  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : undefined;
  const keySecret = await resolveKeySecret(config.keySecret, config.dataDir);
  const notifier = new ExpiryNotifier(prisma, mailer, (m) => console.error(m));
  notifier.start(config.noticeIntervalMs);
  running.push({ name: 'the expiry notifier', stop: () => notifier.stop() });
  const retention = new RetentionSweep(prisma, (m) => console.error(m));
  retention.start(RETENTION_SWEEP_INTERVAL_MS);
  running.push({ name: 'the data retention sweep', stop: () => retention.stop() });
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
  const workers = config.workers > 1 ? ` with ${config.workers} workers` : '';
  console.log(`scopegate listening on http://${config.host}:${port}/graphql${workers} (ready in ${Date.now() - started} ms)`);
  console.log(`Web console: http://${config.host}:${port}/`);
}

/** SCOPEGATE_WORKERS=1: one process does everything. */
async function startSingle(config: Config): Promise<void> {
  const databaseUrl = await prepareDatabase(config);
  const listening = await serveGateway(config, databaseUrl);
  await afterListening(config, listening.prisma, listening);
}

/** A worker's request for the instance's metrics, and the primary's answer. */
interface MetricsMessage {
  scopegate: 'metrics';
  id: number;
  text?: string;
  error?: string;
}

const isMetrics = (message: unknown): message is MetricsMessage => (message as MetricsMessage | null)?.scopegate === 'metrics';
const metricsAsked = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();
let metricsAskedId = 0;

/** Every worker's metrics added up, from the primary (a worker's own would be one share of the traffic). */
function instanceMetrics(): Promise<string> {
  const id = ++metricsAskedId;
  return new Promise((resolve, reject) => {
    metricsAsked.set(id, { resolve, reject });
    process.send!({ scopegate: 'metrics', id } satisfies MetricsMessage);
  });
}

if (cluster.isWorker) {
  process.on('message', (message: unknown) => {
    if (!isMetrics(message)) return;
    const asked = metricsAsked.get(message.id);
    metricsAsked.delete(message.id);
    if (message.text !== undefined) asked?.resolve(message.text);
    else asked?.reject(new Error(message.error ?? 'no metrics'));
  });
}

/** A message a worker sends its primary once it listens. */
interface ReadyMessage {
  scopegate: 'ready';
  port: number;
  metricsPort: number | undefined;
}

const isReady = (message: unknown): message is ReadyMessage => (message as ReadyMessage | null)?.scopegate === 'ready';

/** A worker: the gateway only; the primary started the database and keeps the instance-wide work. */
async function startWorker(config: Config): Promise<void> {
  // The primary going away (even by SIGKILL) closes this channel: a worker never outlives it.
  process.on('disconnect', () => {
    if (phase === 'running') void shutdown('the primary process exited', { quiet: true });
    else interruptedBy ??= 'the primary process exited';
  });
  const { port, metricsPort } = await serveGateway(config, config.databaseUrl!);
  process.send!({ scopegate: 'ready', port, metricsPort } satisfies ReadyMessage);
}

/**
 * The primary: starts PostgreSQL and applies migrations once, forks SCOPEGATE_WORKERS workers
 * that share the port, replaces one that dies, and on SIGTERM lets every worker drain before it
 * stops PostgreSQL.
 */
async function startPrimary(config: Config): Promise<void> {
  const databaseUrl = await prepareDatabase(config);
  // Made (when it comes from the data directory) before any worker reads it, so all read one.
  await resolveKeySecret(config.keySecret, config.dataDir);
  checkpoint();

  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: unknown) => {
    if (!isMetrics(message)) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ scopegate: 'metrics', id: message.id, text } satisfies MetricsMessage),
      (error: Error) => worker.send({ scopegate: 'metrics', id: message.id, error: error.message } satisfies MetricsMessage),
    );
  });
  const workers = new Set<Worker>();
  let everReady = false;
  let restartDelayMs = 0;
  let failed: ((error: Error) => void) | undefined;
  const firstReady = new Promise<Listening>((resolve, reject) => {
    failed = reject;
    cluster.on('message', (worker, message: unknown) => {
      if (!isReady(message)) return;
      if (!everReady) resolve({ port: message.port, metricsPort: message.metricsPort });
      else if (phase === 'running') console.log(`Worker ${worker.process.pid} listening`);
      everReady = true;
    });
  });
  firstReady.catch(() => {});
  const fork = () => {
    const worker = cluster.fork({ DATABASE_URL: databaseUrl });
    const born = Date.now();
    workers.add(worker);
    worker.on('exit', (code, signal) => {
      workers.delete(worker);
      if (phase === 'stopping') return;
      // A worker that cannot start (its own line says why) fails the start rather than looping.
      if (!everReady) return failed?.(new Interrupted(`a worker exited with ${signal ?? `code ${code}`} before listening`));
      // A worker that dies young is replaced after a growing pause, so a crash loop cannot spin.
      restartDelayMs = Date.now() - born < 10_000 ? Math.min(Math.max(restartDelayMs * 2, 250), 10_000) : 0;
      console.error(`Worker ${worker.process.pid} exited with ${signal ?? `code ${code}`}; starting another${restartDelayMs ? ` in ${restartDelayMs} ms` : ''}`);
      setTimeout(() => {
        if (phase !== 'stopping') fork();
      }, restartDelayMs).unref();
    });
  };
  const stopWorkers = {
    name: 'the workers',
    stop: async () => {
      const exits = [...workers].map((worker) => new Promise<void>((resolve) => (worker.isDead() ? resolve() : worker.once('exit', () => resolve()))));
      for (const worker of workers) worker.process.kill('SIGTERM');
      // Each worker closes what is still open after the grace period itself; this only catches one that hangs.
      const deadline = setTimeout(() => {
        for (const worker of workers) worker.process.kill('SIGKILL');
      }, config.shutdownGraceMs + 10_000);
      await Promise.all(exits);
      clearTimeout(deadline);
    },
  };
  running.push(stopWorkers);
  for (let i = 0; i < config.workers; i++) fork();
  let listening: Listening;
  try {
    listening = await firstReady;
  } catch {
    if (interruptedBy) throw new Interrupted(interruptedBy);
    // The worker already printed why; stopping the others must not print more.
    phase = 'stopping';
    await stopAll();
    process.exit(1);
  }
  if (config.metricsPort !== undefined) listening.metricsPort = await serveMetrics(config, { metrics: () => aggregator.clusterMetrics(), contentType: aggregator.contentType });
  checkpoint();
  // A small pool of its own: the primary serves no requests.
  const prisma = createPrisma(databaseUrl, { poolSize: 2 });
  running.push({ name: 'the database connections', stop: () => prisma.$disconnect() });
  await afterListening(config, prisma, listening);
  // Stopped first on SIGTERM: the workers take the traffic, so they stop accepting before anything
  // else is stopped (the rest of the primary waits for them to drain).
  running.splice(running.indexOf(stopWorkers), 1);
  running.push(stopWorkers);
}

async function shutdown(reason: string, { quiet = false } = {}): Promise<never> {
  phase = 'stopping';
  if (!quiet) console.log(`${reason}: shutting down`);
  await stopAll();
  process.exit(0);
}

// The shutdown stops PostgreSQL after the buffered writes (embedded-postgres's own exit hook,
// which would race it, is detached in db/embedded-postgres.ts).
// A worker drains without saying so: the primary says it once for the instance.
const quiet = cluster.isWorker;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (phase === 'running') void shutdown(signal, { quiet });
    else if (phase === 'starting') interruptedBy = signal;
  });
}

try {
  if (cluster.isWorker) await startWorker(config);
  else if (config.workers > 1) await startPrimary(config);
  else await startSingle(config);
  phase = 'running';
  if (interruptedBy) await shutdown(`${interruptedBy} while starting`, { quiet });
} catch (error) {
  if (error instanceof Interrupted) await shutdown(`${error.message} while starting`, { quiet });
  // One line, no stack trace: what failed is for the operator; the stack only on request.
  console.error(`scopegate did not start: ${(error as Error).message}`);
  if (logger.isLevelEnabled('debug')) console.error((error as Error).stack);
  await stopAll();
  process.exit(1);
}
