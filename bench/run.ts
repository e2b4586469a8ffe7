/**
 * `npm run bench`: scopegate on the workloads users run, against the peers they would pick
 * (PostGraphile 5 with row-level security, a tuned Yoga), the floor (node:http + node-postgres)
 * and itself at scale (cold tokens on 1,000,000 rows, a page of a 100,000-device project), in one
 * run, interleaved, on gateway + PostgreSQL CPU per request. Method: bench/README.md.
 * `npm run bench -- --tiny` checks every workload's answer in well under a minute.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import pg from 'pg';
import { issueToken } from '../src/auth/issue-token.js';
import { createPrisma } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { applyMigrations } from '../src/db/migrate.js';
import { buildAll, cpuMicros, DatabaseCpu, loadAverage, NODE_FLAGS, peakRssMb, restartServer, root, startServer, stopServer, type Server } from './processes.js';
import { devicesBody, devicesOf, pageBody, POSTGRAPHILE_ROLE, preparePostgraphile, seed } from './seed.js';

const tiny = process.argv.includes('--tiny');
const settings = {
  durationSeconds: Number(process.env.BENCH_DURATION_S ?? (tiny ? 0.5 : 5)),
  warmupSeconds: Number(process.env.BENCH_WARMUP_S ?? (tiny ? 0.2 : 3)),
  rounds: Number(process.env.BENCH_ROUNDS ?? (tiny ? 1 : 6)),
  /**
   * Seconds per member and round for each group (see measureGroup), taken in slices. One
   * server's CPU per request moves by 10-15% from one second to the next (white noise), so only
   * more seconds narrow a ratio. The viewer group (token/anonymous, a guard whose sides differ by
   * a few µs in about 250, and the cold-token ratios) gets twice the others'.
   */
  groupSeconds: {
    viewer: Number(process.env.BENCH_VIEWER_GROUP_S ?? (tiny ? 0.5 : 20)),
    devices: Number(process.env.BENCH_GROUP_S ?? (tiny ? 0.5 : 10)),
    page: Number(process.env.BENCH_PAGE_GROUP_S ?? (tiny ? 0.5 : 10)),
  },
  sliceSeconds: Number(process.env.BENCH_SLICE_S ?? (tiny ? 0.25 : 1)),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  /** Distinct tokens the cold workloads rotate through: ten times the default auth cache (10,000). */
  rotation: Number(process.env.BENCH_ROTATION ?? (tiny ? 2_000 : 100_000)),
  smallScale: Number(process.env.BENCH_SMALL_SCALE ?? (tiny ? 3_000 : 100_000)),
  largeScale: Number(process.env.BENCH_SCALE ?? (tiny ? 6_000 : 1_000_000)),
  /** Devices of the project whose first page W6 asks for. */
  pageDevices: Number(process.env.BENCH_PAGE_DEVICES ?? (tiny ? 2_000 : 100_000)),
  revocations: Number(process.env.BENCH_REVOCATIONS ?? (tiny ? 5 : 100)),
  /**
   * The leasing token's requests a minute: above what one gateway process serves (about 10,000 a
   * second here), so it is never refused, and low enough that its 1% slice runs out about once a
   * second, every measured slice's length.
   */
  leasingLimitPerMinute: tiny ? 100_000 : 1_000_000,
};
const outFile = process.env.BENCH_OUT ?? path.join(root, tiny ? 'bench/results/tiny.json' : 'bench/results.json');

const VIEWER = JSON.stringify({ query: '{ viewer { authMethod } }' });

/** Workload names: the keys of results.json's `workloads`. */
const W = {
  bareHttp: 'ceiling: bare node:http',
  bareYoga: 'ceiling: bare yoga { hello }',
  anonymous: 'W1 viewer, anonymous',
  warm: 'W1 viewer, token (cached)',
  leasing: 'W1 viewer, token with its own limit (leasing slices)',
  cold: 'W3 viewer, cold tokens in rotation, 100k-token DB',
  coldLarge: 'W3 viewer, cold tokens in rotation, 1M-token DB',
  w2: 'W2 20 devices, scopegate CUSTOM token',
  postgraphile: 'W2 20 devices, PostGraphile 5 (JWT + RLS)',
  tuned: 'W2 20 devices, tuned yoga (graphql-jit, cached JWT)',
  floor: 'W2 20 devices, floor (node:http + pg prepared)',
  page20: 'W6 first page of 20, project of 20 devices',
  page100k: 'W6 first page of 20, project of 100,000 devices',
} as const;

