/** adminTokens' hygiene filters: last use, never used, expiry, IP allow-list, write grants. */
import { describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { execute } from '../helpers/execute.js';
import { createProject, createToken, createUser, grant } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

// adminTokens lists every token: a database of its own, so the lists are exactly these tokens.
const { gateway, prisma } = await setupGateway({ isolated: true });

const Filtered = graphql(`
  query FilteredAdminTokens($lastUsedBefore: DateTime, $neverUsed: Boolean, $expiresBefore: DateTime, $allowsAnyAddress: Boolean, $hasWriteGrants: Boolean) {
    adminTokens(first: 50, lastUsedBefore: $lastUsedBefore, neverUsed: $neverUsed, expiresBefore: $expiresBefore, allowsAnyAddress: $allowsAnyAddress, hasWriteGrants: $hasWriteGrants) {
      totalCount
      nodes { name }
    }
  }
`);

const DAY = 86_400_000;

describe('adminTokens filters', () => {
  it('find stale, never-used, soon-expiring, unrestricted and writing tokens, alone or together', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const now = Date.now();
    const stale = await createToken(prisma, { kind: 'USER', name: 'stale user', createdById: owner.id, expiresAt: new Date(now + 10 * DAY) });
    await createToken(prisma, { kind: 'CUSTOM', name: 'locked reader', createdById: owner.id, grants: [grant('DEVICE', 'READ')], allowedCidrs: ['10.0.0.0/8'] });
    const writer = await createToken(prisma, { kind: 'CUSTOM', name: 'writer', createdById: owner.id, grants: [grant('DEVICE', 'READ'), grant('DEVICE', 'WRITE', { projectId: project.id })], expiresAt: new Date(now + 100 * DAY) });
    await createToken(prisma, { kind: 'PROJECT', name: 'project reader', projectId: project.id, createdById: owner.id, grants: [grant('PROJECT', 'READ', { projectId: project.id })] });
    await prisma.accessToken.update({ where: { id: stale.id }, data: { lastUsedAt: new Date(now - 40 * DAY) } });
    await prisma.accessToken.update({ where: { id: writer.id }, data: { lastUsedAt: new Date(now - DAY) } });

    const names = async (filters: Record<string, unknown>) => {
      const list = (await execute(gateway, Filtered, filters, { session: admin.session })).expectData().adminTokens;
      expect(list.totalCount).toBe(list.nodes.length);
      return list.nodes.map((n) => n.name).sort();
    };
    expect(await names({})).toEqual(['locked reader', 'project reader', 'stale user', 'writer']);
    expect(await names({ lastUsedBefore: new Date(now - 30 * DAY).toISOString() })).toEqual(['stale user']);
    expect(await names({ neverUsed: true })).toEqual(['locked reader', 'project reader']);
    expect(await names({ neverUsed: false })).toEqual(['stale user', 'writer']);
    expect(await names({ expiresBefore: new Date(now + 30 * DAY).toISOString() })).toEqual(['stale user']);
    expect(await names({ allowsAnyAddress: false })).toEqual(['locked reader']);
    expect(await names({ allowsAnyAddress: true })).toEqual(['project reader', 'stale user', 'writer']);
    // A USER token writes wherever its owner may: it counts as writing.
    expect(await names({ hasWriteGrants: true })).toEqual(['stale user', 'writer']);
    expect(await names({ hasWriteGrants: false })).toEqual(['locked reader', 'project reader']);
    expect(await names({ neverUsed: true, allowsAnyAddress: true, hasWriteGrants: false })).toEqual(['project reader']);
  });
});
