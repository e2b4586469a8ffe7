import type { IncomingMessage } from 'node:http';
import type { ExecutionResult } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import pino, { type Logger } from 'pino';
import { Authenticator } from './auth/authenticator.js';
import type { EntryResult } from './auth/entry.js';
import { ExternalJwtVerifier } from './auth/federation.js';
import { InvalidationBus } from './auth/invalidation.js';
import type { JwtSettings } from './auth/jwt.js';
import { clientAddress, reachedOverTls } from './auth/client-address.js';
import type { Principal } from './auth/principal.js';
import { KeyStore, seal } from './auth/signing-keys.js';
import type { Config } from './config.js';
import { createPrisma, poolOf, type PrismaClient } from './db/client.js';
import { consolePlugin } from './http/console.js';
import { deviceAuthorizationPlugin } from './http/device-authorization.js';
import { graphiqlPlugin } from './http/graphiql.js';
import { accessLogPlugin, signInLogPlugin } from './http/access-log.js';
import { armorPlugins, bodyLimitPlugin, csrfPlugin, errorLoggingPlugin, introspectionPlugin, maskUnexpected, reportUnexpected, requestIdOf, requestIdPlugin, yogaLogging } from './http/hardening.js';
import { healthPlugin } from './http/health.js';
import { GatewayMetrics, metricsEndpointPlugin } from './http/metrics.js';
import { ObservedEntry } from './http/observed-entry.js';
import { operationFactsPlugin } from './http/request-facts.js';
import { jitExecution, type JitStats } from './http/jit-execution.js';
import { listNestingPlugin } from './http/list-nesting.js';
import { tokenExchangePlugin } from './http/token-exchange.js';
import { credentialRoutesPlugin } from './http/credential-routes.js';
import { SecretLifecycle } from './auth/rotation.js';
import type { Mailer } from './lifecycle/mailer.js';
import { rateLimited, SharedRateLimiter } from './security/rate-limits.js';
import { TokenBudgets } from './security/token-budgets.js';
import { tokenLimitsPlugin } from './http/token-limits.js';
import { divertExercised, UsageRecorder } from './lifecycle/usage.js';
import { atomicMutationsPlugin } from './schema/atomic-mutations.js';
import type { Context } from './schema/context.js';
import { unauthenticated } from './schema/errors.js';
import { schema } from './schema/index.js';

export interface GatewayDeps {
  prisma: PrismaClient;
  config: Config;
  /** For the LISTEN connection, which cannot share Prisma's pool. */
  databaseUrl: string;
  /** Required; server.ts falls back to a secret kept in the data directory. */
  keySecret: string;
  logger?: Logger;
  /** The web console's build; dist/web by default. */
  consoleDir?: string;
  /** For alerts that cannot wait for a timer: a token reported as exposed, a retired secret reused. */
  mailer?: Mailer;
  /** Epoch milliseconds: when tokens start and end, and which budget window a request falls in. Tests inject one. */
  clock?: () => number;
  /** graphql-jit unless told otherwise; tests run graphql-js beside it to compare the answers. */
  executor?: 'graphql-jit' | 'graphql-js';
  /** Tests set it, so that every operation they send runs through graphql-jit, its first run included. */
  compileOnFirstRun?: boolean;
}

interface ServerContext {
  req?: IncomingMessage;
  /** Set only by explainAs, in process: no HTTP request can carry it. */
  dryRunAs?: Principal;
}

export type Gateway = YogaServerInstance<ServerContext, Context> & {
  authenticator: Authenticator;
  usage: UsageRecorder;
  keys: KeyStore;
  bus: InvalidationBus;
  secrets: SecretLifecycle;
  /** Present when metrics are served (SCOPEGATE_METRICS_TOKEN or METRICS_PORT); server.ts serves METRICS_PORT from it. */
  metrics: GatewayMetrics | undefined;
  /** How many operations graphql-jit compiled, reused, or left to graphql-js. */
  jit: JitStats;
  /** Stops timers and the LISTEN connection, and writes what is still buffered. */
  close(): Promise<void>;
};

/** Work a response does not wait for, which closing the gateway does. */
class BackgroundWork {
  private readonly running = new Set<Promise<unknown>>();
  constructor(private readonly log: (message: string) => void) {}

  track(work: Promise<unknown>): void {
    const settled = work.catch((error) => this.log(`background work failed: ${(error as Error).message}`)).finally(() => this.running.delete(settled));
    this.running.add(settled);
  }

  async settled(): Promise<void> {
    await Promise.all(this.running);
  }
}

const pendingHeaders = new WeakMap<Request, [string, string][]>();

