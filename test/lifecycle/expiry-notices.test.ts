import { describe, expect, it } from 'vitest';
import { createPrisma } from '../../src/db/client.js';
import { ExpiryNotifier, type NoticeResult } from '../../src/lifecycle/expiry-notices.js';
import { smtpMailer } from '../../src/lifecycle/mailer.js';
import { graphql } from '../gql/index.js';
import { execute } from '../helpers/execute.js';
import { addMember, createProject, createToken, createUser, grant } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';
import { startSmtp } from '../helpers/smtp.js';

// Expiry scans look at every token: this file has a database of its own.
const { gateway, prisma, databaseUrl } = await setupGateway({ isolated: true });

const Notifications = graphql(`query NtList($unread: Boolean) { viewer { notifications(unreadOnly: $unread) { nodes { id kind message readAt token { id } } } } }`);
const MarkRead = graphql(`mutation NtRead($ids: [ID!]) { markNotificationsRead(ids: $ids) }`);

const { url: smtpUrl, received } = await startSmtp();

const DAY = 86_400_000;

/** The Subject header with RFC 2047 Q-encoded words decoded. */
function subject(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return header
    .replace(/\?=\s+=\?/g, '?==?') // whitespace between encoded words is not part of the text
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_m, text: string) =>
      Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

describe('expiry notices', () => {
  it('go out at each of the default days (30, 7, 0) once, even from several gateways at once', async () => {
    const owner = await createUser(prisma);
    const now = new Date();
    const soon = await createToken(prisma, { kind: 'USER', name: 'soon', createdById: owner.id, expiresAt: new Date(now.getTime() + 3 * DAY) });
    const later = await createToken(prisma, { kind: 'USER', name: 'later', createdById: owner.id, expiresAt: new Date(now.getTime() + 40 * DAY) });
    const mine = (ids: string[]) => ids.filter((id) => id === soon.id || id === later.id);
    // Each notice is a webhook too, through the outbox (nothing sends on this database).
    const hook = await prisma.webhook.create({ data: { url: 'https://1.1.1.1/hook', events: ['TOKEN_EXPIRING', 'TOKEN_EXPIRED'], sealedSecret: 'unused here' } });

    // Three "processes": their own Prisma clients on the same database, all running at once.
    const clients = [prisma, createPrisma(databaseUrl), createPrisma(databaseUrl)];
    const notifiers = clients.map((client) => new ExpiryNotifier(client, smtpMailer(smtpUrl, 'scopegate@localhost')));
    const runAll = async (at: Date) => {
      const results = await Promise.all(notifiers.map((n) => n.runOnce(at)));
      return {
        expiring: mine(results.flatMap((r) => r.expiring)),
        days: results.flatMap((r) => r.expiring.map((id, i) => [id, r.expiringDays[i]])).filter(([id]) => id === soon.id || id === later.id),
        expired: mine(results.flatMap((r) => r.expired)),
      };
    };

    // A token made with 3 days left gets the 7-day notice only: the 30-day one has passed.
    const first = await runAll(now);
    expect(first.days).toEqual([[soon.id, 7]]);
    expect(first.expired).toEqual([]);
    // Running again changes nothing.
    expect(await runAll(now)).toEqual({ expiring: [], days: [], expired: [] });

    const at = (days: number) => new Date(now.getTime() + days * DAY + 1000);
    // Day 3: soon expires. Day 10: later is 30 days from expiry. Day 33: 7 days. Day 40: expired.
    expect(await runAll(at(3))).toEqual({ expiring: [], days: [], expired: [soon.id] });
    expect((await runAll(at(10))).days).toEqual([[later.id, 30]]);
    expect(await runAll(at(11))).toEqual({ expiring: [], days: [], expired: [] });
    expect((await runAll(at(33))).days).toEqual([[later.id, 7]]);
    expect(await runAll(at(40))).toEqual({ expiring: [], days: [], expired: [later.id] });
    expect(await runAll(at(41))).toEqual({ expiring: [], days: [], expired: [] });
    await Promise.all(clients.slice(1).map((c) => c.$disconnect()));

    const mails = received.filter((m) => m.to.includes(owner.email));
    expect(mails.map((m) => subject(m.body))).toEqual([
      'scopegate: token "soon" expires soon',
      'scopegate: token "soon" has expired',
      'scopegate: token "later" expires soon',
      'scopegate: token "later" expires soon',
      'scopegate: token "later" has expired',
    ]);

    const list = (await execute(gateway, Notifications, {}, { session: owner.session })).expectData().viewer.notifications.nodes;
    expect(list.map((n) => [n.kind, n.token?.id])).toEqual([
      ['TOKEN_EXPIRED', later.id],
      ['TOKEN_EXPIRING', later.id],
      ['TOKEN_EXPIRING', later.id],
      ['TOKEN_EXPIRED', soon.id],
      ['TOKEN_EXPIRING', soon.id],
    ]);
    expect(list.at(-1)!.message).toMatch(/"soon" expires at/);
    const events = await prisma.tokenEvent.findMany({ where: { tokenId: later.id }, orderBy: { createdAt: 'asc' } });
    expect(events.map((e) => [e.kind, (e.details as { daysBefore?: number }).daysBefore ?? null])).toEqual([
      ['EXPIRING', 30],
      ['EXPIRING', 7],
      ['EXPIRED', null],
    ]);
    const deliveries = await prisma.webhookDelivery.findMany({ where: { webhookId: hook.id }, orderBy: { createdAt: 'asc' } });
    const about = (d: (typeof deliveries)[number]) => (d.payload as { type: string; data: { token: { id: string }; details: { daysBefore?: number } } });
    expect(deliveries.filter((d) => about(d).data.token.id === later.id).map((d) => [about(d).type, about(d).data.details.daysBefore ?? null])).toEqual([
      ['token.expiring', 30],
      ['token.expiring', 7],
      ['token.expired', null],
    ]);
    await prisma.webhook.delete({ where: { id: hook.id } });
  });

  it('a renewed token gets its notices again, for its new expiry date', async () => {
    const owner = await createUser(prisma);
    const now = new Date();
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id, expiresAt: new Date(now.getTime() + 5 * DAY) });
    const notifier = new ExpiryNotifier(prisma, undefined);
    const own = (r: NoticeResult) => r.expiring.filter((id) => id === token.id);
    expect(own(await notifier.runOnce(now))).toEqual([token.id]);
    expect(own(await notifier.runOnce(now))).toEqual([]);
    await prisma.accessToken.update({ where: { id: token.id }, data: { expiresAt: new Date(now.getTime() + 6 * DAY) } });
    expect(own(await notifier.runOnce(now))).toEqual([token.id]);
  });

  it("a PROJECT token's notices go to every OWNER of its project; notifications can be marked read", async () => {
    const owner = await createUser(prisma);
    const coOwner = await createUser(prisma);
    const editor = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    await addMember(prisma, project.id, coOwner.id, 'OWNER');
    await addMember(prisma, project.id, editor.id, 'EDITOR');
    await createToken(prisma, {
      kind: 'PROJECT',
      projectId: project.id,
      createdById: owner.id,
      grants: [grant('DEVICE', 'READ', { projectId: project.id })],
      expiresAt: new Date(Date.now() + DAY),
    });
    await new ExpiryNotifier(prisma, undefined).runOnce();
    for (const user of [owner, coOwner]) {
      const list = (await execute(gateway, Notifications, { unread: true }, { session: user.session })).expectData().viewer.notifications.nodes;
      expect(list.map((n) => n.kind)).toEqual(['TOKEN_EXPIRING']);
    }
    expect((await execute(gateway, Notifications, {}, { session: editor.session })).expectData().viewer.notifications.nodes).toEqual([]);

    const [notice] = (await execute(gateway, Notifications, {}, { session: owner.session })).expectData().viewer.notifications.nodes;
    expect((await execute(gateway, MarkRead, { ids: [notice!.id] }, { session: coOwner.session })).expectData().markNotificationsRead).toBe(0);
    expect((await execute(gateway, MarkRead, { ids: [notice!.id] }, { session: owner.session })).expectData().markNotificationsRead).toBe(1);
    expect((await execute(gateway, Notifications, { unread: true }, { session: owner.session })).expectData().viewer.notifications.nodes).toEqual([]);
  });

  it('viewer.notifications is for sessions only', async () => {
    const owner = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    const response = await execute(gateway, Notifications, {}, { token: token.secret });
    expect(response.expectError('FORBIDDEN').extensions?.reason).toBe('TOKEN_MANAGEMENT');
  });
});