interface Workload {
  name: string;
  server: Server;
  path: string;
  method: 'GET' | 'POST';
  body?: string;
  authorization?: string;
  /** Secrets sent in turn, one a request, continuing across slices and rounds (cache misses). */
  rotate?: { secrets: string[]; next: number };
  /** Checked once before measuring: a benchmark of error answers is worthless. */
  expect: (body: any) => boolean;
  /** Workloads of one group are the sides of ratios and are measured together (see measureGroup). */
  group?: keyof typeof settings.groupSeconds;
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  /** The server's own CPU per request (its process and any it started). */
  cpuUsPerRequest: number;
  /** PostgreSQL's CPU per request: the backends serving this server. */
  dbCpuUsPerRequest: number;
  /** Requests answered in the measured seconds. */
  requests: number;
  non2xx: number;
  load: number;
  /** A group member's gateway + database CPU per request in each of its slices, in order. */
  totalCpuUsPerRequestBySlice?: number[];
}

/** One ratio in each round, and their median, min and max. */
interface RoundRatios {
  median: number;
  min: number;
  max: number;
  byRound: number[];
}

const log = (message: string) => console.error(`[bench] ${message}`);
const cleanups: (() => Promise<unknown>)[] = [];
/** The application_name each server's connections carry, for DatabaseCpu. */
const applicationNames = new Map<Server, string>();
let databaseCpu: DatabaseCpu;

async function run(workload: Workload, seconds: number) {
  const { rotate } = workload;
  return autocannon({
    url: workload.server.url + workload.path,
    connections: settings.connections,
    duration: seconds,
    // autocannon looks at its stop flag only when it takes a sample (every second by default):
    // without this, a 0.25 s slice or warm-up ran for a whole second.
    sampleInt: Math.min(1000, seconds * 1000),
    method: workload.method,
    headers: { 'content-type': 'application/json', ...(workload.authorization ? { authorization: workload.authorization } : {}) },
    body: workload.body,
    ...(rotate
      ? {
          requests: [
            {
              setupRequest: (request: any) => {
                const secret = rotate.secrets[rotate.next++ % rotate.secrets.length]!;
                return { ...request, headers: { ...request.headers, authorization: `Bearer ${secret}` } };
              },
            },
          ],
        }
      : {}),
  });
}

/** Gateway and database CPU of a workload's server so far, in µs. */
async function cpuOf(server: Server) {
  const name = applicationNames.get(server);
  return { gateway: cpuMicros(server.pid), db: name ? await databaseCpu.micros(name) : 0 };
}

async function measure(workload: Workload): Promise<Sample> {
  await run(workload, settings.warmupSeconds);
  const load = loadAverage();
  const before = await cpuOf(workload.server);
  const result = await run(workload, settings.durationSeconds);
  await settle(workload.server.pid);
  const after = await cpuOf(workload.server);
  const requests = Math.max(result.requests.total, 1);
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuUsPerRequest: (after.gateway - before.gateway) / requests,
    dbCpuUsPerRequest: (after.db - before.db) / requests,
    requests: result.requests.total,
    non2xx: result.non2xx + result.errors,
    load,
  };
}

/**
 * The members of a group are the sides of the ratios, so they take turns in short slices
 * (A B C C B A ...) and each gets the sum of its slices: every side is measured the same way and
 * sees the same minutes of the machine, whose speed on this shared host drifts by more than the
 * differences being measured. A slice's CPU (the server's and its PostgreSQL backends') is read
 * once the server has answered the slice's last requests, so no slice is charged for another's.
 */
