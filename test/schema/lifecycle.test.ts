import { beforeAll, describe, expect, it } from 'vitest';
import { UsageRecorder } from '../../src/lifecycle/usage.js';
import { graphql } from '../gql/index.js';
import { execute } from '../helpers/execute.js';
import { createDevice, createProject, createToken, createUser, grant, manyTokenIds, PASSWORD } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';
import { listen } from '../helpers/servers.js';

// A database of its own: another file's revocation empties the credential cache (its 'auth'
// notification), and 'is kept without a write per request' assumes a warmed cache stays warm.
const { gateway, prisma, queries } = await setupGateway({ countQueries: true, isolated: true });

const Update = graphql(`
  mutation LcUpdate($id: ID!, $input: UpdateTokenInput!, $password: String!) {
    updateToken(id: $id, input: $input, password: $password) { id name description expiresAt apiMethodSet apiMethods grants { entity action projectId } }
  }
`);
const Regenerate = graphql(`
  mutation LcRegenerate($id: ID!, $password: String!, $expiresAt: DateTime) {
    regenerateToken(id: $id, password: $password, expiresAt: $expiresAt) { secret token { id displayPrefix expiresAt status } }
  }
`);
const Copy = graphql(`
  mutation LcCopy($id: ID!, $name: String!, $password: String!) {
    copyToken(id: $id, name: $name, password: $password) { secret token { id name description kind expiresAt apiMethodSet grants { entity action projectId } } }
  }
`);
const Events = graphql(`query LcEvents { myTokens { nodes { id events { nodes { kind ip details actor { id } } } } } }`);
const LastUsed = graphql(`query LcLastUsed { myTokens { nodes { id lastUsedAt } } }`);
const Devices = graphql(`query LcDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id } } }`);

async function ownerWithToken(expiresAt: Date | null = null) {
  const owner = await createUser(prisma);
  const project = await createProject(prisma, owner.id);
  await createDevice(prisma, project.id);
  const token = await createToken(prisma, { createdById: owner.id, grants: [grant('PROJECT', 'READ', { projectId: project.id })], expiresAt });
  return { owner, project, token };
}

describe('updateToken', () => {
  it('edits name, description, grants and methods; new grants work at once', async () => {
    const { owner, project, token } = await ownerWithToken();
    (await execute(gateway, Devices, { projectId: project.id }, { token: token.secret })).expectError('FORBIDDEN');
    const updated = (
      await execute(
        gateway,
        Update,
        {
          id: token.id,
          password: PASSWORD,
          input: { name: 'renamed', description: 'now reads devices', grants: [{ entity: 'DEVICE', action: 'READ', projectId: project.id }], apiMethods: ['Query.devices'] },
        },
        { session: owner.session },
      )
    ).expectData().updateToken;
    expect(updated).toMatchObject({
      name: 'renamed',
      description: 'now reads devices',
      apiMethodSet: null,
      apiMethods: ['Query.devices'],
      grants: [{ entity: 'DEVICE', action: 'READ', projectId: project.id }],
    });
    expect((await execute(gateway, Devices, { projectId: project.id }, { token: token.secret })).expectData().devices.nodes).toHaveLength(1);
    const events = (await execute(gateway, Events, {}, { session: owner.session })).expectData().myTokens.nodes[0]!.events.nodes;
    expect(events[0]).toMatchObject({ kind: 'UPDATED', actor: { id: owner.id }, details: { fields: ['name', 'description', 'apiMethods', 'grants'] } });
  });

  it('needs the password, refuses a revoked token and an empty change', async () => {
    const { owner, token } = await ownerWithToken();
    expect((await execute(gateway, Update, { id: token.id, password: 'wrong', input: { name: 'x' } }, { session: owner.session })).expectError('BAD_USER_INPUT').extensions?.field).toBe(
      'password',
    );
    expect((await execute(gateway, Update, { id: token.id, password: PASSWORD, input: {} }, { session: owner.session })).expectError('BAD_USER_INPUT').message).toMatch(
      /Nothing to change/,
    );
    await prisma.accessToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    expect((await execute(gateway, Update, { id: token.id, password: PASSWORD, input: { name: 'x' } }, { session: owner.session })).expectError('BAD_USER_INPUT').message).toMatch(
      /revoked/,
    );
  });

  it('cannot widen a token past what its editor holds', async () => {
    const { owner, token } = await ownerWithToken();
    const foreign = await createProject(prisma, (await createUser(prisma)).id);
    const response = await execute(
      gateway,
      Update,
      { id: token.id, password: PASSWORD, input: { grants: [{ entity: 'DEVICE', action: 'WRITE', projectId: foreign.id }] } },
      { session: owner.session },
    );
    expect(response.expectError('BAD_USER_INPUT').message).toMatch(/No project with id/);
  });
});

