/**
 * Attacks on rotation, self-revocation and leak reports, from an adversarial review: each test
 * names the hole it closes.
 */
import { inject, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createPrisma } from '../../src/db/client.js';
import { digestSecret, randomPart, withChecksum } from '../../src/auth/token-format.js';
import { createGateway, type Gateway } from '../../src/yoga.js';
import { execute } from '../helpers/execute.js';
import { createProject, createToken, createUser, grant, PASSWORD } from '../helpers/factories.js';
import { setupGateway, TEST_KEY_SECRET } from '../helpers/gateway.js';
import { listen } from '../helpers/servers.js';
import { exchangedJwt } from '../helpers/token-endpoint.js';

// TRUST_PROXY=1 so that each report comes from an address of its own (the limit is shared in the DB).
const { gateway, prisma } = await setupGateway({ env: { TRUST_PROXY: '1' } });

const from = () => `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

function rotate(gw: Gateway, secret: string, body?: Record<string, string>) {
  return gw.fetch('http://scopegate.test/auth/token/rotate', {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'x-forwarded-for': from(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body: body ? new URLSearchParams(body).toString() : undefined,
  });
}

async function rotated(gw: Gateway, secret: string, body?: Record<string, string>) {
  const response = await rotate(gw, secret, body);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as { secret: string; tokenId: string; previousSecretValidUntil: string | null };
}

function report(gw: Gateway, credentials: string[]) {
  return gw.fetch('http://scopegate.test/credentials/revoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from() },
    body: JSON.stringify({ credentials }),
  });
}

function selfRevoke(gw: Gateway, secret: string) {
  return gw.fetch('http://scopegate.test/auth/revoke', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from() },
    body: new URLSearchParams({ token: secret }).toString(),
  });
}

const viewer = (gw: Gateway, secret: string) => execute(gw, '{ viewer { authMethod } }', {}, { headers: { authorization: `Bearer ${secret}`, 'x-forwarded-for': from() } });

/** A gateway of its own whose close() waits for the work a leak report leaves running. */
async function ownGateway(env: NodeJS.ProcessEnv = {}) {
  const databaseUrl = inject('databaseUrl');
  const db = createPrisma(databaseUrl);
  const gw = await createGateway({ prisma: db, config: loadConfig({ NODE_ENV: 'test', TRUST_PROXY: '1', ...env }), databaseUrl, keySecret: TEST_KEY_SECRET });
  return {
    gw,
    /** Waits for background revocations, then closes. */
    settle: async () => {
      await gw.close();
      await db.$disconnect();
    },
  };
}

async function selfRotatingToken() {
  const owner = await createUser(prisma);
  const project = await createProject(prisma, owner.id);
  const token = await createToken(prisma, {
    kind: 'CUSTOM',
    createdById: owner.id,
    grants: [grant('PROJECT', 'READ', { projectId: project.id })],
    apiMethods: ['Query.viewer', 'Query.projects'],
    selfRotate: true,
  });
  return { owner, project, token };
}

const revokedAt = async (id: string) => (await prisma.accessToken.findUniqueOrThrow({ where: { id } })).revokedAt;

async function acts(secret: string, now: Date): Promise<boolean> {
  gateway.authenticator.cache.clear();
  try {
    await gateway.authenticator.resolve({ secret, via: 'bearer' }, null, now);
    return true;
  } catch {
    return false;
  }
}

describe('an old secret that can still repeat a rotation is a live secret to the kill switches', () => {
  it('reported (or self-revoked), it can no longer rotate, and the owner\'s new secret keeps working', async () => {
    const { token } = await selfRotatingToken();
    // The owner's job rotates (default overlap 0) and has not used the new secret yet.
    const fresh = await rotated(gateway, token.secret);
    expect(fresh.previousSecretValidUntil).toBeNull();
    // The old secret leaked (a CI log). The leak is reported, and the owner also revokes it by RFC 7009.
    const { gw, settle } = await ownGateway();
    expect((await report(gw, [token.secret])).status).toBe(202);
    expect((await selfRevoke(gw, token.secret)).status).toBe(200);
    await settle();
    const tokenRevoked = (await revokedAt(token.id)) !== null;
    // Whoever holds the reported secret must not get a working secret for the token now.
    const takeover = await rotate(gateway, token.secret);
    const stolen = ((await takeover.clone().json()) as { secret?: string }).secret;
    const stolenWorks = stolen ? (await viewer(gateway, stolen)).status === 200 : false;
    expect({ tokenRevoked, takeoverStatus: takeover.status, stolenWorks }).toEqual({ tokenRevoked: false, takeoverStatus: 401, stolenWorks: false });
    expect((await viewer(gateway, fresh.secret)).status).toBe(200);
  });
});

describe('repeating a lost rotation never extends the previous secret', () => {
  it('a rotation with overlap 0 never lets the old secret act on the API again', async () => {
    const { owner, token } = await selfRotatingToken();
    await rotated(gateway, token.secret);
    // The old secret "repeats" the rotation (the new one is unused), asking for a week.
    const repeat = await rotated(gateway, token.secret, { overlap_seconds: '604800' });
    expect(repeat.previousSecretValidUntil).toBeNull();
    // The secret that the first rotation retired at once is a full credential again, for a week.
    const row = await execute(gateway, 'query($id: ID!) { token(id: $id) { previousSecretValidUntil } }', { id: token.id }, { session: owner.session });
    expect((await viewer(gateway, token.secret)).status, JSON.stringify(row.body.data)).toBe(401);
  });

  it('the old secret dies at the latest maxRotationOverlapSeconds (7 days) after its rotation', async () => {
    const { token } = await selfRotatingToken();
    const t0 = new Date();
    const day = 86_400_000;
    const checks = { checkAddress: () => {}, mayRotate: async () => undefined, spend: async () => undefined };
    expect((await gateway.secrets.rotateBySecret(token.secret, 600, null, checks, t0)).ok).toBe(true);
    // Chained repeats with the old secret (5 minutes in, then every 6 days) while the newest
    // secret stays unused: none may push the old secret's end further.
    const at = [5 * 60_000, 6 * day, 12 * day, 18 * day, 24 * day];
    const outcomes = [];
    for (const offset of at) outcomes.push((await gateway.secrets.rotateBySecret(token.secret, 7 * 86_400, null, checks, new Date(t0.getTime() + offset))).ok);
    // Only inside the hour after the first rotation; the repeat did not extend that hour.
    expect(outcomes).toEqual([true, false, false, false, false]);
    const fourWeeksOn = new Date(t0.getTime() + 28 * day);
    expect(await acts(token.secret, fourWeeksOn)).toBe(false);
  });
});

describe('a JWT that no longer works does not kill its token through a leak report', () => {
  it('a JWT exchanged with a secret the owner has since regenerated does not revoke the new secret', async () => {
    const owner = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    const jwt = await exchangedJwt(gateway, token.secret, { 'x-forwarded-for': from() });
    // The owner learns of the leak and regenerates; the old JWT is dead from then on.
    const regenerated = await execute(
      gateway,
      'mutation($id: ID!, $password: String!) { regenerateToken(id: $id, password: $password) { secret } }',
      { id: token.id, password: PASSWORD },
      { session: owner.session },
    );
    const fresh = (regenerated.expectData() as { regenerateToken: { secret: string } }).regenerateToken.secret;
    expect((await viewer(gateway, jwt)).status).toBe(401);
    expect((await viewer(gateway, fresh)).status).toBe(200);
    // Hours later a scanner finds the dead JWT in a public log and reports it.
    const { gw, settle } = await ownGateway();
    expect((await report(gw, [jwt])).status).toBe(202);
    await settle();
    expect(await revokedAt(token.id)).toBeNull();
    expect((await viewer(gateway, fresh)).status).toBe(200);
  });
});

describe('self-rotation is limited', () => {
  it('a token rotating in a loop is refused with 429 after 10 rotations an hour', async () => {
    const { gw, settle } = await ownGateway({ SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE: '5' });
    try {
      const { token } = await selfRotatingToken();
      let secret = token.secret;
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const response = await rotate(gw, secret);
        statuses.push(response.status);
        if (response.status === 200) secret = ((await response.json()) as { secret: string }).secret;
      }
      const retired = await prisma.retiredSecret.count({ where: { tokenId: token.id } });
      const events = await prisma.tokenEvent.count({ where: { tokenId: token.id, kind: 'ROTATED' } });
      expect(statuses, `${statuses.filter((x) => x === 200).length} rotations, ${retired} RetiredSecret rows, ${events} ROTATED events`).toContain(429);
    } finally {
      await settle();
    }
  });
});

describe('POST /auth/revoke is metered', () => {
  it('limits an address that sends unknown secrets, as every other door that looks secrets up does', async () => {
    const address = from();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const response = await gateway.fetch('http://scopegate.test/auth/revoke', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
        body: new URLSearchParams({ token: withChecksum('scopegate_tok_' + randomPart()) }).toString(),
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 60).every((status) => status === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});

describe('revokeOnRotatedSecretReuse spares consumers inside the announced overlap', () => {
  it('a second consumer still on the old secret inside the announced overlap does not revoke the token', async () => {
    const isolated = await setupGateway({ isolated: true });
    const admin = await createUser(isolated.prisma, { role: 'ADMIN' });
    await execute(isolated.gateway, 'mutation { setTokenPolicy(input: { revokeOnRotatedSecretReuse: true }) { revokeOnRotatedSecretReuse } }', {}, { session: admin.session });
    const token = await createToken(isolated.prisma, { kind: 'USER', createdById: admin.id });
    const regenerated = await execute(
      isolated.gateway,
      'mutation($id: ID!, $password: String!) { regenerateToken(id: $id, password: $password, overlapSeconds: 3600) { secret } }',
      { id: token.id, password: PASSWORD },
      { session: admin.session },
    );
    const fresh = (regenerated.expectData() as { regenerateToken: { secret: string } }).regenerateToken.secret;
    // Consumer A has switched; consumer B has not yet, a minute into the hour it was promised.
    expect((await viewer(isolated.gateway, fresh)).status).toBe(200);
    expect((await viewer(isolated.gateway, token.secret)).status).toBe(401);
    // The reuse is recorded beside the refusal; once it is, the token must still be unrevoked.
    await expect.poll(() => isolated.prisma.tokenEvent.count({ where: { tokenId: token.id, kind: 'ROTATED_SECRET_REUSED' } }), { timeout: 5_000, interval: 20 }).toBe(1);
    const row = await isolated.prisma.accessToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.revokeReason).toBeNull();
  });
});

describe('self-rotation obeys the token policy that regenerateToken enforces', () => {
  it('a token that today\'s policy would not let its owner regenerate cannot renew its secret itself', async () => {
    const isolated = await setupGateway({ isolated: true, env: { TRUST_PROXY: '1' } });
    const admin = await createUser(isolated.prisma, { role: 'ADMIN' });
    const member = await createUser(isolated.prisma);
    const project = await createProject(isolated.prisma, member.id);
    // Issued before the policy: CUSTOM, no expiry, may rotate itself.
    const token = await createToken(isolated.prisma, { kind: 'CUSTOM', createdById: member.id, grants: [grant('PROJECT', 'READ', { projectId: project.id })], selfRotate: true });
    await execute(isolated.gateway, 'mutation { setTokenPolicy(input: { requireExpiry: true, maxLifetimeDays: 30, customTokensAdminOnly: true }) { requireExpiry } }', {}, { session: admin.session }).then((r) => r.expectData());
    const byOwner = await execute(isolated.gateway, 'mutation($id: ID!, $password: String!) { regenerateToken(id: $id, password: $password) { secret } }', { id: token.id, password: PASSWORD }, { session: member.session });
    expect(byOwner.expectError('BAD_USER_INPUT').message).toMatch(/policy|expir/i);
    const bySelf = await rotate(isolated.gateway, token.secret);
    expect(bySelf.status, await bySelf.clone().text()).not.toBe(200);
  });
});

describe('regenerateToken racing a self-rotation', () => {
  it('every secret the token ever had is either live or recorded as retired', async () => {
    const racing = await setupGateway({ countQueries: true, env: { TRUST_PROXY: '1' } });
    const owner = await createUser(racing.prisma);
    const token = await createToken(racing.prisma, { kind: 'USER', createdById: owner.id, selfRotate: true });
    racing.queries.length = 0;
    const regenerating = execute(
      racing.gateway,
      'mutation($id: ID!, $password: String!) { regenerateToken(id: $id, password: $password) { secret } }',
      { id: token.id, password: PASSWORD },
      { session: owner.session },
    );
    // regenerateToken has read the row (its digest) and now checks the password (argon2).
    await expect.poll(() => racing.queries.some((q) => q.includes('FROM "public"."AccessToken"')), { timeout: 5_000, interval: 1 }).toBe(true);
    const selfRotated = await rotated(racing.gateway, token.secret);
    (await regenerating).expectData();
    const row = await racing.prisma.accessToken.findUniqueOrThrow({ where: { id: token.id } });
    const retired = (await racing.prisma.retiredSecret.findMany({ where: { tokenId: token.id } })).map((r) => r.digest);
    const known = new Set([row.digest, row.previousDigest, ...retired]);
    expect({ selfRotatedSecretKnown: known.has(digestSecret(selfRotated.secret)), previousIsTheSelfRotated: row.previousDigest === digestSecret(selfRotated.secret) }).toEqual({
      selfRotatedSecretKnown: true,
      previousIsTheSelfRotated: true,
    });
  });
});

describe('a rotation is a use of the token the usage trail records', () => {
  it('rotating from a new address records the address (NEW_IP) and the last use, as an exchange does', async () => {
    const { token } = await selfRotatingToken();
    const address = from();
    const response = await gateway.fetch('http://scopegate.test/auth/token/rotate', { method: 'POST', headers: { authorization: `Bearer ${token.secret}`, 'x-forwarded-for': address } });
    expect(response.status).toBe(200);
    await gateway.usage.flush();
    const row = await prisma.accessToken.findUniqueOrThrow({ where: { id: token.id }, select: { lastUsedAt: true, ips: { select: { ip: true } } } });
    expect({ lastUsed: row.lastUsedAt !== null, ips: row.ips.map((i) => i.ip) }).toEqual({ lastUsed: true, ips: [address] });
  });
});

describe('held: what withstood the attack', () => {
  it('/credentials/revoke keys its limit on the socket address when TRUST_PROXY=0, whatever X-Forwarded-For says', async () => {
    const isolated = await setupGateway({ isolated: true, env: { TRUST_PROXY: '0' } });
    const { url } = await listen(isolated.gateway);
    const endpoint = url.replace('/graphql', '/credentials/revoke');
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.${i}.1` },
        body: JSON.stringify({ credentials: ['x'] }),
      });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses.slice(0, 60).every((s) => s === 202)).toBe(true);
    expect(statuses[60]).toBe(429);
  });

  it('the old secret cannot undo a rotation after the new secret was used, nor after the owner regenerated', async () => {
    const { owner, token } = await selfRotatingToken();
    const fresh = await rotated(gateway, token.secret, { overlap_seconds: '3600' });
    expect((await viewer(gateway, fresh.secret)).status).toBe(200);
    expect((await rotate(gateway, token.secret)).status).toBe(401);
    expect((await viewer(gateway, token.secret)).status).toBe(401);
    const again = await selfRotatingToken();
    await rotated(gateway, again.token.secret);
    await execute(gateway, 'mutation($id: ID!, $password: String!) { regenerateToken(id: $id, password: $password) { secret } }', { id: again.token.id, password: PASSWORD }, { session: again.owner.session });
    expect([401, 403]).toContain((await rotate(gateway, again.token.secret)).status);
    void owner;
  });

  it('refused rotations (no selfRotate, outside the allow-list, JWT, expired) change nothing', async () => {
    const owner = await createUser(prisma);
    const plain = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    const fenced = await createToken(prisma, { kind: 'USER', createdById: owner.id, selfRotate: true, allowedCidrs: ['10.9.9.0/24'] });
    const expired = await createToken(prisma, { kind: 'USER', createdById: owner.id, selfRotate: true, expiresAt: new Date(Date.now() - 1000) });
    const jwt = await exchangedJwt(gateway, plain.secret, { 'x-forwarded-for': from() });
    expect((await rotate(gateway, plain.secret)).status).toBe(403);
    expect((await rotate(gateway, fenced.secret)).status).toBe(401);
    expect((await rotate(gateway, expired.secret)).status).toBe(401);
    expect((await rotate(gateway, jwt)).status).toBe(403);
    for (const t of [plain, fenced, expired]) {
      const row = await prisma.accessToken.findUniqueOrThrow({ where: { id: t.id } });
      expect(row.digest).toBe(digestSecret(t.secret));
      expect(await prisma.retiredSecret.count({ where: { tokenId: t.id } })).toBe(0);
    }
  });

  it('a JWT exchanged with the previous secret stops when the overlap ends by time, on a cache hit too', async () => {
    const { owner, token } = await selfRotatingToken();
    const jwt = await exchangedJwt(gateway, token.secret, { 'x-forwarded-for': from() });
    await execute(gateway, 'mutation($id: ID!, $password: String!) { regenerateToken(id: $id, password: $password, overlapSeconds: 60) { secret } }', { id: token.id, password: PASSWORD }, { session: owner.session }).then((r) => r.expectData());
    const now = new Date();
    // Warm both caches (the secret's and the tid: one) inside the overlap, then step past it.
    await gateway.authenticator.resolve({ secret: jwt, via: 'bearer' }, null, now);
    await gateway.authenticator.resolve({ secret: token.secret, via: 'bearer' }, null, now);
    const later = new Date(now.getTime() + 61_000);
    await expect(Promise.resolve().then(() => gateway.authenticator.resolve({ secret: jwt, via: 'bearer' }, null, later))).rejects.toThrow();
    await expect(Promise.resolve().then(() => gateway.authenticator.resolve({ secret: token.secret, via: 'bearer' }, null, later))).rejects.toThrow(/replaced/);
  });

  it('/credentials/revoke answers valid, malformed, session, JWT and garbage lists alike and never 500s', async () => {
    const owner = await createUser(prisma);
    const valid = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    const header = (h: object) => Buffer.from(JSON.stringify(h)).toString('base64url');
    const lists = [
      [valid.secret],
      [withChecksum('scopegate_tok_' + randomPart())],
      [valid.secret.slice(0, -1) + 'x'],
      [owner.session],
      ['eyJ.a.b'],
      [`${header({ alg: 'EdDSA', kid: 1 })}.e30.sig`],
      [`${header({ alg: 'none', kid: 'k' })}.e30.sig`],
      [`${header({ alg: 'EdDSA', kid: 'a'.repeat(5000) })}.${'A'.repeat(5000)}.sig`],
      ['x'.repeat(50_000)],
      ['sgp_' + 'A'.repeat(38)],
    ];
    const answers = [];
    for (const list of lists) {
      const response = await report(gateway, list);
      const headers = [...response.headers].filter(([k]) => !['date', 'x-request-id'].includes(k));
      answers.push({ status: response.status, body: await response.text(), headers });
    }
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  it('no secret or digest reaches events or notifications', async () => {
    const { owner, token } = await selfRotatingToken();
    const a = await rotated(gateway, token.secret, { overlap_seconds: '60' });
    const b = await rotated(gateway, token.secret);
    await viewer(gateway, b.secret);
    gateway.authenticator.cache.clear();
    await viewer(gateway, token.secret);
    await rotate(gateway, a.secret);
    await expect.poll(() => prisma.tokenEvent.count({ where: { tokenId: token.id, kind: 'ROTATED_SECRET_REUSED' } }), { timeout: 5_000, interval: 20 }).toBeGreaterThanOrEqual(2);
    const secrets = [token.secret, a.secret, b.secret];
    const needles = [...secrets, ...secrets.map(digestSecret)];
    const events = JSON.stringify(await prisma.tokenEvent.findMany({ where: { tokenId: token.id } }));
    const notes = JSON.stringify(await prisma.notification.findMany({ where: { userId: owner.id } }));
    expect(events).toMatch(/ROTATED_SECRET_REUSED/);
    for (const needle of needles) {
      expect(events).not.toContain(needle);
      expect(notes).not.toContain(needle);
    }
  });

  it('legacy sgp_/sgs_ secrets: the kill switches, rotation reuse detection and sessions treat them like new ones', async () => {
    const owner = await createUser(prisma);
    // Random, like every secret: the test database is shared, and a fixed one would be another test's "unknown" session.
    const legacySession = 'sgs_' + randomPart() + randomPart().slice(0, 11);
    await prisma.session.create({ data: { userId: owner.id, digest: digestSecret(legacySession), expiresAt: new Date(Date.now() + 3_600_000) } });
    expect((await execute(gateway, '{ viewer { authMethod } }', {}, { session: legacySession })).body.data).toEqual({ viewer: { authMethod: 'SESSION' } });
    const mk = async () => {
      const t = await createToken(prisma, { kind: 'USER', createdById: owner.id, selfRotate: true });
      const legacy = withChecksum('sgp_' + randomPart());
      await prisma.accessToken.update({ where: { id: t.id }, data: { digest: digestSecret(legacy), displayPrefix: legacy.slice(0, 8) } });
      return { id: t.id, secret: legacy };
    };
    const reported = await mk();
    const selfRevoked = await mk();
    const reused = await mk();
    const { gw, settle } = await ownGateway();
    expect((await report(gw, [reported.secret])).status).toBe(202);
    expect((await selfRevoke(gw, selfRevoked.secret)).status).toBe(200);
    await settle();
    expect(await revokedAt(reported.id)).not.toBeNull();
    expect(await revokedAt(selfRevoked.id)).not.toBeNull();
    const next = await rotated(gateway, reused.secret);
    expect((await viewer(gateway, next.secret)).status).toBe(200);
    gateway.authenticator.cache.clear();
    expect((await viewer(gateway, reused.secret)).body.errors?.[0]?.message).toMatch(/replaced by a rotation/);
    // A typo in a legacy secret is caught by its checksum, before any lookup.
    expect((await viewer(gateway, reused.secret.slice(0, -1) + (reused.secret.endsWith('A') ? 'B' : 'A'))).body.errors?.[0]?.message).toMatch(/checksum/);
  });

  it('rotation racing revocation: once revoked, neither the old nor any new secret works', async () => {
    for (let round = 0; round < 5; round++) {
      const { owner, token } = await selfRotatingToken();
      const [rotation] = await Promise.all([
        rotate(gateway, token.secret, { overlap_seconds: '600' }),
        execute(gateway, 'mutation($id: ID!) { revokeToken(id: $id) { id } }', { id: token.id }, { session: owner.session }).then((r) => r.expectData()),
      ]);
      const issued = rotation.status === 200 ? ((await rotation.json()) as { secret: string }).secret : undefined;
      for (const secret of [token.secret, issued].filter(Boolean) as string[]) expect((await viewer(gateway, secret)).status).toBe(401);
    }
  });
});
