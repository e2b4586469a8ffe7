/**
 * Attacks on the credentials of machines: trust policies (CI federation), enrollment tokens and
 * device tokens.
 */
import { describe, expect, it } from 'vitest';
import { execute } from '../helpers/execute.js';
import { addMember, createDevice, createProject, createUser } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';
import { exchangeForm } from '../helpers/token-endpoint.js';

const { gateway, prisma } = await setupGateway();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad-hoc operations of every shape
const gql = (query: string, variables: Record<string, unknown>, credential?: { session: string } | { token: string }) => execute<any, unknown>(gateway, query, variables, credential);

const CreatePolicy = `mutation($input: CreateTrustPolicyInput!) { createTrustPolicy(input: $input) { id } }`;
const policyInput = (projectId: string, grants: unknown[]) => ({
  name: 'CI',
  issuer: 'https://ci.example.com',
  jwksUri: 'https://ci.example.com/jwks',
  audience: 'scopegate',
  claims: { repository: 'acme/app' },
  projectId,
  grants,
  maxLifetimeSeconds: 600,
});

describe('trust policies', () => {
  it('an EDITOR cannot create, edit or delete a trust policy', async () => {
    const owner = await createUser(prisma);
    const editor = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    await addMember(prisma, project.id, editor.id, 'EDITOR');
    const refused = await gql(CreatePolicy, { input: policyInput(project.id, [{ entity: 'DEVICE', action: 'WRITE' }]) }, { session: editor.session });
    expect(refused.expectError('FORBIDDEN').extensions?.reason).toBe('ROLE');
    const id = (await gql(CreatePolicy, { input: policyInput(project.id, [{ entity: 'DEVICE', action: 'READ' }]) }, { session: owner.session })).expectData().createTrustPolicy.id;
    const edit = await gql('mutation($id: ID!) { updateTrustPolicy(id: $id, input: { claims: { repository: "evil/*" } }) { id } }', { id }, { session: editor.session });
    expect(edit.expectError('FORBIDDEN').extensions?.reason).toBe('ROLE');
    const remove = await gql('mutation($id: ID!) { deleteTrustPolicy(id: $id) }', { id }, { session: editor.session });
    expect(remove.expectError('FORBIDDEN').extensions?.reason).toBe('ROLE');
    expect((await prisma.trustPolicy.findUniqueOrThrow({ where: { id } })).claims).toEqual({ repository: 'acme/app' });
    expect(await prisma.trustPolicy.count({ where: { projectId: project.id } })).toBe(1);
  });

  it('a trust policy cannot grant beyond its project, nor on objects its creator cannot reach', async () => {
    const owner = await createUser(prisma);
    const mine = await createProject(prisma, owner.id);
    const stranger = await createUser(prisma);
    const theirs = await createProject(prisma, stranger.id);
    await addMember(prisma, theirs.id, owner.id, 'VIEWER');
    const theirDevice = await createDevice(prisma, theirs.id);
    const hidden = await createProject(prisma, stranger.id);
    const attempts = [
      [{ entity: 'DEVICE', action: 'WRITE', projectId: theirs.id }],
      [{ entity: 'DEVICE', action: 'WRITE', deviceId: theirDevice.id }],
      [{ entity: 'PROJECT', action: 'WRITE', projectId: hidden.id }],
    ];
    for (const grants of attempts) {
      const answer = await gql(CreatePolicy, { input: policyInput(mine.id, grants) }, { session: owner.session });
      expect(answer.expectError('BAD_USER_INPUT')).toBeTruthy();
    }
    // As OWNER of a project they only view, they get nothing either.
    const viaTheirs = await gql(CreatePolicy, { input: policyInput(theirs.id, [{ entity: 'DEVICE', action: 'READ' }]) }, { session: owner.session });
    expect(viaTheirs.expectError('FORBIDDEN').extensions?.reason).toBe('ROLE');
    expect(await prisma.trustPolicy.count({ where: { projectId: { in: [mine.id, theirs.id, hidden.id] } } })).toBe(0);
  });

  it("the policy's token cannot be turned into a secret or widened through token management", async () => {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    await gql(CreatePolicy, { input: policyInput(project.id, [{ entity: 'DEVICE', action: 'READ' }]) }, { session: owner.session });
    const policy = await prisma.trustPolicy.findFirstOrThrow({ where: { projectId: project.id } });
    const password = 'correct horse battery staple';
    const attempts = [
      ['mutation($id: ID!, $p: String!) { regenerateToken(id: $id, password: $p) { secret } }', {}],
      ['mutation($id: ID!, $p: String!) { copyToken(id: $id, name: "copy", password: $p) { secret } }', {}],
      ['mutation($id: ID!, $p: String!) { updateToken(id: $id, input: { grants: [{ entity: DEVICE, action: WRITE }] }, password: $p) { id } }', {}],
    ] as const;
    for (const [query] of attempts) {
      const answer = await gql(query, { id: policy.tokenId, p: password }, { session: owner.session });
      expect(answer.expectError('BAD_USER_INPUT').message).toMatch(/trust policy/);
    }
    const grants = await prisma.tokenGrant.findMany({ where: { tokenId: policy.tokenId } });
    expect(grants.map((g) => g.action)).toEqual(['READ']);
  });
});

