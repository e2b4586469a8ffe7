import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';

export type { PrismaClient };

const pools = new WeakMap<PrismaClient, pg.Pool>();

/** The connection pool behind a client made by createPrisma (the metrics read its counts). */
export function poolOf(prisma: PrismaClient): pg.Pool | undefined {
  return pools.get(prisma);
}

export function createPrisma(databaseUrl: string, options: { logQueries?: boolean; poolSize?: number } = {}): PrismaClient {
  // A query waiting for a free connection fails after 10 s rather than waiting for ever: a
  // mutation's transaction holds one connection, and work that needs a second while the pool is
  // empty would otherwise wait on itself.
  // The pool is made here rather than by the adapter so that its counts can be read.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const prisma = new PrismaClient({
    adapter,
    log: options.logQueries ? [{ emit: 'event', level: 'query' }] : [],
  });
  pools.set(prisma, pool);
  // Prisma ends the pool only if it connected itself; authentication's reads (db/token-reads.ts)
  // may have used the pool without it, and their connections must close with the client.
  const disconnect = prisma.$disconnect.bind(prisma);
  prisma.$disconnect = async () => {
    await disconnect();
    if (!pool.ended) await pool.end();
  };
  return prisma;
}
