/**
 * Attacks on machine credentials (CI federation, enrollment tokens, the device grant), from the
 * adversarial review of #21. Each describe names the rule its tests prove.
 */
import { decodeJwt } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { execute } from '../helpers/execute.js';
import { addMember, createDevice, createProject, createUser, type TestUser } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';
import { startIssuer, type FakeIssuer } from '../helpers/oidc-issuer.js';
import { listen } from '../helpers/servers.js';
import { federatedExchange, postForm } from '../helpers/token-endpoint.js';

const { gateway, prisma } = await setupGateway({ env: { SCOPEGATE_FEDERATION_ALLOW_INSECURE: '1' } });

const AUDIENCE = 'https://scopegate.example.com';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad-hoc operations of every shape
const gql = (query: string, variables: Record<string, unknown>, credential?: { session: string } | { token: string }) => execute<any, unknown>(gateway, query, variables, credential);

/** `resource` is the project the client asks a token for (RFC 8693): only its policies are tried. */
const exchange = (subjectToken: string, resource: string, extra: Record<string, string> = {}) => federatedExchange(gateway, subjectToken, resource, extra);

const CreatePolicy = `mutation($input: CreateTrustPolicyInput!) { createTrustPolicy(input: $input) { id token { id } } }`;

async function createPolicy(owner: TestUser, projectId: string, trusted: FakeIssuer, claims: Record<string, string>) {
  const created = await gql(
    CreatePolicy,
    {
      input: {
        name: 'CI',
        issuer: trusted.issuer,
        jwksUri: trusted.jwksUri,
        audience: AUDIENCE,
        claims,
        projectId,
        grants: [{ entity: 'DEVICE', action: 'WRITE' }],
        maxLifetimeSeconds: 900,
      },
    },
    { session: owner.session },
  );
  return created.expectData().createTrustPolicy as { id: string; token: { id: string } };
}

async function tenant() {
  const owner = await createUser(prisma);
  const project = await createProject(prisma, owner.id);
  return { owner, project };
}

describe("an exchange tries only the policies of the project it names (resource), never a stranger's", () => {
  it("a stranger's policy created first, with the same issuer and claims, does not capture the victim's CI tokens", async () => {
    // GitHub Actions is one issuer for everyone: any project owner can name it and any claims.
    const github = await startIssuer('gh');
    const attacker = await tenant();
    const victim = await tenant();
    await createPolicy(attacker.owner, attacker.project.id, github, { repository: 'victim-org/firmware' });
    const victimPolicy = await createPolicy(victim.owner, victim.project.id, github, { repository: 'victim-org/firmware' });
    // The victim's pipeline exchanges its job token.
    const job = await github.sign({ repository: 'victim-org/firmware', aud: AUDIENCE, sub: 'repo:victim-org/firmware:ref:refs/heads/main' });
    const answer = await exchange(job, victim.project.id);
    expect(answer.status).toBe(200);
    // A JWT for the project that trusted the repository, not for the attacker's (whose audit log
    // would otherwise get the victim's subject and address).
    const claims = decodeJwt(answer.body.access_token as string);
    expect({ sub: claims.sub, tid: claims.tid }).toEqual({ sub: `project:${victim.project.id}`, tid: victimPolicy.token.id });
  });

  it("50 policies of a stranger naming the same issuer do not push a later tenant's policy out of the candidates", async () => {
    const github = await startIssuer('gh');
    const attacker = await tenant();
    for (let i = 0; i < 50; i++) await createPolicy(attacker.owner, attacker.project.id, github, { repository: `attacker/decoy-${i}` });
    const victim = await tenant();
    const victimPolicy = await createPolicy(victim.owner, victim.project.id, github, { repository: 'victim-org/app' });
    const subject = `victim-${crypto.randomUUID()}`;
    const job = await github.sign({ repository: 'victim-org/app', aud: AUDIENCE, sub: subject });
    // Only the first 50 policies of an issuer are tried: they must be the victim's project's.
    const answer = await exchange(job, victim.project.id);
    const audit = await prisma.federationExchange.findFirstOrThrow({ where: { subject } });
    expect({ status: answer.status, outcome: audit.outcome, policyId: audit.policyId }).toEqual({ status: 200, outcome: 'ISSUED', policyId: victimPolicy.id });
  }, 120_000);

  it("a stranger's policy whose JWKS never answers does not hold up another project's exchange", async () => {
    const github = await startIssuer('gh');
    // A key server that accepts the connection and never answers (a public host in production).
    const { server, url } = await listen(() => {});
    const attacker = await tenant();
    await createPolicy(attacker.owner, attacker.project.id, { ...github, jwksUri: url.replace(/\/graphql$/, '/jwks') }, { repository: 'attacker/x' });
    const victim = await tenant();
    await createPolicy(victim.owner, victim.project.id, github, { repository: 'victim-org/slow' });
    const job = await github.sign({ repository: 'victim-org/slow', aud: AUDIENCE });
    const started = performance.now();
    const answer = await exchange(job, victim.project.id);
    const elapsed = performance.now() - started;
    server.closeAllConnections();
    expect(answer.status).toBe(200);
    // Candidates are verified one after another, each waiting out its own JWKS fetch (5 s): a
    // stranger's must never be among them.
    expect(elapsed).toBeLessThan(2_000);
  }, 60_000);

});

