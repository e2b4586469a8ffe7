/**
 * `npm run bench:profile`: W2 (20 devices) against scopegate and against the tuned Yoga peer
 * (graphql-jit, cached JWT, body limit off), each under `--cpu-prof`, then where each spends its
 * CPU, side by side in µs per request, by package and by function. The first thing to read before
 * optimising. Figures are inflated by the profiler; compare columns, not these numbers with
 * `npm run bench`.
 *
 * `npm run bench:profile -- w1`: W1's viewer query on scopegate with a cached token against the
 * same query with no credential, which is what `token_vs_anonymous` guards.
 *
 * `npm run bench:profile -- w3`: the same query with a token not in the cache (a rotation of
 * 100,000 tokens, as W3) against a cached token, which is what `cold_vs_warm` compares.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createPrisma } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { applyMigrations } from '../src/db/migrate.js';
import { buildAll, startServer, stopServer } from './processes.js';
import { devicesBody, seed } from './seed.js';

const VIEWER = JSON.stringify({ query: '{ viewer { authMethod } }' });

const seconds = Number(process.env.PROFILE_DURATION_S ?? 8);
const workload = (['w1', 'w3'] as const).find((w) => w === process.argv[2]) ?? 'w2';

interface CpuProfile {
  nodes: { id: number; hitCount: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  endTime: number;
  samples: number[];
}

/** node_modules/@scope/name/... → @scope/name; dist/x.js stays; node's own files keep their name. */
function packageOf(url: string): string {
  if (!url) return '(native)';
  const inModules = url.split('node_modules/').at(-1)!;
  if (inModules !== url) return inModules.split('/').slice(0, inModules.startsWith('@') ? 2 : 1).join('/');
  return url.includes('/dist/') ? 'dist/' + url.split('/dist/')[1] : url;
}

/** Self time per request, in µs, by package and by function. */
function summarise(profile: CpuProfile, requests: number) {
  const usPerSample = (profile.endTime - profile.startTime) / profile.samples.length;
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const { hitCount, callFrame } of profile.nodes) {
    const us = (hitCount * usPerSample) / requests;
    const pkg = packageOf(callFrame.url);
    const fn = `${callFrame.functionName || '(anonymous)'} ${pkg}:${callFrame.lineNumber}`;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  return { byPackage, byFunction };
}

function printSideBySide(title: string, columns: [string, string], a: Map<string, number>, b: Map<string, number>, rows: number) {
  console.log(`\n| ${title} | ${columns[0]} µs/req | ${columns[1]} µs/req |\n|---|---|---|`);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  keys.sort((x, y) => Math.max(b.get(y) ?? 0, a.get(y) ?? 0) - Math.max(b.get(x) ?? 0, a.get(x) ?? 0));
  for (const key of keys.slice(0, rows)) console.log(`| ${key} | ${(a.get(key) ?? 0).toFixed(1)} | ${(b.get(key) ?? 0).toFixed(1)} |`);
}

/** Where the first column spends more than the second: what a guard like W1's is about. */
function printDifference(columns: [string, string], a: Map<string, number>, b: Map<string, number>, rows: number) {
  console.log(`\n| function | ${columns[0]} - ${columns[1]} µs/req |\n|---|---|`);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const difference = (key: string) => (a.get(key) ?? 0) - (b.get(key) ?? 0);
  keys.sort((x, y) => difference(y) - difference(x));
  for (const key of keys.slice(0, rows)) console.log(`| ${key} | ${difference(key).toFixed(2)} |`);
}