async function measureGroup(group: Workload[]): Promise<Sample[]> {
  // Every member warms up in full, even on a shared server: each round starts fresh processes,
  // whose first seconds under load still compile.
  for (const w of group) await run(w, settings.warmupSeconds);
  const load = loadAverage();
  const slices = Math.max(1, Math.round(settings.groupSeconds[group[0]!.group!] / settings.sliceSeconds));
  const totals = group.map(() => ({ cpu: 0, db: 0, requests: 0, seconds: 0, p50: [] as number[], p99: [] as number[], bySlice: [] as number[], non2xx: 0 }));
  for (let slice = 0; slice < slices; slice++) {
    const order = group.map((_, i) => i);
    if (slice % 2 === 1) order.reverse();
    for (const i of order) {
      const w = group[i]!;
      const before = await cpuOf(w.server);
      const result = await run(w, settings.sliceSeconds);
      await settle(w.server.pid);
      const after = await cpuOf(w.server);
      const total = totals[i]!;
      total.cpu += after.gateway - before.gateway;
      total.db += after.db - before.db;
      total.requests += result.requests.total;
      total.bySlice.push(Math.round((after.gateway - before.gateway + after.db - before.db) / Math.max(result.requests.total, 1)));
      total.seconds += result.duration;
      total.p50.push(result.latency.p50);
      total.p99.push(result.latency.p99);
      total.non2xx += result.non2xx + result.errors;
    }
  }
  return totals.map((t) => ({
    rps: t.requests / t.seconds,
    // Medians of the slices' percentiles: autocannon reports percentiles, not histograms to merge.
    p50: median(t.p50),
    p99: median(t.p99),
    cpuUsPerRequest: t.cpu / Math.max(t.requests, 1),
    dbCpuUsPerRequest: t.db / Math.max(t.requests, 1),
    requests: t.requests,
    non2xx: t.non2xx,
    load,
    totalCpuUsPerRequestBySlice: t.bySlice,
  }));
}

/** Waits until a server's CPU time stops moving (it has answered what was in flight), at most 0.5 s. */
async function settle(pid: number) {
  let last = cpuMicros(pid);
  for (let i = 0; i < 10; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = cpuMicros(pid);
    if (now === last) return;
    last = now;
  }
}

/** The middle value; with an even count, the mean of the two middle ones (6 rounds are the default). */
const median = (values: number[]) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

/** The database URL a server connects with: its own application_name, so its backends can be found. */
function withApplicationName(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', name);
  return url.toString();
}

/**
 * Every ratio target of the issue: its two sides, whose ratio is first / second on gateway +
 * PostgreSQL CPU per request, and its goal (the ratio must be at least that).
 */
const TARGETS = {
  w2_vs_postgraphile: { sides: [W.postgraphile, W.w2], goal: 2.0 },
  w2_vs_tuned_yoga: { sides: [W.tuned, W.w2], goal: 1.2 },
  floor_vs_w2: { sides: [W.floor, W.w2], goal: 0.4 },
  cold_scale_1m_vs_100k: { sides: [W.cold, W.coldLarge], goal: 0.9 },
  cold_vs_warm: { sides: [W.warm, W.cold], goal: 0.5 },
  page_100k_vs_20: { sides: [W.page20, W.page100k], goal: 0.9 },
  token_vs_anonymous: { sides: [W.anonymous, W.warm], goal: 0.93 },
  // What leasing costs W1 (issue 22): the same token query with a limit whose slices run out.
  leasing_vs_token: { sides: [W.warm, W.leasing], goal: 0.93 },
} as const;
type TargetKey = keyof typeof TARGETS;
const RSS_GOAL_MB = 300;
const REVOCATION_GOAL_MS = 250;

