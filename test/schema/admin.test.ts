import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { execute } from '../helpers/execute.js';
import { createProject, createToken, createUser, grant, PASSWORD } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

const { gateway, prisma } = await setupGateway();

const AdminTokens = graphql(`
  query AdmTokens($status: TokenStatus, $search: String, $ownerId: ID, $first: Int, $after: String) {
    adminTokens(status: $status, search: $search, ownerId: $ownerId, first: $first, after: $after) {
      totalCount
      edges { cursor node { id name status owner { email } project { id } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const Audit = graphql(`
  query AdmAudit($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 50) { totalCount edges { node { kind ip details actor { id } token { id } } } } }
`);
const Create = graphql(`mutation AdmCreate($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { secret token { id } } }`);
const Revoke = graphql(`mutation AdmRevoke($id: ID!, $reason: String) { revokeToken(id: $id, reason: $reason) { status revokedBy { id } } }`);

describe('adminTokens', () => {
  it('lists every token, filtered by status and owner, searched, paginated, with a total', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const tag = randomUUID().slice(0, 8);
    const alice = await createUser(prisma, { email: `alice-${tag}@example.test`, name: `Alice ${tag}` });
    const bob = await createUser(prisma, { email: `bob-${tag}@example.test` });
    const project = await createProject(prisma, bob.id, `Fleet ${tag}`);
    const active = await createToken(prisma, { kind: 'USER', createdById: alice.id, name: `deploy ${tag}` });
    const expired = await createToken(prisma, { kind: 'USER', createdById: alice.id, name: 'old', expiresAt: new Date(Date.now() - 1000) });
    const revoked = await createToken(prisma, { kind: 'USER', createdById: alice.id, name: 'leaked', description: `rotated ${tag}` });
    await prisma.accessToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date(), revokeReason: 'leak' } });
    const projectToken = await createToken(prisma, {
      kind: 'PROJECT',
      projectId: project.id,
      createdById: bob.id,
      name: 'ci',
      grants: [grant('DEVICE', 'READ', { projectId: project.id })],
    });
    const list = (variables: Record<string, unknown>) => execute(gateway, AdminTokens, variables, { session: admin.session });

    const byAlice = (await list({ ownerId: alice.id })).expectData().adminTokens;
    expect(byAlice.totalCount).toBe(3);
    expect(new Set(byAlice.edges.map((e) => e.node.id))).toEqual(new Set([active.id, expired.id, revoked.id]));
    // Expired and revoked tokens stay findable, with their status.
    expect((await list({ ownerId: alice.id, status: 'EXPIRED' })).expectData().adminTokens.edges.map((e) => e.node)).toMatchObject([{ id: expired.id, status: 'EXPIRED' }]);
    expect((await list({ ownerId: alice.id, status: 'REVOKED' })).expectData().adminTokens.edges.map((e) => e.node)).toMatchObject([{ id: revoked.id, status: 'REVOKED' }]);
    expect((await list({ ownerId: alice.id, status: 'ACTIVE' })).expectData().adminTokens.totalCount).toBe(1);

    // Search: owner e-mail or name, token name, description, creator of a PROJECT token.
    expect((await list({ search: `ALICE-${tag}` })).expectData().adminTokens.totalCount).toBe(3);
    expect((await list({ search: `Alice ${tag}` })).expectData().adminTokens.totalCount).toBe(3);
    expect((await list({ search: `deploy ${tag}` })).expectData().adminTokens.edges.map((e) => e.node.id)).toEqual([active.id]);
    expect((await list({ search: `rotated ${tag}` })).expectData().adminTokens.edges.map((e) => e.node.id)).toEqual([revoked.id]);
    expect((await list({ search: `bob-${tag}` })).expectData().adminTokens.edges.map((e) => e.node)).toMatchObject([{ id: projectToken.id, owner: null, project: { id: project.id } }]);

    // Cursor pagination walks every token once.
    const seen: string[] = [];
    let after: string | null | undefined;
    do {
      const page = (await list({ search: tag, first: 2, after })).expectData().adminTokens;
      expect(page.totalCount).toBe(4);
      seen.push(...page.edges.map((e) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
    } while (after);
    expect(seen.sort()).toEqual([active.id, expired.id, revoked.id, projectToken.id].sort());
  });

  it('admins revoke any token, and the revocation is audited', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const user = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id });
    const revoked = (await execute(gateway, Revoke, { id: token.id, reason: 'offboarding' }, { session: admin.session })).expectData();
    expect(revoked.revokeToken).toEqual({ status: 'REVOKED', revokedBy: { id: admin.id } });
    const audit = (await execute(gateway, Audit, { filter: { tokenId: token.id } }, { session: admin.session })).expectData().auditEvents;
    expect(audit.edges.map((e) => e.node)).toEqual([{ kind: 'REVOKED', ip: null, details: { reason: 'offboarding' }, actor: { id: admin.id }, token: { id: token.id } }]);
  });
});

describe('auditEvents', () => {
  it('records who created a token and filters by actor and kind; no secret ever appears', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const user = await createUser(prisma);
    const project = await createProject(prisma, user.id);
    const made = (
      await execute(
        gateway,
        Create,
        { password: PASSWORD, input: { kind: 'CUSTOM', name: 'audited', grants: [{ entity: 'PROJECT', action: 'READ', projectId: project.id }] } },
        { session: user.session },
      )
    ).expectData().createToken;
    await execute(gateway, Revoke, { id: made.token.id }, { session: user.session });
    const audit = (await execute(gateway, Audit, { filter: { actorId: user.id } }, { session: admin.session })).expectData().auditEvents;
    expect(audit.edges.map((e) => e.node.kind)).toEqual(['REVOKED', 'CREATED']);
    expect(audit.edges[1]!.node).toMatchObject({ details: { kind: 'CUSTOM', name: 'audited' }, actor: { id: user.id } });
    const createdOnly = (await execute(gateway, Audit, { filter: { actorId: user.id, kinds: ['CREATED'] } }, { session: admin.session })).expectData();
    expect(createdOnly.auditEvents.totalCount).toBe(1);
    expect(JSON.stringify(audit)).not.toContain(made.secret.slice(8));
    const rows = await prisma.tokenEvent.findMany({ where: { tokenId: made.token.id } });
    expect(JSON.stringify(rows)).not.toContain(made.secret.slice(8));
  });
});
