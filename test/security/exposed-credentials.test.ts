/**
 * The leaked-token kill switch, POST /credentials/revoke: anyone may report secrets; every working
 * token among them is revoked, and the answer says nothing about which were.
 */
import { describe, expect, it } from 'vitest';
import { randomPart, withChecksum } from '../../src/auth/token-format.js';
import { smtpMailer } from '../../src/lifecycle/mailer.js';
import { execute } from '../helpers/execute.js';
import { addMember, createProject, createToken, createUser, PASSWORD } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';
import { startSmtp } from '../helpers/smtp.js';
import { exchangedJwt } from '../helpers/token-endpoint.js';

const { url: smtpUrl, received: mails } = await startSmtp();
const mailer = smtpMailer(smtpUrl, 'scopegate <scopegate@test>');

// TRUST_PROXY: the report limit counts per address, and each test reports from an address of its own.
const { gateway, prisma, queries } = await setupGateway({ countQueries: true, mailer, env: { TRUST_PROXY: '1' } });

function report(body: unknown, from = `198.51.100.${Math.floor(Math.random() * 250)}`) {
  return gateway.fetch('http://scopegate.test/credentials/revoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const unknownSecret = () => withChecksum('scopegate_tok_' + randomPart());

async function waitForRevocation(id: string) {
  await expect.poll(async () => (await prisma.accessToken.findUniqueOrThrow({ where: { id } })).revokedAt, { timeout: 5_000, interval: 20 }).not.toBeNull();
}

describe('POST /credentials/revoke', () => {
  it('revokes every working token reported, with the reason, an EXPOSED event, a notification and an e-mail', async () => {
    const owner = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    const response = await report({ credentials: [token.secret] });
    expect(response.status).toBe(202);
    await waitForRevocation(token.id);
    const row = await prisma.accessToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.revokeReason).toBe('reported as exposed');
    expect((await prisma.tokenEvent.findMany({ where: { tokenId: token.id } })).map((e) => e.kind).sort()).toEqual(['EXPOSED', 'REVOKED']);
    expect(await prisma.notification.findMany({ where: { tokenId: token.id }, select: { userId: true, kind: true } })).toEqual([{ userId: owner.id, kind: 'TOKEN_EXPOSED' }]);
    await expect.poll(() => mails.filter((m) => m.to.includes(owner.email)).length, { timeout: 5_000, interval: 20 }).toBe(1);
    expect(mails.find((m) => m.to.includes(owner.email))!.body).not.toContain(token.secret);
    expect((await execute(gateway, '{ viewer { authMethod } }', {}, { token: token.secret })).status).toBe(401);
  });

  it("tells every OWNER of a PROJECT token's project", async () => {
    const first = await createUser(prisma);
    const second = await createUser(prisma);
    const editor = await createUser(prisma);
    const project = await createProject(prisma, first.id);
    await addMember(prisma, project.id, second.id, 'OWNER');
    await addMember(prisma, project.id, editor.id, 'EDITOR');
    const token = await createToken(prisma, { kind: 'PROJECT', projectId: project.id, createdById: first.id });
    expect((await report({ credentials: [token.secret] })).status).toBe(202);
    await waitForRevocation(token.id);
    const told = (await prisma.notification.findMany({ where: { tokenId: token.id } })).map((n) => n.userId).sort();
    expect(told).toEqual([first.id, second.id].sort());
  });

  it('answers valid and invalid reports alike, after the same single lookup', async () => {
    const owner = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    const lookups = async (credentials: string[]) => {
      queries.length = 0;
      const response = await report({ credentials });
      const seen = queries.filter((q) => q.includes('"AccessToken"'));
      return { status: response.status, body: await response.text(), seen: seen.slice(0, 1), before: seen.length };
    };
    const invalid = await lookups([unknownSecret(), unknownSecret()]);
    const valid = await lookups([token.secret, unknownSecret()]);
    expect(valid.status).toBe(invalid.status);
    expect(valid.body).toBe(invalid.body);
    expect(valid.seen).toEqual(invalid.seen);
    expect(invalid.before).toBe(1);
    expect(valid.seen[0]).toMatch(/ANY/);
    await waitForRevocation(token.id);
  });

  it('ignores sessions, revokes the token behind a JWT that verifies, and leaves forged JWTs alone', async () => {
    const owner = await createUser(prisma);
    const viaJwt = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    const bystander = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    const jwt = await exchangedJwt(gateway, viaJwt.secret);
    const [header, payload] = jwt.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    expect((await report({ credentials: [owner.session, jwt, forged] })).status).toBe(202);
    await waitForRevocation(viaJwt.id);
    expect((await execute(gateway, '{ viewer { authMethod } }', {}, { session: owner.session })).status).toBe(200);
    expect((await prisma.accessToken.findUniqueOrThrow({ where: { id: bystander.id } })).revokedAt).toBeNull();
  });

  it('refuses malformed reports with 400 and changes nothing', async () => {
    const owner = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    const from = `203.0.113.${Math.floor(Math.random() * 250)}`;
    for (const body of ['not json', { credentials: token.secret }, { credentials: [] }, { credentials: [token.secret, 7] }, { credentials: Array.from({ length: 1001 }, () => token.secret) }]) {
      const response = await report(body, from);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    }
    expect((await prisma.accessToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();
  });

  it('takes 60 reports per address per hour, then answers 429', async () => {
    const from = `192.0.2.${Math.floor(Math.random() * 250)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await report({ credentials: [unknownSecret()] }, from)).status);
    expect(statuses.slice(0, 60).every((s) => s === 202)).toBe(true);
    const limited = await report({ credentials: [unknownSecret()] }, from);
    expect(statuses[60]).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('revokeOnRotatedSecretReuse', () => {
  it('revokes the whole token when a retired secret comes back', async () => {
    // The policy is global: this test has a database of its own.
    const isolated = await setupGateway({ isolated: true });
    const admin = await createUser(isolated.prisma, { role: 'ADMIN' });
    const set = await execute(isolated.gateway, 'mutation { setTokenPolicy(input: { revokeOnRotatedSecretReuse: true }) { revokeOnRotatedSecretReuse } }', {}, { session: admin.session });
    expect(set.expectData()).toEqual({ setTokenPolicy: { revokeOnRotatedSecretReuse: true } });
    const token = await createToken(isolated.prisma, { kind: 'USER', createdById: admin.id });
    const regenerated = await execute(
      isolated.gateway,
      'mutation($id: ID!, $password: String!) { regenerateToken(id: $id, password: $password) { secret } }',
      { id: token.id, password: PASSWORD },
      { session: admin.session },
    );
    const fresh = (regenerated.expectData() as { regenerateToken: { secret: string } }).regenerateToken.secret;
    expect((await execute(isolated.gateway, '{ viewer { authMethod } }', {}, { token: fresh })).status).toBe(200);
    expect((await execute(isolated.gateway, '{ viewer { authMethod } }', {}, { token: token.secret })).status).toBe(401);
    // The revocation follows the refusal as soon as the reuse is recorded.
    await expect.poll(async () => (await execute(isolated.gateway, '{ viewer { authMethod } }', {}, { token: fresh })).status, { timeout: 5_000, interval: 20 }).toBe(401);
    const row = await isolated.prisma.accessToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.revokeReason).toBe('rotated secret reused');
  });
});
