import { createHmac } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, SignJWT, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { execute } from '../helpers/execute.js';
import { createDevice, createProject, createToken, createUser, grant, PASSWORD, withTypo } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

// A database of its own: another file's revocation empties the credential cache (its 'auth'
// notification), and 'costs no query' below assumes a warmed cache stays warm.
const { gateway, prisma, config, queries } = await setupGateway({ countQueries: true, isolated: true });

const Viewer = graphql(`query JwtViewer { viewer { authMethod token { id } user { id } } }`);
const Devices = graphql(`query JwtDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id } } }`);

async function exchange(init: { bearer?: string; basic?: string; query?: string; cookie?: string } = {}) {
  const url = new URL('http://scopegate.test/auth/token');
  if (init.query) url.searchParams.set('api_token', init.query);
  const headers: Record<string, string> = {};
  if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
  if (init.basic) headers.authorization = `Basic ${Buffer.from(`${init.basic}:`).toString('base64')}`;
  if (init.cookie) headers.cookie = `scopegate_session=${init.cookie}`;
  const response = await gateway.fetch(url, { headers });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

async function world(expiresAt: Date | null = null) {
  const owner = await createUser(prisma);
  const project = await createProject(prisma, owner.id);
  const device = await createDevice(prisma, project.id);
  const token = await createToken(prisma, { createdById: owner.id, grants: [grant('DEVICE', 'READ', { projectId: project.id })], expiresAt });
  const jwt = (await exchange({ bearer: token.secret })).body.token as string;
  return { owner, project, device, token, jwt };
}

/** Signs arbitrary claims with the gateway's real key: forgeries that only the checks can catch. */
async function signWithRealKey(payload: JWTPayload, header: Record<string, unknown> = {}) {
  const { kid, privateKey } = gateway.keys.signingKey();
  return new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid, ...header }).sign(privateKey);
}

describe('GET /auth/token', () => {
  it('exchanges an access token for an EdDSA JWT in the RFC 9068 shape, valid 12 hours', async () => {
    const { owner, token } = await world();
    const response = await exchange({ bearer: token.secret });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { token: jwt, expiresAt } = response.body;
    expect(Object.keys(response.body).sort()).toEqual(['expiresAt', 'token']);
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt', kid: expect.any(String) });
    const claims = decodeJwt(jwt);
    expect(claims).toMatchObject({ iss: config.jwtIssuer, aud: config.jwtAudience, sub: owner.id, tid: token.id, client_id: token.id, jti: expect.any(String) });
    expect(claims.scope).toMatch(/^device:read:[0-9a-f-]{36}$/);
    expect(claims.exp! - claims.iat!).toBe(12 * 3600);
    expect(new Date(expiresAt).getTime()).toBe(claims.exp! * 1000);
    const jwks = (await (await gateway.fetch('http://scopegate.test/.well-known/jwks.json')).json()) as { keys: Record<string, unknown>[] };
    const key = jwks.keys.find((k) => k.kid === decodeProtectedHeader(jwt).kid);
    expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(key).not.toHaveProperty('d');
  });

  it('never outlives the access token', async () => {
    const soon = new Date(Date.now() + 2 * 3_600_000);
    const { jwt } = await world(soon);
    expect(decodeJwt(jwt).exp).toBe(Math.floor(soon.getTime() / 1000));
  });

  it('takes the token as ?api_token= or with Basic too', async () => {
    const { token } = await world();
    expect((await exchange({ query: token.secret })).status).toBe(200);
    expect((await exchange({ basic: token.secret })).status).toBe(200);
  });

  it('refuses sessions and JWTs (403), and missing, bad or revoked tokens (401)', async () => {
    const { owner, token, jwt } = await world();
    expect(await exchange({ bearer: owner.session })).toMatchObject({ status: 403, body: { errors: [{ extensions: { code: 'FORBIDDEN' } }] } });
    expect(await exchange({ cookie: owner.session })).toMatchObject({ status: 403 });
    expect(await exchange({ bearer: jwt })).toMatchObject({ status: 403 });
    const none = await exchange();
    expect(none).toMatchObject({ status: 401, body: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] } });
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="scopegate"');
    expect((await exchange({ bearer: withTypo(token.secret) })).status).toBe(401);
    await prisma.accessToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    gateway.authenticator.cache.clear();
    expect((await exchange({ bearer: token.secret })).status).toBe(401);
    expect((await gateway.fetch('http://scopegate.test/auth/token', { method: 'PUT' })).status).toBe(405);
  });
});

