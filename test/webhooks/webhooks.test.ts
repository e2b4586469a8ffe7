/**
 * Webhooks against a real HTTP receiver: Standard Webhooks signatures that the published
 * `standardwebhooks` package verifies, retries driven by the dispatcher's clock (no waiting),
 * the timeout, redirects and the response cap, failure and disabling, and what a payload holds.
 */
import { Webhook } from 'standardwebhooks';
import { describe, expect, it, onTestFinished } from 'vitest';
import { unseal } from '../../src/auth/signing-keys.js';
import { recordEvent } from '../../src/lifecycle/audit.js';
import { MAX_RESPONSE_BYTES, RETRY_WINDOW_MS, WebhookDispatcher, WEBHOOK_SECRET_PURPOSE } from '../../src/webhooks/dispatcher.js';
import { graphql } from '../gql/index.js';
import { execute } from '../helpers/execute.js';
import { addMember, createProject, createToken, createUser, grant, PASSWORD } from '../helpers/factories.js';
import { setupGateway, TEST_KEY_SECRET } from '../helpers/gateway.js';
import { startReceiver } from '../helpers/receiver.js';

// The dispatcher sends whatever is due in its database: this file has one of its own. Receivers
// listen on loopback, which only SCOPEGATE_WEBHOOK_ALLOW_PRIVATE lets through.
const TIMEOUT_MS = 300;
const { gateway, prisma } = await setupGateway({
  isolated: true,
  env: { SCOPEGATE_WEBHOOK_ALLOW_PRIVATE: '1', SCOPEGATE_WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS) },
});

