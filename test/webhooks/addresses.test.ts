/**
 * No SSRF: webhook URLs are http(s), and every address their host resolves to must be a public
 * unicast one, at creation and again as each delivery connects.
 */
import { describe, expect, it } from 'vitest';
import { seal } from '../../src/auth/signing-keys.js';
import { recordEvent } from '../../src/lifecycle/audit.js';
import { refusedAddress } from '../../src/webhooks/addresses.js';
import { WebhookDispatcher, WEBHOOK_SECRET_PURPOSE } from '../../src/webhooks/dispatcher.js';
import { graphql } from '../gql/index.js';
import { execute } from '../helpers/execute.js';
import { createProject, createToken, createUser } from '../helpers/factories.js';
import { setupGateway, TEST_KEY_SECRET } from '../helpers/gateway.js';
import { startReceiver } from '../helpers/receiver.js';

const CreateWebhook = graphql(`mutation WhAddrCreate($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id url } } }`);

describe('refusedAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['169.254.1.1', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd00:ec2::254', 'metadata'],
    ['fc00::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['2002:7f00:1::1', '6to4'],
    ['64:ff9b::7f00:1', 'rfc6052'],
  ])('%s is refused (%s)', (address, range) => {
    expect(refusedAddress(address)).toContain(range === 'metadata' ? 'cloud metadata' : range);
  });

  it.each(['1.1.1.1', '8.8.8.8', '93.184.215.14', '2606:4700:4700::1111', '2a00:1450:4001:82b::200e'])('%s is allowed', (address) => {
    expect(refusedAddress(address)).toBeNull();
  });

  it.each(['169.254.169.254', 'fd00:ec2::254', '::ffff:169.254.169.254', '64:ff9b::a9fe:a9fe', '2002:a9fe:a9fe::1', '169.254.170.2', '100.100.100.200'])(
    '%s (cloud metadata) is refused even with SCOPEGATE_WEBHOOK_ALLOW_PRIVATE',
    (address) => {
      expect(refusedAddress(address, true)).toContain('cloud metadata');
    },
  );

  it.each(['127.0.0.1', '10.1.2.3', '::1', 'fc00::1', '169.254.1.1'])('%s (private) is allowed with SCOPEGATE_WEBHOOK_ALLOW_PRIVATE', (address) => {
    expect(refusedAddress(address, true)).toBeNull();
  });
});

describe('without SCOPEGATE_WEBHOOK_ALLOW_PRIVATE', () => {
  it('createWebhook refuses URLs that are not http(s) or reach private, loopback, link-local or metadata addresses', async () => {
    const { gateway, prisma } = await setupGateway();
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const refused = [
      'http://127.0.0.1:9/hook',
      'http://localhost:9/hook',
      'http://[::1]/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/',
      'http://10.0.0.5/hook',
      'http://192.168.0.10/hook',
      'http://100.64.1.1/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://0.0.0.0:9/hook',
      'http://2130706433/hook', // 127.0.0.1 written as one number
      'ftp://1.1.1.1/hook',
      'file:///etc/passwd',
      'http://user:password@1.1.1.1/hook',
      'not a url',
    ];
    for (const url of refused) {
      const error = (await execute(gateway, CreateWebhook, { input: { url, events: ['TOKEN_REVOKED'], projectId: project.id } }, { session: owner.session })).expectError(
        'BAD_USER_INPUT',
      );
      expect(error.extensions?.field, url).toBe('url');
    }
    expect(await prisma.webhook.count({ where: { projectId: project.id } })).toBe(0);
    // A public address is fine (nothing is sent here: no dispatcher runs on this database).
    const made = (await execute(gateway, CreateWebhook, { input: { url: 'https://1.1.1.1/hook', events: ['TOKEN_REVOKED'], projectId: project.id } }, { session: owner.session })).expectData();
    expect(made.createWebhook.webhook.url).toBe('https://1.1.1.1/hook');
  });

  it('a delivery to a private address is refused as it connects, even for a hook made when it was allowed', async () => {
    // Its own database: the dispatcher sends whatever is due in it.
    const { prisma } = await setupGateway({ isolated: true });
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const receiver = await startReceiver();
    // One hook by address, one by a name that resolves to loopback: the latter is what DNS
    // rebinding looks like by the time of delivery, and the check at connect time refuses it.
    for (const url of [receiver.url, `http://localhost:${receiver.port}/hook`]) {
      await prisma.webhook.create({ data: { url, events: ['TOKEN_CREATED'], sealedSecret: seal(TEST_KEY_SECRET, 'whsec_' + Buffer.alloc(32, 7).toString('base64'), WEBHOOK_SECRET_PURPOSE) } });
    }
    const token = await createToken(prisma, { kind: 'USER', createdById: admin.id });
    await recordEvent(prisma, { tokenId: token.id, kind: 'CREATED', actorId: admin.id, ip: null });

    const strict = new WebhookDispatcher(prisma, { keySecret: TEST_KEY_SECRET, allowPrivate: false });
    const results = await strict.tick();
    expect(results.map((r) => r.outcome)).toEqual(['RETRY', 'RETRY']);
    for (const result of results) expect(result.error).toMatch(/resolves to a non-public address; webhooks go to public addresses only/);
    // lastError is read by the hook's owners: it names no address a name resolved to.
    for (const result of results) expect(result.error).not.toMatch(/::1|is a loopback/);
    expect(receiver.received).toEqual([]);

    // The same deliveries, allowed: the receiver gets both.
    const lenient = new WebhookDispatcher(prisma, { keySecret: TEST_KEY_SECRET, allowPrivate: true, now: () => new Date(Date.now() + 3_600_000) });
    expect((await lenient.tick()).map((r) => r.outcome)).toEqual(['DELIVERED', 'DELIVERED']);
    expect(receiver.received).toHaveLength(2);
  });
});
