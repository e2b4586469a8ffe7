import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createPrisma, type PrismaClient } from '../../src/db/client.js';
import { createGateway, type Gateway } from '../../src/yoga.js';
import { TEST_KEY_SECRET } from '../helpers/gateway.js';

export const METRICS_TOKEN = 'metrics-token-for-the-tests-0123456789abcdef';

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** What the gateway wrote through pino, as written (`raw`) and parsed. */
export interface CapturedLog {
  raw: string[];
  lines(): LogLine[];
}

export function captureLog(level = 'debug'): { logger: pino.Logger; log: CapturedLog } {
  const raw: string[] = [];
  const logger = pino({ level }, new Writable({ write: (chunk, _encoding, done) => (raw.push(chunk.toString()), done()) }));
  return { logger, log: { raw, lines: () => raw.map((line) => JSON.parse(line) as LogLine) } };
}

export interface OpsGateway {
  gateway: Gateway;
  prisma: PrismaClient;
  log: CapturedLog;
  queries: string[];
}

/**
 * A gateway as an operator runs it: production settings, a pino logger whose output the test
 * reads, and the environment given. `databaseUrl` for Prisma, `listenUrl` for the LISTEN
 * connection when a test puts something between it and PostgreSQL.
 */
export async function opsGateway(
  options: { env?: NodeJS.ProcessEnv; databaseUrl?: string; listenUrl?: string; countQueries?: boolean; logLevel?: string } = {},
): Promise<OpsGateway> {
  const databaseUrl = options.databaseUrl ?? inject('databaseUrl');
  const { logger, log } = captureLog(options.logLevel);
  const prisma = createPrisma(databaseUrl, { logQueries: options.countQueries });
  const queries: string[] = [];
  if (options.countQueries) {
    // createPrisma's return type does not carry the log option that enables this event.
    (prisma as unknown as { $on(event: 'query', listener: (e: { query: string }) => void): void }).$on('query', (event) => queries.push(event.query));
  }
  const config = loadConfig({ NODE_ENV: 'production', ...options.env });
  const gateway = await createGateway({ prisma, config, databaseUrl: options.listenUrl ?? databaseUrl, keySecret: TEST_KEY_SECRET, logger });
  afterAll(async () => {
    await gateway.close();
    await prisma.$disconnect();
  });
  return { gateway, prisma, log, queries };
}

/** A GraphQL POST as a script would send it. */
export function graphql(gateway: Gateway, query: string, options: { variables?: Record<string, unknown>; auth?: string; operationName?: string } = {}) {
  return gateway.fetch('http://scopegate.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.auth ? { authorization: `Bearer ${options.auth}` } : {}) },
    body: JSON.stringify({ query, variables: options.variables, operationName: options.operationName }),
  });
}

/** Samples of a Prometheus text exposition: `name{labels}` -> value. */
export function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

export async function scrape(gateway: Gateway): Promise<Map<string, number>> {
  const response = await gateway.fetch('http://scopegate.test/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}`);
  return parseMetrics(await response.text());
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
