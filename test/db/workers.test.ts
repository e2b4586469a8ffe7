/**
 * Three gateway processes and a 2-worker instance (node:cluster) on one PostgreSQL: a token's
 * limits hold across all of them, a revocation reaches every worker within a second, a killed
 * worker is replaced without failing requests to the other, and SIGTERM drains the workers.
 *
 * Every request here opens a connection of its own, so the cluster's primary hands them to its
 * workers in turn (round-robin, Node's default on Linux): both workers answer every series.
 */
import type { ChildProcess } from 'node:child_process';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { request, type ClientRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPrisma, type PrismaClient } from '../../src/db/client.js';
import { createToken, createUser } from '../helpers/factories.js';
import { isolatedDatabase, TEST_KEY_SECRET } from '../helpers/gateway.js';
import { freePort, startProcess, stopProcess, type GatewayProcess } from '../helpers/servers.js';
import { parseMetrics } from '../ops/ops-gateway.js';

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(children.map((child) => stopProcess(child, 'SIGKILL')));
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const METRICS_TOKEN = 'metrics-token-of-the-workers-test-long-enough';

async function startGateway(databaseUrl: string, workers: number, env: Record<string, string> = {}): Promise<GatewayProcess> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-workers-'));
  dirs.push(dataDir);
  const gateway = startProcess(['--import', 'tsx', 'src/server.ts'], {
    DATABASE_URL: databaseUrl,
    SCOPEGATE_DATA_DIR: dataDir,
    SCOPEGATE_KEY_SECRET: TEST_KEY_SECRET,
    SCOPEGATE_ADMIN_EMAIL: 'admin@workers.test',
    SCOPEGATE_ADMIN_PASSWORD: 'admin password for the workers test',
    SCOPEGATE_WORKERS: String(workers),
    SCOPEGATE_SHUTDOWN_GRACE_MS: '20000',
    // Every refusal here comes from 127.0.0.1: the block on an address must not answer for them.
    SCOPEGATE_FAILED_AUTH_LIMIT_PER_IP: '100000',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    ...env,
  });
  children.push(gateway.child);
  return gateway;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad-hoc operations
  body: any;
}