describe('an exchanged JWT', () => {
  it('acts with exactly its token’s permissions, and never manages tokens', async () => {
    const { owner, project, device, token, jwt } = await world();
    expect((await execute(gateway, Viewer, {}, { token: jwt })).expectData().viewer).toEqual({ authMethod: 'EXCHANGED_JWT', token: { id: token.id }, user: { id: owner.id } });
    expect((await execute(gateway, Devices, { projectId: project.id }, { token: jwt })).expectData().devices.nodes).toEqual([{ id: device.id }]);
    expect((await execute(gateway, `{ projects { nodes { id } } }`, {}, { token: jwt })).expectError('FORBIDDEN').extensions?.reason).toBe('MISSING_GRANT');
    const manage = await execute(gateway, `mutation($id: ID!) { revokeToken(id: $id) { id } }`, { id: token.id }, { token: jwt });
    expect(manage.expectError('FORBIDDEN').extensions?.reason).toBe('TOKEN_MANAGEMENT');
    const login = await execute(gateway, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { sessionToken } }`, { e: owner.email, p: PASSWORD }, { token: jwt });
    expect(login.expectError('FORBIDDEN').extensions?.reason).toBe('TOKEN_MANAGEMENT');
  });

  it('is verified once per process, then costs no query', async () => {
    const { jwt } = await world();
    await execute(gateway, Viewer, {}, { token: jwt });
    queries.length = 0;
    for (let i = 0; i < 3; i++) (await execute(gateway, `{ viewer { authMethod } }`, {}, { token: jwt })).expectData();
    expect(queries).toEqual([]);
  });

  it.each([
    ['revoked', async (w: Awaited<ReturnType<typeof world>>) => {
      await execute(gateway, `mutation($id: ID!) { revokeToken(id: $id) { id } }`, { id: w.token.id }, { session: w.owner.session });
    }, /revoked/],
    ['regenerated', async (w: Awaited<ReturnType<typeof world>>) => {
      await execute(gateway, `mutation($id: ID!, $p: String!) { regenerateToken(id: $id, password: $p) { secret } }`, { id: w.token.id, p: PASSWORD }, { session: w.owner.session });
    }, /regenerated/],
    ['edited', async (w: Awaited<ReturnType<typeof world>>) => {
      await execute(gateway, `mutation($id: ID!, $p: String!) { updateToken(id: $id, password: $p, input: { apiMethodSet: "READ_ONLY" }) { id } }`, { id: w.token.id, p: PASSWORD }, { session: w.owner.session });
    }, /edited/],
    ['owner deleted', async (w: Awaited<ReturnType<typeof world>>) => {
      const admin = await createUser(prisma, { role: 'ADMIN' });
      await execute(gateway, `mutation($id: ID!) { deleteUser(id: $id) }`, { id: w.owner.id }, { session: admin.session });
    }, /revoked/],
  ])('dies when its token is %s', async (_name, change, message) => {
    const w = await world();
    (await execute(gateway, Viewer, {}, { token: w.jwt })).expectData();
    await change(w);
    const refused = await execute(gateway, Viewer, {}, { token: w.jwt });
    expect(refused.status).toBe(401);
    expect(refused.expectError('UNAUTHENTICATED').message).toMatch(message);
  });
});

describe('forged JWTs all get 401 UNAUTHENTICATED', () => {
  const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  async function publicJwk(kid: unknown) {
    const jwks = (await (await gateway.fetch('http://scopegate.test/.well-known/jwks.json')).json()) as { keys: { kid: string; x: string }[] };
    return jwks.keys.find((k) => k.kid === kid)!;
  }

  async function realClaims() {
    const { jwt } = await world();
    return { jwt, claims: decodeJwt(jwt), header: decodeProtectedHeader(jwt) };
  }

  const cases: [string, () => Promise<string>][] = [
    ['alg none', async () => {
      const { claims, header } = await realClaims();
      return `${base64url({ ...header, alg: 'none' })}.${base64url(claims)}.`;
    }],
    ['alg none with a signature', async () => {
      const { jwt, claims, header } = await realClaims();
      return `${base64url({ ...header, alg: 'none' })}.${base64url(claims)}.${jwt.split('.')[2]}`;
    }],
    ['HS256 signed with the public key bytes', async () => {
      const { claims, header } = await realClaims();
      const body = `${base64url({ ...header, alg: 'HS256' })}.${base64url(claims)}`;
      return `${body}.${createHmac('sha256', Buffer.from((await publicJwk(header.kid)).x, 'base64url')).update(body).digest('base64url')}`;
    }],
    ['HS256 signed with the public JWK as text', async () => {
      const { claims, header } = await realClaims();
      const body = `${base64url({ ...header, alg: 'HS256' })}.${base64url(claims)}`;
      return `${body}.${createHmac('sha256', JSON.stringify(await publicJwk(header.kid))).update(body).digest('base64url')}`;
    }],
    ['tampered claims', async () => {
      const { jwt, claims } = await realClaims();
      const [h, , s] = jwt.split('.');
      return `${h}.${base64url({ ...claims, scope: 'user', sub: 'someone-else' })}.${s}`;
    }],
    ['tampered header', async () => {
      const { jwt, header } = await realClaims();
      const [, p, s] = jwt.split('.');
      return `${base64url({ ...header, typ: 'JWT' })}.${p}.${s}`;
    }],
    ['expired', async () => {
      const { claims } = await realClaims();
      const now = Math.floor(Date.now() / 1000);
      return signWithRealKey({ ...claims, iat: now - 13 * 3600, exp: now - 3600 });
    }],
    ['wrong audience', async () => signWithRealKey({ ...(await realClaims()).claims, aud: 'someone-else' })],
    ['wrong issuer', async () => signWithRealKey({ ...(await realClaims()).claims, iss: 'https://evil.example' })],
    ['wrong typ', async () => signWithRealKey((await realClaims()).claims, { typ: 'JWT' })],
    ['exp in year 9999', async () => signWithRealKey({ ...(await realClaims()).claims, exp: 253402300799 })],
    ['issued in the future', async () => {
      const { claims } = await realClaims();
      return signWithRealKey({ ...claims, iat: claims.iat! + 3600, exp: claims.exp! + 3600 });
    }],
    ['missing token id', async () => {
      const { tid: _tid, ...rest } = (await realClaims()).claims;
      return signWithRealKey(rest);
    }],
    ['kid path traversal', async () => signWithRealKey((await realClaims()).claims, { kid: '../../../../etc/passwd' })],
    ['kid unknown', async () => signWithRealKey((await realClaims()).claims, { kid: 'AAAAAAAAAAAAAAAAAAAAAAAA' })],
    ['kid SQL-ish', async () => signWithRealKey((await realClaims()).claims, { kid: "' OR 1=1 --" })],
    ['embedded jwk of the attacker', async () => {
      const { generateKeyPair, exportJWK } = await import('jose');
      const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const { claims, header } = await realClaims();
      return new SignJWT(claims).setProtectedHeader({ ...header, alg: 'EdDSA', jwk: await exportJWK(publicKey) } as never).sign(privateKey);
    }],
    ['garbage', async () => 'eyJhbGciOiJFZERTQSJ9.bm90IGpzb24.c2ln'],
  ];

  it.each(cases)('%s', async (_name, forge) => {
    const forged = await forge();
    const response = await execute(gateway, Viewer, {}, { token: forged });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="scopegate"');
    response.expectError('UNAUTHENTICATED');
  });
});

describe('signing key rotation', () => {
  it('keeps verifying JWTs of the old key while new ones use the new key', async () => {
    const { jwt } = await world();
    const oldKid = decodeProtectedHeader(jwt).kid;
    const newKid = await gateway.keys.rotate();
    expect(newKid).not.toBe(oldKid);
    (await execute(gateway, Viewer, {}, { token: jwt })).expectData();
    const { jwt: fresh } = await world();
    expect(decodeProtectedHeader(fresh).kid).toBe(newKid);
    const kids = ((await (await gateway.fetch('http://scopegate.test/.well-known/jwks.json')).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
    expect(kids).toEqual(expect.arrayContaining([oldKid, newKid]));
  });
});
