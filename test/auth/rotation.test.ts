/**
 * Rotation with overlap, self-rotation, reuse of retired secrets and self-revocation, over the
 * gateway's whole HTTP handling against the real test database.
 */
import { describe, expect, it } from 'vitest';
import { digestSecret, randomPart, withChecksum } from '../../src/auth/token-format.js';
import { graphql } from '../gql/index.js';
import { execute } from '../helpers/execute.js';
import { createProject, createToken, createUser, grant, PASSWORD } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';
import { exchangedJwt } from '../helpers/token-endpoint.js';

const { gateway, prisma } = await setupGateway();

const Regenerate = graphql(`
  mutation RtRegenerate($id: ID!, $password: String!, $overlapSeconds: Int) {
    regenerateToken(id: $id, password: $password, overlapSeconds: $overlapSeconds) { secret token { id previousSecretValidUntil } }
  }
`);
const TokenRow = graphql(`query RtToken($id: ID!) { token(id: $id) { id previousSecretValidUntil selfRotate status revokeReason } }`);
const Events = graphql(`query RtEvents($id: ID!) { token(id: $id) { events { nodes { kind details } } } }`);
const Notifications = graphql(`query RtNotifications { viewer { notifications { nodes { kind message token { id } } } } }`);

const viewer = (secret: string) => execute(gateway, '{ viewer { authMethod } }', {}, { token: secret });

function rotate(secret: string, body?: Record<string, string>) {
  return gateway.fetch('http://scopegate.test/auth/token/rotate', {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body: body ? new URLSearchParams(body).toString() : undefined,
  });
}

async function rotated(secret: string, body?: Record<string, string>) {
  const response = await rotate(secret, body);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as { secret: string; tokenId: string; previousSecretValidUntil: string | null };
}

async function ownerWithToken(options: { selfRotate?: boolean; expiresAt?: Date } = {}) {
  const owner = await createUser(prisma);
  const project = await createProject(prisma, owner.id);
  const token = await createToken(prisma, {
    kind: 'CUSTOM',
    createdById: owner.id,
    grants: [grant('PROJECT', 'READ', { projectId: project.id })],
    apiMethods: ['Query.viewer', 'Query.projects'],
    selfRotate: options.selfRotate ?? false,
    expiresAt: options.expiresAt ?? new Date(Date.now() + 30 * 86_400_000),
  });
  return { owner, project, token };
}

const settingsOf = (id: string) =>
  prisma.accessToken.findUniqueOrThrow({
    where: { id },
    select: { expiresAt: true, apiMethods: true, apiMethodSet: true, allowedCidrs: true, grants: { select: { entity: true, action: true, projectId: true, deviceId: true } } },
  });

