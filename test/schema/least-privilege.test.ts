import { describe, expect, it } from 'vitest';
import { suggest } from '../../src/lifecycle/least-privilege.js';
import { graphql } from '../gql/index.js';
import { execute } from '../helpers/execute.js';
import { createDevice, createProject, createToken, createUser, grant, PASSWORD } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

const { gateway, prisma } = await setupGateway();

const Suggested = graphql(`
  query LpSuggested($status: TokenStatus) {
    myTokens(status: $status) { nodes { id usage { key count } suggestedGrants { grants { entity action projectId deviceId } apiMethods basedOnUses } } }
  }
`);
const Apply = graphql(`
  mutation LpApply($id: ID!, $password: String!) { applySuggestedGrants(id: $id, password: $password) { apiMethods grants { entity action projectId deviceId } } }
`);

describe('least privilege from real use', () => {
  it('records what a token exercised, suggests the smallest grants, and narrows the token to them', async () => {
    const owner = await createUser(prisma);
    const a = await createProject(prisma, owner.id, 'A');
    const b = await createProject(prisma, owner.id, 'B');
    const sensor = await createDevice(prisma, a.id, 'sensor');
    await createDevice(prisma, a.id, 'valve');
    const token = await createToken(prisma, { createdById: owner.id, grants: [grant('DEVICE', 'WRITE'), grant('PROJECT', 'WRITE')] });

    (await execute(gateway, 'query($p: ID!) { devices(projectId: $p) { nodes { id name } } }', { p: a.id }, { token: token.secret })).expectData();
    (await execute(gateway, 'mutation($id: ID!) { updateDevice(id: $id, status: ONLINE) { id } }', { id: sensor.id }, { token: token.secret })).expectData();
    await gateway.usage.flush();

    const [mine] = (await execute(gateway, Suggested, {}, { session: owner.session })).expectData().myTokens.nodes;
    expect(mine!.usage.map((u) => u.key)).toEqual(
      expect.arrayContaining(['Query.devices', 'Mutation.updateDevice', `PERM:DEVICE:READ:${a.id}:-`, `PERM:DEVICE:WRITE:${a.id}:${sensor.id}`]),
    );
    expect(mine!.suggestedGrants.apiMethods).toEqual(['Mutation.updateDevice', 'Query.devices']);
    // Uses are recorded on the objects touched, each with its project.
    expect(mine!.suggestedGrants.grants).toEqual([
      { entity: 'DEVICE', action: 'READ', projectId: a.id, deviceId: null },
      { entity: 'DEVICE', action: 'WRITE', projectId: a.id, deviceId: sensor.id },
    ]);

    const applied = (await execute(gateway, Apply, { id: token.id, password: PASSWORD }, { session: owner.session })).expectData().applySuggestedGrants;
    expect(applied.apiMethods).toEqual(['Mutation.updateDevice', 'Query.devices']);
    expect(applied.grants).toEqual([
      { entity: 'DEVICE', action: 'READ', projectId: a.id, deviceId: null },
      { entity: 'DEVICE', action: 'WRITE', projectId: a.id, deviceId: sensor.id },
    ]);
    // Everything it did still works; what it never did does not.
    (await execute(gateway, 'query($p: ID!) { devices(projectId: $p) { nodes { id } } }', { p: a.id }, { token: token.secret })).expectData();
    (await execute(gateway, 'mutation($id: ID!) { updateDevice(id: $id, status: OFFLINE) { id } }', { id: sensor.id }, { token: token.secret })).expectData();
    expect((await execute(gateway, 'query($p: ID!) { devices(projectId: $p) { nodes { id } } }', { p: b.id }, { token: token.secret })).expectError('FORBIDDEN').extensions?.reason).toBe('MISSING_GRANT');
    expect((await execute(gateway, 'mutation { createProject(name: "x") { id } }', {}, { token: token.secret })).expectError('FORBIDDEN').extensions?.reason).toBe('METHOD_NOT_ALLOWED');
  });

  it('refuses to narrow to nothing, and leaves USER tokens to a copy', async () => {
    const owner = await createUser(prisma);
    const unused = await createToken(prisma, { createdById: owner.id, grants: [grant('DEVICE', 'READ')] });
    expect((await execute(gateway, Apply, { id: unused.id, password: PASSWORD }, { session: owner.session })).expectError('BAD_USER_INPUT').message).toMatch(/No recorded use/);
    const user = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    expect((await execute(gateway, Apply, { id: user.id, password: PASSWORD }, { session: owner.session })).expectError('BAD_USER_INPUT').message).toMatch(/USER tokens/);
  });

  it('suggest(): creation needs an unscoped PROJECT WRITE; whole-project use beats device use', () => {
    expect(suggest(['CREATE:PROJECT', 'Mutation.createProject']).grants).toEqual([{ entity: 'PROJECT', action: 'WRITE', projectId: null, deviceId: null }]);
    expect(suggest(['PERM:DEVICE:READ:p1:d1', 'PERM:DEVICE:READ:p1:-']).grants).toEqual([{ entity: 'DEVICE', action: 'READ', projectId: 'p1', deviceId: null }]);
    expect(suggest(['PERM:DEVICE:READ:p1:d1', 'PERM:DEVICE:READ:p1:d2']).grants).toEqual([
      { entity: 'DEVICE', action: 'READ', projectId: 'p1', deviceId: 'd1' },
      { entity: 'DEVICE', action: 'READ', projectId: 'p1', deviceId: 'd2' },
    ]);
    expect(suggest(['PERM:PROJECT:READ:p1:-', 'PERM:PROJECT:WRITE:p1:-']).grants).toEqual([{ entity: 'PROJECT', action: 'WRITE', projectId: 'p1', deviceId: null }]);
  });
});