describe('claim globs do bounded work (no ReDoS) and never match everything', () => {
  it('refuses a pattern with nested wildcards, and never matches an over-long claim value', async () => {
    const own = await startIssuer('own');
    const attacker = await tenant();
    // 24 characters; against 30 a's it would backtrack for seconds, blocking every tenant.
    const pattern = `${'*a'.repeat(11)}*b`;
    const refused = await gql(
      CreatePolicy,
      { input: { name: 'CI', issuer: own.issuer, jwksUri: own.jwksUri, audience: AUDIENCE, claims: { repository: pattern }, projectId: attacker.project.id, grants: [{ entity: 'DEVICE', action: 'WRITE' }], maxLifetimeSeconds: 900 } },
      { session: attacker.owner.session },
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // The worst a 3-wildcard pattern allows, against a value past the cap: refused before matching.
    const policy = await createPolicy(attacker.owner, attacker.project.id, own, { repository: '*a*a*b' });
    const subject = `long-${crypto.randomUUID()}`;
    const hostile = await own.sign({ repository: 'a'.repeat(1_000), aud: AUDIENCE, sub: subject });
    const started = performance.now();
    const answer = await exchange(hostile, attacker.project.id);
    const elapsed = performance.now() - started;
    expect(answer.status).toBe(400);
    expect(elapsed).toBeLessThan(1_000);
    const audit = await prisma.federationExchange.findFirstOrThrow({ where: { subject } });
    expect({ outcome: audit.outcome, policyId: audit.policyId }).toEqual({ outcome: 'claim_too_long', policyId: policy.id });
  }, 60_000);

  it('refuses catch-all patterns other than a run of *', async () => {
    const github = await startIssuer('gh');
    const owner = await tenant();
    for (const pattern of ['**/*', '**/**', '{*,**}']) {
      const answer = await gql(
        CreatePolicy,
        {
          input: {
            name: 'CI',
            issuer: github.issuer,
            jwksUri: github.jwksUri,
            audience: AUDIENCE,
            claims: { repository: pattern },
            projectId: owner.project.id,
            grants: [{ entity: 'DEVICE', action: 'READ' }],
            maxLifetimeSeconds: 600,
          },
        },
        { session: owner.owner.session },
      );
      // Each accepts a token of every repository on the issuer, the case claimsProblem exists for.
      expect({ pattern, code: answer.body.errors?.[0]?.extensions?.code }).toEqual({ pattern, code: 'BAD_USER_INPUT' });
    }
  });
});

describe("a reported exchanged JWT dies without killing its trust policy", () => {
  it('one exchanged JWT reported as exposed (by anyone) leaves the policy issuing', async () => {
    const ci = await startIssuer('ci');
    const { owner, project } = await tenant();
    const policy = await createPolicy(owner, project.id, ci, { repository: 'acme/public-repo' });
    const job = await ci.sign({ repository: 'acme/public-repo', aud: AUDIENCE });
    const jwt = (await exchange(job, project.id)).body.access_token as string;
    // The JWT shows up in a public CI log; anyone reports it.
    const report = await gateway.fetch('http://scopegate.test/credentials/revoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credentials: [jwt] }),
    });
    expect(report.status).toBe(202);
    await vi.waitFor(async () => expect(await prisma.tokenEvent.count({ where: { tokenId: policy.token.id, kind: 'EXPOSED' } })).toBe(1), { timeout: 10_000 });
    // The reported JWT (and every other exchanged so far) is dead: the token has a new secret
    // fingerprint. The token itself is not revoked, so the policy goes on issuing.
    // (Waited for: the caches are emptied just after the commit.)
    await vi.waitFor(async () => expect((await gql('{ viewer { authMethod } }', {}, { token: jwt })).status).toBe(401), { timeout: 5_000 });
    expect((await prisma.accessToken.findUniqueOrThrow({ where: { id: policy.token.id } })).revokedAt).toBeNull();
    const fresh = await ci.sign({ repository: 'acme/public-repo', aud: AUDIENCE });
    const again = await exchange(fresh, project.id);
    expect(again.status).toBe(200);
    expect((await gql('{ viewer { authMethod } }', {}, { token: again.body.access_token })).status).toBe(200);
    // The project's OWNER hears of it.
    expect(await prisma.notification.count({ where: { userId: owner.id, tokenId: policy.token.id, kind: 'TOKEN_EXPOSED' } })).toBe(1);
  });
});