describe('regenerateToken with overlapSeconds', () => {
  it('keeps the old secret working until the new one is first used, then refuses it', async () => {
    const { owner, token } = await ownerWithToken();
    const { regenerateToken } = (await execute(gateway, Regenerate, { id: token.id, password: PASSWORD, overlapSeconds: 3600 }, { session: owner.session })).expectData();
    const validUntil = new Date(regenerateToken.token.previousSecretValidUntil as string);
    expect(validUntil.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect((await viewer(token.secret)).status).toBe(200);
    const stops = (await viewer(token.secret)).headers.get('scopegate-token-expiration');
    expect(stops).toBe(validUntil.toISOString());
    expect((await viewer(regenerateToken.secret)).status).toBe(200);
    const refused = await viewer(token.secret);
    expect(refused.status).toBe(401);
    expect(refused.body.errors![0]!.message).toMatch(/replaced by a rotation/);
    const row = (await execute(gateway, TokenRow, { id: token.id }, { session: owner.session })).expectData();
    expect(row.token!.previousSecretValidUntil).toBeNull();
  });

  it('ends the overlap when its time passes, even if the new secret is never used', async () => {
    const { owner, token } = await ownerWithToken();
    const { regenerateToken } = (await execute(gateway, Regenerate, { id: token.id, password: PASSWORD, overlapSeconds: 60 }, { session: owner.session })).expectData();
    const later = new Date(Date.now() + 61_000);
    expect(gateway.authenticator.resolve({ secret: token.secret, via: 'bearer' }, null, new Date())).toBeTruthy();
    await expect(Promise.resolve().then(() => gateway.authenticator.resolve({ secret: token.secret, via: 'bearer' }, null, later))).rejects.toThrow(/replaced by a rotation/);
    await expect(Promise.resolve(gateway.authenticator.resolve({ secret: regenerateToken.secret, via: 'bearer' }, null, later))).resolves.toMatchObject({ authMethod: 'ACCESS_TOKEN' });
  });

  it('keeps a JWT exchanged with the old secret for as long as the old secret lives', async () => {
    const { owner, token } = await ownerWithToken();
    const { regenerateToken } = (await execute(gateway, Regenerate, { id: token.id, password: PASSWORD, overlapSeconds: 3600 }, { session: owner.session })).expectData();
    const jwt = await exchangedJwt(gateway, token.secret);
    expect((await viewer(jwt)).status).toBe(200);
    expect((await viewer(regenerateToken.secret)).status).toBe(200);
    expect((await viewer(jwt)).status).toBe(401);
  });

  it('refuses an overlap beyond the policy, and a negative one, changing nothing', async () => {
    const { owner, token } = await ownerWithToken();
    for (const overlapSeconds of [-1, 30 * 86_400]) {
      const response = await execute(gateway, Regenerate, { id: token.id, password: PASSWORD, overlapSeconds }, { session: owner.session });
      expect(response.expectError('BAD_USER_INPUT').message).toMatch(/overlapSeconds must be between 0 and 604800/);
    }
    expect((await viewer(token.secret)).status).toBe(200);
  });
});

describe('POST /auth/token/rotate', () => {
  it('gives a token that opted in a new secret and changes nothing else', async () => {
    const { token } = await ownerWithToken({ selfRotate: true });
    const before = await settingsOf(token.id);
    const answer = await rotated(token.secret, { overlap_seconds: '600' });
    expect(answer.tokenId).toBe(token.id);
    expect(answer.secret).toMatch(/^scopegate_tok_/);
    expect(new Date(answer.previousSecretValidUntil!).getTime()).toBeGreaterThan(Date.now() + 590_000);
    expect(await settingsOf(token.id)).toEqual(before);
    expect((await viewer(token.secret)).status).toBe(200);
    expect((await viewer(answer.secret)).status).toBe(200);
    expect((await viewer(token.secret)).status).toBe(401);
  });

  it('caps the overlap at the policy', async () => {
    const { token } = await ownerWithToken({ selfRotate: true });
    const answer = await rotated(token.secret, { overlap_seconds: '100000000' });
    const overlap = new Date(answer.previousSecretValidUntil!).getTime() - Date.now();
    expect(overlap).toBeGreaterThan(604_700_000);
    expect(overlap).toBeLessThanOrEqual(604_800_000);
  });

  it('answers 403 to a token without selfRotate, and nothing changes', async () => {
    const { token } = await ownerWithToken();
    const digest = (await prisma.accessToken.findUniqueOrThrow({ where: { id: token.id } })).digest;
    const response = await rotate(token.secret);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ errors: [{ message: expect.stringMatching(/may not rotate itself/), extensions: { code: 'FORBIDDEN' } }] });
    expect((await prisma.accessToken.findUniqueOrThrow({ where: { id: token.id } })).digest).toBe(digest);
    expect(await prisma.tokenEvent.count({ where: { tokenId: token.id } })).toBe(0);
  });

  it('refuses expired and revoked tokens, sessions and nonsense with 401, changing nothing', async () => {
    const expired = await ownerWithToken({ selfRotate: true, expiresAt: new Date(Date.now() - 1000) });
    expect((await rotate(expired.token.secret)).status).toBe(401);
    const revoked = await ownerWithToken({ selfRotate: true });
    await prisma.accessToken.update({ where: { id: revoked.token.id }, data: { revokedAt: new Date() } });
    expect((await rotate(revoked.token.secret)).status).toBe(401);
    expect((await rotate(withChecksum('scopegate_tok_' + randomPart()))).status).toBe(401);
    expect((await rotate(expired.owner.session)).status).toBe(403);
    expect((await gateway.fetch('http://scopegate.test/auth/token/rotate', { method: 'POST' })).status).toBe(401);
    expect((await gateway.fetch('http://scopegate.test/auth/token/rotate')).status).toBe(405);
    expect((await rotate(revoked.token.secret, { overlap_seconds: '-5' })).status).toBe(400);
    for (const { token } of [expired, revoked]) expect(await prisma.tokenEvent.count({ where: { tokenId: token.id, kind: 'ROTATED' } })).toBe(0);
  });

  it('repeats a rotation whose answer was lost: the old secret gets a fresh one and the unused one dies', async () => {
    const { owner, token } = await ownerWithToken({ selfRotate: true });
    const lost = await rotated(token.secret);
    const retried = await rotated(token.secret);
    expect(retried.secret).not.toBe(lost.secret);
    expect((await viewer(lost.secret)).status).toBe(401);
    expect((await viewer(retried.secret)).status).toBe(200);
    // Now that the new secret is in use, the old one can neither act nor rotate.
    expect((await rotate(token.secret)).status).toBe(401);
    const { token: row } = (await execute(gateway, Events, { id: token.id }, { session: owner.session })).expectData();
    expect(row!.events.nodes.map((e) => e.kind)).toEqual(expect.arrayContaining(['ROTATED', 'ROTATED', 'ROTATED_SECRET_REUSED']));
  });

  it('does not let the old secret undo a rotation the owner made', async () => {
    const { owner, token } = await ownerWithToken({ selfRotate: true });
    const { regenerateToken } = (await execute(gateway, Regenerate, { id: token.id, password: PASSWORD, overlapSeconds: 3600 }, { session: owner.session })).expectData();
    const response = await rotate(token.secret);
    expect(response.status).toBe(403);
    expect((await viewer(regenerateToken.secret)).status).toBe(200);
  });

  it('is the only thing a token may do to itself: token management stays out of reach', async () => {
    const { token } = await ownerWithToken({ selfRotate: true });
    const response = await execute(gateway, 'mutation($id: ID!) { revokeToken(id: $id) { id } }', { id: token.id }, { token: token.secret });
    expect(response.body.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
  });
});