await buildAll();
const dir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-profile-'));
const db = await startEmbeddedPostgres(dir, { persistent: false });
const prisma = createPrisma(db.url);
try {
  await applyMigrations(db.url);
  const rotation = workload === 'w3' ? 100_000 : 0;
  const data = await seed(prisma, { tokens: rotation + 1000, rotation, pageDevices: 0 });
  const keys = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const tunedJwt = await new SignJWT({}).setProtectedHeader({ alg: 'EdDSA' }).setSubject(data.ownerId).setIssuedAt().setExpirationTime('1h').sign(keys.privateKey);
  type Target = { name: string; entry: string; credential?: string; rotate?: string[]; body: string };
  const targets: Target[] = {
    w2: [
      { name: 'scopegate', entry: 'dist/server.js', credential: data.customToken, body: devicesBody(data.projectId) },
      { name: 'tuned yoga', entry: 'dist/bench/tuned-yoga.js', credential: tunedJwt, body: devicesBody(data.projectId) },
    ],
    w1: [
      { name: 'scopegate token', entry: 'dist/server.js', credential: data.userToken, body: VIEWER },
      { name: 'scopegate anonymous', entry: 'dist/server.js', body: VIEWER },
    ],
    w3: [
      { name: 'scopegate cold', entry: 'dist/server.js', rotate: data.rotation, body: VIEWER },
      { name: 'scopegate warm', entry: 'dist/server.js', credential: data.userToken, body: VIEWER },
    ],
  }[workload];
  const summaries = [];
  for (const target of targets) {
    const profileDir = path.join(dir, `profile-${target.name.replace(/\W/g, '-')}`);
    await mkdir(profileDir);
    process.env.BENCH_PROFILE_DIR = profileDir;
    const server = await startServer(target.name, target.entry, {
      DATABASE_URL: db.url,
      SCOPEGATE_KEY_SECRET: 'profile-only key secret, not a real one',
      SCOPEGATE_DATA_DIR: dir,
      SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE: '1000000000',
      TUNED_PUBLIC_JWK: JSON.stringify(await exportJWK(keys.publicKey)),
    });
    const load = (duration: number) =>
      autocannon({
        url: `${server.url}/graphql`,
        connections: 50,
        duration,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(target.credential ? { authorization: `Bearer ${target.credential}` } : {}) },
        body: target.body,
        // One secret after another, each once: every request misses the auth cache.
        ...(target.rotate ? { requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, headers: { ...request.headers, authorization: `Bearer ${target.rotate!.pop()}` } }) }] } : {}),
      });
    // The profile covers the whole process, warm-up included, so every request counts.
    const results = [await load(2), await load(seconds)];
    await stopServer(server);
    if (results.some((r) => r.non2xx > 0 || r.errors > 0)) throw new Error(`${target.name} answered errors under load`);
    const [file] = await readdir(profileDir);
    const profile = JSON.parse(await readFile(path.join(profileDir, file!), 'utf8')) as CpuProfile;
    // PROFILE_KEEP=<prefix>: the profiles stay, for a look at the call tree (e.g. who calls a package).
    if (process.env.PROFILE_KEEP) await copyFile(path.join(profileDir, file!), `${process.env.PROFILE_KEEP}-${target.name.replace(/\W/g, '-')}.cpuprofile`);
    summaries.push(summarise(profile, results.reduce((n, r) => n + r.requests.total, 0)));
    console.error(`[profile] ${target.name}: ${results[1]!.requests.average.toFixed(0)} req/s under the profiler`);
  }
  const [first, second] = summaries as [ReturnType<typeof summarise>, ReturnType<typeof summarise>];
  const columns = [targets[0]!.name, targets[1]!.name] as [string, string];
  const total = (m: Map<string, number>) => [...m.values()].reduce((n, v) => n + v, 0);
  console.log(`\n${workload.toUpperCase()} under --cpu-prof, self time (idle included): ${columns[0]} ${total(first.byPackage).toFixed(0)} µs/req, ${columns[1]} ${total(second.byPackage).toFixed(0)} µs/req`);
  printSideBySide('package', columns, first.byPackage, second.byPackage, 30);
  printSideBySide('function', columns, first.byFunction, second.byFunction, 40);
  printDifference(columns, first.byFunction, second.byFunction, 30);
} finally {
  await prisma.$disconnect();
  await db.stop();
  await rm(dir, { recursive: true, force: true });
}
