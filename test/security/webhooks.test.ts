/**
 * Attacks on webhooks: a hook hears token events, so making one, reading its deliveries or
 * pointing it elsewhere is token management, and a project's hooks are its OWNERs' alone.
 */
import { describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { execute } from '../helpers/execute.js';
import { addMember, createProject, createToken, createUser, grant } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

// Without SCOPEGATE_WEBHOOK_ALLOW_PRIVATE; hooks point at a public address nothing sends to here.
const { gateway, prisma } = await setupGateway();
const URL_A = 'https://1.1.1.1/a';

const Create = graphql(`mutation SecWhCreate($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id } } }`);
const List = graphql(`query SecWhList($projectId: ID) { webhooks(projectId: $projectId) { nodes { id url } } }`);
const Deliveries = graphql(`query SecWhDeliveries($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id payload } } } }`);
const Update = graphql(`mutation SecWhUpdate($id: ID!, $input: UpdateWebhookInput!) { updateWebhook(id: $id, input: $input) { id url } }`);
const Delete = graphql(`mutation SecWhDelete($id: ID!) { deleteWebhook(id: $id) }`);
const Redeliver = graphql(`mutation SecWhRedeliver($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }`);

/** Two projects with an OWNER each, a hook and a delivery in the second. */
async function world() {
  const ownerA = await createUser(prisma);
  const ownerB = await createUser(prisma);
  const projectA = await createProject(prisma, ownerA.id);
  const projectB = await createProject(prisma, ownerB.id);
  const hookB = await prisma.webhook.create({ data: { url: 'https://1.1.1.1/b', events: ['TOKEN_REVOKED'], projectId: projectB.id, sealedSecret: 'sealed' } });
  const deliveryB = await prisma.webhookDelivery.create({ data: { webhookId: hookB.id, messageId: 'msg_b', event: 'TOKEN_REVOKED', payload: { type: 'token.revoked' } } });
  return { ownerA, ownerB, projectA, projectB, hookB, deliveryB };
}

describe('webhook escalations', () => {
  it("an OWNER cannot make a hook on a project they do not own, nor an instance-wide one", async () => {
    const { ownerA, ownerB, projectA, projectB } = await world();
    // Not a member of B: B answers like a project that does not exist.
    const hidden = (await execute(gateway, Create, { input: { url: URL_A, events: ['TOKEN_CREATED'], projectId: projectB.id } }, { session: ownerA.session })).expectError('BAD_USER_INPUT');
    expect(hidden.message).toBe(`No project with id ${projectB.id} is visible to you.`);
    // A member below OWNER sees the project but may not hear its tokens.
    for (const role of ['VIEWER', 'EDITOR'] as const) {
      await addMember(prisma, projectA.id, ownerB.id, role);
      const refused = (await execute(gateway, Create, { input: { url: URL_A, events: ['TOKEN_CREATED'], projectId: projectA.id } }, { session: ownerB.session })).expectError('FORBIDDEN');
      expect(refused.extensions?.reason).toBe('ROLE');
    }
    const instance = (await execute(gateway, Create, { input: { url: URL_A, events: ['TOKEN_CREATED'] } }, { session: ownerA.session })).expectError('FORBIDDEN');
    expect(instance.extensions?.reason).toBe('ROLE');
    expect(await prisma.webhook.count({ where: { OR: [{ projectId: projectA.id }, { url: URL_A }] } })).toBe(0);
  });

  it("a member cannot read, change, delete or redeliver another project's hook, which answers like a missing one", async () => {
    const { ownerA, hookB, deliveryB } = await world();
    const notVisible = (what: string, id: string) => `No ${what} with id ${id} is visible to you.`;
    expect((await execute(gateway, Deliveries, { id: hookB.id }, { session: ownerA.session })).expectError('BAD_USER_INPUT').message).toBe(notVisible('webhook', hookB.id));
    expect((await execute(gateway, Update, { id: hookB.id, input: { url: URL_A } }, { session: ownerA.session })).expectError('BAD_USER_INPUT').message).toBe(notVisible('webhook', hookB.id));
    expect((await execute(gateway, Delete, { id: hookB.id }, { session: ownerA.session })).expectError('BAD_USER_INPUT').message).toBe(notVisible('webhook', hookB.id));
    expect((await execute(gateway, Redeliver, { id: deliveryB.id }, { session: ownerA.session })).expectError('BAD_USER_INPUT').message).toBe(
      notVisible('webhook delivery', deliveryB.id),
    );
    // Nothing changed, nothing was queued.
    expect(await prisma.webhook.findUnique({ where: { id: hookB.id } })).toMatchObject({ url: 'https://1.1.1.1/b' });
    expect(await prisma.webhookDelivery.count({ where: { webhookId: hookB.id } })).toBe(1);
    // Listing without a project shows only hooks of projects one owns.
    expect((await execute(gateway, List, {}, { session: ownerA.session })).expectData().webhooks.nodes.map((h) => h.id)).not.toContain(hookB.id);
  });

  it('a member demoted from OWNER loses the project\'s hooks at once', async () => {
    const { ownerA, ownerB, projectB, hookB } = await world();
    await addMember(prisma, projectB.id, ownerA.id, 'OWNER');
    expect((await execute(gateway, Deliveries, { id: hookB.id }, { session: ownerA.session })).expectData().webhookDeliveries.edges).toHaveLength(1);
    await addMember(prisma, projectB.id, ownerA.id, 'EDITOR');
    await gateway.authenticator.cache.clear();
    expect((await execute(gateway, Deliveries, { id: hookB.id }, { session: ownerA.session })).expectError('BAD_USER_INPUT'));
    const listed = (await execute(gateway, List, { projectId: projectB.id }, { session: ownerA.session })).expectError('FORBIDDEN');
    expect(listed.extensions?.reason).toBe('ROLE');
    expect((await execute(gateway, Deliveries, { id: hookB.id }, { session: ownerB.session })).expectData().webhookDeliveries.edges).toHaveLength(1);
  });

  it('no access token reaches a webhook field, not even an admin\'s or one with PROJECT WRITE', async () => {
    const { ownerB, projectB, hookB, deliveryB } = await world();
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const adminToken = await createToken(prisma, { kind: 'USER', createdById: admin.id });
    const projectToken = await createToken(prisma, { kind: 'PROJECT', projectId: projectB.id, createdById: ownerB.id, grants: [grant('PROJECT', 'WRITE', { projectId: projectB.id })] });
    for (const token of [adminToken, projectToken]) {
      const as = { token: token.secret };
      const attempts = [
        execute(gateway, Create, { input: { url: URL_A, events: ['TOKEN_CREATED'], projectId: projectB.id } }, as),
        execute(gateway, List, { projectId: projectB.id }, as),
        execute(gateway, Deliveries, { id: hookB.id }, as),
        execute(gateway, Update, { id: hookB.id, input: { url: URL_A } }, as),
        execute(gateway, Delete, { id: hookB.id }, as),
        execute(gateway, Redeliver, { id: deliveryB.id }, as),
      ];
      for (const response of await Promise.all(attempts)) expect(response.expectError('FORBIDDEN').extensions?.reason).toBe('TOKEN_MANAGEMENT');
    }
    expect(await prisma.webhook.count({ where: { projectId: projectB.id } })).toBe(1);
    expect(await prisma.webhookDelivery.count({ where: { webhookId: hookB.id } })).toBe(1);
  });

  it('a hook cannot be pointed at a private address afterwards, nor made to hear nothing', async () => {
    const { ownerB, hookB } = await world();
    for (const url of ['http://127.0.0.1/x', 'http://169.254.169.254/latest/meta-data/', 'gopher://1.1.1.1/']) {
      expect((await execute(gateway, Update, { id: hookB.id, input: { url } }, { session: ownerB.session })).expectError('BAD_USER_INPUT').extensions?.field).toBe('url');
    }
    expect((await execute(gateway, Update, { id: hookB.id, input: { events: [] } }, { session: ownerB.session })).expectError('BAD_USER_INPUT').extensions?.field).toBe('events');
    expect(await prisma.webhook.findUnique({ where: { id: hookB.id } })).toMatchObject({ url: 'https://1.1.1.1/b', events: ['TOKEN_REVOKED'] });
  });
});
