import { afterAll, inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { createPrisma, type PrismaClient } from '../../src/db/client.js';
import { createGateway, type Gateway } from '../../src/yoga.js';

export interface TestGateway {
  gateway: Gateway;
  prisma: PrismaClient;
  config: Config;
  /** Database queries seen since the last reset (only with `countQueries`). */
  queries: string[];
}

/** A gateway on the shared test database, closed after the file's tests. */
export function setupGateway(options: { countQueries?: boolean; env?: NodeJS.ProcessEnv } = {}): TestGateway {
  const config = loadConfig({ NODE_ENV: 'test', ...options.env });
  const prisma = createPrisma(inject('databaseUrl'), { logQueries: options.countQueries });
  const queries: string[] = [];
  if (options.countQueries) {
    // createPrisma's return type does not carry the log option that enables this event.
    const emitter = prisma as unknown as { $on(event: 'query', listener: (e: { query: string }) => void): void };
    emitter.$on('query', (event) => queries.push(event.query));
  }
  const gateway = createGateway({ prisma, config });
  afterAll(async () => {
    await gateway.close();
    await prisma.$disconnect();
  });
  return { gateway, prisma, config, queries };
}