describe('reuse of a retired secret', () => {
  it('is refused with 401, recorded, and told to the owner once per 10 minutes', async () => {
    const { owner, token } = await ownerWithToken({ selfRotate: true });
    const fresh = await rotated(token.secret);
    expect((await viewer(fresh.secret)).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      gateway.authenticator.cache.clear();
      expect((await viewer(token.secret)).status).toBe(401);
    }
    // Recorded beside the refusals, which do not wait for it.
    await expect.poll(() => prisma.tokenEvent.count({ where: { tokenId: token.id, kind: 'ROTATED_SECRET_REUSED' } }), { timeout: 5_000, interval: 20 }).toBe(3);
    const notices = (await execute(gateway, Notifications, {}, { session: owner.session })).expectData().viewer!.notifications.nodes.filter((n) => n.kind === 'ROTATED_SECRET_REUSED');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toMatch(/retired/);
    expect((await viewer(fresh.secret)).status).toBe(200);
  });
});

describe('POST /auth/revoke (RFC 7009)', () => {
  const revoke = (body: string) =>
    gateway.fetch('http://scopegate.test/auth/revoke', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });

  it('revokes the token whose secret it is given, with the reason "revoked by itself"', async () => {
    const { owner, token } = await ownerWithToken();
    const response = await revoke(new URLSearchParams({ token: token.secret }).toString());
    expect(response.status).toBe(200);
    expect((await viewer(token.secret)).status).toBe(401);
    const row = (await execute(gateway, TokenRow, { id: token.id }, { session: owner.session })).expectData();
    expect(row.token).toMatchObject({ status: 'REVOKED', revokeReason: 'revoked by itself' });
  });

  it('answers 200 to unknown and already revoked tokens too, and 400 without a token', async () => {
    const { token } = await ownerWithToken();
    expect((await revoke(`token=${withChecksum('scopegate_tok_' + randomPart())}`)).status).toBe(200);
    expect((await revoke(`token=${token.secret}`)).status).toBe(200);
    expect((await revoke(`token=${token.secret}`)).status).toBe(200);
    expect((await revoke('token=nonsense')).status).toBe(200);
    expect(await prisma.tokenEvent.count({ where: { tokenId: token.id, kind: 'REVOKED' } })).toBe(1);
    expect((await revoke('')).status).toBe(400);
  });
});

describe('secrets issued before the scopegate_tok_ prefix', () => {
  it('an sgp_ token keeps working: GraphQL, exchange and rotation', async () => {
    const { token } = await ownerWithToken({ selfRotate: true });
    // What the gateway stored for tokens it issued as sgp_: the digest of the whole secret.
    const legacy = withChecksum('sgp_' + randomPart());
    await prisma.accessToken.update({ where: { id: token.id }, data: { digest: digestSecret(legacy), displayPrefix: legacy.slice(0, 8) } });
    expect((await viewer(legacy)).body.data).toEqual({ viewer: { authMethod: 'ACCESS_TOKEN' } });
    await exchangedJwt(gateway, legacy);
    const next = await rotated(legacy);
    expect(next.secret).toMatch(/^scopegate_tok_/);
    expect((await viewer(next.secret)).status).toBe(200);
  });
});
