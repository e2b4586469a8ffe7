/**
 * Attacks on the credentials of machines: trust policies (CI federation), enrollment tokens and
 * device tokens.
 */
import { describe, expect, it } from 'vitest';
import { execute } from '../helpers/execute.js';
import { addMember, createDevice, createProject, createUser } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

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
