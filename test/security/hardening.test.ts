import { beforeAll, describe, expect, it } from 'vitest';
import { createToken, createUser, PASSWORD } from '../helpers/factories.js';
import { execute } from '../helpers/execute.js';
import { setupGateway } from '../helpers/gateway.js';
import { listen } from '../helpers/servers.js';

// Rate-limit counters are shared state: this file has a database of its own, and low limits.
// Token budgets count per minute window: the clock stays inside one.
const minute = Date.now() - (Date.now() % 60_000);
const { gateway, prisma } = await setupGateway({
  isolated: true,
  clock: () => minute,
  env: {
    SCOPEGATE_LOGIN_LIMIT_PER_ACCOUNT: '3',
    SCOPEGATE_LOGIN_LIMIT_PER_IP: '6',
    SCOPEGATE_FAILED_AUTH_LIMIT_PER_IP: '4',
    SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE: '5',
  },
});
const dev = await setupGateway({ env: { NODE_ENV: 'development' } });

const INTROSPECTION = '{ __schema { queryType { name } } }';

describe('introspection and GraphiQL', () => {
  it('introspection answers admin sessions only', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const member = await createUser(prisma);
    const adminToken = await createToken(prisma, { kind: 'USER', createdById: admin.id });
    expect((await execute(gateway, INTROSPECTION, {}, { session: admin.session })).expectData()).toEqual({ __schema: { queryType: { name: 'Query' } } });
    for (const credential of [{ session: member.session }, { token: adminToken.secret }, undefined]) {
      const refused = await execute(gateway, INTROSPECTION, {}, credential);
      expect(refused.expectError('FORBIDDEN').message).toMatch(/admin sessions only/);
    }
    expect((await execute(gateway, '{ __typename }', {}, { session: member.session })).expectData()).toEqual({ __typename: 'Query' });
  });

  it('introspection answers everyone under NODE_ENV=development', async () => {
    expect((await execute(dev.gateway, INTROSPECTION, {})).expectData()).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('GraphiQL is served, with its assets bundled, to admin sessions only', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const member = await createUser(prisma);
    const page = (cookie?: string) =>
      gateway.fetch('http://scopegate.test/graphql', { headers: { accept: 'text/html', ...(cookie ? { cookie: `scopegate_session=${cookie}` } : {}) } });
    const served = await page(admin.session);
    expect(served.status).toBe(200);
    const html = await served.text();
    expect(html).toMatch(/<html/i);
    expect(html.length).toBeGreaterThan(1_000_000);
    expect(html).not.toMatch(/<script[^>]+src=["']https?:|<link[^>]+href=["']https?:/);
    for (const who of [member.session, undefined]) {
      const refused = await page(who);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toMatch(/admin sessions only/);
    }
  });
});

describe('every response', () => {
  it('carries a request id', async () => {
    const response = await gateway.fetch('http://scopegate.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ viewer { authMethod } }"}',
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('rate limits', () => {
  const Login = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { sessionToken } }';

  it('login attempts per account: 429 RATE_LIMITED with Retry-After, even with the right password', async () => {
    const user = await createUser(prisma);
    for (let i = 0; i < 3; i++) (await execute(gateway, Login, { e: user.email, p: 'wrong password' })).expectError('UNAUTHENTICATED');
    const limited = await execute(gateway, Login, { e: user.email, p: PASSWORD });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.expectError('RATE_LIMITED').message).toMatch(/Too many failed sign-in attempts/);
    // Another account is not affected.
    const someoneElse = await createUser(prisma);
    (await execute(gateway, Login, { e: someoneElse.email, p: PASSWORD })).expectData();
  });

  describe('over real HTTP, per address', () => {
    let url: string;
    beforeAll(async () => {
      url = (await listen(gateway)).url;
    });
    const post = (body: unknown, authorization?: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify(body) });

    it('failed token authentications per address', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await post({ query: '{ viewer { authMethod } }' }, `Bearer sgs_${String(i).repeat(43)}`)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      // The address stays blocked for good credentials too, until the window ends.
      const user = await createUser(prisma);
      const blocked = await post({ query: '{ viewer { authMethod } }' }, `Bearer ${user.session}`);
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toBeTruthy();
      expect((await blocked.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
    });
  });

  it('a per-token request budget', async () => {
    const user = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await execute(gateway, '{ viewer { authMethod } }', {}, { token: token.secret })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await execute(gateway, '{ viewer { authMethod } }', {}, { token: token.secret });
    expect(limited.expectError('RATE_LIMITED').message).toMatch(/request budget/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
