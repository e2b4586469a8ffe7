/**
 * Review 5: attacks on the token principal's fingerprints made on first read (src/auth/principal.ts,
 * LoadedToken), the CSRF refusal's code (src/http/hardening.ts, maskUnexpected) and the
 * invalidation listener started last in createGateway (src/yoga.ts). A passing test is a defence
 * that held; an `it.fails` is a finding, with its severity in the comment above it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { inject, describe, expect, it, afterAll, vi } from 'vitest';
import { JwtError, permissionsFingerprint, secretFingerprint, signExchangeJwt, verifyExchangeJwt } from '../../src/auth/jwt.js';
import { tokenPrincipal, type TokenRow } from '../../src/auth/principal.js';
import { loadConfig } from '../../src/config.js';
import { createPrisma } from '../../src/db/client.js';
import { createGateway, type Gateway } from '../../src/yoga.js';
import { execute } from '../helpers/execute.js';
import { createDevice, createProject, createToken, createUser, grant, PASSWORD } from '../helpers/factories.js';
import { isolatedDatabase, setupGateway, TEST_KEY_SECRET } from '../helpers/gateway.js';
import { startProcess, stopProcess, freePort } from '../helpers/servers.js';
import { exchangedJwt, narrowedJwt } from '../helpers/token-endpoint.js';

const { gateway: a, prisma } = await setupGateway();

/** A second gateway on the same database: another process as far as caches and LISTEN go. */
async function otherGateway(): Promise<Gateway> {
  const databaseUrl = inject('databaseUrl');
  const db = createPrisma(databaseUrl);
  const gw = await createGateway({ prisma: db, config: loadConfig({ NODE_ENV: 'test' }), databaseUrl, keySecret: TEST_KEY_SECRET });
  afterAll(async () => {
    await gw.close();
    await db.$disconnect();
  });
  return gw;
}
const b = await otherGateway();

const viewer = (gw: Gateway, credential: string) => execute(gw, '{ viewer { authMethod } }', {}, { token: credential });

async function works(gw: Gateway, credential: string) {
  expect((await viewer(gw, credential)).expectData()).toMatchObject({ viewer: { authMethod: expect.any(String) } });
}

/** Refused by `gw` within the documented second (NOTIFY from the other gateway). */
async function refusedSoon(gw: Gateway, credential: string, message: RegExp) {
  await expect.poll(async () => (await viewer(gw, credential)).status, { timeout: 1_000, interval: 20 }).toBe(401);
  expect((await viewer(gw, credential)).expectError('UNAUTHENTICATED').message).toMatch(message);
}

async function world() {
  const owner = await createUser(prisma);
  const project = await createProject(prisma, owner.id);
  const device = await createDevice(prisma, project.id);
  const token = await createToken(prisma, {
    createdById: owner.id,
    grants: [grant('DEVICE', 'READ', { projectId: project.id }), grant('DEVICE', 'WRITE', { projectId: project.id })],
    selfRotate: true,
  });
  return { owner, project, device, token };
}

