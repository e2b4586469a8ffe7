/**
 * CPU per cold token, measured in one process without HTTP: what a request whose token is not in
 * the auth cache costs the gateway (process.cpuUsage) and PostgreSQL (its backends' CPU from
 * /proc), for `Authenticator.resolve` alone and with the first request budget spend that follows
 * it at the entry. Steadier than W3 on a loaded machine, since nothing but the miss is measured.
 *
 *   npx tsx bench/cold-resolve.ts            # 100,000 tokens, 20,000 of them resolved per round
 *   COLD_TOKENS=1000000 npx tsx bench/cold-resolve.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Authenticator } from '../src/auth/authenticator.js';
import { requestBudget } from '../src/auth/entry.js';
import { digestSecret } from '../src/auth/token-format.js';
import { KeyStore } from '../src/auth/signing-keys.js';
import { createPrisma } from '../src/db/client.js';
import { BY_DIGESTS, observeTokenReads } from '../src/db/token-reads.js';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { applyMigrations } from '../src/db/migrate.js';
import { UsageRecorder } from '../src/lifecycle/usage.js';
import { TokenBudgets } from '../src/security/token-budgets.js';
import { DatabaseCpu } from './processes.js';
import { seed } from './seed.js';

const TOKENS = Number(process.env.COLD_TOKENS ?? 100_000);
const ROTATION = Number(process.env.COLD_ROTATION ?? 20_000);
const ROUNDS = Number(process.env.COLD_ROUNDS ?? 4);
const CONCURRENCY = 10;
const APP = 'cold-resolve';

const dir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-cold-'));
const db = await startEmbeddedPostgres(dir, { persistent: false });
try {
  await applyMigrations(db.url);
  const url = new URL(db.url);
  url.searchParams.set('application_name', APP);
  const setup = createPrisma(db.url);
  const seeded = await seed(setup, { tokens: TOKENS, rotation: ROTATION, pageDevices: 0 });
  await setup.$disconnect();

  const prisma = createPrisma(url.toString());
  const authenticator = new Authenticator(prisma, {
    cacheTtlMs: 60_000,
    cacheMaxEntries: 10_000,
    keys: new KeyStore(prisma, 'x'.repeat(32), 90),
    jwt: { issuer: 'bench', audience: 'bench' },
    requestsPerMinute: 6000,
  });
  const budgets = new TokenBudgets(prisma);
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  const databaseCpu = new DatabaseCpu(admin);
  if (process.env.COLD_EXPLAIN) {
    const { rows } = await admin.query(`EXPLAIN (ANALYZE, BUFFERS) ${BY_DIGESTS.text}`, [seeded.rotation.slice(-10).map(digestSecret)]);
    for (const row of rows) console.log(row['QUERY PLAN']);
  }

  // Tokens are never resolved twice: each round takes the next slice of the rotation.
  let next = 0;
  const take = (n: number) => seeded.rotation.slice(next, (next += n));
  // The batched bookkeeping of a token's request (last use, its address, the method it called),
  // written once per round here as the gateway's timer writes it every 30 s.
  const usage = new UsageRecorder(prisma, 0);
  async function run(secrets: string[], spend: boolean, record = false): Promise<void> {
    let i = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (i < secrets.length) {
          const principal = await authenticator.resolve({ secret: secrets[i++]!, via: 'bearer' });
          if (spend) await budgets.spend(principal.token!.id, requestBudget(principal.token!.limits.requestsPerMinute));
          if (record) {
            usage.record(principal.token!.id, '127.0.0.1');
            usage.noteExercised(principal.token!.id, 'Query.viewer');
          }
        }
      }),
    );
    if (record) await usage.flush();
  }

  await run(take(1_000), true);
  // The statements one cold resolve and its first spend send, as Prisma logs them.
  const logged = createPrisma(url.toString(), { logQueries: true });
  const statements: string[] = [];
  (logged as unknown as { $on(event: 'query', listener: (e: { query: string }) => void): void }).$on('query', (e) => statements.push(e.query));
  observeTokenReads(logged, (statement) => statements.push(statement));
  const probe = new Authenticator(logged, { cacheTtlMs: 60_000, cacheMaxEntries: 10, keys: new KeyStore(logged, 'x'.repeat(32), 90), jwt: { issuer: 'b', audience: 'b' }, requestsPerMinute: 6000 });
  // The first miss after a start or an invalidation also reads the token policy.
  await probe.resolve({ secret: take(1)[0]!, via: 'bearer' });
  statements.length = 0;
  const principal = await probe.resolve({ secret: take(1)[0]!, via: 'bearer' });
  const resolveStatements = statements.length;
  await new TokenBudgets(logged).spend(principal.token!.id, requestBudget(principal.token!.limits.requestsPerMinute));
  console.log(`statements: resolve ${resolveStatements}, first spend ${statements.length - resolveStatements}`);
  if (process.env.COLD_LOG) for (const statement of statements) console.log(`  ${statement.slice(0, 300)}`);
  await logged.$disconnect();
  const modes = [['resolve', false, false], ['resolve+spend', true, false], ['+usage', true, true]] as const;
  const perRound = Math.floor((ROTATION - 1_010) / (ROUNDS * modes.length));
  const results: Record<string, { node: number[]; pg: number[] }> = Object.fromEntries(modes.map(([name]) => [name, { node: [], pg: [] }]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, spend, record] of modes) {
      const secrets = take(perRound);
      const pgBefore = await databaseCpu.micros(APP);
      const before = process.cpuUsage();
      await run(secrets, spend, record);
      const used = process.cpuUsage(before);
      // Backends' counters move at clock ticks: let the last ones settle.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const pgAfter = await databaseCpu.micros(APP);
      results[name]!.node.push((used.user + used.system) / secrets.length);
      results[name]!.pg.push((pgAfter - pgBefore) / secrets.length);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  for (const [name, { node, pg: database }] of Object.entries(results)) {
    const n = median(node);
    const d = median(database);
    console.log(`${name.padEnd(14)} node ${n.toFixed(0).padStart(5)} µs  pg ${d.toFixed(0).padStart(5)} µs  total ${(n + d).toFixed(0).padStart(5)} µs  (${TOKENS} tokens, ${perRound} per round, medians of ${ROUNDS})`);
  }
  await admin.end();
  await prisma.$disconnect();
} finally {
  await db.stop();
  await rm(dir, { recursive: true, force: true });
}
