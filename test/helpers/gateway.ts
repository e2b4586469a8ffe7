import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { createPrisma, type PrismaClient } from '../../src/db/client.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { observeTokenReads } from '../../src/db/token-reads.js';
import type { Mailer } from '../../src/lifecycle/mailer.js';
import { createGateway, type Gateway, type GatewayDeps } from '../../src/yoga.js';

/** Every test gateway shares the test database, so they share its key secret too. */
export const TEST_KEY_SECRET = 'test-key-secret-that-is-long-enough-for-scopegate';

export interface TestGateway {
  gateway: Gateway;
  prisma: PrismaClient;
  config: Config;
  databaseUrl: string;
  /** Database queries seen since the last reset (only with `countQueries`). */
  queries: string[];
}

/**
 * A fresh database of its own on the shared test server, for tests of global state (the token
 * policy, expiry scans) that must not disturb the files running beside them.
 */
export async function isolatedDatabase(): Promise<string> {
  const url = new URL(inject('databaseUrl'));
  const name = `iso_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  return url.toString();
}

/** A gateway on the test database, closed after the file's tests. */
export async function setupGateway(
  options: {
    countQueries?: boolean;
    env?: NodeJS.ProcessEnv;
    isolated?: boolean;
    consoleDir?: string;
    mailer?: Mailer;
    clock?: () => number;
    executor?: GatewayDeps['executor'];
    /** Unless told otherwise, every operation runs through graphql-jit from its first run. */
    compileOnFirstRun?: boolean;
  } = {},
): Promise<TestGateway> {
  const config = loadConfig({ NODE_ENV: 'test', ...options.env });
  const databaseUrl = options.isolated ? await isolatedDatabase() : inject('databaseUrl');
  const prisma = createPrisma(databaseUrl, { logQueries: options.countQueries });
  const queries: string[] = [];
  if (options.countQueries) {
    // createPrisma's return type does not carry the log option that enables this event.
    const emitter = prisma as unknown as { $on(event: 'query', listener: (e: { query: string }) => void): void };
    emitter.$on('query', (event) => queries.push(event.query));
    // Authentication's reads go through node-postgres on the same pool (src/db/token-reads.ts).
    observeTokenReads(prisma, (statement) => queries.push(statement));
  }
  const gateway = await createGateway({
    prisma,
    config,
    databaseUrl,
    keySecret: TEST_KEY_SECRET,
    consoleDir: options.consoleDir,
    mailer: options.mailer,
    clock: options.clock,
    executor: options.executor,
    compileOnFirstRun: options.compileOnFirstRun ?? true,
  });
  afterAll(async () => {
    await gateway.close();
    await prisma.$disconnect();
  });
  return { gateway, prisma, config, databaseUrl, queries };
}