describe('regenerateToken', () => {
  it('issues a new secret for the same token; the old one is dead at once', async () => {
    const { owner, project, token } = await ownerWithToken();
    (await execute(gateway, `{ projects { nodes { id } } }`, {}, { token: token.secret })).expectData();
    const { regenerateToken } = (await execute(gateway, Regenerate, { id: token.id, password: PASSWORD }, { session: owner.session })).expectData();
    expect(regenerateToken.token.id).toBe(token.id);
    expect(regenerateToken.secret).not.toBe(token.secret);
    expect(regenerateToken.token.displayPrefix).toBe(regenerateToken.secret.slice(0, 18));
    expect((await execute(gateway, `{ projects { nodes { id } } }`, {}, { token: token.secret })).status).toBe(401);
    const fresh = (await execute(gateway, `{ projects { nodes { id } } }`, {}, { token: regenerateToken.secret })).expectData() as { projects: { nodes: { id: string }[] } };
    expect(fresh.projects.nodes.map((p) => p.id)).toEqual([project.id]);
    const events = async () => (await execute(gateway, Events, {}, { session: owner.session })).expectData().myTokens.nodes[0]!.events.nodes;
    // Presenting the replaced secret again is reuse of a retired secret, recorded beside the refusal.
    await expect.poll(async () => (await events()).map((e) => e.kind), { timeout: 5_000, interval: 20 }).toEqual(['ROTATED_SECRET_REUSED', 'REGENERATED']);
    expect(JSON.stringify(await events())).not.toContain(regenerateToken.secret);
  });

  it('an expired token needs a new expiry to be regenerated', async () => {
    const { owner, token } = await ownerWithToken(new Date(Date.now() - 60_000));
    expect((await execute(gateway, Regenerate, { id: token.id, password: PASSWORD }, { session: owner.session })).expectError('BAD_USER_INPUT').message).toMatch(
      /expired at .*new expiresAt/,
    );
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const revived = (await execute(gateway, Regenerate, { id: token.id, password: PASSWORD, expiresAt }, { session: owner.session })).expectData();
    expect(revived.regenerateToken.token).toMatchObject({ status: 'ACTIVE', expiresAt });
  });
});

describe('copyToken', () => {
  it('makes a new token with the same settings and lifetime, a new name and secret', async () => {
    const { owner, project, token } = await ownerWithToken(new Date(Date.now() + 10 * 86_400_000));
    await prisma.accessToken.update({ where: { id: token.id }, data: { description: 'nightly export', apiMethodSet: 'READ_ONLY' } });
    const { copyToken } = (await execute(gateway, Copy, { id: token.id, name: 'export 2', password: PASSWORD }, { session: owner.session })).expectData();
    expect(copyToken.token).toMatchObject({
      name: 'export 2',
      description: 'nightly export',
      kind: 'CUSTOM',
      apiMethodSet: 'READ_ONLY',
      grants: [{ entity: 'PROJECT', action: 'READ', projectId: project.id }],
    });
    expect(copyToken.token.id).not.toBe(token.id);
    const lifetime = new Date(copyToken.token.expiresAt!).getTime() - Date.now();
    expect(Math.abs(lifetime - 10 * 86_400_000)).toBeLessThan(60_000);
    (await execute(gateway, `{ projects { nodes { id } } }`, {}, { token: copyToken.secret })).expectData();
    const mine = (await execute(gateway, Events, {}, { session: owner.session })).expectData().myTokens.nodes;
    const copy = mine.find((t) => t.id === copyToken.token.id)!;
    const source = mine.find((t) => t.id === token.id)!;
    expect(copy.events.nodes).toMatchObject([{ kind: 'CREATED', details: { copiedFrom: token.id } }]);
    expect(source.events.nodes).toMatchObject([{ kind: 'COPIED', details: { copy: copyToken.token.id } }]);
  });
});

describe('Scopegate-Token-Expiration', () => {
  it('is on every response to a request made with an expiring token, and only then', async () => {
    const expiresAt = new Date(Date.now() + 3 * 86_400_000);
    const { owner, token } = await ownerWithToken(expiresAt);
    const withExpiry = await execute(gateway, `{ viewer { authMethod } }`, {}, { token: token.secret });
    expect(withExpiry.headers.get('scopegate-token-expiration')).toBe(expiresAt.toISOString());
    const refused = await execute(gateway, `{ users { nodes { id } } }`, {}, { token: token.secret });
    expect(refused.headers.get('scopegate-token-expiration')).toBe(expiresAt.toISOString());
    const forever = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    expect((await execute(gateway, `{ viewer { authMethod } }`, {}, { token: forever.secret })).headers.get('scopegate-token-expiration')).toBeNull();
    expect((await execute(gateway, `{ viewer { authMethod } }`, {}, { session: owner.session })).headers.get('scopegate-token-expiration')).toBeNull();
  });
});

