/**
 * Token hygiene: with revokeUnusedAfterDays set, a token unused that long (never used: since its
 * creation) is told 7 days before and then revoked with reason "unused". Driven by the
 * notifier's clock, not by waiting.
 */
import { describe, expect, it } from 'vitest';
import { ExpiryNotifier } from '../../src/lifecycle/expiry-notices.js';
import { graphql } from '../gql/index.js';
import { execute } from '../helpers/execute.js';
import { createToken, createUser } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

// The policy is global and the scan reads every token: a database of its own.
const { gateway, prisma } = await setupGateway({ isolated: true });

const SetPolicy = graphql(`
  mutation UnusedSetPolicy($input: TokenPolicyInput!) { setTokenPolicy(input: $input) { revokeUnusedAfterDays expiryNoticeDays } }
`);
const Viewer = graphql(`query UnusedViewer { viewer { authMethod } }`);
const Notifications = graphql(`query UnusedNotifications { viewer { notifications { nodes { kind message token { id } } } } }`);

const DAY = 86_400_000;

describe('revokeUnusedAfterDays', () => {
  it('is off by default, checked when set, and revokes unused tokens 7 days after telling their owners', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const owner = await createUser(prisma);
    const now = new Date();
    const at = (days: number) => new Date(now.getTime() + days * DAY + 1000);
    const longIdle = await createToken(prisma, { kind: 'USER', name: 'long idle', createdById: owner.id });
    await prisma.accessToken.update({ where: { id: longIdle.id }, data: { createdAt: new Date(now.getTime() - 100 * DAY) } });
    const fresh = await createToken(prisma, { kind: 'USER', name: 'never used', createdById: owner.id });
    const busy = await createToken(prisma, { kind: 'USER', name: 'busy', createdById: owner.id });
    const comesBack = await createToken(prisma, { kind: 'USER', name: 'comes back', createdById: owner.id });
    await prisma.accessToken.update({ where: { id: comesBack.id }, data: { createdAt: new Date(now.getTime() - 100 * DAY) } });
    const ids = new Set([longIdle.id, fresh.id, busy.id, comesBack.id]);
    // An instance-wide hook: each revocation reaches it through the outbox (nothing sends here).
    const hook = await prisma.webhook.create({ data: { url: 'https://1.1.1.1/hook', events: ['TOKEN_REVOKED'], sealedSecret: 'unused-in-this-test' } });
    const notifier = new ExpiryNotifier(prisma, undefined);
    const run = async (when: Date) => {
      const result = await notifier.runOnce(when);
      return { noticed: result.unusedNoticed.filter((id) => ids.has(id)).sort(), revoked: result.revokedUnused.filter((id) => ids.has(id)).sort() };
    };

    // Off by default: nothing happens, however long a token has sat there.
    expect(await run(now)).toEqual({ noticed: [], revoked: [] });
    for (const bad of [0, 7, 36_501]) {
      const error = (await execute(gateway, SetPolicy, { input: { revokeUnusedAfterDays: bad } }, { session: admin.session })).expectError('BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('revokeUnusedAfterDays');
    }
    const set = (await execute(gateway, SetPolicy, { input: { revokeUnusedAfterDays: 30 } }, { session: admin.session })).expectData().setTokenPolicy;
    expect(set).toEqual({ revokeUnusedAfterDays: 30, expiryNoticeDays: [30, 7, 0] });

    // Unused for 100 days: told now, not revoked now, even though past 30 days: everyone gets a week.
    expect(await run(now)).toEqual({ noticed: [longIdle.id, comesBack.id].sort(), revoked: [] });
    expect(await run(now)).toEqual({ noticed: [], revoked: [] });
    // One comes back into use: its notice no longer applies.
    await prisma.accessToken.update({ where: { id: comesBack.id }, data: { lastUsedAt: at(1) } });
    expect(await run(at(6.9))).toEqual({ noticed: [], revoked: [] });
    expect(await run(at(7))).toEqual({ noticed: [], revoked: [longIdle.id] });

    // The others count from their creation (never used) or their last use.
    await prisma.accessToken.update({ where: { id: busy.id }, data: { lastUsedAt: at(20) } });
    expect(await run(at(23))).toEqual({ noticed: [fresh.id], revoked: [] });
    expect(await run(at(24))).toEqual({ noticed: [comesBack.id], revoked: [] });
    expect(await run(at(29.9))).toEqual({ noticed: [], revoked: [] });
    expect(await run(at(30))).toEqual({ noticed: [], revoked: [fresh.id] });
    expect(await run(at(31))).toEqual({ noticed: [], revoked: [comesBack.id] });
    expect(await run(at(43))).toEqual({ noticed: [busy.id], revoked: [] });

    for (const id of [longIdle.id, fresh.id, comesBack.id]) {
      const token = await prisma.accessToken.findUniqueOrThrow({ where: { id } });
      expect(token.revokeReason).toBe('unused');
      const events = await prisma.tokenEvent.findMany({ where: { tokenId: id, kind: 'REVOKED' } });
      expect(events.map((e) => (e.details as { reason: string }).reason)).toEqual(['unused']);
    }
    expect((await prisma.accessToken.findUniqueOrThrow({ where: { id: busy.id } })).revokedAt).toBeNull();
    const deliveries = await prisma.webhookDelivery.findMany({ where: { webhookId: hook.id } });
    expect(deliveries.map((d) => [(d.payload as any).type, (d.payload as any).data.token.id, (d.payload as any).data.details.reason, (d.payload as any).data.actor]).sort()).toEqual(
      [longIdle.id, fresh.id, comesBack.id].map((id) => ['token.revoked', id, 'unused', null]).sort(),
    );
    // A revoked token is refused at once.
    expect((await execute(gateway, Viewer, {}, { token: fresh.secret })).expectError('UNAUTHENTICATED').message).toMatch(/revoked/);
    expect((await execute(gateway, Viewer, {}, { token: busy.secret })).expectData().viewer.authMethod).toBe('ACCESS_TOKEN');

    const notices = (await execute(gateway, Notifications, {}, { session: owner.session })).expectData().viewer.notifications.nodes;
    expect(notices.filter((n) => n.kind === 'TOKEN_UNUSED').map((n) => n.token?.id ?? null).sort()).toEqual(
      // A revoked token is still the owner's to see.
      [longIdle.id, comesBack.id, comesBack.id, fresh.id, busy.id].sort(),
    );
    expect(notices.find((n) => n.token?.id === fresh.id)!.message).toMatch(/"never used" has not been used since .* it will be revoked as unused from/);
  });

  it('expiryNoticeDays is checked and kept largest first, without repeats', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    for (const bad of [[-1], [366], Array.from({ length: 11 }, (_, i) => i)]) {
      const error = (await execute(gateway, SetPolicy, { input: { expiryNoticeDays: bad } }, { session: admin.session })).expectError('BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('expiryNoticeDays');
    }
    const set = (await execute(gateway, SetPolicy, { input: { expiryNoticeDays: [1, 14, 1, 0] } }, { session: admin.session })).expectData().setTokenPolicy;
    expect(set.expiryNoticeDays).toEqual([14, 1, 0]);
  });
});
