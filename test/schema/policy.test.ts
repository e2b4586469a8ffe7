import { describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { execute } from '../helpers/execute.js';
import { createToken, createUser, PASSWORD } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

// The policy is global: this file has a database of its own.
const { gateway, prisma } = await setupGateway({ isolated: true });

const SetPolicy = graphql(`
  mutation PolSet($input: TokenPolicyInput!) { setTokenPolicy(input: $input) { maxLifetimeDays defaultLifetimeDays requireExpiry customTokensAdminOnly } }
`);
const Create = graphql(`
  mutation PolCreate($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { token { kind expiresAt } } }
`);
const Update = graphql(`mutation PolUpdate($id: ID!, $input: UpdateTokenInput!, $password: String!) { updateToken(id: $id, input: $input, password: $password) { expiresAt } }`);

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

describe('token policy', () => {
  it('is applied to every new and edited token, and each violation names the limit', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const member = await createUser(prisma);
    const set = (input: Record<string, unknown>) => execute(gateway, SetPolicy, { input }, { session: admin.session });
    const create = (input: Record<string, unknown>, who = member) =>
      execute(gateway, Create, { password: PASSWORD, input: { kind: 'USER', name: 't', ...input } as never }, { session: who.session });

    expect((await set({ defaultLifetimeDays: 40, maxLifetimeDays: 30 })).expectError('BAD_USER_INPUT').message).toMatch(
      /defaultLifetimeDays \(40\) cannot exceed maxLifetimeDays \(30\)/,
    );
    expect((await set({ maxLifetimeDays: 0 })).expectError('BAD_USER_INPUT').message).toMatch(/between 1 and 36500/);
    expect((await set({ maxLifetimeDays: 30, defaultLifetimeDays: 7 })).expectData().setTokenPolicy).toEqual({
      maxLifetimeDays: 30,
      defaultLifetimeDays: 7,
      requireExpiry: false,
      customTokensAdminOnly: false,
    });

    // Left out: the default lifetime. Too far: refused, naming the limit.
    const defaulted = new Date((await create({})).expectData().createToken.token.expiresAt!).getTime();
    expect(Math.abs(defaulted - (Date.now() + 7 * DAY))).toBeLessThan(60_000);
    expect((await create({ expiresAt: inDays(31) })).expectError('BAD_USER_INPUT').message).toMatch(/limit of 30 days \(maxLifetimeDays\)/);
    (await create({ expiresAt: inDays(29) })).expectData();

    // With a maximum, "no expiry" is refused on edits too.
    const token = await createToken(prisma, { kind: 'USER', createdById: member.id, expiresAt: new Date(inDays(5)) });
    const noExpiry = await execute(gateway, Update, { id: token.id, password: PASSWORD, input: { expiresAt: null } }, { session: member.session });
    expect(noExpiry.expectError('BAD_USER_INPUT').message).toMatch(/at most 30 days \(maxLifetimeDays\)/);

    // null clears a limit; requireExpiry alone still refuses "no expiry".
    (await set({ maxLifetimeDays: null, defaultLifetimeDays: null, requireExpiry: true })).expectData();
    expect((await create({})).expectError('BAD_USER_INPUT').message).toMatch(/required by the token policy \(requireExpiry\)/);
    (await create({ expiresAt: inDays(400) })).expectData();

    // customTokensAdminOnly
    (await set({ requireExpiry: false, customTokensAdminOnly: true })).expectData();
    const custom = { kind: 'CUSTOM', grants: [{ entity: 'DEVICE', action: 'READ' }] };
    expect((await create(custom)).expectError('BAD_USER_INPUT').message).toMatch(/customTokensAdminOnly/);
    expect((await create(custom, admin)).expectData().createToken.token.kind).toBe('CUSTOM');
    const policy = (await execute(gateway, `{ tokenPolicy { customTokensAdminOnly requireExpiry } }`, {}, { session: member.session })).expectData();
    expect(policy).toEqual({ tokenPolicy: { customTokensAdminOnly: true, requireExpiry: false } });
  });

  it('applies to every path that yields a working secret: copy and regenerate too', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const member = await createUser(prisma);
    const set = (input: Record<string, unknown>) => execute(gateway, SetPolicy, { input }, { session: admin.session });
    const Copy = `mutation($id: ID!, $pw: String!) { copyToken(id: $id, name: "copy", password: $pw) { secret } }`;
    const Regenerate = `mutation($id: ID!, $pw: String!, $at: DateTime) { regenerateToken(id: $id, password: $pw, expiresAt: $at) { secret token { expiresAt } } }`;
    const oldCustom = await createToken(prisma, { createdById: member.id, grants: [{ entity: 'DEVICE', action: 'READ', projectId: null, deviceId: null }] });
    const neverExpires = await createToken(prisma, { kind: 'USER', createdById: member.id });
    const digest = (await prisma.accessToken.findUniqueOrThrow({ where: { id: oldCustom.id } })).digest;
    try {
      (await set({ customTokensAdminOnly: true })).expectData();
      for (const attempt of [Copy, Regenerate]) {
        const refused = await execute(gateway, attempt, { id: oldCustom.id, pw: PASSWORD }, { session: member.session });
        expect(refused.expectError('BAD_USER_INPUT').message).toMatch(/customTokensAdminOnly/);
      }
      // Nothing changed: the old secret still works, and no copy exists.
      expect((await prisma.accessToken.findUniqueOrThrow({ where: { id: oldCustom.id } })).digest).toBe(digest);
      expect(await prisma.accessToken.count({ where: { ownerId: member.id } })).toBe(2);

      (await set({ customTokensAdminOnly: false, requireExpiry: true, maxLifetimeDays: 30 })).expectData();
      const refused = await execute(gateway, Regenerate, { id: neverExpires.id, pw: PASSWORD }, { session: member.session });
      expect(refused.expectError('BAD_USER_INPUT').message).toMatch(/maxLifetimeDays/);
      const regenerated = (await execute(gateway, Regenerate, { id: neverExpires.id, pw: PASSWORD, at: inDays(10) }, { session: member.session })).expectData() as {
        regenerateToken: { token: { expiresAt: string } };
      };
      expect(new Date(regenerated.regenerateToken.token.expiresAt).getTime()).toBeLessThanOrEqual(Date.now() + 10 * DAY);
    } finally {
      (await set({ customTokensAdminOnly: false, requireExpiry: false, maxLifetimeDays: null, defaultLifetimeDays: null })).expectData();
    }
  });
});