/** A POST on a connection of its own (no keep-alive agent), so that the cluster picks a worker for it. */
function post(base: string, query: string, credential: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/graphql`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (part: string) => (text += part));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ query, variables }));
  });
}

/** `count` requests, `concurrency` at a time, the i-th to bases[i % bases.length]. */
async function load(bases: string[], count: number, concurrency: number, credential: string): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) answers.push(await post(bases[i % bases.length]!, '{ viewer { authMethod } }', credential));
    }),
  );
  return answers;
}

/** The RateLimit header's `r` for one member. */
function remaining(answer: Answer, member: string): number | undefined {
  const match = new RegExp(`"${member}";r=(\\d+)`).exec(String(answer.headers.ratelimit ?? ''));
  return match ? Number(match[1]) : undefined;
}

async function workerPids(primary: number): Promise<number[]> {
  const listed = await readFile(`/proc/${primary}/task/${primary}/children`, 'utf8');
  return listed.trim().split(/\s+/).filter(Boolean).map(Number);
}

let prisma: PrismaClient;
let singles: string[];
let instance: GatewayProcess;
let clustered: string;
let metricsPort: number;

beforeAll(async () => {
  const databaseUrl = await isolatedDatabase();
  prisma = createPrisma(databaseUrl);
  metricsPort = await freePort();
  const started = [
    startGateway(databaseUrl, 1),
    startGateway(databaseUrl, 1),
    startGateway(databaseUrl, 1),
    startGateway(databaseUrl, 2, { METRICS_PORT: String(metricsPort), SCOPEGATE_METRICS_TOKEN: METRICS_TOKEN }),
  ];
  const gateways = await Promise.all(started);
  singles = await Promise.all(gateways.slice(0, 3).map((g) => g.base));
  instance = gateways[3]!;
  clustered = await instance.base;
  // Both workers listen (the primary prints its line after the first).
  await vi.waitFor(async () => expect(await workerPids(instance.child.pid!)).toHaveLength(2), { timeout: 30_000, interval: 100 });
}, 180_000);

afterAll(() => prisma?.$disconnect());

describe('limits across 3 gateways and a 2-worker instance', () => {
  it('a token limited to 60 requests per minute gets at most 60 + 5 successes in a minute over 5 processes, and exactly 60 from one', async () => {
    const owner = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id, limits: { limitRequestsPerMinute: 60 } });
    const alone = await createToken(prisma, { kind: 'USER', createdById: owner.id, limits: { limitRequestsPerMinute: 60 } });
    const startedAt = Date.now();
    // The 2-worker instance twice in the rotation, so each of its workers gets about a fifth.
    const answers = await load([...singles, clustered, clustered], 150, 15, token.secret);
    const fromOne = await load([singles[0]!], 100, 10, alone.secret);
    const windows = Math.floor(Date.now() / 60_000) - Math.floor(startedAt / 60_000) + 1;

    const ok = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status !== 200);
    for (const answer of answers) expect(answer.headers['ratelimit-policy']).toBe('"requests";q=60;w=60');
    for (const answer of refused) {
      expect(answer.status).toBe(429);
      expect(answer.body.errors[0].extensions.code).toBe('RATE_LIMITED');
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
      expect(remaining(answer, 'requests')).toBe(0);
    }
    for (const answer of ok) expect(remaining(answer, 'requests')).toBeLessThan(60);
    if (windows === 1) {
      // Below 100 a slice is one request, so nothing is stranded; each of the 5 processes may
      // spend its first request of the minute before it records it (security/token-budgets.ts).
      expect(ok.length).toBeGreaterThanOrEqual(60);
      expect(ok.length).toBeLessThanOrEqual(60 + 5);
      expect(fromOne.filter((a) => a.status === 200)).toHaveLength(60);
    } else {
      // The burst straddled a minute boundary: each of the two windows holds on its own.
      expect(ok.length).toBeLessThanOrEqual((60 + 5) * windows);
    }
  });

  it('maxUses 5 gives exactly 5 successes under concurrent load on every process', async () => {
    const owner = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id, limits: { maxUses: 5 } });
    const answers = await load([...singles, clustered, clustered], 40, 20, token.secret);
    const ok = answers.filter((a) => a.status === 200);
    expect(ok).toHaveLength(5);
    expect(ok.map((a) => remaining(a, 'uses')).sort()).toEqual([0, 1, 2, 3, 4]);
    for (const answer of answers.filter((a) => a.status !== 200)) {
      expect(answer.status).toBe(401);
      expect(answer.body.errors[0].message).toMatch(/used up/);
    }
    expect(await prisma.tokenBudget.findUniqueOrThrow({ where: { tokenId_kind: { tokenId: token.id, kind: 'uses' } } })).toMatchObject({ used: 5 });
  });

  it('before notBefore every process and every worker refuses the token like an expired one', async () => {
    const owner = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id, limits: { notBefore: new Date(Date.now() + 3_600_000) } });
    const answers = await load([...singles, clustered, clustered], 10, 5, token.secret);
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.body.errors[0].message).toMatch(/not valid before/);
    }
  });
});

describe('a 2-worker instance', () => {
  it('a revocation through another gateway reaches both workers within 1 second', async () => {
    const owner = await createUser(prisma, { role: 'ADMIN' });
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    // Warm both workers' caches: from here on only an invalidation can make them refuse.
    for (const answer of await load([clustered], 10, 1, token.secret)) expect(answer.status).toBe(200);

    const revoked = await post(singles[0]!, 'mutation($id: ID!) { revokeToken(id: $id) { status } }', owner.session, { id: token.id });
    expect(revoked.body.data.revokeToken.status).toBe('REVOKED');
    const acknowledged = performance.now();
    let lastAccepted = 0;
    let refusedAfterASecond = 0;
    while (performance.now() - acknowledged < 1_500) {
      const answer = await post(clustered, '{ viewer { authMethod } }', token.secret);
      const at = performance.now() - acknowledged;
      if (answer.status === 200) lastAccepted = at;
      else if (at > 1_000) refusedAfterASecond++;
    }
    expect(lastAccepted).toBeLessThan(1_000);
    // Enough requests after the second for both workers to have answered several.
    expect(refusedAfterASecond).toBeGreaterThanOrEqual(10);
  });

  it('counts the requests of both workers together, on METRICS_PORT and on /metrics', async () => {
    const anonymous = async () => {
      const answer = await post(clustered, 'query Counted { viewer { authMethod } }', '');
      expect(answer.status).toBe(200);
    };
    for (let i = 0; i < 10; i++) await anonymous();
    const counted = 'scopegate_requests_total{route="graphql",operation="Counted",outcome="ok"}';
    const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scraped.status).toBe(200);
    expect(parseMetrics(await scraped.text()).get(counted)).toBe(10);
    const onMainPort = await fetch(`${clustered}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(parseMetrics(await onMainPort.text()).get(counted)).toBe(10);
    expect(instance.output().match(/Prometheus metrics on/g)).toHaveLength(1);
  });

  it('a worker killed with SIGKILL is replaced, and no request to the other fails meanwhile', async () => {
    const owner = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    const primary = instance.child.pid!;
    const [victim, survivor] = await workerPids(primary);
    process.kill(victim!, 'SIGKILL');
    await vi.waitFor(() => expect(instance.output()).toContain(`Worker ${victim} exited with SIGKILL; starting another`), { timeout: 10_000, interval: 20 });

    // While the replacement starts, the survivor answers everything.
    const during = await load([clustered], 30, 3, token.secret);
    expect(during.map((a) => a.status)).toEqual(Array(30).fill(200));
    const replacement = await vi.waitFor(
      async () => {
        const now = await workerPids(primary);
        expect(now).toHaveLength(2);
        expect(now).toContain(survivor);
        expect(now).not.toContain(victim);
        return now.find((pid) => pid !== survivor)!;
      },
      { timeout: 30_000, interval: 100 },
    );
    await vi.waitFor(() => expect(instance.output()).toContain(`Worker ${replacement} listening`), { timeout: 30_000, interval: 50 });
    // The replacement takes its turn too: every request of a series succeeds.
    const after = await load([clustered], 20, 2, token.secret);
    expect(after.map((a) => a.status)).toEqual(Array(20).fill(200));
  });

  it('SIGTERM lets both workers finish what is in flight, then stops everything and exits 0', async () => {
    // A streaming upload whose headers a worker has received (it answered 100 Continue).
    const upload: ClientRequest = request(`${clustered}/graphql`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', expect: '100-continue' },
    });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      upload.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (part: string) => (body += part));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      upload.on('error', reject);
    });
    await new Promise<void>((resolve) => {
      upload.once('continue', resolve);
      upload.flushHeaders();
    });
    upload.write('{"query":"{ viewer');
    const exited = new Promise<number | null>((resolve) => instance.child.once('exit', (code) => resolve(code)));
    const workers = await workerPids(instance.child.pid!);
    instance.child.kill('SIGTERM');
    // Refuses new connections once both workers have closed their listeners. A connection the
    // primary accepts while the workers close is lost between them and hangs until the primary
    // exits (nodejs/node#21746), so each attempt gives up after a second and the next one asks again.
    await vi.waitFor(
      async () => {
        const error = await fetch(`${clustered}/graphql`, { signal: AbortSignal.timeout(1_000) }).then(() => undefined, (e: Error) => e);
        expect((error?.cause as NodeJS.ErrnoException | undefined)?.code).toBe('ECONNREFUSED');
      },
      { timeout: 30_000, interval: 20 },
    );
    upload.end(' { authMethod } }"}');
    expect(await answer).toEqual({ status: 200, body: '{"data":{"viewer":{"authMethod":"ANONYMOUS"}}}' });
    expect(await exited).toBe(0);
    expect(instance.output().match(/SIGTERM: shutting down/g)).toHaveLength(1);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });
});