describe('an enrollment key works only on its creator\'s current authority, and dies when revoked or reported', () => {
  const CreateEnrollment = `mutation($input: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $input) { secret enrollmentToken { id } } }`;
  const Enroll = `mutation($name: String!, $metadata: JSON) { enrollDevice(name: $name, metadata: $metadata) { deviceId token } }`;

  async function enrollmentBy(role: 'OWNER' | 'EDITOR', deviceMetadata?: Record<string, unknown>) {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const maker = role === 'OWNER' ? owner : await createUser(prisma);
    if (role === 'EDITOR') await addMember(prisma, project.id, maker.id, 'EDITOR');
    const created = await gql(
      CreateEnrollment,
      { input: { projectId: project.id, name: 'fleet', maxUses: 10_000, expiresAt: new Date(Date.now() + 89 * 86_400_000).toISOString(), ...(deviceMetadata ? { deviceMetadata } : {}) } },
      { session: maker.session },
    );
    const { secret, enrollmentToken } = created.expectData().createEnrollmentToken;
    return { owner, maker, project, secret: secret as string, enrollmentId: enrollmentToken.id as string };
  }

  it('stops enrolling devices once the EDITOR who made it is removed from the project', async () => {
    const w = await enrollmentBy('EDITOR');
    const removed = await gql('mutation($p: ID!, $u: ID!) { removeProjectMember(projectId: $p, userId: $u) }', { p: w.project.id, u: w.maker.id }, { session: w.owner.session });
    expect(removed.expectData().removeProjectMember).toBe(true);
    // The ex-member's own tokens died with the membership; this key keeps creating devices in the
    // project, with PROJECT-owned tokens that no membership check will ever end.
    const enrolled = await gql(Enroll, { name: 'after removal' }, { token: w.secret });
    expect(enrolled.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await prisma.device.count({ where: { projectId: w.project.id } })).toBe(0);
  });

  it('keeps the metadata it pinned when the device updates its own', async () => {
    const w = await enrollmentBy('OWNER', { site: 'berlin', trusted: false });
    const enrolled = (await gql(Enroll, { name: 'sensor', metadata: { site: 'paris' } }, { token: w.secret })).expectData().enrollDevice;
    const pinned = await prisma.device.findUniqueOrThrow({ where: { id: enrolled.deviceId } });
    // At enrollment the creator's values win over the device's.
    expect(pinned.metadata).toEqual({ site: 'berlin', trusted: false });
    // One updateDevice with the device token, and they are the device's.
    const update = await gql('mutation($id: ID!) { updateDevice(id: $id, metadata: { site: "paris", trusted: true }) { id } }', { id: enrolled.deviceId }, { token: enrolled.token });
    expect(update.status).toBe(200);
    const after = await prisma.device.findUniqueOrThrow({ where: { id: enrolled.deviceId } });
    expect(after.metadata).toMatchObject({ site: 'berlin', trusted: false });
    // A person in a session may move it; the pin follows, and the device still cannot.
    const moved = await gql('mutation($id: ID!) { updateDevice(id: $id, metadata: { site: "paris", trusted: false }) { id } }', { id: enrolled.deviceId }, { session: w.owner.session });
    expect(moved.status).toBe(200);
    await gql('mutation($id: ID!) { updateDevice(id: $id, metadata: { site: "rome", trusted: true, battery: 80 }) { id } }', { id: enrolled.deviceId }, { token: enrolled.token });
    expect((await prisma.device.findUniqueOrThrow({ where: { id: enrolled.deviceId } })).metadata).toEqual({ site: 'paris', trusted: false, battery: 80 });
  });

  it('is revoked by presenting it at POST /auth/revoke (RFC 7009), like an access token', async () => {
    const w = await enrollmentBy('OWNER');
    const response = await gateway.fetch('http://scopegate.test/auth/revoke', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: w.secret }).toString(),
    });
    expect(response.status).toBe(200);
    expect(await prisma.enrollmentToken.findUniqueOrThrow({ where: { id: w.enrollmentId } })).toMatchObject({ revokedAt: expect.any(Date), revokeReason: 'revoked by itself' });
    expect(await prisma.notification.count({ where: { userId: w.maker.id, kind: 'ENROLLMENT_TOKEN_REVOKED' } })).toBe(1);
    // Refused at the door at once (the caches were emptied), and nothing was enrolled.
    const enrolled = await gql(Enroll, { name: 'after revocation' }, { token: w.secret });
    expect(enrolled.status).toBe(401);
  });

  it('is revoked by a leak report at POST /credentials/revoke, and its creator told', async () => {
    const w = await enrollmentBy('OWNER');
    const report = await gateway.fetch('http://scopegate.test/credentials/revoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credentials: [w.secret] }),
    });
    expect(report.status).toBe(202);
    await vi.waitFor(async () => expect((await prisma.enrollmentToken.findUniqueOrThrow({ where: { id: w.enrollmentId } })).revokeReason).toBe('reported as exposed'), { timeout: 5_000 });
    await vi.waitFor(async () => expect(await prisma.notification.count({ where: { userId: w.maker.id, kind: 'ENROLLMENT_TOKEN_EXPOSED' } })).toBe(1), { timeout: 5_000 });
    expect((await gql(Enroll, { name: 'after the report' }, { token: w.secret })).status).toBe(401);
  });
});

