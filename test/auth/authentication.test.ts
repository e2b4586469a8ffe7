import { beforeAll, describe, expect, it } from 'vitest';
import { generateAccessToken } from '../../src/auth/token-format.js';
import { graphql } from '../gql/index.js';
import { execute } from '../helpers/execute.js';
import { createProject, createToken, createUser, grant, PASSWORD, withTypo } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';
import { listen } from '../helpers/servers.js';

// A database of its own: tests here count this gateway's reads, and an invalidation published by
// another file on the shared database would empty its cache in the middle of a count.
const { gateway, prisma, queries } = await setupGateway({ countQueries: true, isolated: true });

const Viewer = graphql(`query AuthViewer { viewer { authMethod user { id } token { id } } }`);
const Login = graphql(`mutation AuthLogin($email: String!, $password: String!) { login(email: $email, password: $password) { sessionToken expiresAt user { id } } }`);
const Logout = graphql(`mutation AuthLogout { logout }`);
const Revoke = graphql(`mutation AuthRevoke($id: ID!) { revokeToken(id: $id) { status } }`);

async function userWithToken() {
  const user = await createUser(prisma);
  const project = await createProject(prisma, user.id);
  const token = await createToken(prisma, { createdById: user.id, grants: [grant('DEVICE', 'READ', { projectId: project.id })] });
  return { user, project, token };
}

function expect401(response: Awaited<ReturnType<typeof execute>>, message: RegExp) {
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toBe('Bearer realm="scopegate"');
  expect(response.expectError('UNAUTHENTICATED').message).toMatch(message);
}

describe('credentials on the wire', () => {
  it('Bearer with an access token authenticates as ACCESS_TOKEN', async () => {
    const { user, token } = await userWithToken();
    const data = (await execute(gateway, Viewer, {}, { token: token.secret })).expectData();
    expect(data.viewer).toEqual({ authMethod: 'ACCESS_TOKEN', user: { id: user.id }, token: { id: token.id } });
  });

  it('Basic with the token as user name (or as password) authenticates too', async () => {
    const { token } = await userWithToken();
    expect((await execute(gateway, Viewer, {}, { basic: token.secret })).expectData().viewer.authMethod).toBe('ACCESS_TOKEN');
    const asPassword = { headers: { authorization: `Basic ${Buffer.from(`x-token:${token.secret}`).toString('base64')}` } };
    // "x-token" is a user name, so the token in the password half is not used: git-style "token:" only.
    expect401(await execute(gateway, Viewer, {}, asPassword), /unrecognised credential/);
    const emptyUser = { headers: { authorization: `Basic ${Buffer.from(`:${token.secret}`).toString('base64')}` } };
    expect((await execute(gateway, Viewer, {}, emptyUser)).expectData().viewer.authMethod).toBe('ACCESS_TOKEN');
  });

  it('Basic refuses a session: it is for access tokens', async () => {
    const user = await createUser(prisma);
    expect401(await execute(gateway, Viewer, {}, { basic: user.session }), /Basic authentication takes an access token/);
  });

  // The cache is looked up before the format checks (the hot path); where a credential may be
  // sent must still be checked on a hit.
  it('a credential in the wrong place is refused, even once its lookup is cached', async () => {
    const { user, token } = await userWithToken();
    expect((await execute(gateway, Viewer, {}, { token: token.secret })).expectData().viewer.authMethod).toBe('ACCESS_TOKEN');
    const inCookie = { headers: { cookie: `scopegate_session=${token.secret}`, 'x-scopegate-csrf': '1' } };
    expect401(await execute(gateway, Viewer, {}, inCookie), /the session cookie holds a session, not an access token/);
    expect((await execute(gateway, Viewer, {}, { session: user.session })).expectData().viewer.authMethod).toBe('SESSION');
    expect401(await execute(gateway, Viewer, {}, { basic: user.session }), /Basic authentication takes an access token/);
  });

  it('a token with a wrong checksum is refused with 401 before any query', async () => {
    const good = generateAccessToken();
    const typo = good.slice(0, 20) + (good[20] === 'x' ? 'y' : 'x') + good.slice(21);
    queries.length = 0;
    expect401(await execute(gateway, Viewer, {}, { token: typo }), /checksum/);
    expect(queries).toEqual([]);
  });

  it('an unknown token, an unknown scheme and a JWT-looking string are 401', async () => {
    expect401(await execute(gateway, Viewer, {}, { token: generateAccessToken() }), /unknown access token/);
    expect401(await execute(gateway, Viewer, {}, { headers: { authorization: 'Token abc' } }), /Bearer/);
    expect401(await execute(gateway, Viewer, {}, { token: 'eyJhbGciOiJub25lIn0.e30.' }), /unrecognised credential/);
  });

  it('no credential is anonymous, and a field that needs one says UNAUTHENTICATED', async () => {
    expect((await execute(gateway, Viewer, {})).expectData().viewer).toEqual({ authMethod: 'ANONYMOUS', user: null, token: null });
    const response = await execute(gateway, `{ projects { nodes { id } } }`, {});
    expect(response.status).toBe(200);
    response.expectError('UNAUTHENTICATED');
  });
});

