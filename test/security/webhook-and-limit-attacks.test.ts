/**
 * Adversarial review of #20 (signed webhooks, outbox, SSRF rules) and #22 (per-token limits leased
 * from PostgreSQL). Each describe names the rule its tests prove; a failing test is a finding.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { recordEvent } from '../../src/lifecycle/audit.js';
import { ExpiryNotifier } from '../../src/lifecycle/expiry-notices.js';
import { MAX_PENDING_PER_HOOK, REDELIVERIES_PER_HOOK } from '../../src/schema/webhooks.js';
import { WebhookDispatcher } from '../../src/webhooks/dispatcher.js';
import { execute } from '../helpers/execute.js';
import { addMember, createProject, createToken, createUser, grant } from '../helpers/factories.js';
import { setupGateway, TEST_KEY_SECRET } from '../helpers/gateway.js';
import { startReceiver } from '../helpers/receiver.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

// Without SCOPEGATE_WEBHOOK_ALLOW_PRIVATE: the production rules for addresses. No dispatcher runs
// on this database, so deliveries stay in the outbox where the test reads them.
const { gateway, prisma } = await setupGateway();
// A database of its own with loopback receivers allowed, for tests that run a dispatcher.
const TIMEOUT_MS = 300;
const isolated = await setupGateway({ isolated: true, env: { SCOPEGATE_WEBHOOK_ALLOW_PRIVATE: '1', SCOPEGATE_WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS) } });

const CREATE_HOOK = 'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id } } }';
const DELIVERIES = 'query($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id event payload } } } }';
const REDELIVER = 'mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }';
const REVOKE = 'mutation($id: ID!) { revokeToken(id: $id, reason: "cleanup") { id } }';
const EXPLAIN = 'query($id: ID!, $query: String!) { explainToken(id: $id, query: $query) { path allowed code } }';

function rotate(secret: string) {
  return gateway.fetch('http://scopegate.test/auth/token/rotate', { method: 'POST', headers: { authorization: `Bearer ${secret}` } });
}

describe('rule: a refused webhook URL names no address its host resolves to (#20)', () => {
  it('a refused webhook URL does not tell a project OWNER what internal names resolve to', async () => {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    // On a real deployment this is db.internal.corp or a Kubernetes service name: the refusal
    // turns createWebhook into a resolver for the gateway's private DNS view.
    const refused = (await execute<Any, unknown>(gateway, CREATE_HOOK, { input: { url: 'http://localhost:8080/x', events: ['TOKEN_CREATED'], projectId: project.id } }, { session: owner.session })).expectError(
      'BAD_USER_INPUT',
    );
    expect(refused.message).not.toMatch(/127\.0\.0\.1|::1/);
    expect(refused.message).toMatch(/resolves to a non-public address/);
  });
});

describe('rule: a project hook names an actor outside the project by id only (#20)', () => {
  it("a project's hook payload does not give its OWNERs the e-mail of an admin who is not a member", async () => {
    const owner = await createUser(prisma);
    const admin = await createUser(prisma, { role: 'ADMIN', email: `ops-${Date.now()}@internal.example` });
    const project = await createProject(prisma, owner.id);
    const hook = (await execute<Any, unknown>(gateway, CREATE_HOOK, { input: { url: 'https://1.1.1.1/hook', events: ['TOKEN_REVOKED'], projectId: project.id } }, { session: owner.session })).expectData()
      .createWebhook;
    onTestFinished(async () => void (await prisma.webhook.deleteMany({ where: { id: hook.webhook.id } })));
    const token = await createToken(prisma, { kind: 'PROJECT', projectId: project.id, createdById: owner.id, grants: [grant('DEVICE', 'READ', { projectId: project.id })] });
    (await execute<Any, unknown>(gateway, REVOKE, { id: token.id }, { session: admin.session })).expectData();
    const edges = (await execute<Any, unknown>(gateway, DELIVERIES, { id: hook.webhook.id }, { session: owner.session })).expectData().webhookDeliveries.edges;
    expect(edges).toHaveLength(1);
    // The admin is no member of the project: the OWNER cannot otherwise read this address.
    expect(JSON.stringify(edges[0].node.payload)).not.toContain(admin.email);
    expect(edges[0].node.payload.data.actor).toEqual({ id: admin.id });
  });

  it("a member who acts on the project's token is named with their e-mail and address", async () => {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const hook = (await execute<Any, unknown>(gateway, CREATE_HOOK, { input: { url: 'https://1.1.1.1/member', events: ['TOKEN_REVOKED'], projectId: project.id } }, { session: owner.session })).expectData()
      .createWebhook;
    onTestFinished(async () => void (await prisma.webhook.deleteMany({ where: { id: hook.webhook.id } })));
    const token = await createToken(prisma, { kind: 'PROJECT', projectId: project.id, createdById: owner.id, grants: [grant('DEVICE', 'READ', { projectId: project.id })] });
    await recordEvent(prisma, { tokenId: token.id, kind: 'REVOKED', actorId: owner.id, ip: '203.0.113.7' });
    const [delivery] = await prisma.webhookDelivery.findMany({ where: { webhookId: hook.webhook.id } });
    expect((delivery!.payload as Any).data).toMatchObject({ actor: { id: owner.id, email: owner.email }, ip: '203.0.113.7' });
  });
});

describe("rule: a hook whose creator loses OWNER (ADMIN for an instance-wide hook) is disabled, its owners told (#20)", () => {
  it('an OWNER removed from the project stops receiving its tokens\' events through the hook they made', async () => {
    const leaver = await createUser(prisma);
    const stayer = await createUser(prisma);
    const project = await createProject(prisma, stayer.id);
    await addMember(prisma, project.id, leaver.id, 'OWNER');
    const hook = (await execute<Any, unknown>(gateway, CREATE_HOOK, { input: { url: 'https://1.1.1.1/leaver', events: ['TOKEN_REVOKED'], projectId: project.id } }, { session: leaver.session })).expectData()
      .createWebhook;
    onTestFinished(async () => void (await prisma.webhook.deleteMany({ where: { id: hook.webhook.id } })));
    await prisma.projectMember.deleteMany({ where: { projectId: project.id, userId: leaver.id } });
    await gateway.authenticator.cache.clear();
    const token = await createToken(prisma, { kind: 'PROJECT', projectId: project.id, createdById: stayer.id, grants: [grant('DEVICE', 'READ', { projectId: project.id })] });
    (await execute<Any, unknown>(gateway, REVOKE, { id: token.id }, { session: stayer.session })).expectData();
    // The leaver's own URL still gets the project's token events (names, ids, actors' e-mails, IPs).
    const queued = await prisma.webhookDelivery.count({ where: { webhookId: hook.webhook.id, webhook: { enabled: true } } });
    expect(queued).toBe(0);
    const disabled = await prisma.webhook.findUniqueOrThrow({ where: { id: hook.webhook.id } });
    expect(disabled).toMatchObject({ enabled: false, disabledReason: 'its creator is no longer an OWNER of the project' });
    const told = await prisma.notification.findMany({ where: { kind: 'WEBHOOK_DISABLED', message: { contains: 'https://1.1.1.1/leaver' } } });
    expect(told.map((n) => n.userId)).toEqual([stayer.id]);

    // The remaining OWNER turns it back on and answers for it: events reach it again.
    (await execute<Any, unknown>(gateway, 'mutation($id: ID!) { updateWebhook(id: $id, input: { enabled: true }) { enabled } }', { id: hook.webhook.id }, { session: stayer.session })).expectData();
    const next = await createToken(prisma, { kind: 'PROJECT', projectId: project.id, createdById: stayer.id, grants: [grant('DEVICE', 'READ', { projectId: project.id })] });
    (await execute<Any, unknown>(gateway, REVOKE, { id: next.id }, { session: stayer.session })).expectData();
    expect(await prisma.webhookDelivery.count({ where: { webhookId: hook.webhook.id, webhook: { enabled: true } } })).toBe(1);
  });

  it('an admin demoted to member stops receiving every token\'s events through their instance-wide hook', async () => {
    const db = isolated.prisma;
    const admin = await createUser(db, { role: 'ADMIN' });
    const hook = (await execute<Any, unknown>(isolated.gateway, CREATE_HOOK, { input: { url: 'https://1.1.1.1/demoted', events: ['TOKEN_REVOKED'], projectId: null } }, { session: admin.session })).expectData()
      .createWebhook;
    onTestFinished(async () => void (await db.webhook.deleteMany({ where: { id: hook.webhook.id } })));
    await db.user.update({ where: { id: admin.id }, data: { role: 'MEMBER' } });
    const token = await createToken(db, { kind: 'USER', createdById: admin.id });
    await recordEvent(db, { tokenId: token.id, kind: 'REVOKED', actorId: null, ip: null });
    expect(await db.webhookDelivery.count({ where: { webhookId: hook.webhook.id } })).toBe(0);
    expect(await db.webhook.findUniqueOrThrow({ where: { id: hook.webhook.id } })).toMatchObject({ enabled: false, disabledReason: 'its creator is no longer an admin' });
  });
});

describe('rule: cloud metadata addresses are refused even with SCOPEGATE_WEBHOOK_ALLOW_PRIVATE (#20)', () => {
  it('SCOPEGATE_WEBHOOK_ALLOW_PRIVATE (for private networks) still keeps a project OWNER off the cloud metadata address', async () => {
    const owner = await createUser(isolated.prisma);
    const project = await createProject(isolated.prisma, owner.id);
    const answer = await execute<Any, unknown>(isolated.gateway, CREATE_HOOK, { input: { url: 'http://169.254.169.254/latest/api/token', events: ['TOKEN_CREATED'], projectId: project.id } }, { session: owner.session });
    onTestFinished(async () => void (await isolated.prisma.webhook.deleteMany({ where: { projectId: project.id } })));
    answer.expectError('BAD_USER_INPUT');
  });
});

describe('rule: one hook cannot hold up the others: fair claims, limited redeliveries (#20)', () => {
  it("one OWNER's flood of redeliveries to a slow receiver does not hold up other projects' deliveries", async () => {
    const db = isolated.prisma;
    const attacker = await createUser(db);
    const victim = await createUser(db);
    const attackerProject = await createProject(db, attacker.id);
    const victimProject = await createProject(db, victim.id);
    const slow = await startReceiver(() => {}); // never answers: every attempt takes the whole timeout
    const fast = await startReceiver();
    const evil = (await execute<Any, unknown>(isolated.gateway, CREATE_HOOK, { input: { url: slow.url, events: ['TOKEN_REVOKED'], projectId: attackerProject.id } }, { session: attacker.session })).expectData()
      .createWebhook;
    const good = (await execute<Any, unknown>(isolated.gateway, CREATE_HOOK, { input: { url: fast.url, events: ['TOKEN_REVOKED'], projectId: victimProject.id } }, { session: victim.session })).expectData()
      .createWebhook;
    onTestFinished(async () => void (await db.webhook.deleteMany({ where: { id: { in: [evil.webhook.id, good.webhook.id] } } })));
    const attackerToken = await createToken(db, { kind: 'PROJECT', projectId: attackerProject.id, createdById: attacker.id, grants: [grant('DEVICE', 'READ', { projectId: attackerProject.id })] });
    await recordEvent(db, { tokenId: attackerToken.id, kind: 'REVOKED', actorId: attacker.id, ip: null });
    const [original] = await db.webhookDelivery.findMany({ where: { webhookId: evil.webhook.id } });
    // redeliverWebhook has no limit: each call queues one more delivery due now.
    for (let i = 0; i < 25; i++) (await execute<Any, unknown>(isolated.gateway, REDELIVER, { id: original!.id }, { session: attacker.session })).expectData();
    // Then the victim's token is revoked: the event its OWNER must hear about.
    const victimToken = await createToken(db, { kind: 'PROJECT', projectId: victimProject.id, createdById: victim.id, grants: [grant('DEVICE', 'READ', { projectId: victimProject.id })] });
    await recordEvent(db, { tokenId: victimToken.id, kind: 'REVOKED', actorId: victim.id, ip: null });
    const dispatcher = new WebhookDispatcher(db, { keySecret: TEST_KEY_SECRET, timeoutMs: TIMEOUT_MS, allowPrivate: true });
    await dispatcher.tick();
    // The whole claim went to the attacker's hook (20 slow attempts); the victim's waits.
    expect(fast.received).toHaveLength(1);
  });

  it(`redeliverWebhook is limited to ${REDELIVERIES_PER_HOOK.max} an hour per hook`, async () => {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const hook = (await execute<Any, unknown>(gateway, CREATE_HOOK, { input: { url: 'https://1.1.1.1/often', events: ['TOKEN_REVOKED'], projectId: project.id } }, { session: owner.session })).expectData()
      .createWebhook;
    onTestFinished(async () => void (await prisma.webhook.deleteMany({ where: { id: hook.webhook.id } })));
    const token = await createToken(prisma, { kind: 'PROJECT', projectId: project.id, createdById: owner.id, grants: [grant('DEVICE', 'READ', { projectId: project.id })] });
    await recordEvent(prisma, { tokenId: token.id, kind: 'REVOKED', actorId: owner.id, ip: null });
    const [original] = await prisma.webhookDelivery.findMany({ where: { webhookId: hook.webhook.id } });
    // The hour's allowance already spent (as if by another gateway or another OWNER).
    await prisma.rateLimit.create({ data: { key: `redeliver:${hook.webhook.id}`, windowStart: new Date(), count: REDELIVERIES_PER_HOOK.max } });
    (await execute<Any, unknown>(gateway, REDELIVER, { id: original!.id }, { session: owner.session })).expectError('RATE_LIMITED');
    expect(await prisma.webhookDelivery.count({ where: { webhookId: hook.webhook.id } })).toBe(1);
  });

  it(`a hook with ${MAX_PENDING_PER_HOOK} deliveries waiting takes no redelivery`, async () => {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const hook = (await execute<Any, unknown>(gateway, CREATE_HOOK, { input: { url: 'https://1.1.1.1/backlog', events: ['TOKEN_REVOKED'], projectId: project.id } }, { session: owner.session })).expectData()
      .createWebhook;
    onTestFinished(async () => void (await prisma.webhook.deleteMany({ where: { id: hook.webhook.id } })));
    const token = await createToken(prisma, { kind: 'PROJECT', projectId: project.id, createdById: owner.id, grants: [grant('DEVICE', 'READ', { projectId: project.id })] });
    await recordEvent(prisma, { tokenId: token.id, kind: 'REVOKED', actorId: owner.id, ip: null });
    const [original] = await prisma.webhookDelivery.findMany({ where: { webhookId: hook.webhook.id } });
    await prisma.webhookDelivery.createMany({
      data: Array.from({ length: MAX_PENDING_PER_HOOK - 1 }, () => ({ webhookId: hook.webhook.id, messageId: original!.messageId, event: original!.event, payload: original!.payload as object })),
    });
    const refused = (await execute<Any, unknown>(gateway, REDELIVER, { id: original!.id }, { session: owner.session })).expectError('BAD_USER_INPUT');
    expect(refused.message).toMatch(/deliveries waiting/);
    expect(await prisma.webhookDelivery.count({ where: { webhookId: hook.webhook.id } })).toBe(MAX_PENDING_PER_HOOK);
  });
});

describe('rule: a refused mutation leaves no event and no delivery behind (#20)', () => {
  it('a mutation refused in its second root field leaves no event and no delivery behind', async () => {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const hook = (await execute<Any, unknown>(gateway, CREATE_HOOK, { input: { url: 'https://1.1.1.1/rollback', events: ['TOKEN_REVOKED'], projectId: project.id } }, { session: owner.session })).expectData()
      .createWebhook;
    onTestFinished(async () => void (await prisma.webhook.deleteMany({ where: { id: hook.webhook.id } })));
    const token = await createToken(prisma, { kind: 'PROJECT', projectId: project.id, createdById: owner.id, grants: [grant('DEVICE', 'READ', { projectId: project.id })] });
    const answer = await execute<Any, unknown>(gateway, `mutation { a: revokeToken(id: "${token.id}") { id } b: revokeToken(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, { session: owner.session });
    expect(answer.body.errors?.length).toBeGreaterThan(0);
    expect(await prisma.webhookDelivery.count({ where: { webhookId: hook.webhook.id } })).toBe(0);
    expect(await prisma.tokenEvent.count({ where: { tokenId: token.id, kind: 'REVOKED' } })).toBe(0);
    expect((await prisma.accessToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();
  });

});

describe('rule: every delivery attempt is cut at the timeout, whatever the receiver does (#20)', () => {
  it('a receiver that sends its headers and then trickles its body is cut at the timeout', async () => {
    const db = isolated.prisma;
    const admin = await createUser(db, { role: 'ADMIN' });
    const receiver = await startReceiver((_r, _n, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write('x')), 50);
      res.on('close', () => clearInterval(drip));
    });
    const hook = (await execute<Any, unknown>(isolated.gateway, CREATE_HOOK, { input: { url: receiver.url, events: ['TOKEN_REVOKED'], projectId: null } }, { session: admin.session })).expectData().createWebhook;
    onTestFinished(async () => void (await db.webhook.deleteMany({ where: { id: hook.webhook.id } })));
    const token = await createToken(db, { kind: 'USER', createdById: admin.id });
    await recordEvent(db, { tokenId: token.id, kind: 'REVOKED', actorId: admin.id, ip: null });
    const dispatcher = new WebhookDispatcher(db, { keySecret: TEST_KEY_SECRET, timeoutMs: TIMEOUT_MS, allowPrivate: true });
    const started = performance.now();
    const results = await dispatcher.tick();
    const took = performance.now() - started;
    const [delivery] = await db.webhookDelivery.findMany({ where: { webhookId: hook.webhook.id } });
    const mine = results.find((r) => r.deliveryId === delivery!.id);
    expect(took).toBeLessThan(TIMEOUT_MS + 2_000);
    expect(mine).toMatchObject({ outcome: 'RETRY', error: `no complete response within ${TIMEOUT_MS} ms` });
  });
});

describe('rule: disuse counts from notBefore when it is later (#22)', () => {
  it('unused-token hygiene does not revoke a token whose notBefore has not come: it could not have been used', async () => {
    const db = isolated.prisma;
    const DAY = 86_400_000;
    const now = Date.now();
    await db.tokenPolicy.upsert({ where: { id: 1 }, create: { id: 1, revokeUnusedAfterDays: 30 }, update: { revokeUnusedAfterDays: 30 } });
    onTestFinished(async () => void (await db.tokenPolicy.update({ where: { id: 1 }, data: { revokeUnusedAfterDays: null } })));
    const user = await createUser(db);
    // Made today for a rollout in 60 days: every door refuses it until then.
    const scheduled = await createToken(db, { kind: 'USER', createdById: user.id, limits: { notBefore: new Date(now + 60 * DAY) } });
    const notifier = new ExpiryNotifier(db, undefined);
    await notifier.runOnce(new Date(now + 24 * DAY));
    const result = await notifier.runOnce(new Date(now + 32 * DAY));
    expect(result.revokedUnused).not.toContain(scheduled.id);
    expect((await db.accessToken.findUniqueOrThrow({ where: { id: scheduled.id } })).revokedAt).toBeNull();
  });
});

describe('rule: the rotation door refuses what every other door refuses, and counts a use (#22)', () => {
  it('the rotation door refuses a token before its notBefore, like an expired one', async () => {
    const user = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id, selfRotate: true, limits: { notBefore: new Date(Date.now() + 86_400_000) } });
    // Every other door refuses it.
    expect((await execute(gateway, '{ viewer { authMethod } }', {}, { token: token.secret })).status).toBe(401);
    const response = await rotate(token.secret);
    expect(response.status, await response.clone().text()).toBe(401);
  });

  it('the rotation door counts a use: a used-up token (maxUses) cannot renew its secret', async () => {
    const user = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id, selfRotate: true, limits: { maxUses: 1 } });
    expect((await execute(gateway, '{ viewer { authMethod } }', {}, { token: token.secret })).status).toBe(200);
    expect((await execute(gateway, '{ viewer { authMethod } }', {}, { token: token.secret })).status).toBe(401);
    const response = await rotate(token.secret);
    expect(response.status, await response.clone().text()).toBe(401);
  });

  it('a rotation is a use: with maxUses 2, a rotation and one request are all there is', async () => {
    const user = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id, selfRotate: true, limits: { maxUses: 2 } });
    const response = await rotate(token.secret);
    expect(response.status, await response.clone().text()).toBe(200);
    const { secret } = (await response.json()) as { secret: string };
    expect((await execute(gateway, '{ viewer { authMethod } }', {}, { token: secret })).status).toBe(200);
    expect((await execute(gateway, '{ viewer { authMethod } }', {}, { token: secret })).status).toBe(401);
  });

  it('a rotation refused for another reason costs no use', async () => {
    const user = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id, selfRotate: false, limits: { maxUses: 1 } });
    expect((await rotate(token.secret)).status).toBe(403);
    expect((await execute(gateway, '{ viewer { authMethod } }', {}, { token: token.secret })).status).toBe(200);
  });
});

describe('rule: explainToken says a token that cannot act cannot act at all (#22)', () => {
  it('explainToken says a token before its notBefore cannot act at all', async () => {
    const user = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id, limits: { notBefore: new Date(Date.now() + 86_400_000) } });
    const answer = await execute<Any, unknown>(gateway, EXPLAIN, { id: token.id, query: '{ viewer { authMethod } }' }, { session: user.session });
    expect(answer.expectError('BAD_USER_INPUT').message).toMatch(/cannot act/);
  });

  it('explainToken says a used-up token (maxUses) cannot act at all', async () => {
    const user = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id, limits: { maxUses: 1 } });
    (await execute(gateway, EXPLAIN, { id: token.id, query: '{ viewer { authMethod } }' }, { session: user.session })).expectData();
    expect((await execute(gateway, '{ viewer { authMethod } }', {}, { token: token.secret })).status).toBe(200);
    const answer = await execute<Any, unknown>(gateway, EXPLAIN, { id: token.id, query: '{ viewer { authMethod } }' }, { session: user.session });
    expect(answer.expectError('BAD_USER_INPUT').message).toMatch(/cannot act at all: access token used up/);
  });
});