describe('a device token reaches its own device only', () => {
  it('stays confined to its device (held)', async () => {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const other = await createDevice(prisma, project.id);
    const created = await gql(
      'mutation($input: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $input) { secret } }',
      { input: { projectId: project.id, name: 'x', maxUses: 1, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } },
      { session: owner.session },
    );
    const enrolled = (await gql('mutation { enrollDevice(name: "d") { deviceId token } }', {}, { token: created.expectData().createEnrollmentToken.secret })).expectData().enrollDevice;
    const probes: [string, Record<string, unknown>][] = [
      ['query($id: ID!) { device(id: $id) { id } }', { id: other.id }],
      ['mutation($id: ID!) { updateDevice(id: $id, name: "pwned") { id } }', { id: other.id }],
      ['query($id: ID!) { device(id: $id) { project { id devices { nodes { id } } } } }', { id: enrolled.deviceId }],
      ['{ viewer { token { project { id } grants { project { id } device { id project { id } } } } } }', {}],
    ];
    for (const [query, variables] of probes) {
      const answer = await gql(query, variables, { token: enrolled.token });
      expect({ query, refused: answer.body.errors?.[0]?.extensions?.code }).toEqual({ query, refused: 'FORBIDDEN' });
    }
    expect((await prisma.device.findUniqueOrThrow({ where: { id: other.id } })).name).not.toBe('pwned');
  });
});

describe("a device-grant approval stands only while the approver holds DEVICE WRITE", () => {
  const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
  const post = (path: string, params: Record<string, string>) => postForm(gateway, path, params);

  it('refuses the device token (access_denied) once the EDITOR who approved it was removed', async () => {
    const owner = await createUser(prisma);
    const editor = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    await addMember(prisma, project.id, editor.id, 'EDITOR');
    const started = await post('/auth/device', { project_id: project.id, device_name: 'camera' });
    const approved = await gql('mutation($c: String!) { approveDeviceCode(userCode: $c) { status } }', { c: started.body.user_code }, { session: editor.session });
    expect(approved.expectData().approveDeviceCode.status).toBe('APPROVED');
    const removed = await gql('mutation($p: ID!, $u: ID!) { removeProjectMember(projectId: $p, userId: $u) }', { p: project.id, u: editor.id }, { session: owner.session });
    expect(removed.expectData().removeProjectMember).toBe(true);
    // The approval is judged when it is given and never again: the device joins anyway, on the
    // authority of someone who no longer has any in the project.
    const polled = await post('/auth/token', { grant_type: DEVICE_GRANT, device_code: started.body.device_code });
    expect(polled.body.error).toBe('access_denied');
    expect(await prisma.device.count({ where: { projectId: project.id } })).toBe(0);
  });
});
