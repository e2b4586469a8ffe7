import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createToken, createUser } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

// Behind one proxy of ours, so each test can come from an address of its own (X-Forwarded-For)
// without opening a port; low limits so that blocks are reached in a few requests.
const { gateway, prisma } = await setupGateway({
  env: { TRUST_PROXY: '1', SCOPEGATE_FAILED_AUTH_LIMIT_PER_IP: '4', SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE: '5' },
});

const BASE = 'http://scopegate.test';
const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const VIEWER = '{ viewer { authMethod } }';

/** An address nobody else in the test run uses, so counters and blocks are this test's own. */
const freshAddress = () => `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}::1`;

/** Each door as a user reaches it, from `ip`. */
const doors = (ip: string) => {
  const from = { 'x-forwarded-for': ip };
  return {
    graphql: (headers: Record<string, string> = {}) =>
      gateway.fetch(`${BASE}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...from, ...headers }, body: JSON.stringify({ query: VIEWER }) }),
    exchange: (headers: Record<string, string> = {}) => gateway.fetch(`${BASE}/auth/token`, { headers: { ...from, ...headers } }),
    narrow: (subjectToken: string) =>
      gateway.fetch(`${BASE}/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...from },
        body: new URLSearchParams({ grant_type: GRANT, subject_token: subjectToken }).toString(),
      }),
    graphiql: (headers: Record<string, string> = {}) => gateway.fetch(`${BASE}/graphql`, { headers: { accept: 'text/html', ...from, ...headers } }),
  };
};

async function expectRateLimited(response: Response, format: 'graphql' | 'oauth' | 'html') {
  expect(response.status).toBe(429);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  if (format === 'html') return expect(await response.text()).toMatch(/Try again in \d+ seconds/);
  const body = await response.json();
  if (format === 'oauth') expect(body).toMatchObject({ error: 'rate_limited', error_description: expect.any(String) });
  else expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
}

describe('one way in: /graphql, /auth/token and the GraphiQL page', () => {
  it('a session cookie with a bad % escape is a 401 at every door, never a 500 with a stack', async () => {
    for (const cookie of ['scopegate_session=%E0%A4%A', '__Host-scopegate_session=%E0%A4%A', 'scopegate_session=%']) {
      const at = doors(freshAddress());
      const answers = { graphql: await at.graphql({ cookie }), exchange: await at.exchange({ cookie }), graphiql: await at.graphiql({ cookie }) };
      for (const [door, response] of Object.entries(answers)) {
        const body = await response.text();
        expect([door, cookie, response.status]).toEqual([door, cookie, 401]);
        expect(body).not.toMatch(/URIError|\bat .*\(|node_modules/);
        if (door !== 'graphiql') expect(JSON.parse(body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('an address blocked on /graphql is refused by /auth/token (GET and POST) and the GraphiQL page too', async () => {
    const user = await createUser(prisma, { role: 'ADMIN' });
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id });
    const at = doors(freshAddress());
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await at.graphql({ authorization: `Bearer sgs_${String(i).repeat(43)}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401]);
    // Good credentials now, at every door.
    await expectRateLimited(await at.exchange({ authorization: `Bearer ${token.secret}` }), 'graphql');
    await expectRateLimited(await at.narrow(token.secret), 'oauth');
    await expectRateLimited(await at.graphiql({ cookie: `scopegate_session=${user.session}` }), 'html');
    await expectRateLimited(await at.graphql({ authorization: `Bearer ${user.session}` }), 'graphql');
    // Another address is not affected.
    expect((await doors(freshAddress()).exchange({ authorization: `Bearer ${token.secret}` })).status).toBe(200);
  });

  it('refused credentials at /auth/token count toward the block on every door', async () => {
    const user = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id });
    const at = doors(freshAddress());
    const refused = [
      (await at.exchange({ authorization: 'Bearer sgp_nope' })).status,
      (await at.exchange({ authorization: 'Digest username="admin"' })).status,
      (await at.narrow('sgp_nope')).status,
      (await at.exchange({ cookie: 'scopegate_session=%E0%A4%A' })).status,
    ];
    expect(refused).toEqual([401, 401, 400, 401]);
    await expectRateLimited(await at.graphql({ authorization: `Bearer ${user.session}` }), 'graphql');
    await expectRateLimited(await at.exchange({ authorization: `Bearer ${token.secret}` }), 'graphql');
    await expectRateLimited(await at.narrow(token.secret), 'oauth');
  });

  it('sessions and JWTs sent to /auth/token are refused as before, without counting as failures', async () => {
    const user = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id });
    const at = doors(freshAddress());
    for (let i = 0; i < 5; i++) {
      expect((await at.exchange({ authorization: `Bearer ${user.session}` })).status).toBe(403);
      expect((await at.exchange({ cookie: `scopegate_session=${user.session}` })).status).toBe(403);
      expect(await (await at.narrow(user.session)).json()).toMatchObject({ error: 'invalid_request' });
    }
    expect((await at.exchange({ authorization: `Bearer ${token.secret}` })).status).toBe(200);
  });

  it('the per-token request budget is spent at /auth/token as at /graphql', async () => {
    const user = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id });
    const at = doors(freshAddress());
    const bearer = { authorization: `Bearer ${token.secret}` };
    const statuses = [(await at.graphql(bearer)).status, (await at.graphql(bearer)).status, (await at.exchange(bearer)).status, (await at.narrow(token.secret)).status, (await at.exchange(bearer)).status];
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const overGet = await at.exchange(bearer);
    await expectRateLimited(overGet.clone(), 'graphql');
    expect((await overGet.json()).errors[0].message).toMatch(/request budget/);
    await expectRateLimited(await at.narrow(token.secret), 'oauth');
    await expectRateLimited(await at.graphql(bearer), 'graphql');
    // Going over the budget is not a failed credential: the address is not blocked.
    expect((await at.graphql({ authorization: `Bearer ${user.session}` })).status).toBe(200);
  });
});