describe('lastUsedAt', () => {
  it('is kept without a write per request, and written in one batch', async () => {
    const { owner, token } = await ownerWithToken();
    await execute(gateway, `{ viewer { authMethod } }`, {}, { token: token.secret });
    queries.length = 0;
    const before = Date.now();
    for (let i = 0; i < 3; i++) await execute(gateway, `{ viewer { authMethod } }`, {}, { token: token.secret });
    expect(queries).toEqual([]);
    const seen = (await execute(gateway, LastUsed, {}, { session: owner.session })).expectData().myTokens.nodes[0]!.lastUsedAt;
    expect(new Date(seen!).getTime()).toBeGreaterThanOrEqual(before - 5);
    expect((await prisma.accessToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).toBeNull();
    queries.length = 0;
    await gateway.usage.flush();
    expect(queries.filter((q) => /UPDATE "AccessToken"/.test(q))).toHaveLength(1);
    expect((await prisma.accessToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt?.toISOString()).toBe(seen);
  });
});

describe('first use from a new IP', () => {
  let url: string;
  beforeAll(async () => {
    url = (await listen(gateway)).url;
  });

  it('is an audit event with the address, once per address', async () => {
    const { owner, token } = await ownerWithToken();
    for (let i = 0; i < 3; i++) {
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token.secret}` }, body: '{"query":"{ viewer { authMethod } }"}' });
    }
    await gateway.usage.flush();
    const events = (await execute(gateway, Events, {}, { session: owner.session })).expectData().myTokens.nodes[0]!.events.nodes;
    expect(events.filter((e) => e.kind === 'NEW_IP')).toEqual([{ kind: 'NEW_IP', ip: '127.0.0.1', details: null, actor: null }]);
  });

  it('a batch is written as soon as it holds maxBatch tokens, not only on the timer', async () => {
    const ids = (await Promise.all([1, 2, 3].map(() => ownerWithToken()))).map(({ token }) => token.id);
    const recorder = new UsageRecorder(prisma, 0, 100, 3);
    const written = () => prisma.accessToken.count({ where: { id: { in: ids }, lastUsedAt: { not: null } } });
    recorder.record(ids[0]!, null);
    recorder.record(ids[1]!, null);
    expect(await written()).toBe(0);
    recorder.record(ids[2]!, null);
    await expect.poll(written, { timeout: 5_000, interval: 10 }).toBe(3);
    await recorder.close();
  });

  it('writes a batch of 600 tokens whole, in statements of 250 rows (a larger one scans every token)', async () => {
    const ids = await manyTokenIds(prisma, 600);
    const recorder = new UsageRecorder(prisma, 0);
    for (const id of ids) {
      recorder.record(id, '10.6.0.1');
      recorder.noteExercised(id, 'Query.viewer');
    }
    queries.length = 0;
    await recorder.close();
    // Three statements (usage, last use, addresses) of 250, 250 and 100 rows.
    expect(queries).toHaveLength(9);
    const where = { tokenId: { in: ids } };
    expect({
      lastUsed: await prisma.accessToken.count({ where: { id: { in: ids }, lastUsedAt: { not: null } } }),
      addresses: await prisma.tokenIp.count({ where: { ...where, ip: '10.6.0.1' } }),
      events: await prisma.tokenEvent.count({ where: { ...where, kind: 'NEW_IP' } }),
      usage: await prisma.tokenUsage.count({ where: { ...where, key: 'Query.viewer', count: 1 } }),
    }).toEqual({ lastUsed: 600, addresses: 600, events: 600, usage: 600 });
  });

  it('is still recorded once when the recorder has forgotten which addresses it saw', async () => {
    const { token } = await ownerWithToken();
    const recorder = new UsageRecorder(prisma, 0, 2);
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.1']) recorder.record(token.id, ip);
    await recorder.flush();
    recorder.record(token.id, '10.0.0.2');
    await recorder.close();
    const events = await prisma.tokenEvent.findMany({ where: { tokenId: token.id, kind: 'NEW_IP' }, orderBy: { ip: 'asc' } });
    expect(events.map((e) => e.ip)).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
  });
});