async function main() {
  log(`building; every server runs as: node ${NODE_FLAGS.join(' ')} <compiled file>`);
  await buildAll();
  const schemaSdl = await readFile(path.join(root, 'schema.graphql'), 'utf8');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-bench-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  log('starting embedded PostgreSQL');
  const db = await startEmbeddedPostgres(dir, { persistent: false });
  cleanups.push(() => db.stop());
  const largeUrl = new URL(db.url);
  largeUrl.pathname = '/scopegate_large';
  const admin = new pg.Client({ connectionString: withApplicationName(db.url, 'bench orchestrator') });
  await admin.connect();
  cleanups.push(() => admin.end());
  databaseCpu = new DatabaseCpu(admin);
  await admin.query('CREATE DATABASE scopegate_large');
  await applyMigrations(db.url);
  await applyMigrations(largeUrl.toString());
  const prismaSmall = createPrisma(db.url);
  const prismaLarge = createPrisma(largeUrl.toString());
  cleanups.push(() => prismaSmall.$disconnect(), () => prismaLarge.$disconnect());
  log(`seeding ${settings.smallScale} and ${settings.largeScale} tokens (${settings.rotation} of each in rotation), a project of ${settings.pageDevices} devices`);
  const started = Date.now();
  const [small, large] = await Promise.all([
    seed(prismaSmall, { tokens: settings.smallScale, rotation: settings.rotation, pageDevices: settings.pageDevices, leasingLimitPerMinute: settings.leasingLimitPerMinute }),
    seed(prismaLarge, { tokens: settings.largeScale, rotation: settings.rotation, pageDevices: 0, leasingLimitPerMinute: settings.leasingLimitPerMinute }),
  ]);
  await preparePostgraphile(prismaSmall);
  const seededSeconds = (Date.now() - started) / 1000;
  log(`seeded in ${seededSeconds.toFixed(1)} s`);

  const keySecret = randomBytes(32).toString('base64url');
  const scopegateEnv = {
    SCOPEGATE_KEY_SECRET: keySecret,
    SCOPEGATE_DATA_DIR: dir,
    // The default budget (100 requests/s per token) is a policy for real users; one token is
    // the whole load here.
    SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE: '1000000000',
    // W4 polls for 401s from one address on purpose; the failed-authentication limit would
    // (rightly) block that address after 50.
    SCOPEGATE_FAILED_AUTH_LIMIT_PER_IP: '1000000000',
  };
  const tunedKeys = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const postgraphileSecret = randomBytes(32).toString('base64url');
  const servers: Server[] = [];
  /** Starts a server; with a database, on a URL naming it, so that its PostgreSQL CPU is counted. */
  const start = async (key: string, name: string, entry: string, env: Record<string, string> = {}, databaseUrl?: string) => {
    const server = await startServer(name, entry, databaseUrl ? { ...env, DATABASE_URL: withApplicationName(databaseUrl, `bench ${key}`) } : env);
    if (databaseUrl) applicationNames.set(server, `bench ${key}`);
    servers.push(server);
    return server;
  };
  cleanups.push(() => Promise.all(servers.map(stopServer)));
  const bareHttp = await start('bare-http', 'bare node:http', 'dist/bench/bare-http.js');
  const bareYoga = await start('bare-yoga', 'bare yoga', 'dist/bench/bare-yoga.js');
  const floor = await start('floor', 'floor', 'dist/bench/floor.js', {}, db.url);
  const tuned = await start('tuned-yoga', 'tuned yoga', 'dist/bench/tuned-yoga.js', { TUNED_PUBLIC_JWK: JSON.stringify(await exportJWK(tunedKeys.publicKey)) }, db.url);
  const postgraphile = await start('postgraphile', 'PostGraphile 5', 'dist/bench/postgraphile.js', { POSTGRAPHILE_JWT_SECRET: postgraphileSecret }, db.url);
  const gatewaySmall = await start('scopegate-100k', `scopegate (${settings.smallScale} tokens)`, 'dist/server.js', scopegateEnv, db.url);
  const gatewayLarge = await start('scopegate-1m', `scopegate (${settings.largeScale} tokens)`, 'dist/server.js', scopegateEnv, largeUrl.toString());
  // W3's two sides each get a gateway that serves nothing else, so both have the same history.
  // Sharing the gateway that serves W1 and W2 (thousands of requests on the same code paths, where
  // a cold workload warms up on a few hundred), the 100k side came out a quarter cheaper than the
  // million-token side; each alone on its gateway, the two were level.
  const gatewayCold = await start('scopegate-100k-cold', `scopegate (${settings.smallScale} tokens, W3 only)`, 'dist/server.js', scopegateEnv, db.url);

  const tunedJwt = await new SignJWT({ scope: 'devices:read' })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setSubject(small.ownerId)
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(tunedKeys.privateKey);
  // What PostGraphile's lazy-jwt preset verifies: HS256, audience "postgraphile"; its claims
  // become SET ROLE and jwt.claims.user_id, which the row-level security policy reads.
  const postgraphileJwt = await new SignJWT({ role: POSTGRAPHILE_ROLE, user_id: small.ownerId })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience('postgraphile')
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(new TextEncoder().encode(postgraphileSecret));
  const postgraphileBody = JSON.stringify({
    query: 'query($p: UUID!) { allDevices(condition: { projectId: $p }, orderBy: [CREATED_AT_ASC, ROW_ID_ASC]) { nodes { rowId name status metadata lastSeenAt createdAt } } }',
    variables: { p: small.projectId },
  });

  const viewerIs = (method: string) => (b: any) => b?.data?.viewer?.authMethod === method;
  const twentyDevices = (b: any) => devicesOf(b)?.length === 20 && !b.errors;
  const pageSmall = pageBody(schemaSdl, small.projectId);
  const pageLarge = pageBody(schemaSdl, small.bigProjectId!);
  const workloads: Workload[] = [
    { name: W.bareHttp, server: bareHttp, path: '/', method: 'GET', expect: (b) => b?.data?.hello === 'world' },
    { name: W.bareYoga, server: bareYoga, path: '/graphql', method: 'POST', body: JSON.stringify({ query: '{ hello }' }), expect: (b) => b?.data?.hello === 'world' },
    { name: W.anonymous, server: gatewaySmall, path: '/graphql', method: 'POST', body: VIEWER, expect: viewerIs('ANONYMOUS'), group: 'viewer' },
    { name: W.warm, server: gatewaySmall, path: '/graphql', method: 'POST', body: VIEWER, authorization: `Bearer ${small.userToken}`, expect: viewerIs('ACCESS_TOKEN'), group: 'viewer' },
    { name: W.leasing, server: gatewaySmall, path: '/graphql', method: 'POST', body: VIEWER, authorization: `Bearer ${small.leasingToken}`, expect: viewerIs('ACCESS_TOKEN'), group: 'viewer' },
    { name: W.cold, server: gatewayCold, path: '/graphql', method: 'POST', body: VIEWER, rotate: { secrets: small.rotation, next: 0 }, expect: viewerIs('ACCESS_TOKEN'), group: 'viewer' },
    { name: W.coldLarge, server: gatewayLarge, path: '/graphql', method: 'POST', body: VIEWER, rotate: { secrets: large.rotation, next: 0 }, expect: viewerIs('ACCESS_TOKEN'), group: 'viewer' },
    { name: W.w2, server: gatewaySmall, path: '/graphql', method: 'POST', body: devicesBody(small.projectId), authorization: `Bearer ${small.customToken}`, expect: twentyDevices, group: 'devices' },
    { name: W.postgraphile, server: postgraphile, path: '/graphql', method: 'POST', body: postgraphileBody, authorization: `Bearer ${postgraphileJwt}`, expect: (b) => b?.data?.allDevices?.nodes?.length === 20 && !b.errors, group: 'devices' },
    { name: W.tuned, server: tuned, path: '/graphql', method: 'POST', body: devicesBody(small.projectId), authorization: `Bearer ${tunedJwt}`, expect: twentyDevices, group: 'devices' },
    { name: W.floor, server: floor, path: '/graphql', method: 'POST', body: devicesBody(small.projectId), expect: twentyDevices, group: 'devices' },
    ...(pageSmall && pageLarge
      ? ([
          { name: W.page20, server: gatewaySmall, path: '/graphql', method: 'POST', body: pageSmall, authorization: `Bearer ${small.customToken}`, expect: twentyDevices, group: 'page' },
          { name: W.page100k, server: gatewaySmall, path: '/graphql', method: 'POST', body: pageLarge, authorization: `Bearer ${small.bigProjectToken}`, expect: twentyDevices, group: 'page' },
        ] satisfies Workload[])
      : []),
  ];
  const pagePending = !pageSmall;
  if (pagePending) log('W6 pending: Query.devices takes no `first` yet (schema.graphql), so there is no first page to ask for');
  // BENCH_ONLY=<regex>: measure a subset (for quick comparisons while optimising).
  const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
  if (only) workloads.splice(0, workloads.length, ...workloads.filter((w) => only.test(w.name)));
  for (const w of workloads) {
    const secret = w.rotate ? w.rotate.secrets[w.rotate.secrets.length - 1] : undefined;
    const authorization = secret ? `Bearer ${secret}` : w.authorization;
    const response = await fetch(w.server.url + w.path, {
      method: w.method,
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: w.body,
    });
    const body = await response.json().catch(() => undefined);
    if (response.status !== 200 || !w.expect(body)) throw new Error(`${w.name}: unexpected answer ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  }

  const samples = new Map<string, Sample[]>(workloads.map((w) => [w.name, []]));
  const loadBeforeRound: number[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    if (round > 1) {
      log(`round ${round}/${settings.rounds}: a fresh process for every server`);
      await Promise.all(servers.map(restartServer));
    }
    loadBeforeRound.push(loadAverage());
    // Odd rounds run the list forwards, even rounds backwards (ABBA): each side of a ratio runs
    // first as often as second, so a cost that comes with a slot in the round cannot side with
    // one half of a ratio in every round. An even number of rounds balances it exactly.
    const order = round % 2 === 1 ? workloads : [...workloads].reverse();
    const measured = new Set<Workload>();
    for (const w of order) {
      if (measured.has(w)) continue;
      const group = w.group ? order.filter((other) => other.group === w.group) : [w];
      log(`round ${round}/${settings.rounds}: ${group.map((g) => g.name).join(' / ')}`);
      const results = group.length > 1 ? await measureGroup(group) : [await measure(w)];
      group.forEach((g, i) => {
        measured.add(g);
        samples.get(g.name)!.push(results[i]!);
      });
    }
  }
  // The leasing token's budget row is written by leases only (a process's first slice is spent
  // on credit), so its presence shows W1 leased; `used` is what the last window handed out.
  if (workloads.some((w) => w.name === W.leasing)) {
    const leased = await prismaSmall.$queryRaw<{ used: number }[]>`
      SELECT b."used" FROM "TokenBudget" b JOIN "AccessToken" t ON t.id = b."tokenId" WHERE t.name = 'bench user token with its own limit' AND b.kind = 'requests'`;
    if (!leased[0]) throw new Error(`${W.leasing}: no slice was leased; the workload measured nothing but credit`);
    log(`${W.leasing}: ${leased[0].used} requests handed out in its last minute, in slices of ${settings.leasingLimitPerMinute / 100}`);
  }
  // Peak RSS of the million-token gateway after its rounds of cold rotation (a full auth cache).
  const rssMb = Math.max(gatewayLarge.earlierPeakRssMb, peakRssMb(gatewayLarge.pid));

  log('W4: revocation propagation across three gateways');
  const peerB = await start('scopegate-b', 'scopegate B', 'dist/server.js', scopegateEnv, db.url);
  const peerC = await start('scopegate-c', 'scopegate C', 'dist/server.js', scopegateEnv, db.url);
  const viewerStatus = async (server: Server, token: string) =>
    (await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: VIEWER })).status;
  const delays: number[] = [];
  for (let i = 0; i < settings.revocations; i++) {
    const { secret, token } = await issueToken(prismaSmall, {
      kind: 'USER', name: `revoke ${i}`, description: null, ownerId: small.ownerId, projectId: null, createdById: small.ownerId, expiresAt: null, grants: [], apiMethodSet: null, apiMethods: [],
    });
    for (const peer of [peerB, peerC]) {
      const status = await viewerStatus(peer, secret);
      if (status !== 200) throw new Error(`W4 warm-up answered ${status}`);
    }
    const revoked = await fetch(`${gatewaySmall.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${small.adminSession}` },
      body: JSON.stringify({ query: 'mutation($id: ID!) { revokeToken(id: $id) { status } }', variables: { id: token.id } }),
    });
    if (revoked.status !== 200) throw new Error('revoke failed');
    const acknowledged = performance.now();
    const seen = await Promise.all(
      [peerB, peerC].map(async (peer) => {
        while (performance.now() - acknowledged < 5_000) if ((await viewerStatus(peer, secret)) === 401) return performance.now() - acknowledged;
        return Infinity;
      }),
    );
    delays.push(Math.max(...seen));
  }

  type Stat = { median: number; min: number; max: number };
  const stat = (values: number[]): Stat => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });
  const summary = Object.fromEntries(
    workloads.map((w) => {
      const s = samples.get(w.name)!;
      return [
        w.name,
        {
          requests: s.reduce((n, x) => n + x.requests, 0),
          rps: stat(s.map((x) => x.rps)),
          p50Ms: stat(s.map((x) => x.p50)),
          p99Ms: stat(s.map((x) => x.p99)),
          cpuUsPerRequest: stat(s.map((x) => x.cpuUsPerRequest)),
          dbCpuUsPerRequest: stat(s.map((x) => x.dbCpuUsPerRequest)),
          totalCpuUsPerRequest: stat(s.map((x) => x.cpuUsPerRequest + x.dbCpuUsPerRequest)),
          cpuUsPerRequestByRound: s.map((x) => Math.round(x.cpuUsPerRequest)),
          dbCpuUsPerRequestByRound: s.map((x) => Math.round(x.dbCpuUsPerRequest)),
          ...(w.group ? { totalCpuUsPerRequestBySliceByRound: s.map((x) => x.totalCpuUsPerRequestBySlice) } : {}),
          non2xx: s.reduce((n, x) => n + x.non2xx, 0),
          loadAverages: s.map((x) => x.load),
        },
      ];
    }),
  );
  // Both sides of each ratio share every round (one group, in turns), so each round gives a ratio
  // from one state of the machine; a target is the median of its rounds, with min and max.
  const total = (x: Sample) => x.cpuUsPerRequest + x.dbCpuUsPerRequest;
  const roundRatios: Partial<Record<TargetKey, RoundRatios>> = {};
  for (const [key, { sides }] of Object.entries(TARGETS) as [TargetKey, (typeof TARGETS)[TargetKey]][]) {
    const first = samples.get(sides[0]);
    const second = samples.get(sides[1]);
    if (!first?.length || !second?.length) continue;
    const values = first.map((x, i) => total(x) / (second[i] ? total(second[i]!) : Number.NaN));
    roundRatios[key] = { ...stat(values), byRound: values.map((v) => Math.round(v * 1000) / 1000) };
  }
  const ratios = Object.fromEntries((Object.keys(TARGETS) as TargetKey[]).map((key) => [key, roundRatios[key]?.median ?? null])) as Record<TargetKey, number | null>;
  // Dividing the sides' own medians instead may divide two different rounds: kept for comparison.
  const ratiosOfSideMedians = Object.fromEntries(
    (Object.keys(TARGETS) as TargetKey[]).map((key) => {
      const [a, b] = TARGETS[key].sides.map((name) => summary[name]?.totalCpuUsPerRequest.median);
      return [key, a !== undefined && b !== undefined ? a / b : null];
    }),
  );
  const revocationP99 = percentile(delays, 99);
  const targets = {
    ...(Object.fromEntries((Object.keys(TARGETS) as TargetKey[]).map((key) => [key, ratios[key] === null ? 'pending' : ratios[key]! >= TARGETS[key].goal])) as Record<TargetKey, boolean | 'pending'>),
    rss_mb_1m: rssMb <= RSS_GOAL_MB,
    revocation_p99_ms: revocationP99 <= REVOCATION_GOAL_MS,
  };
  const results = {
    date: new Date().toISOString(),
    machine: { nproc: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, loadAverageBeforeRound: loadBeforeRound, loadAverageAtEnd: loadAverage() },
    settings: {
      ...settings,
      nodeFlags: NODE_FLAGS,
      seededSeconds,
      note: 'autocannon in this process, each server in its own process (SCOPEGATE_WORKERS=1); ratios from gateway + PostgreSQL CPU per request',
    },
    ratios,
    goals: Object.fromEntries((Object.keys(TARGETS) as TargetKey[]).map((key) => [key, TARGETS[key].goal])),
    ...(pagePending ? { pending: { page_100k_vs_20: 'Query.devices takes no `first` argument yet: there is no first page to measure until the pagination change' } } : {}),
    roundRatios,
    ratiosOfSideMedians,
    rss_mb_1m: rssMb,
    revocation_p50_ms: median(delays),
    revocation_p99_ms: revocationP99,
    targets,
    workloads: summary,
  };
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, JSON.stringify(results, null, 2) + '\n');

  const f = (n: number) => n.toFixed(0);
  console.log(
    `\nscopegate benchmark, ${results.machine.nproc} cores (${results.machine.cpu}), load ${loadBeforeRound.join(' / ')} before the rounds; ${settings.rounds} interleaved rounds (groups: ${Object.entries(settings.groupSeconds).map(([g, seconds]) => `${g} ${seconds} s`).join(', ')} per side in ${settings.sliceSeconds}-s turns), ${settings.connections} connections\n`,
  );
  console.log('| workload | req/s median (min-max) | p50 ms | p99 ms | gateway CPU µs/req | PostgreSQL CPU µs/req | total µs/req (min-max) | non-2xx |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const w of workloads) {
    const s = summary[w.name]!;
    console.log(`| ${w.name} | ${f(s.rps.median)} (${f(s.rps.min)}-${f(s.rps.max)}) | ${s.p50Ms.median} | ${s.p99Ms.median} | ${f(s.cpuUsPerRequest.median)} | ${f(s.dbCpuUsPerRequest.median)} | ${f(s.totalCpuUsPerRequest.median)} (${f(s.totalCpuUsPerRequest.min)}-${f(s.totalCpuUsPerRequest.max)}) | ${s.non2xx} |`);
  }
  console.log(`\n| ratio (gateway + PostgreSQL CPU per request) | median of the rounds (min-max) | goal | met |\n|---|---|---|---|`);
  for (const key of Object.keys(TARGETS) as TargetKey[]) {
    const r = roundRatios[key];
    const met = targets[key];
    console.log(`| \`${key}\` | ${r ? `${r.median.toFixed(3)} (${r.min.toFixed(3)}-${r.max.toFixed(3)})` : 'pending'} | >= ${TARGETS[key].goal.toFixed(2)} | ${met === 'pending' ? 'pending' : met ? 'yes' : 'NO'} |`);
  }
  console.log(`| \`rss_mb_1m\` (peak, after the cold rotation) | ${rssMb.toFixed(0)} | <= ${RSS_GOAL_MB} | ${targets.rss_mb_1m ? 'yes' : 'NO'} |`);
  console.log(`| \`revocation_p99_ms\` (W4, 3 gateways; p50 ${results.revocation_p50_ms.toFixed(1)}) | ${revocationP99.toFixed(1)} | <= ${REVOCATION_GOAL_MS} | ${targets.revocation_p99_ms ? 'yes' : 'NO'} |`);
  console.log(`\nWritten to ${path.relative(process.cwd(), outFile)}`);
}

let cleaning: Promise<void> | undefined;
/** Once, however many ask: a signal may arrive while main() is still running or unwinding. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  })();
  return cleaning;
}

// Stopped from outside (the smoke test's timeout, a CI runner), the benchmark still stops its
// servers and its PostgreSQL instead of leaving them running. Whoever stops it may have closed
// its output pipes first (execFile does): a write error must not end the process before that.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the servers and PostgreSQL`);
    void cleanUp().finally(() => process.exit(1));
  });
}

try {
  await main();
} finally {
  await cleanUp();
}