const CreateWebhook = graphql(`
  mutation WhCreate($input: CreateWebhookInput!) {
    createWebhook(input: $input) { secret webhook { id url events enabled project { id } } }
  }
`);
const Deliveries = graphql(`
  query WhDeliveries($id: ID!, $first: Int, $after: String) {
    webhookDeliveries(webhookId: $id, first: $first, after: $after) {
      edges { node { id messageId event status attempts lastResponseStatus lastError nextAttemptAt deliveredAt payload } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const Redeliver = graphql(`mutation WhRedeliver($id: ID!) { redeliverWebhook(deliveryId: $id) { id messageId status attempts } }`);
const UpdateWebhook = graphql(`mutation WhUpdate($id: ID!, $input: UpdateWebhookInput!) { updateWebhook(id: $id, input: $input) { id enabled failingSince disabledAt events } }`);
const CreateToken = graphql(`
  mutation WhCreateToken($input: CreateTokenInput!, $password: String!) {
    createToken(input: $input, password: $password) { secret token { id displayPrefix } }
  }
`);
const Regenerate = graphql(`mutation WhRegenerate($id: ID!, $password: String!) { regenerateToken(id: $id, password: $password) { secret token { displayPrefix } } }`);
const UpdateToken = graphql(`mutation WhUpdateToken($id: ID!, $password: String!) { updateToken(id: $id, input: { name: "renamed" }, password: $password) { name } }`);
const Revoke = graphql(`mutation WhRevoke($id: ID!) { revokeToken(id: $id, reason: "done") { status } }`);
const Notifications = graphql(`query WhNotifications { viewer { notifications { nodes { kind message } } } }`);

const ALL_EVENTS = [
  'TOKEN_CREATED',
  'TOKEN_UPDATED',
  'TOKEN_REGENERATED',
  'TOKEN_REVOKED',
  'TOKEN_EXPIRING',
  'TOKEN_EXPIRED',
  'TOKEN_EXPOSED',
  'TOKEN_IP_DENIED',
  'TOKEN_ROTATED_SECRET_REUSED',
] as const;

/** A hook made through the API, removed (with its deliveries) when the test ends. */
async function createHook(session: string, url: string, events: readonly (typeof ALL_EVENTS)[number][], projectId?: string) {
  const created = (await execute(gateway, CreateWebhook, { input: { url, events: [...events], projectId } }, { session })).expectData().createWebhook;
  onTestFinished(async () => void (await prisma.webhook.deleteMany({ where: { id: created.webhook.id } })));
  return created;
}

/** A dispatcher on this file's database whose clock the test moves; until it does, the real time. */
function dispatcher() {
  const clock: { now: Date | undefined } = { now: undefined };
  const instance = new WebhookDispatcher(prisma, { keySecret: TEST_KEY_SECRET, timeoutMs: TIMEOUT_MS, allowPrivate: true, now: () => clock.now ?? new Date() });
  return { instance, clock };
}

async function newToken(session: string, name = 'ci deploy') {
  return (await execute(gateway, CreateToken, { input: { kind: 'USER', name }, password: PASSWORD }, { session })).expectData().createToken;
}

describe('signed deliveries', () => {
  it('verify with the standardwebhooks package, and say what happened to which token, by whom', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const receiver = await startReceiver();
    const hook = await createHook(admin.session, receiver.url, ['TOKEN_CREATED']);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(hook.webhook).toMatchObject({ url: receiver.url, events: ['TOKEN_CREATED'], enabled: true, project: null });
    // At rest the secret is sealed with SCOPEGATE_KEY_SECRET, never kept as given.
    const row = await prisma.webhook.findUniqueOrThrow({ where: { id: hook.webhook.id } });
    expect(row.sealedSecret).not.toContain(hook.secret.slice(6, 20));
    expect(unseal(TEST_KEY_SECRET, row.sealedSecret, WEBHOOK_SECRET_PURPOSE)).toBe(hook.secret);

    const token = await newToken(admin.session);
    const results = await dispatcher().instance.tick();
    expect(results.map((r) => r.outcome)).toEqual(['DELIVERED']);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const payload = new Webhook(hook.secret).verify(request!.body, request!.headers) as Record<string, any>;
    expect(payload).toMatchObject({
      type: 'token.created',
      data: { token: { id: token.token.id, kind: 'USER', name: 'ci deploy', ownerId: admin.id, projectId: null }, actor: { id: admin.id, email: admin.email } },
    });
    expect(Date.parse(payload.timestamp)).not.toBeNaN();
    expect(request!.headers['webhook-id']).toBe(`msg_${payload.data.eventId}`);

    // The signature covers the body, the id and the time: any change fails verification.
    expect(() => new Webhook(hook.secret).verify(request!.body.replace('ci deploy', 'ci deplox'), request!.headers)).toThrow();
    expect(() => new Webhook(hook.secret).verify(request!.body, { ...request!.headers, 'webhook-id': 'msg_other' })).toThrow();
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(request!.body, request!.headers)).toThrow();

    const deliveries = (await execute(gateway, Deliveries, { id: hook.webhook.id }, { session: admin.session })).expectData().webhookDeliveries;
    expect(deliveries.edges.map((e) => [e.node.event, e.node.status, e.node.attempts, e.node.lastResponseStatus])).toEqual([['TOKEN_CREATED', 'DELIVERED', 1, 204]]);
  });

  it('a receiver answering 500 twice then 200 gets 3 attempts with one webhook-id', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const receiver = await startReceiver((_r, n, res) => res.writeHead(n < 2 ? 500 : 200).end('ok'));
    const hook = await createHook(admin.session, receiver.url, ['TOKEN_CREATED']);
    await newToken(admin.session);
    const { instance, clock } = dispatcher();

    const first = await instance.tick();
    expect(first.map((r) => [r.outcome, r.responseStatus])).toEqual([['RETRY', 500]]);
    // Nothing is due before the retry time: the same clock claims nothing.
    expect(await instance.tick()).toEqual([]);
    clock.now = first[0]!.nextAttemptAt!;
    const second = await instance.tick();
    expect(second.map((r) => [r.outcome, r.responseStatus])).toEqual([['RETRY', 500]]);
    // Backoff: the second wait may be up to twice the first one's ceiling.
    expect(second[0]!.nextAttemptAt!.getTime() - clock.now!.getTime()).toBeLessThanOrEqual(10_000);
    clock.now = second[0]!.nextAttemptAt!;
    expect((await instance.tick()).map((r) => [r.outcome, r.responseStatus])).toEqual([['DELIVERED', 200]]);
    clock.now = new Date(clock.now!.getTime() + RETRY_WINDOW_MS);
    expect(await instance.tick()).toEqual([]);

    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    for (const request of receiver.received) expect(() => new Webhook(hook.secret).verify(request.body, request.headers)).not.toThrow();
    const [delivery] = (await execute(gateway, Deliveries, { id: hook.webhook.id }, { session: admin.session })).expectData().webhookDeliveries.edges;
    expect(delivery!.node).toMatchObject({ status: 'DELIVERED', attempts: 3, lastResponseStatus: 200, lastError: null, nextAttemptAt: null });
  });

  it('a receiver that hangs is cut at the timeout, and the delivery is retried later', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const receiver = await startReceiver(() => {}); // never answers
    await createHook(admin.session, receiver.url, ['TOKEN_CREATED']);
    await newToken(admin.session);
    const started = performance.now();
    const [result] = await dispatcher().instance.tick();
    const took = performance.now() - started;
    expect(result).toMatchObject({ outcome: 'RETRY', responseStatus: null, error: `no complete response within ${TIMEOUT_MS} ms` });
    expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS - 10);
    expect(took).toBeLessThan(TIMEOUT_MS + 2_000);
    expect(receiver.received).toHaveLength(1);
  });

  it('a redirect is a failed attempt and is not followed', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const receiver = await startReceiver((_r, _n, res) => res.writeHead(307, { location: '/elsewhere' }).end());
    await createHook(admin.session, receiver.url, ['TOKEN_CREATED']);
    await newToken(admin.session);
    const [result] = await dispatcher().instance.tick();
    expect(result).toMatchObject({ outcome: 'RETRY', responseStatus: 307, error: 'redirect 307 (redirects are not followed)' });
    expect(receiver.received.map((r) => r.path)).toEqual(['/hook']);
  });

  it('reads at most 64 KiB of a response: an endless 200 is a delivery, not a timeout', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    // Headers and more than 64 KiB of body, then the response is never finished.
    const receiver = await startReceiver((_r, _n, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('x'.repeat(MAX_RESPONSE_BYTES + 1024));
    });
    await createHook(admin.session, receiver.url, ['TOKEN_CREATED']);
    await newToken(admin.session);
    const [result] = await dispatcher().instance.tick();
    expect(result).toMatchObject({ outcome: 'DELIVERED', responseStatus: 200 });
  });
});

describe('failures', () => {
  it("a claim whose gateway died is retried once its lease runs out, by another gateway", async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const receiver = await startReceiver();
    const hook = await createHook(admin.session, receiver.url, ['TOKEN_CREATED']);
    await newToken(admin.session);
    // As a gateway leaves it that claimed the delivery and died before recording the attempt.
    const now = new Date();
    await prisma.webhookDelivery.updateMany({ where: { webhookId: hook.webhook.id }, data: { leaseUntil: new Date(now.getTime() + 70_000), attempts: 1 } });
    const { instance, clock } = dispatcher();
    clock.now = new Date(now.getTime() + 60_000);
    expect(await instance.tick()).toEqual([]);
    clock.now = new Date(now.getTime() + 70_000);
    expect((await instance.tick()).map((r) => r.outcome)).toEqual(['DELIVERED']);
    expect(receiver.received).toHaveLength(1);
    expect(await prisma.webhookDelivery.findFirst({ where: { webhookId: hook.webhook.id } })).toMatchObject({ attempts: 2, status: 'DELIVERED', leaseUntil: null });
  });

  it("after 24 hours of failures a delivery is given up and the project's OWNERs are told", async () => {
    const owner = await createUser(prisma);
    const coOwner = await createUser(prisma);
    const editor = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    await addMember(prisma, project.id, coOwner.id, 'OWNER');
    await addMember(prisma, project.id, editor.id, 'EDITOR');
    const receiver = await startReceiver((_r, _n, res) => res.writeHead(503).end());
    const hook = await createHook(owner.session, receiver.url, ['TOKEN_REVOKED'], project.id);
    const token = await createToken(prisma, { kind: 'PROJECT', projectId: project.id, createdById: owner.id, grants: [grant('DEVICE', 'READ', { projectId: project.id })] });
    (await execute(gateway, Revoke, { id: token.id }, { session: owner.session })).expectData();

    const { instance, clock } = dispatcher();
    expect((await instance.tick()).map((r) => r.outcome)).toEqual(['RETRY']);
    clock.now = new Date(Date.now() + RETRY_WINDOW_MS + 1000);
    expect((await instance.tick()).map((r) => r.outcome)).toEqual(['FAILED']);
    clock.now = new Date(clock.now!.getTime() + RETRY_WINDOW_MS);
    expect(await instance.tick()).toEqual([]);
    expect(receiver.received).toHaveLength(2);

    for (const user of [owner, coOwner]) {
      const notices = (await execute(gateway, Notifications, {}, { session: user.session })).expectData().viewer.notifications.nodes;
      expect(notices.map((n) => n.kind)).toEqual(['WEBHOOK_DELIVERY_FAILED']);
      expect(notices[0]!.message).toContain(receiver.url);
    }
    expect((await execute(gateway, Notifications, {}, { session: editor.session })).expectData().viewer.notifications.nodes).toEqual([]);
    const [delivery] = (await execute(gateway, Deliveries, { id: hook.webhook.id }, { session: owner.session })).expectData().webhookDeliveries.edges;
    expect(delivery!.node).toMatchObject({ status: 'FAILED', attempts: 2, lastResponseStatus: 503, lastError: 'answered 503' });
  });

  it('a hook failing for 3 days is disabled, its admins told; enabling it sends again', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    let up = false;
    const receiver = await startReceiver((_r, _n, res) => res.writeHead(up ? 200 : 500).end());
    const hook = await createHook(admin.session, receiver.url, ['TOKEN_CREATED']);
    const { instance, clock } = dispatcher();
    await newToken(admin.session, 'first');
    const start = new Date();
    clock.now = start;
    expect((await instance.tick()).map((r) => r.outcome)).toEqual(['RETRY']);
    const failing = await prisma.webhook.findUniqueOrThrow({ where: { id: hook.webhook.id } });
    expect(failing.failingSince).toEqual(start);

    // Three days on, a new event fails too (the first was given up after 24 hours).
    clock.now = new Date(start.getTime() + 3 * 86_400_000 + 1000);
    await recordEvent(prisma, { tokenId: (await newToken(admin.session, 'second')).token.id, kind: 'UPDATED', actorId: null, ip: null });
    await instance.tick();
    const disabled = await prisma.webhook.findUniqueOrThrow({ where: { id: hook.webhook.id } });
    expect(disabled).toMatchObject({ enabled: false, disabledReason: 'every delivery failed for 3 days' });
    const notices = (await execute(gateway, Notifications, {}, { session: admin.session })).expectData().viewer.notifications.nodes;
    expect(notices.map((n) => n.kind)).toContain('WEBHOOK_DISABLED');

    // A disabled hook gets no new deliveries and sends none of those pending.
    const before = receiver.received.length;
    await newToken(admin.session, 'third');
    expect(await prisma.webhookDelivery.count({ where: { webhookId: hook.webhook.id, payload: { path: ['data', 'token', 'name'], equals: 'third' } } })).toBe(0);
    clock.now = new Date(clock.now!.getTime() + 3_600_000);
    expect(await instance.tick()).toEqual([]);
    expect(receiver.received).toHaveLength(before);

    up = true;
    const enabled = (await execute(gateway, UpdateWebhook, { id: hook.webhook.id, input: { enabled: true } }, { session: admin.session })).expectData().updateWebhook;
    expect(enabled).toMatchObject({ enabled: true, failingSince: null, disabledAt: null });
    await newToken(admin.session, 'fourth');
    const sent = await instance.tick();
    expect(sent.some((r) => r.outcome === 'DELIVERED')).toBe(true);
  });

  it('redeliverWebhook sends a delivery again with the same webhook-id and payload', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const receiver = await startReceiver();
    const hook = await createHook(admin.session, receiver.url, ['TOKEN_CREATED']);
    await newToken(admin.session);
    const { instance } = dispatcher();
    await instance.tick();
    const [original] = (await execute(gateway, Deliveries, { id: hook.webhook.id }, { session: admin.session })).expectData().webhookDeliveries.edges;
    const again = (await execute(gateway, Redeliver, { id: original!.node.id }, { session: admin.session })).expectData().redeliverWebhook;
    expect(again).toMatchObject({ messageId: original!.node.messageId, status: 'PENDING', attempts: 0 });
    await instance.tick();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(receiver.received[0]!.headers['webhook-id']);
    const page = (await execute(gateway, Deliveries, { id: hook.webhook.id, first: 1 }, { session: admin.session })).expectData().webhookDeliveries;
    expect(page.edges.map((e) => e.node.id)).toEqual([again.id]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = (await execute(gateway, Deliveries, { id: hook.webhook.id, first: 1, after: page.pageInfo.endCursor }, { session: admin.session })).expectData().webhookDeliveries;
    expect(next.edges.map((e) => e.node.id)).toEqual([original!.node.id]);
  });
});

describe('what a hook hears', () => {
  it("a project's hook hears its own PROJECT tokens only, not tokens that merely hold a grant on it", async () => {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const other = await createProject(prisma, owner.id);
    const receiver = await startReceiver();
    const hook = await createHook(owner.session, receiver.url, ['TOKEN_UPDATED'], project.id);
    const own = await createToken(prisma, { kind: 'PROJECT', projectId: project.id, createdById: owner.id, grants: [grant('DEVICE', 'READ', { projectId: project.id })] });
    const granted = await createToken(prisma, { kind: 'CUSTOM', createdById: owner.id, grants: [grant('DEVICE', 'WRITE', { projectId: project.id })] });
    const elsewhere = await createToken(prisma, { kind: 'PROJECT', projectId: other.id, createdById: owner.id, grants: [grant('DEVICE', 'READ', { projectId: other.id })] });
    for (const token of [own, granted, elsewhere]) await recordEvent(prisma, { tokenId: token.id, kind: 'UPDATED', actorId: owner.id, ip: null });
    // An event the hook did not subscribe to enqueues nothing.
    await recordEvent(prisma, { tokenId: own.id, kind: 'REVOKED', actorId: owner.id, ip: null });
    const deliveries = await prisma.webhookDelivery.findMany({ where: { webhookId: hook.webhook.id } });
    expect(deliveries.map((d) => [(d.payload as any).data.token.id, d.event])).toEqual([[own.id, 'TOKEN_UPDATED']]);
  });

  it('no payload holds a secret, a digest or a display prefix, through a whole token life', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const receiver = await startReceiver();
    const hook = await createHook(admin.session, receiver.url, ALL_EVENTS);
    const created = await newToken(admin.session, 'lifecycle');
    const regenerated = (await execute(gateway, Regenerate, { id: created.token.id, password: PASSWORD }, { session: admin.session })).expectData().regenerateToken;
    (await execute(gateway, UpdateToken, { id: created.token.id, password: PASSWORD }, { session: admin.session })).expectData();
    for (const kind of ['EXPIRING', 'EXPIRED', 'EXPOSED', 'DENIED_IP', 'ROTATED', 'ROTATED_SECRET_REUSED'] as const) {
      await recordEvent(prisma, { tokenId: created.token.id, kind, actorId: null, ip: '203.0.113.9', details: { reason: 'test', secret: created.secret, digest: 'x'.repeat(64) } });
    }
    (await execute(gateway, Revoke, { id: created.token.id }, { session: admin.session })).expectData();
    // A tick sends at most MAX_IN_FLIGHT_PER_HOOK of one hook's deliveries: tick until all ten are out.
    const sender = dispatcher().instance;
    for (let i = 0; i < 10 && receiver.received.length < 10; i++) await sender.tick();

    const token = await prisma.accessToken.findUniqueOrThrow({ where: { id: created.token.id } });
    const bodies = receiver.received.map((r) => r.body);
    expect(bodies.map((b) => JSON.parse(b).type).sort()).toEqual(
      [
        'token.created',
        'token.regenerated',
        'token.updated',
        'token.expiring',
        'token.expired',
        'token.exposed',
        'token.ip_denied',
        'token.regenerated',
        'token.rotated_secret_reused',
        'token.revoked',
      ].sort(),
    );
    const stored = (await prisma.webhookDelivery.findMany({ where: { webhookId: hook.webhook.id } })).map((d) => JSON.stringify(d.payload));
    for (const text of [...bodies, ...stored]) {
      for (const secret of [created.secret, regenerated.secret, hook.secret, hook.secret.slice(6)]) expect(text).not.toContain(secret);
      for (const prefix of [created.token.displayPrefix, regenerated.token.displayPrefix, token.displayPrefix]) expect(text).not.toContain(prefix);
      expect(text).not.toContain(token.digest);
      expect(text).not.toMatch(/"(secret|digest|displayPrefix)"/);
    }
  });
});