/** Copies headers decided during the request (Set-Cookie, token expiry) onto the response. */
const responseHeadersPlugin: Plugin = {
  onResponse({ request, response }) {
    for (const [name, value] of pendingHeaders.get(request) ?? []) response.headers.append(name, value);
  },
};

/** An entry refusal as the GraphQL error /graphql answers with. */
function entryError(entered: Exclude<EntryResult, { ok: true }>): Error {
  switch (entered.kind) {
    case 'blocked':
    case 'budget':
      return rateLimited(entered.message, entered.retryAfterSeconds);
    case 'refused':
    case 'misdirected':
      return unauthenticated(`Authentication failed: ${entered.message}.`, 401);
  }
}

export async function createGateway({ prisma, config, databaseUrl, keySecret, logger = pino({ level: 'silent' }), consoleDir, mailer, clock = Date.now, executor = 'graphql-jit', compileOnFirstRun }: GatewayDeps): Promise<Gateway> {
  const log = (message: string) => logger.warn(message);
  const keys = new KeyStore(prisma, keySecret, config.keyRotationDays);
  await keys.init();
  const jwt: JwtSettings = { issuer: config.jwtIssuer, audience: config.jwtAudience };
  let bus: InvalidationBus | undefined;
  const secrets = new SecretLifecycle({ prisma, invalidate: () => invalidate(), mailer, log });
  const authenticator = new Authenticator(prisma, {
    secrets,
    log,
    // While LISTEN/NOTIFY is up, other gateways' changes arrive at once and a long TTL is safe;
    // while it is down, a short one bounds how long a revoked token can live on here.
    cacheTtlMs: () => (bus?.healthy ? config.authCacheTtlMs : config.authCacheFallbackTtlMs),
    cacheMaxEntries: config.authCacheMaxEntries,
    keys,
    jwt,
    requestsPerMinute: config.limits.tokenRequestsPerMinute,
  });
  bus = new InvalidationBus(
    databaseUrl,
    (topic) => {
      if (topic === 'auth') authenticator.cache.clear();
      else void keys.reload().catch((error) => log(`reloading signing keys failed: ${(error as Error).message}`));
    },
    log,
  );
  const invalidate = async () => {
    authenticator.cache.clear();
    await bus!.publish(prisma, 'auth').catch((error) => log(`could not publish an invalidation: ${(error as Error).message}`));
  };
  const usage = new UsageRecorder(prisma, config.lastUsedFlushMs);
  const background = new BackgroundWork(log);
  // Attempt counters write on a pool of their own: a mutation's transaction holds one of Prisma's
  // connections, and a count taken inside it must neither wait on that pool nor be rolled back.
  // Token budgets lease on it too: a cost lease taken inside a mutation's transaction must not
  // be rolled back with it (the units were handed out) nor wait for that transaction's pool.
  const limiterPrisma = createPrisma(databaseUrl, { poolSize: 4 });
  const limiter = new SharedRateLimiter(limiterPrisma);
  const budgets = new TokenBudgets(limiterPrisma, clock);
  // Scheduled rotation: whichever gateway notices first rotates; the others reload on NOTIFY.
  const rotation = setInterval(() => {
    if (keys.rotationDue()) void keys.rotateIfDue().catch((error) => log(`key rotation failed: ${(error as Error).message}`));
  }, 3_600_000);
  rotation.unref();
  const isDev = config.nodeEnv === 'development';
  const clientIp = (request: Request, serverContext: unknown) =>
    clientAddress((serverContext as ServerContext | undefined)?.req?.socket.remoteAddress, request.headers.get('x-forwarded-for'), config.trustProxyHops);
  // Without a way to read them, metrics are not kept at all: nothing is counted per request.
  const metrics =
    config.metricsToken !== undefined || config.metricsPort !== undefined ? new GatewayMetrics({ caches: { credentials: authenticator.cache }, bus, pool: poolOf(prisma) }) : undefined;
  const overTls = (request: Request) => reachedOverTls(request.url, request.headers.get('x-forwarded-proto'), config.trustProxyHops);
  const entry = new ObservedEntry({ authenticator, limiter, budgets, clock, failedAuthPerIp: config.limits.failedAuthPerIp, clientIp, overTls }, (outcome) =>
    metrics?.observeAuthentication(outcome),
  );
  const health = await healthPlugin({ prisma, bus, logger });
  // What the routes for machines (federation, the device grant) share: refusals count per address.
  const machines = { prisma, limiter, failedAuthPerIp: config.limits.failedAuthPerIp, clientIp };
  // explainToken's dry runs: the token acts, but none of it counts as its use.
  const quietUsage = divertExercised(usage, () => {});
  const explainAs: Context['explainAs'] = async (principal, query, variables) => {
    const response = await yoga.fetch(
      'http://scopegate.internal/graphql',
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': 'dry-run' }, body: JSON.stringify({ query, variables }) },
      { dryRunAs: principal },
    );
    return (await response.json()) as ExecutionResult;
  };
  const sealWebhookSecret = (secret: string) => seal(keySecret, secret, 'webhook-secret-encryption');
  const dryRunContext = (request: Request, principal: Principal): Context => ({
    principal,
    prisma,
    authenticator,
    config,
    request,
    requestId: requestIdOf(request) ?? 'none',
    clientIp: null,
    usage: quietUsage,
    limiter,
    log,
    invalidate: async () => {},
    responseHeaders: [],
    dryRun: true,
    explainAs,
    sealWebhookSecret,
    afterCommit: async () => {},
  });
  const jit = jitExecution(schema, { compileOnFirstRun });
  const yoga = createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    batching: false,
    // bodyLimitPlugin enforces our own limit. Yoga's, on by default, also pipes every body through
    // a TransformStream even when Content-Length was checked; in the W2 profile that stream's
    // pipeline and AbortSignal cost more per request than scope-auth.
    maxRequestBodySize: false,
    logging: yogaLogging(logger),
    // Unexpected errors become INTERNAL_SERVER_ERROR with no message (errorLoggingPlugin logs
    // them with the request id); GraphQLErrors with a code pass. Masking stays on outside development.
    maskedErrors: { isDev, maskError: maskUnexpected(isDev) },
    plugins: [
      requestIdPlugin(),
      health,
      metricsEndpointPlugin(metrics, config.metricsToken),
      operationFactsPlugin(),
      bodyLimitPlugin(config.limits.bodyBytes),
      consolePlugin(consoleDir),
      graphiqlPlugin(entry),
      tokenExchangePlugin({ entry, prisma, keys, jwt, usage, federation: { ...machines, authenticator, keys, jwt, usage, verifier: new ExternalJwtVerifier(config.federationAllowInsecure) }, device: machines }),
      deviceAuthorizationPlugin(machines),
      credentialRoutesPlugin({ entry, authenticator, secrets, limiter, keys, jwt, clientIp, usage, background: (work) => background.track(work) }),
      csrfPlugin(),
      ...armorPlugins(),
      listNestingPlugin(),
      tokenLimitsPlugin(budgets, clock),
      introspectionPlugin(config),
      signInLogPlugin(logger),
      accessLogPlugin(logger),
      ...(metrics ? [metrics.plugin()] : []),
      responseHeadersPlugin,
      // Before the plugins that wrap execution: a mutation's transaction runs the compiled operation.
      ...(executor === 'graphql-jit' ? [jit.plugin] : []),
      atomicMutationsPlugin(),
      // Last, so that its wrapper is the outermost around execution: a mutation's transaction
      // that fails to begin or commit is logged with its request id too.
      errorLoggingPlugin(logger),
    ],
    context: async ({ request, req, dryRunAs }) => {
      if (dryRunAs) return dryRunContext(request, dryRunAs);
      const requestId = requestIdOf(request) ?? 'none';
      let entered: EntryResult;
      try {
        entered = await entry.authenticateRequest(request, { req }, 'graphql');
      } catch (error) {
        reportUnexpected(logger, requestId, error);
        throw error;
      }
      if (!entered.ok) throw entryError(entered);
      const { principal, ip } = entered;
      const responseHeaders: [string, string][] = [];
      pendingHeaders.set(request, responseHeaders);
      if (principal.token) {
        usage.record(principal.token.id, ip);
        // As SonarQube and GitHub do: tell every caller of an expiring token when it stops working.
        // During a rotation's overlap, the previous secret stops before the token does.
        const stops = principal.token.viaPreviousSecret ? principal.expiresAt : principal.token.expiresAt;
        if (stops) responseHeaders.push(['Scopegate-Token-Expiration', stops.toISOString()]);
      }
      return { principal, prisma, authenticator, config, request, requestId, clientIp: ip, usage, limiter, log, invalidate, responseHeaders, explainAs, sealWebhookSecret, afterCommit: (work) => work() };
    },
  });
  // Last: nothing after it can fail and leave the LISTEN connection open. (It never throws: a
  // connection that fails is retried in the background, and the caches use the short TTL meanwhile.)
  await bus.start();
  return Object.assign(yoga, {
    authenticator,
    usage,
    keys,
    bus,
    secrets,
    metrics,
    jit: jit.stats,
    close: async () => {
      clearInterval(rotation);
      await background.settled();
      await bus!.stop();
      await usage.close();
      await limiterPrisma.$disconnect();
    },
  });
}
