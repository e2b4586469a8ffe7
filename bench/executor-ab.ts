/**
 * `npx tsx bench/executor-ab.ts`: CPU per W2 request on graphql-jit and on graphql-js, two
 * gateways in one process on the same seed, in alternating blocks (AB_ROUNDS of AB_N requests).
 * In process, so that the comparison does not depend on which fresh server process got the
 * faster JIT state; PostgreSQL and the HTTP server are not counted.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { createPrisma } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { applyMigrations } from '../src/db/migrate.js';
import { createGateway, type Gateway } from '../src/yoga.js';
import { devicesBody, seed } from './seed.js';

const N = Number(process.env.AB_N ?? 2000);
const ROUNDS = Number(process.env.AB_ROUNDS ?? 6);
const CONCURRENCY = 8;
const dir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-ab-'));
const db = await startEmbeddedPostgres(dir, { persistent: false });
const prisma = createPrisma(db.url);
const gateways: Record<string, Gateway> = {};
try {
  await applyMigrations(db.url);
  const data = await seed(prisma, { tokens: 1000, rotation: 0, pageDevices: 0 });
  // The same token thousands of times a minute: its request budget is lifted, as bench/run.ts does.
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: db.url, SCOPEGATE_DATA_DIR: dir, LOG_LEVEL: 'warn', SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE: '1000000000' });
  for (const executor of ['graphql-jit', 'graphql-js'] as const) {
    gateways[executor] = await createGateway({ prisma, config, databaseUrl: db.url, keySecret: 'bench-only key secret that is long enough', executor });
  }
  const body = devicesBody(data.projectId);
  const init = { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${data.customToken}` }, body };
  async function burst(gateway: Gateway, n: number) {
    let next = 0;
    const worker = async () => {
      while (next++ < n) {
        const response = await gateway.fetch('http://scopegate.bench/graphql', init);
        const json = (await response.json()) as { data?: { devices?: unknown[] }; errors?: unknown };
        if (json.errors || json.data?.devices?.length !== 20) throw new Error(JSON.stringify(json).slice(0, 300));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }
  // Warm-up: compiled operations, caches and V8's optimised code for both.
  for (const g of Object.values(gateways)) await burst(g, 2000);
  const results: Record<string, number[]> = { 'graphql-jit': [], 'graphql-js': [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 ? ['graphql-js', 'graphql-jit'] : ['graphql-jit', 'graphql-js'];
    for (const name of order) {
      const before = process.cpuUsage();
      await burst(gateways[name]!, N);
      const used = process.cpuUsage(before);
      results[name]!.push((used.user + used.system) / N);
    }
    console.log(round, Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v.at(-1)!.toFixed(0)])));
  }
  for (const [name, values] of Object.entries(results)) {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(`${name}: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} µs/req, min ${sorted[0]!.toFixed(0)}, max ${sorted.at(-1)!.toFixed(0)} (${ROUNDS} x ${N})`);
  }
  console.log('jit stats', gateways['graphql-jit']!.jit);
} finally {
  for (const g of Object.values(gateways)) await g.close();
  await prisma.$disconnect();
  await db.stop();
  await rm(dir, { recursive: true, force: true });
}