describe('enrollment tokens', () => {
  async function enrollmentSecret() {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const device = await createDevice(prisma, project.id);
    const created = await gql(
      'mutation($input: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $input) { secret } }',
      { input: { projectId: project.id, name: 'fleet', maxUses: 5, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } },
      { session: owner.session },
    );
    return { owner, project, device, secret: created.expectData().createEnrollmentToken.secret as string };
  }

  it('an enrollment token can call nothing but enrollDevice: not even viewer', async () => {
    const w = await enrollmentSecret();
    const operations: [string, Record<string, unknown>][] = [
      ['{ viewer { authMethod } }', {}],
      ['{ projects { nodes { id } } }', {}],
      ['query($id: ID!) { project(id: $id) { id } }', { id: w.project.id }],
      ['query($p: ID!) { devices(projectId: $p) { nodes { id } } }', { p: w.project.id }],
      ['query($id: ID!) { device(id: $id) { id } }', { id: w.device.id }],
      ['query($p: ID!) { enrollmentTokens(projectId: $p) { nodes { id } } }', { p: w.project.id }],
      ['{ myTokens { nodes { id } } }', {}],
      ['{ tokenPolicy { requireExpiry } }', {}],
      ['mutation($p: ID!) { createDevice(projectId: $p, name: "x") { id } }', { p: w.project.id }],
      ['mutation($id: ID!) { updateDevice(id: $id, name: "x") { id } }', { id: w.device.id }],
      ['mutation($id: ID!) { deleteDevice(id: $id) }', { id: w.device.id }],
      ['mutation($p: ID!) { createEnrollmentToken(input: { projectId: $p, name: "more", maxUses: 100, expiresAt: "2099-01-01T00:00:00Z" }) { secret } }', { p: w.project.id }],
      ['mutation { login(email: "a@example.test", password: "whatever it is") { user { id } } }', {}],
      ['mutation { logout }', {}],
      ['mutation($p: ID!) { createToken(input: { kind: PROJECT, name: "x", projectId: $p, grants: [{ entity: DEVICE, action: WRITE }] }, password: "x") { secret } }', { p: w.project.id }],
    ];
    for (const [query, variables] of operations) {
      const answer = await gql(query, variables, { token: w.secret });
      const error = answer.expectError('FORBIDDEN');
      expect({ query, reason: error.extensions?.reason, message: error.message }).toEqual({ query, reason: 'METHOD_NOT_ALLOWED', message: expect.stringMatching(/only call enrollDevice/) });
    }
    // Nor can it be exchanged for a JWT, narrowed or not.
    const get = await gateway.fetch('http://scopegate.test/auth/token', { headers: { authorization: `Bearer ${w.secret}` } });
    expect(get.status).toBe(403);
    expect((await exchangeForm(gateway, w.secret)).status).toBe(400);
    // Nothing was written by any of it: the device and the token's count are as they were.
    expect(await prisma.device.count({ where: { projectId: w.project.id } })).toBe(1);
    expect((await prisma.enrollmentToken.findFirstOrThrow({ where: { projectId: w.project.id } })).uses).toBe(0);
  });

  it('enrollDevice takes nothing but an enrollment token', async () => {
    const w = await enrollmentSecret();
    const session = await gql('mutation { enrollDevice(name: "x") { deviceId } }', {}, { session: w.owner.session });
    expect(session.expectError('FORBIDDEN').message).toMatch(/takes an enrollment token/);
    const anonymous = await gql('mutation { enrollDevice(name: "x") { deviceId } }', {});
    expect(anonymous.expectError('UNAUTHENTICATED')).toBeTruthy();
    expect(await prisma.device.count({ where: { projectId: w.project.id } })).toBe(1);
  });

  it('an enrollment token is only accepted as a Bearer token', async () => {
    const w = await enrollmentSecret();
    const basic = await gql('mutation { enrollDevice(name: "x") { deviceId } }', {}, { basic: w.secret } as never);
    expect(basic.status).toBe(401);
  });
});
