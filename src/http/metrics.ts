import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { InvalidationBus } from '../auth/invalidation.js';
import type { AuthOutcome } from './observed-entry.js';
import { factsOf } from './request-facts.js';

/** What a cache counts about itself (auth/auth-cache.ts); read at scrape time, not per request. */
interface CountingCache {
  readonly hits: number;
  readonly misses: number;
}

/** The parts of a pg.Pool the gauges read. */
interface PoolStats {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options: { max?: number };
}

export interface MetricsSources {
  caches: Record<string, CountingCache>;
  bus: InvalidationBus;
  /** Prisma's connection pool, when the database client exposes it. */
  pool?: PoolStats;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Operation names are the client's choice: each distinct one is a label value that lives as long
 * as the process. Past this many, further names count as `(other)`, so a client sending random
 * names cannot grow the registry without bound.
 */
const MAX_OPERATION_NAMES = 200;

/** Fixed route labels: a path label taken from the URL would grow with every probe for /wp-admin. */
const ROUTES: Record<string, string> = {
  '/graphql': 'graphql',
  '/auth/token': 'auth_token',
  '/.well-known/jwks.json': 'jwks',
  '/livez': 'health',
  '/readyz': 'health',
  '/health': 'health',
  '/metrics': 'metrics',
  '/': 'console',
  '/index.html': 'console',
};

function routeOf(path: string): string {
  return ROUTES[path] ?? (path.startsWith('/assets/') ? 'console' : 'other');
}

/**
 * The gateway's Prometheus metrics (prom-client), in a registry of its own so that several
 * gateways in one process (the tests) do not collide. Counters that change on every request are
 * kept as plain numbers where they live and copied into the registry when it is scraped.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests: Counter<'route' | 'operation' | 'outcome'>;
  private readonly duration: Histogram<'route' | 'operation'>;
  private readonly authentications: Counter<'door' | 'result' | 'reason'>;
  private readonly revocationLag: Histogram;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'scopegate_requests_total',
      help: 'HTTP requests by route, GraphQL operation name and outcome (ok, or the first error code; HTTP_<status> when no GraphQL result was made).',
      labelNames: ['route', 'operation', 'outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'scopegate_request_duration_seconds',
      help: 'Time from a request coming in to its response headers, by route and GraphQL operation name.',
      labelNames: ['route', 'operation'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.authentications = new Counter({
      name: 'scopegate_authentications_total',
      help: 'Credentials met at the entry, by door and result; reason is the principal kind when ok, why when refused.',
      labelNames: ['door', 'result', 'reason'],
      registers,
    });
    new Counter({
      name: 'scopegate_auth_cache_lookups_total',
      help: 'Credential cache lookups answered from memory (hit) or loaded from the database or a JWT verification (miss).',
      labelNames: ['cache', 'result'],
      registers,
      collect() {
        this.reset();
        for (const [cache, counts] of Object.entries(sources.caches)) {
          this.inc({ cache, result: 'hit' }, counts.hits);
          this.inc({ cache, result: 'miss' }, counts.misses);
        }
      },
    });
    this.revocationLag = new Histogram({
      name: 'scopegate_revocation_propagation_seconds',
      help: "Time from an invalidation NOTIFY being sent (by any gateway, on its clock) to this gateway receiving it and emptying its credential cache.",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    sources.bus.onDelivery = (topic, lagMs) => {
      if (topic === 'auth') this.revocationLag.observe(Math.max(0, lagMs) / 1000);
    };
    new Gauge({
      name: 'scopegate_invalidation_listener_up',
      help: '1 while the LISTEN/NOTIFY connection that carries revocations between gateways is up.',
      registers,
      collect() {
        this.set(sources.bus.healthy ? 1 : 0);
      },
    });
    const { pool } = sources;
    if (pool) {
      new Gauge({
        name: 'scopegate_db_pool_connections',
        help: 'Connections in the database pool, by state (in_use, idle), and its maximum (max).',
        labelNames: ['state'],
        registers,
        collect() {
          this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
          this.set({ state: 'idle' }, pool.idleCount);
          this.set({ state: 'max' }, pool.options.max ?? 10);
        },
      });
      new Gauge({
        name: 'scopegate_db_pool_waiting_queries',
        help: 'Queries waiting for a free connection in the database pool.',
        registers,
        collect() {
          this.set(pool.waitingCount);
        },
      });
    }
  }

  observeAuthentication(outcome: AuthOutcome): void {
    this.authentications.inc({ door: outcome.door, result: outcome.result, reason: outcome.reason });
  }

  private operationLabel(name: string): string {
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_NAMES) return '(other)';
    this.operations.add(name);
    return name;
  }

  /** Counts each response: `plugin` below, after every other plugin has noted its facts. */
  plugin(): Plugin {
    return {
      onResponse: ({ request, response }) => {
        const facts = factsOf(request);
        if (!facts || facts.internal) return;
        const route = routeOf(facts.path);
        const operation = route === 'graphql' ? this.operationLabel(facts.operation ?? '(unknown)') : '';
        const outcome = facts.outcome ?? (response.status < 400 ? 'ok' : `HTTP_${response.status}`);
        this.requests.inc({ route, operation, outcome });
        this.duration.observe({ route, operation }, (performance.now() - facts.startedAt) / 1000);
      },
    };
  }

  /** What a scrape answers: this registry; under node:cluster, every worker's added up (server.ts). */
  source: () => Promise<string> = () => this.registry.metrics();

  async scrape(): Promise<Response> {
    return new Response(await this.source(), {
      headers: { 'content-type': this.registry.contentType, 'cache-control': 'no-store' },
    });
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `GET /metrics` on the gateway's own port, for a Bearer token equal to SCOPEGATE_METRICS_TOKEN.
 * Without a token configured it is not served here at all (404, from Yoga's unknown-route answer);
 * METRICS_PORT serves it instead (metricsListener).
 */
export function metricsEndpointPlugin(metrics: GatewayMetrics | undefined, token: string | undefined): Plugin {
  // Digests of equal length, so the comparison takes the same time whatever the presented value.
  const expected = token === undefined ? undefined : digest(token);
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== '/metrics' || !metrics || !expected) return;
      if (request.method !== 'GET') return endResponse(new Response(null, { status: 405, headers: { allow: 'GET' } }));
      const presented = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
      if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
        return endResponse(
          new Response('A Bearer token equal to SCOPEGATE_METRICS_TOKEN is required.\n', {
            status: 401,
            headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' },
          }),
        );
      }
      return metrics.scrape().then(endResponse);
    },
  };
}

/** Where a scrape's text comes from: a registry, or (under node:cluster) every worker's added up. */
export interface MetricsSource {
  metrics(): Promise<string>;
  contentType: string;
}

/**
 * The METRICS_PORT listener: `GET /metrics` without a token, since only what can reach that port
 * (bound to HOST, usually kept off the public network) can read it; anything else is 404.
 */
export function metricsListener(registry: MetricsSource): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://metrics').pathname;
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found.\n');
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : body),
      () => res.writeHead(500).end(),
    );
  };
}
