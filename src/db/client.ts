import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';

export type { PrismaClient };

export function createPrisma(databaseUrl: string, options: { logQueries?: boolean; poolSize?: number } = {}): PrismaClient {
  // A query waiting for a free connection fails after 10 s rather than waiting for ever: a
  // mutation's transaction holds one connection, and work that needs a second while the pool is
  // empty would otherwise wait on itself.
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
  return new PrismaClient({
    adapter,
    log: options.logQueries ? [{ emit: 'event', level: 'query' }] : [],
  });
}