describe('token state', () => {
  it('a revoked token is rejected with 401 at once, in the same process', async () => {
    const { user, token } = await userWithToken();
    expect((await execute(gateway, Viewer, {}, { token: token.secret })).expectData().viewer.authMethod).toBe('ACCESS_TOKEN');
    expect((await execute(gateway, Revoke, { id: token.id }, { session: user.session })).expectData().revokeToken.status).toBe('REVOKED');
    expect401(await execute(gateway, Viewer, {}, { token: token.secret }), /revoked/);
  });

  it('an expired token is rejected with 401, even while its lookup is cached', async () => {
    const user = await createUser(prisma);
    const expired = await createToken(prisma, { kind: 'USER', createdById: user.id, expiresAt: new Date(Date.now() - 1000) });
    expect401(await execute(gateway, Viewer, {}, { token: expired.secret }), /expired/);
    const soon = await createToken(prisma, { kind: 'USER', createdById: user.id, expiresAt: new Date(Date.now() + 1200) });
    expect((await execute(gateway, Viewer, {}, { token: soon.secret })).expectData().viewer.authMethod).toBe('ACCESS_TOKEN');
    await new Promise((r) => setTimeout(r, 1300));
    expect401(await execute(gateway, Viewer, {}, { token: soon.secret }), /expired/);
  });

  it('the hot path of a token request costs no database query once cached', async () => {
    const { token } = await userWithToken();
    await execute(gateway, `{ viewer { authMethod } }`, {}, { token: token.secret });
    queries.length = 0;
    for (let i = 0; i < 5; i++) {
      expect((await execute(gateway, `{ viewer { authMethod } }`, {}, { token: token.secret })).expectData()).toEqual({
        viewer: { authMethod: 'ACCESS_TOKEN' },
      });
    }
    expect(queries).toEqual([]);
  });

  it('a token not in the cache costs one statement, and its request writes nothing', async () => {
    // The first miss after a start or an invalidation also reads the token policy.
    await execute(gateway, `{ viewer { authMethod } }`, {}, { token: (await userWithToken()).token.secret });
    const { token } = await userWithToken();
    queries.length = 0;
    expect((await execute(gateway, `{ viewer { authMethod } }`, {}, { token: token.secret })).expectData()).toEqual({ viewer: { authMethod: 'ACCESS_TOKEN' } });
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatch(/^SELECT/);
    // Its request budget was spent on this process's credit, not leased.
    expect(await prisma.tokenBudget.count({ where: { tokenId: token.id } })).toBe(0);
    expect(await prisma.accessToken.findUniqueOrThrow({ where: { id: token.id }, select: { lastUsedAt: true, secretFirstUsedAt: true } })).toEqual({ lastUsedAt: null, secretFirstUsedAt: null });
  });

  it('requests that arrive while an uncached token is being read wait for that one read', async () => {
    const one = await userWithToken();
    queries.length = 0;
    await execute(gateway, `{ viewer { authMethod } }`, {}, { token: one.token.secret });
    const coldLookup = queries.length;
    expect(coldLookup).toBeGreaterThan(0);
    const many = await userWithToken();
    queries.length = 0;
    // One event-loop turn apart, as requests from a network arrive: Prisma already merges
    // identical reads made in the same turn, so a same-turn burst would prove nothing.
    const pending: ReturnType<typeof execute>[] = [];
    for (let i = 0; i < 20; i++) {
      pending.push(execute(gateway, `{ viewer { authMethod } }`, {}, { token: many.token.secret }));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const responses = await Promise.all(pending);
    for (const response of responses) expect(response.expectData()).toEqual({ viewer: { authMethod: 'ACCESS_TOKEN' } });
    expect(queries).toHaveLength(coldLookup);
  });
});

describe('sessions', () => {
  it('login returns a session and sets an HttpOnly, SameSite=Strict cookie', async () => {
    const user = await createUser(prisma);
    const response = await execute(gateway, Login, { email: user.email.toUpperCase(), password: PASSWORD });
    const { login } = response.expectData();
    expect(login.user.id).toBe(user.id);
    expect(login.sessionToken).toMatch(/^scopegate_ses_/);
    expect(new Date(login.expiresAt).getTime()).toBeGreaterThan(Date.now() + 11 * 3_600_000);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toContain(`scopegate_session=${login.sessionToken}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
  });

  it('the cookie works on JSON POSTs and on requests with the CSRF header, never on simple requests', async () => {
    const user = await createUser(prisma);
    const cookie = `scopegate_session=${user.session}`;
    const json = await execute(gateway, Viewer, {}, { headers: { cookie } });
    expect(json.expectData().viewer.authMethod).toBe('SESSION');
    const form = await gateway.fetch('http://scopegate.test/graphql', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7Bviewer%7BauthMethod%7D%7D',
    });
    // Refused before the cookie is even read: CSRF prevention wants a preflighted request.
    expect(form.status).toBe(403);
    const get = await gateway.fetch('http://scopegate.test/graphql?query=%7Bviewer%7BauthMethod%7D%7D', { headers: { cookie } });
    expect(get.status).toBe(403);
    // A refusal, not bad input: the request was well formed, and a client fixes it with a header.
    for (const refused of [form, get]) {
      const { errors } = (await refused.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(errors).toEqual([{ message: 'Required CSRF header(s) not present', extensions: { code: 'FORBIDDEN', reason: 'CSRF' } }]);
    }
    // And the cookie alone is refused even where another CSRF header got a simple request through.
    const yogaHeader = await gateway.fetch('http://scopegate.test/graphql?query=%7Bviewer%7BauthMethod%7D%7D', {
      headers: { cookie, 'x-graphql-yoga-csrf': '1' },
    });
    expect(yogaHeader.status).toBe(401);
    const getWithHeader = await gateway.fetch('http://scopegate.test/graphql?query=%7Bviewer%7BauthMethod%7D%7D', {
      headers: { cookie, 'x-scopegate-csrf': '1', accept: 'application/json' },
    });
    expect(await getWithHeader.json()).toEqual({ data: { viewer: { authMethod: 'SESSION' } } });
  });

  it('logout ends the session server-side and clears the cookie', async () => {
    const user = await createUser(prisma);
    const response = await execute(gateway, Logout, {}, { session: user.session });
    expect(response.expectData().logout).toBe(true);
    expect(response.headers.get('set-cookie')).toMatch(/scopegate_session=; .*Max-Age=0/);
    expect401(await execute(gateway, Viewer, {}, { session: user.session }), /ended session/);
  });

  it('an unknown e-mail and a wrong password answer alike, in similar time', async () => {
    const user = await createUser(prisma);
    const time = async (email: string) => {
      const start = performance.now();
      const response = await execute(gateway, Login, { email, password: 'wrong password!!' });
      return { ms: performance.now() - start, error: response.expectError('UNAUTHENTICATED') };
    };
    await time(user.email); // warm-up: the first dummy hash is computed on demand
    await time('nobody@example.test');
    const wrong = await time(user.email);
    const unknown = await time('nobody-else@example.test');
    expect(unknown.error.message).toBe(wrong.error.message);
    // Both pay one argon2id verification (~0.4 s); a skipped verification would be ~100x faster.
    expect(unknown.ms).toBeGreaterThan(wrong.ms * 0.3);
    expect(wrong.ms).toBeGreaterThan(unknown.ms * 0.3);
  });

  it("a deleted user's sessions and tokens stop working", async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const { user, token } = await userWithToken();
    await execute(gateway, `mutation($id: ID!) { deleteUser(id: $id) }`, { id: user.id }, { session: admin.session });
    expect401(await execute(gateway, Viewer, {}, { token: token.secret }), /revoked/);
    expect401(await execute(gateway, Viewer, {}, { session: user.session }), /ended session/);
  });
});

describe('over real HTTP', () => {
  let url: string;
  beforeAll(async () => {
    url = (await listen(gateway)).url;
  });

  const post = (headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ viewer { authMethod } }' }) });

  it('Bearer and Basic tokens authenticate, and a bad token gets 401 with WWW-Authenticate', async () => {
    const { token } = await userWithToken();
    expect(await (await post({ authorization: `Bearer ${token.secret}` })).json()).toEqual({ data: { viewer: { authMethod: 'ACCESS_TOKEN' } } });
    const basic = Buffer.from(`${token.secret}:`).toString('base64');
    expect(await (await post({ authorization: `Basic ${basic}` })).json()).toEqual({ data: { viewer: { authMethod: 'ACCESS_TOKEN' } } });
    const bad = await post({ authorization: `Bearer ${withTypo(token.secret)}` });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe('Bearer realm="scopegate"');
    expect((await bad.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