describe('fingerprints made on first read (LoadedToken)', () => {
  const overlapEnds = new Date(Date.UTC(2031, 0, 1));
  const row = (over: Partial<TokenRow> = {}): TokenRow => ({
    id: '00000000-0000-4000-8000-000000000001',
    digest: 'current-digest',
    kind: 'CUSTOM',
    projectId: null,
    expiresAt: null,
    apiMethodSet: null,
    apiMethods: ['Query.devices', 'Mutation.updateDevice'],
    allowedCidrs: [],
    grants: [grant('DEVICE', 'READ', { projectId: 'p1' }), grant('DEVICE', 'WRITE', { projectId: 'p1', deviceId: 'd1' })],
    owner: { id: 'u1', role: 'MEMBER', deletedAt: null, memberships: [] },
    previousDigest: 'previous-digest',
    previousSecretValidUntil: overlapEnds,
    secretFirstUsedAt: null,
    limitRequestsPerMinute: null,
    limitCostPerHour: null,
    maxUses: null,
    notBefore: null,
    ...over,
  });
  const defaults = { requestsPerMinute: 600, costPerHour: null };

  it('are exactly what the parent commit made eagerly, for the current and the previous secret, and survive the spread fromJwt makes', () => {
    const current = tokenPrincipal(row(), defaults).token!;
    const previous = tokenPrincipal(row(), defaults, 'previous').token!;
    expect(current.secretFingerprint).toBe(secretFingerprint('current-digest'));
    expect(previous.secretFingerprint).toBe(secretFingerprint('previous-digest'));
    expect(previous.viaPreviousSecret).toBe(true);
    expect(current.viaPreviousSecret).toBe(false);
    for (const t of [current, previous]) {
      expect(t.permissionsFingerprint).toBe(permissionsFingerprint(row()));
      expect(t.previousSecret).toEqual({ fingerprint: secretFingerprint('previous-digest'), validUntil: row().previousSecretValidUntil });
      // Read twice (memoised) gives the same.
      expect(t.secretFingerprint).toBe(t.secretFingerprint);
    }
    // The previous secret's overlap ended by the new one's first use: no previousSecret.
    expect(tokenPrincipal(row({ secretFirstUsedAt: overlapEnds }), defaults).token!.previousSecret).toBeNull();
    // fromJwt spreads the principal (not its token): the getters stay on the same object.
    const principal = tokenPrincipal(row(), defaults);
    const spread = { ...principal, authMethod: 'EXCHANGED_JWT' as const };
    expect(spread.token).toBe(principal.token);
    expect(spread.token!.permissionsFingerprint).toBe(permissionsFingerprint(row()));
    // Another permission set or method set gives another fingerprint (what makes an edit kill a JWT).
    expect(tokenPrincipal(row({ apiMethodSet: 'READ_ONLY' }), defaults).token!.permissionsFingerprint).not.toBe(current.permissionsFingerprint);
    expect(tokenPrincipal(row({ grants: [grant('DEVICE', 'READ', { projectId: 'p1' })] }), defaults).token!.permissionsFingerprint).not.toBe(current.permissionsFingerprint);
  });

  it('a principal made, then its row’s grants changed before the first read, keeps the fingerprint of what it acts with', () => {
    // The authority's grants are copied when the principal is made; the fingerprint must cover
    // those, not whatever the row holds by its first read. No code mutates a row today, but the
    // lazy fingerprint read the row's own arrays (ee7c5c1): a later edit of them would have let a
    // JWT's pver describe other permissions than the principal's. It now reads copies.
    const r = row();
    const principal = tokenPrincipal(r, defaults);
    const expected = permissionsFingerprint(row());
    r.grants.push(grant('PROJECT', 'WRITE'));
    r.apiMethods.push('Mutation.createProject');
    expect(principal.authority!.grants).toHaveLength(2);
    expect(principal.token!.permissionsFingerprint).toBe(expected);
  });

  it('neither fingerprint nor any secret digest leaks through JSON.stringify of a principal (logs, webhooks)', () => {
    const principal = tokenPrincipal(row(), defaults);
    const json = JSON.stringify(principal);
    expect(json).not.toContain('current-digest');
    expect(json).not.toContain('previous-digest');
    expect(json).not.toContain(principal.token!.secretFingerprint);
  });
});

describe('a copy of a principal’s token (spread, structuredClone) fails closed', () => {
  it('loses its fingerprints, and a JWT signed from it is refused, never accepted against another copy', async () => {
    const w = await world();
    const principal = await a.authenticator.principalForToken(w.token.id);
    const copies = [{ ...principal.token! }, structuredClone({ ...principal.token!, allowList: undefined })];
    const settings = { issuer: loadConfig({ NODE_ENV: 'test' }).jwtIssuer, audience: loadConfig({ NODE_ENV: 'test' }).jwtAudience };
    for (const copy of copies) {
      expect(copy.secretFingerprint).toBeUndefined();
      expect(copy.permissionsFingerprint).toBeUndefined();
      const { token: jwt } = await signExchangeJwt(a.keys, settings, {
        tokenId: copy.id,
        subject: w.owner.id,
        expiresAt: null,
        scope: 'user',
        apiMethods: null,
        secretFingerprint: copy.secretFingerprint,
        permissionsFingerprint: copy.permissionsFingerprint,
      });
      await expect(verifyExchangeJwt(a.keys, settings, jwt)).rejects.toBeInstanceOf(JwtError);
      expect((await viewer(a, jwt)).status).toBe(401);
    }
  });
});

