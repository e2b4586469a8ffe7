/**
 * GET /metrics as Prometheus scrapes it: who may read it, and that what it reports moves with the
 * requests an operator's users make.
 */
import { describe, expect, it } from 'vitest';
import { generateAccessToken } from '../../src/auth/token-format.js';
import { replaceSecret } from '../../src/auth/rotation.js';
import { createToken, createUser } from '../helpers/factories.js';
import { isolatedDatabase } from '../helpers/gateway.js';
import { graphql, METRICS_TOKEN, opsGateway, parseMetrics, scrape, sleep } from './ops-gateway.js';
import { exchangedJwt } from '../helpers/token-endpoint.js';

const withToken = { env: { SCOPEGATE_METRICS_TOKEN: METRICS_TOKEN } };
const value = (samples: Map<string, number>, key: string) => samples.get(key) ?? 0;

describe('who may read /metrics', () => {
  it('is 404 when neither SCOPEGATE_METRICS_TOKEN nor METRICS_PORT is set', async () => {
    const { gateway } = await opsGateway();
    expect(gateway.metrics).toBeUndefined();
    const response = await gateway.fetch('http://scopegate.test/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(404);
  });

  it('is 401 with WWW-Authenticate without the token or with another one, 200 in Prometheus text format with it', async () => {
    const { gateway } = await opsGateway(withToken);
    const without = await gateway.fetch('http://scopegate.test/metrics');
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toMatch(/^Bearer/);
    for (const wrong of [METRICS_TOKEN.slice(0, -1), `${METRICS_TOKEN}x`, 'x'.repeat(METRICS_TOKEN.length)]) {
      expect((await gateway.fetch('http://scopegate.test/metrics', { headers: { authorization: `Bearer ${wrong}` } })).status).toBe(401);
    }
    const right = await gateway.fetch('http://scopegate.test/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(right.status).toBe(200);
    expect(right.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await right.text();
    expect(text).toContain('# TYPE scopegate_requests_total counter');
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
  });

  it('a wrong token is not an access token: no credential lookup, no failed-authentication count', async () => {
    const { gateway } = await opsGateway(withToken);
    await gateway.fetch('http://scopegate.test/metrics', { headers: { authorization: `Bearer ${generateAccessToken()}` } });
    const samples = await scrape(gateway);
    expect([...samples.keys()].filter((key) => key.startsWith('scopegate_authentications_total'))).toEqual([]);
  });
});

describe('what /metrics reports', () => {
  it('counts requests by operation and outcome, with a latency histogram per operation', async () => {
    const { gateway, prisma } = await opsGateway(withToken);
    const member = await createUser(prisma);
    const before = await scrape(gateway);
    for (let i = 0; i < 3; i++) expect((await graphql(gateway, 'query Viewer { viewer { authMethod } }')).status).toBe(200);
    await graphql(gateway, 'query AllTokens { adminTokens { totalCount } }', { auth: member.session });
    await graphql(gateway, 'query Broken { device(id: "not-a-uuid") { id } }', { auth: member.session });
    await graphql(gateway, '{ viewer { authMethod } }');
    const after = await scrape(gateway);
    const grew = (key: string) => value(after, key) - value(before, key);
    expect(grew('scopegate_requests_total{route="graphql",operation="Viewer",outcome="ok"}')).toBe(3);
    expect(grew('scopegate_requests_total{route="graphql",operation="AllTokens",outcome="FORBIDDEN"}')).toBe(1);
    expect(grew('scopegate_requests_total{route="graphql",operation="Broken",outcome="BAD_USER_INPUT"}')).toBe(1);
    expect(grew('scopegate_requests_total{route="graphql",operation="(anonymous)",outcome="ok"}')).toBe(1);
    expect(grew('scopegate_request_duration_seconds_count{route="graphql",operation="Viewer"}')).toBe(3);
    expect(grew('scopegate_request_duration_seconds_bucket{le="+Inf",route="graphql",operation="Viewer"}')).toBe(3);
    expect(value(after, 'scopegate_request_duration_seconds_sum{route="graphql",operation="Viewer"}')).toBeGreaterThan(0);
  });

  it('counts authentication outcomes by reason, and credential cache hits and misses', async () => {
    // A database of its own: a revocation by a test file running beside this one would NOTIFY
    // this gateway on the shared database, empty its cache and add a miss to the count below.
    const { gateway, prisma } = await opsGateway({ ...withToken, databaseUrl: await isolatedDatabase() });
    const owner = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    const revoked = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    await prisma.accessToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const rotated = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    await prisma.$transaction((tx) => replaceSecret(tx, rotated.id, { now: new Date(), overlapSeconds: 0, selfRotation: false }));
    const before = await scrape(gateway);
    const query = 'query Viewer { viewer { authMethod } }';
    expect((await graphql(gateway, query, { auth: token.secret })).status).toBe(200);
    expect((await graphql(gateway, query, { auth: token.secret })).status).toBe(200);
    expect((await graphql(gateway, query, { auth: revoked.secret })).status).toBe(401);
    expect((await graphql(gateway, query, { auth: generateAccessToken() })).status).toBe(401);
    expect((await graphql(gateway, query, { auth: 'sgp_typo' })).status).toBe(401);
    expect((await graphql(gateway, query, { auth: rotated.secret })).status).toBe(401);
    expect((await graphql(gateway, query, { auth: owner.session })).status).toBe(200);
    await exchangedJwt(gateway, token.secret);
    const after = await scrape(gateway);
    const grew = (key: string) => value(after, key) - value(before, key);
    expect(grew('scopegate_authentications_total{door="graphql",result="ok",reason="access_token"}')).toBe(2);
    expect(grew('scopegate_authentications_total{door="graphql",result="ok",reason="session"}')).toBe(1);
    expect(grew('scopegate_authentications_total{door="graphql",result="refused",reason="revoked"}')).toBe(1);
    expect(grew('scopegate_authentications_total{door="graphql",result="refused",reason="unknown"}')).toBe(1);
    expect(grew('scopegate_authentications_total{door="graphql",result="refused",reason="malformed"}')).toBe(1);
    expect(grew('scopegate_authentications_total{door="graphql",result="refused",reason="rotated"}')).toBe(1);
    expect(grew('scopegate_authentications_total{door="exchange",result="ok",reason="access_token"}')).toBe(1);
    expect(grew('scopegate_requests_total{route="graphql",operation="Viewer",outcome="UNAUTHENTICATED"}')).toBe(4);
    expect(grew('scopegate_requests_total{route="auth_token",operation="",outcome="ok"}')).toBe(1);
    // The token: one load, then hits (the second request and the exchange); the revoked, the
    // unknown and the rotated token and the session: one load each.
    expect(grew('scopegate_auth_cache_lookups_total{cache="credentials",result="miss"}')).toBe(5);
    expect(grew('scopegate_auth_cache_lookups_total{cache="credentials",result="hit"}')).toBe(2);
  });

  it('blocked addresses and spent token budgets are counted as such', async () => {
    const env = { ...withToken.env, SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE: '1', SCOPEGATE_FAILED_AUTH_LIMIT_PER_IP: '2', TRUST_PROXY: '1' };
    const { gateway, prisma } = await opsGateway({ env });
    const owner = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    await graphql(gateway, '{ viewer { authMethod } }', { auth: token.secret });
    expect((await graphql(gateway, '{ viewer { authMethod } }', { auth: token.secret })).status).toBe(429);
    // An address of its own, behind the one proxy TRUST_PROXY=1 says stands in front.
    const address = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const fromAddress = () =>
      gateway.fetch('http://scopegate.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${generateAccessToken()}`, 'x-forwarded-for': address },
        body: JSON.stringify({ query: '{ viewer { authMethod } }' }),
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fromAddress()).status);
    expect(statuses.at(-1)).toBe(429);
    const samples = await scrape(gateway);
    expect(value(samples, 'scopegate_authentications_total{door="graphql",result="budget",reason="budget"}')).toBe(1);
    expect(value(samples, 'scopegate_authentications_total{door="graphql",result="blocked",reason="blocked"}')).toBe(statuses.filter((s) => s === 429).length);
    expect(value(samples, 'scopegate_requests_total{route="graphql",operation="(anonymous)",outcome="RATE_LIMITED"}')).toBe(1 + statuses.filter((s) => s === 429).length);
  });

  it('measures revocation propagation: a revoke through one gateway is observed by every gateway', async () => {
    // A database of its own: on the shared one both gateways also hear every other file's
    // revocations, which would count here (passing the test without its own revocation arriving)
    // and fail it when one of them reaches a gateway later than 1 s.
    const databaseUrl = await isolatedDatabase();
    const first = await opsGateway({ ...withToken, databaseUrl });
    const second = await opsGateway({ ...withToken, databaseUrl });
    const owner = await createUser(first.prisma);
    const token = await createToken(first.prisma, { kind: 'USER', createdById: owner.id });
    const count = 'scopegate_revocation_propagation_seconds_count';
    const before = [value(await scrape(first.gateway), count), value(await scrape(second.gateway), count)];
    const revoked = await graphql(first.gateway, 'mutation Revoke($id: ID!) { revokeToken(id: $id) { status } }', { auth: owner.session, variables: { id: token.id } });
    expect(await revoked.json()).toEqual({ data: { revokeToken: { status: 'REVOKED' } } });
    let after: Map<string, number>[] = [];
    for (let i = 0; i < 40; i++) {
      after = [await scrape(first.gateway), await scrape(second.gateway)];
      if (value(after[0]!, count) > before[0]! && value(after[1]!, count) > before[1]!) break;
      await sleep(50);
    }
    for (const [i, samples] of after.entries()) {
      expect(value(samples, count)).toBeGreaterThan(before[i]!);
      // Within the 1 s the specification promises (the two gateways share a clock here).
      expect(value(samples, 'scopegate_revocation_propagation_seconds_bucket{le="1"}')).toBe(value(samples, count));
    }
  });

  it('reports the database pool and the LISTEN connection', async () => {
    const { gateway, prisma } = await opsGateway(withToken);
    const user = await createUser(prisma);
    // A session is looked up in the database: the pool has opened a connection since.
    await graphql(gateway, '{ viewer { authMethod } }', { auth: user.session });
    const samples = await scrape(gateway);
    expect(samples.get('scopegate_db_pool_connections{state="max"}')).toBe(10);
    expect(samples.get('scopegate_db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(1);
    expect(samples.get('scopegate_db_pool_connections{state="in_use"}')).toBeGreaterThanOrEqual(0);
    expect(samples.get('scopegate_db_pool_waiting_queries')).toBe(0);
    expect(samples.get('scopegate_invalidation_listener_up')).toBe(1);
  });

  it('keeps the number of operation labels bounded whatever names clients send', async () => {
    const { gateway } = await opsGateway(withToken);
    for (let i = 0; i < 210; i++) await graphql(gateway, `query Op${i} { __typename }`);
    const samples = await scrape(gateway);
    const operations = new Set([...samples.keys()].filter((key) => key.startsWith('scopegate_requests_total{route="graphql"')).map((key) => /operation="([^"]*)"/.exec(key)![1]));
    expect(operations.size).toBeLessThanOrEqual(201);
    expect(value(samples, 'scopegate_requests_total{route="graphql",operation="(other)",outcome="ok"}')).toBe(10);
  });

  it('the text parses as Prometheus exposition: every sample has a HELP and a TYPE', async () => {
    const { gateway } = await opsGateway(withToken);
    const text = await (await gateway.fetch('http://scopegate.test/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    const typed = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
    const helped = new Set([...text.matchAll(/^# HELP (\S+) /gm)].map((m) => m[1]));
    for (const key of parseMetrics(text).keys()) {
      const family = key.replace(/\{.*$/, '').replace(/_(bucket|sum|count)$/, '');
      expect(typed.has(family) || typed.has(key.replace(/\{.*$/, ''))).toBe(true);
      expect(helped.has(family) || helped.has(key.replace(/\{.*$/, ''))).toBe(true);
    }
  });
});
