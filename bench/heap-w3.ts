// W3 in one process: a rotation of N cold tokens, each request a token's first use since the auth
// cache forgot it, from one address, through gateway.fetch; heapUsed after a full GC every EVERY
// requests. The heap figure includes this script's own seeding and secrets (about 83 MB at
// N=100,000), so what matters is that it stays flat.
//   N=100000 TOTAL=200000 node --max-old-space-size=192 --expose-gc --import tsx bench/heap-w3.ts
// SNAPS=4000,24000 writes heap snapshots at those counts (diff them by constructor).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { loadConfig } from '../src/config.js';
import { createPrisma } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { applyMigrations } from '../src/db/migrate.js';
import { createGateway } from '../src/yoga.js';
import { seed } from './seed.js';

const N = Number(process.env.N ?? 100_000);
const TOTAL = Number(process.env.TOTAL ?? 200_000);
const EVERY = Number(process.env.EVERY ?? 10_000);
const SNAPS = (process.env.SNAPS ?? '').split(',').filter(Boolean).map(Number);
const gc = (globalThis as { gc?: () => void }).gc!;
const dir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-heap-'));
const db = await startEmbeddedPostgres(dir, { persistent: false });
try {
  await applyMigrations(db.url);
  const setup = createPrisma(db.url);
  const seeded = await seed(setup, { tokens: N + 10, rotation: N, pageDevices: 0 });
  await setup.$disconnect();
  const rotation = seeded.rotation;
  const prisma = createPrisma(db.url);
  const secret = 'test-key-secret-that-is-long-enough-for-scopegate';
  const gateway = await createGateway({ prisma, config: loadConfig({ NODE_ENV: 'production', SCOPEGATE_KEY_SECRET: secret }), databaseUrl: db.url, keySecret: secret });
  const g = gateway as any;
  const t0 = Date.now();
  let i = 0;
  let done = 0;
  const statuses = new Map<number, number>();
  const report = () => {
    gc();
    const u = g.usage;
    console.log(
      `${((Date.now() - t0) / 1000).toFixed(0)}s req ${done} heapUsed ${(process.memoryUsage().heapUsed / 1e6).toFixed(1)} MB cache ${g.authenticator.cache.size} lastUsed ${u.lastUsed.size} seenIps ${u.seenIps.size} exercised ${[...u.exercised.values()].reduce((n: number, m: Map<string, number>) => n + m.size, 0)} ${JSON.stringify([...statuses])}`,
    );
  };
  report();
  const server = { req: { socket: { remoteAddress: '127.0.0.1' } } };
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (i < TOTAL) {
        const s = rotation[i++ % rotation.length]!;
        const r = await gateway.fetch(
          'http://x/graphql',
          { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s}` }, body: '{"query":"{ viewer { authMethod } }"}' },
          server as any,
        );
        await r.text();
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        done++;
        if (done % EVERY === 0) report();
        if (SNAPS.includes(done)) {
          gc();
          console.log('snapshot', v8.writeHeapSnapshot(`/tmp/cold-${done}.heapsnapshot`));
        }
      }
    }),
  );
  report();
  await gateway.close();
  await prisma.$disconnect();
} finally {
  await db.stop();
  await rm(dir, { recursive: true, force: true });
}
