/**
 * Three gateway processes on one database, each running its dispatcher: every event reaches the
 * receiver exactly once.
 */
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { seal } from '../../src/auth/signing-keys.js';
import { createPrisma } from '../../src/db/client.js';
import { recordEvent } from '../../src/lifecycle/audit.js';
import { WEBHOOK_SECRET_PURPOSE } from '../../src/webhooks/dispatcher.js';
import { execute } from '../helpers/execute.js';
import { createToken, createUser, PASSWORD } from '../helpers/factories.js';
import { isolatedDatabase, TEST_KEY_SECRET } from '../helpers/gateway.js';
import { startReceiver } from '../helpers/receiver.js';
import { gatewayProcesses } from '../helpers/servers.js';

const gateways = gatewayProcesses({
  SCOPEGATE_WEBHOOK_ALLOW_PRIVATE: '1',
  // Often, so that all three compete for the same deliveries.
  SCOPEGATE_WEBHOOK_INTERVAL_MS: '100',
});
const startGateway = gateways.start;

const CreateToken = `mutation($name: String!, $password: String!) { createToken(input: { kind: USER, name: $name }, password: $password) { token { id } } }`;

describe('three gateways on one database', () => {
  it('send exactly one delivery per event', { timeout: 180_000 }, async () => {
    const databaseUrl = await isolatedDatabase();
    const prisma = createPrisma(databaseUrl);
    const receiver = await startReceiver();
    const secret = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
    const hook = await prisma.webhook.create({
      data: { url: receiver.url, events: ['TOKEN_CREATED'], sealedSecret: seal(TEST_KEY_SECRET, secret, WEBHOOK_SECRET_PURPOSE) },
    });
    const bases = await Promise.all([startGateway(databaseUrl), startGateway(databaseUrl), startGateway(databaseUrl)]);
    const admin = await createUser(prisma, { role: 'ADMIN' });

    // Events made through each gateway, and a burst of them at once that all three see together.
    for (const [i, base] of bases.entries()) {
      const response = await execute<any, any>(`${base}/graphql`, CreateToken, { name: `through gateway ${i}`, password: PASSWORD }, { session: admin.session });
      response.expectData();
    }
    const tokens = await Promise.all(Array.from({ length: 30 }, (_, i) => createToken(prisma, { kind: 'USER', name: `burst ${i}`, createdById: admin.id })));
    await prisma.$transaction(async (tx) => {
      for (const token of tokens) await recordEvent(tx, { tokenId: token.id, kind: 'CREATED', actorId: admin.id, ip: null });
    });
    const events = await prisma.tokenEvent.count({ where: { kind: 'CREATED' } });
    expect(events).toBe(33);

    // Until the outbox is empty; then the gateways stop, each finishing what it has in flight.
    const deadline = performance.now() + 60_000;
    while ((await prisma.webhookDelivery.count({ where: { webhookId: hook.id, status: { not: 'DELIVERED' } } })) > 0) {
      if (performance.now() > deadline) throw new Error('deliveries still pending after 60 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await gateways.stopAll();

    expect(receiver.received).toHaveLength(33);
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(33);
    for (const request of receiver.received) expect(() => new Webhook(secret).verify(request.body, request.headers)).not.toThrow();
    const attempts = await prisma.webhookDelivery.aggregate({ where: { webhookId: hook.id }, _sum: { attempts: true }, _count: true });
    expect(attempts).toMatchObject({ _count: 33, _sum: { attempts: 33 } });
    await prisma.$disconnect();
  });
});
