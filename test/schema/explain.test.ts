import { describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { execute } from '../helpers/execute.js';
import { createDevice, createProject, createToken, createUser, grant } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

const { gateway, prisma } = await setupGateway();

const Explain = graphql(`
  query ExpExplain($id: ID!, $query: String!, $variables: JSON) {
    explainToken(id: $id, query: $query, variables: $variables) { path allowed code reason message requirement { entity action projectId } }
  }
`);

async function world() {
  const owner = await createUser(prisma);
  const a = await createProject(prisma, owner.id, 'A');
  const b = await createProject(prisma, owner.id, 'B');
  const device = await createDevice(prisma, a.id);
  const token = await createToken(prisma, { createdById: owner.id, grants: [grant('DEVICE', 'READ', { projectId: a.id })], apiMethods: ['Query.devices', 'Query.projects', 'Mutation.createDevice'] });
  return { owner, a, b, device, token };
}

describe('explainToken', () => {
  it('answers, per field of a query, allowed or refused and why', async () => {
    const w = await world();
    const query = 'query($a: ID!, $b: ID!) { devices(projectId: $a) { nodes { name } } projects { nodes { id } } other: devices(projectId: $b) { nodes { id } } device(id: $a) { id } }';
    const { explainToken } = (await execute(gateway, Explain, { id: w.token.id, query, variables: { a: w.a.id, b: w.b.id } }, { session: w.owner.session })).expectData();
    const byPath = Object.fromEntries(explainToken.map((e) => [e.path, e]));
    expect(byPath['devices']).toMatchObject({ allowed: true });
    expect(byPath['devices.nodes.name']).toMatchObject({ allowed: true });
    expect(byPath['projects']).toMatchObject({ allowed: false, code: 'FORBIDDEN', reason: 'MISSING_GRANT', requirement: { entity: 'PROJECT', action: 'READ' } });
    expect(byPath['other']).toMatchObject({ allowed: false, reason: 'MISSING_GRANT', requirement: { entity: 'DEVICE', action: 'READ', projectId: w.b.id } });
    expect(byPath['device']).toMatchObject({ allowed: false, reason: 'METHOD_NOT_ALLOWED' });
  });

  it('runs a mutation as the request would, nested fields included, and keeps none of it', async () => {
    const w = await world();
    const before = await prisma.device.count({ where: { projectId: w.a.id } });
    const query = 'mutation($a: ID!) { createDevice(projectId: $a, name: "x") { id } updateProject(id: $a, name: "y") { id } }';
    const { explainToken } = (await execute(gateway, Explain, { id: w.token.id, query, variables: { a: w.a.id } }, { session: w.owner.session })).expectData();
    expect(explainToken).toMatchObject([
      { path: 'createDevice', allowed: false, reason: 'MISSING_GRANT', requirement: { entity: 'DEVICE', action: 'WRITE', projectId: w.a.id } },
      { path: 'updateProject', allowed: false, reason: 'METHOD_NOT_ALLOWED' },
    ]);
    const writer = await createToken(prisma, { createdById: w.owner.id, grants: [grant('DEVICE', 'WRITE', { projectId: w.a.id })] });
    const allowed = (await execute(gateway, Explain, { id: writer.id, query: 'mutation($a: ID!) { createDevice(projectId: $a, name: "x") { id } }', variables: { a: w.a.id } }, { session: w.owner.session })).expectData();
    expect(allowed.explainToken).toMatchObject([
      { path: 'createDevice', allowed: true },
      { path: 'createDevice.id', allowed: true },
    ]);
    expect(await prisma.device.count({ where: { projectId: w.a.id } })).toBe(before);
  });

  it('says token management is never reachable, and explains only your own tokens', async () => {
    const w = await world();
    const management = (await execute(gateway, Explain, { id: w.token.id, query: '{ myTokens { nodes { id } } }' }, { session: w.owner.session })).expectData();
    expect(management.explainToken).toMatchObject([{ path: 'myTokens', allowed: false, reason: 'TOKEN_MANAGEMENT' }]);
    const stranger = await createUser(prisma);
    expect((await execute(gateway, Explain, { id: w.token.id, query: '{ viewer { authMethod } }' }, { session: stranger.session })).expectError('BAD_USER_INPUT').message).toMatch(/No token/);
    expect((await execute(gateway, Explain, { id: w.token.id, query: '{ nope }' }, { session: w.owner.session })).expectError('BAD_USER_INPUT').message).toMatch(/not valid/);
  });
});