describe('an exchanged JWT across two gateways with warm caches', () => {
  it('dies on the other gateway within a second of updateToken, and a narrowed JWT with it', async () => {
    const w = await world();
    const jwt = await exchangedJwt(a, w.token.secret);
    const narrowed = await narrowedJwt(b, w.token.secret, `device:read:${w.project.id}`);
    await works(b, jwt);
    await works(a, jwt);
    await works(b, narrowed);
    const edited = await execute(a, `mutation($id: ID!, $p: String!) { updateToken(id: $id, password: $p, input: { apiMethodSet: "READ_ONLY" }) { id } }`, { id: w.token.id, p: PASSWORD }, { session: w.owner.session });
    edited.expectData();
    await refusedSoon(b, jwt, /edited/);
    await refusedSoon(b, narrowed, /edited/);
    await refusedSoon(a, jwt, /edited/);
    // A new exchange carries the new permissions and works on both.
    const fresh = await exchangedJwt(b, w.token.secret);
    expect(decodeJwt(fresh).pver).not.toBe(decodeJwt(jwt).pver);
    await works(a, fresh);
  });

  it('dies on the other gateway within a second of regenerateToken', async () => {
    const w = await world();
    const jwt = await exchangedJwt(b, w.token.secret);
    await works(a, jwt);
    await works(b, jwt);
    const regenerated = await execute(b, `mutation($id: ID!, $p: String!) { regenerateToken(id: $id, password: $p) { secret } }`, { id: w.token.id, p: PASSWORD }, { session: w.owner.session });
    const secret = (regenerated.expectData() as { regenerateToken: { secret: string } }).regenerateToken.secret;
    await refusedSoon(a, jwt, /regenerated/);
    await refusedSoon(b, jwt, /regenerated/);
    const fresh = await exchangedJwt(a, secret);
    expect(decodeJwt(fresh).sgen).not.toBe(decodeJwt(jwt).sgen);
    await works(b, fresh);
  });

  it('dies on the other gateway within a second of applySuggestedGrants', async () => {
    const w = await world();
    (await execute(a, 'query($p: ID!) { devices(projectId: $p) { nodes { id } } }', { p: w.project.id }, { token: w.token.secret })).expectData();
    await a.usage.flush();
    const jwt = await exchangedJwt(a, w.token.secret);
    await works(b, jwt);
    const applied = await execute(a, `mutation($id: ID!, $p: String!) { applySuggestedGrants(id: $id, password: $p) { id } }`, { id: w.token.id, p: PASSWORD }, { session: w.owner.session });
    applied.expectData();
    await refusedSoon(b, jwt, /edited/);
    await refusedSoon(a, jwt, /edited/);
  });

  it('a JWT of the previous secret lives through a rotation’s overlap on both gateways and dies everywhere once the new secret is used', async () => {
    const w = await world();
    const before = await exchangedJwt(a, w.token.secret);
    await works(b, before);
    const rotation = await a.fetch('http://scopegate.test/auth/token/rotate', {
      method: 'POST',
      headers: { authorization: `Bearer ${w.token.secret}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ overlap_seconds: '600' }).toString(),
    });
    expect(rotation.status, await rotation.clone().text()).toBe(200);
    const { secret: next, previousSecretValidUntil } = (await rotation.json()) as { secret: string; previousSecretValidUntil: string | null };
    expect(previousSecretValidUntil).not.toBeNull();
    // Exchanged with the previous secret during the overlap: its sgen is the previous secret's.
    const viaPrevious = await exchangedJwt(b, w.token.secret);
    expect(decodeJwt(viaPrevious).sgen).toBe(decodeJwt(before).sgen);
    for (const gw of [a, b]) {
      await works(gw, before);
      await works(gw, viaPrevious);
    }
    // The new secret's first use ends the overlap everywhere: the old secret's JWTs with it.
    await works(b, next);
    for (const gw of [a, b]) {
      await refusedSoon(gw, before, /regenerated/);
      await refusedSoon(gw, viaPrevious, /regenerated/);
    }
    const afterwards = await exchangedJwt(a, next);
    await works(b, afterwards);
  });
});

describe('CSRF refusals: FORBIDDEN, and nothing else mislabelled', () => {
  const refusedBody = { errors: [{ message: 'Required CSRF header(s) not present', extensions: { code: 'FORBIDDEN', reason: 'CSRF' } }] };

  it('every simple request with the session cookie is refused 403 FORBIDDEN/CSRF before anything runs', async () => {
    const owner = await createUser(prisma);
    const cookie = `scopegate_session=${owner.session}`;
    const name = `csrf-${owner.id}`;
    const mutation = `mutation { createProject(name: "${name}") { id } }`;
    const form = new FormData();
    form.set('query', mutation);
    const attempts: [string, RequestInit][] = [
      ['form', { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ query: mutation }).toString() }],
      ['text/plain', { method: 'POST', headers: { cookie, 'content-type': 'text/plain' }, body: JSON.stringify({ query: mutation }) }],
      ['text/plain with charset', { method: 'POST', headers: { cookie, 'content-type': 'Text/Plain; charset=utf-8' }, body: JSON.stringify({ query: mutation }) }],
      ['multipart', { method: 'POST', headers: { cookie }, body: form }],
      ['GET', { method: 'GET', headers: { cookie } }],
      ['GET asking for graphql-response+json', { method: 'GET', headers: { cookie, accept: 'application/graphql-response+json' } }],
    ];
    for (const [label, init] of attempts) {
      const url = init.method === 'GET' ? `http://scopegate.test/graphql?query=${encodeURIComponent('{ viewer { authMethod } }')}` : 'http://scopegate.test/graphql';
      const response = await a.fetch(url, init);
      expect(response.status, label).toBe(403);
      expect(await response.json(), label).toEqual(refusedBody);
    }
    expect(await prisma.project.count({ where: { name } })).toBe(0);
  });

  it('the cookie with only x-graphql-yoga-csrf on a form POST gets past CSRF prevention but not authentication; x-scopegate-csrf or a bearer token gets through', async () => {
    const owner = await createUser(prisma);
    const cookie = `scopegate_session=${owner.session}`;
    const body = new URLSearchParams({ query: '{ viewer { authMethod } }' }).toString();
    const yogaOnly = await a.fetch('http://scopegate.test/graphql', { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-graphql-yoga-csrf': '1' }, body });
    expect(yogaOnly.status).toBe(401);
    expect(((await yogaOnly.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    const ours = await a.fetch('http://scopegate.test/graphql', { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-scopegate-csrf': '1', accept: 'application/json' }, body });
    expect(await ours.json()).toEqual({ data: { viewer: { authMethod: 'SESSION' } } });
    const bearerGet = await a.fetch(`http://scopegate.test/graphql?query=${encodeURIComponent('{ viewer { authMethod } }')}`, { headers: { authorization: `Bearer ${owner.session}`, accept: 'application/json' } });
    expect(await bearerGet.json()).toEqual({ data: { viewer: { authMethod: 'SESSION' } } });
    // Without any credential a header-less GET is still a CSRF refusal, not a 401: the order holds.
    const anonymous = await a.fetch(`http://scopegate.test/graphql?query=${encodeURIComponent('{ viewer { authMethod } }')}`);
    expect(anonymous.status).toBe(403);
    expect(await anonymous.json()).toEqual(refusedBody);
  });

  it('codeless library errors that are not a 403 stay BAD_USER_INPUT with status 200, never FORBIDDEN', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    for (const query of ['{ adminTokens(first: -5) { totalCount } }', '{ adminTokens(after: "garbage") { totalCount } }']) {
      const response = await execute(a, query, {}, { session: admin.session });
      expect(response.status).toBe(200);
      const error = response.expectError('BAD_USER_INPUT');
      expect(error.extensions).not.toHaveProperty('reason');
      expect(error.extensions).not.toHaveProperty('http');
    }
  });
});

describe('the invalidation listener started last in createGateway', () => {
  it('a gateway is listening when createGateway returns: a revocation elsewhere reaches its warm cache within a second', async () => {
    const w = await world();
    const fresh = await otherGateway();
    expect(fresh.bus.healthy).toBe(true);
    const ready = await fresh.fetch('http://scopegate.test/readyz');
    expect(ready.status, await ready.clone().text()).toBe(200);
    await works(fresh, w.token.secret);
    const jwt = await exchangedJwt(fresh, w.token.secret);
    await works(fresh, jwt);
    (await execute(a, `mutation($id: ID!) { revokeToken(id: $id) { id } }`, { id: w.token.id }, { session: w.owner.session })).expectData();
    await refusedSoon(fresh, w.token.secret, /revoked/);
    await refusedSoon(fresh, jwt, /revoked/);
  });

  it('a revocation committed while another gateway is being created is never served by it', async () => {
    const w = await world();
    const [creating] = [otherGateway()];
    (await execute(a, `mutation($id: ID!) { revokeToken(id: $id) { id } }`, { id: w.token.id }, { session: w.owner.session })).expectData();
    const fresh = await creating;
    expect((await viewer(fresh, w.token.secret)).status).toBe(401);
  });

  it('with the listener down, a cached token lives at most the fallback TTL after a revocation nobody announced', async () => {
    let now = Date.UTC(2031, 0, 1);
    const own = await setupGateway({ clock: () => now });
    const w = await world();
    await own.gateway.bus.stop();
    expect(own.gateway.bus.healthy).toBe(false);
    await works(own.gateway, w.token.secret);
    // Revoked behind its back: no NOTIFY reaches it.
    await prisma.accessToken.update({ where: { id: w.token.id }, data: { revokedAt: new Date() } });
    now += own.config.authCacheFallbackTtlMs - 1;
    await works(own.gateway, w.token.secret);
    now += 2;
    expect((await viewer(own.gateway, w.token.secret)).expectError('UNAUTHENTICATED').message).toMatch(/revoked/);
  });
});

describe('the listener of a worker that replaced a crashed one', () => {
  /** A request on a connection of its own, so that the cluster picks a worker for it. */
  const status = (base: string, secret: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request(`${base}/graphql`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` } });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ query: '{ viewer { authMethod } }' }));
    });
  const workerPids = async (primary: number) =>
    (await readFile(`/proc/${primary}/task/${primary}/children`, 'utf8')).trim().split(/\s+/).filter(Boolean).map(Number);

  it('hears a revocation made elsewhere within a second, like the worker that survived', { timeout: 120_000 }, async () => {
    const databaseUrl = await isolatedDatabase();
    const db = createPrisma(databaseUrl);
    const elsewhere = await createGateway({ prisma: db, config: loadConfig({ NODE_ENV: 'test' }), databaseUrl, keySecret: TEST_KEY_SECRET });
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-review5-'));
    const instance = startProcess(['--import', 'tsx', 'src/server.ts'], {
      // A port of its own rather than 0: the cluster's shared listener closes when its last
      // listening worker goes, and the victim may die before the other worker listens. On port 0
      // the listener then comes back on another port; on a fixed one, where it was.
      PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
      SCOPEGATE_DATA_DIR: dataDir,
      SCOPEGATE_KEY_SECRET: TEST_KEY_SECRET,
      SCOPEGATE_ADMIN_EMAIL: 'admin@review5.test',
      SCOPEGATE_ADMIN_PASSWORD: 'admin password for the review 5 test',
      SCOPEGATE_WORKERS: '2',
      SCOPEGATE_FAILED_AUTH_LIMIT_PER_IP: '100000',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    });
    try {
      const base = await instance.base;
      const primary = instance.child.pid!;
      await vi.waitFor(async () => expect(await workerPids(primary)).toHaveLength(2), { timeout: 30_000, interval: 100 });
      const [victim, survivor] = await workerPids(primary);
      process.kill(victim!, 'SIGKILL');
      const replacement = await vi.waitFor(
        async () => {
          const now = await workerPids(primary);
          expect(now).toHaveLength(2);
          expect(now).not.toContain(victim);
          return now.find((pid) => pid !== survivor)!;
        },
        { timeout: 30_000, interval: 100 },
      );
      await vi.waitFor(() => expect(instance.output()).toContain(`Worker ${replacement} listening`), { timeout: 30_000, interval: 50 });

      const owner = await createUser(db);
      const token = await createToken(db, { kind: 'USER', createdById: owner.id });
      // Warm both workers' caches (each request picks a worker): only an invalidation can make them refuse now.
      for (let i = 0; i < 12; i++) expect(await status(base, token.secret)).toBe(200);
      (await execute(elsewhere, `mutation($id: ID!) { revokeToken(id: $id) { id } }`, { id: token.id }, { session: owner.session })).expectData();
      const acknowledged = performance.now();
      let lastAccepted = 0;
      let refusedAfterASecond = 0;
      while (performance.now() - acknowledged < 1_500) {
        const answer = await status(base, token.secret);
        const at = performance.now() - acknowledged;
        if (answer === 200) lastAccepted = at;
        else if (answer === 401 && at > 1_000) refusedAfterASecond++;
      }
      expect(lastAccepted).toBeLessThan(1_000);
      expect(refusedAfterASecond).toBeGreaterThanOrEqual(6);
    } finally {
      await stopProcess(instance.child);
      await elsewhere.close();
      await db.$disconnect();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a JWT signed with a key this gateway has not loaded yet', () => {
  // A gateway that reloaded its keys less than a second ago does not reload again for an unknown
  // key id (forged ids must not hammer the database). A rotation elsewhere in that second (during
  // its start, between keys.init and the listener's first reload, or a second rotation) makes a
  // good JWT of the new key "unknown" here until the NOTIFY's reload lands.
  // FINDING (low, availability; fixed): the refusal was cached with the other refusals, for the
  // JWT cache's 10 minutes, so a good JWT stayed refused on this gateway after the reload.
  it('is accepted once the key is loaded: the refusal is not kept for the JWT cache’s 10 minutes', async () => {
    const { gateway: signer, prisma: db, databaseUrl } = await setupGateway({ isolated: true });
    const verifierDb = createPrisma(databaseUrl);
    const verifier = await createGateway({ prisma: verifierDb, config: loadConfig({ NODE_ENV: 'test' }), databaseUrl, keySecret: TEST_KEY_SECRET });
    try {
      const owner = await createUser(db);
      const token = await createToken(db, { kind: 'USER', createdById: owner.id });
      // The NOTIFY of the rotation has not reached the verifier yet (or came before it listened).
      await verifier.bus.stop();
      await verifier.keys.reload();
      await signer.keys.rotate();
      const jwt = await exchangedJwt(signer, token.secret);
      // Refused while the key is unknown here (unless the machine was so slow that a second had
      // passed since the reload, and the verifier reloaded for it: then it must work all the same).
      const first = await viewer(verifier, jwt);
      if (first.status !== 200) expect(first.expectError('UNAUTHENTICATED').message).toMatch(/unknown key/);
      // What the NOTIFY (or the listener's first connection) does: reload the keys.
      await verifier.keys.reload();
      await works(verifier, jwt);
    } finally {
      await verifier.close();
      await verifierDb.$disconnect();
    }
  });
});
