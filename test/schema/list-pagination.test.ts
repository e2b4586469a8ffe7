import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import type { PageMyTokensQuery } from '../gql/graphql.js';
import { execute } from '../helpers/execute.js';
import { addMember, createProject, createToken, createUser, grant } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

const { gateway, prisma } = await setupGateway();
// For the tests that compare `users` with the whole User table: on the shared database other
// files create and delete users between the list and the count it is checked against.
const own = await setupGateway({ isolated: true });

const MyTokens = graphql(`
  query PageMyTokens($first: Int, $after: String, $last: Int, $before: String, $status: TokenStatus) {
    myTokens(first: $first, after: $after, last: $last, before: $before, status: $status) {
      totalCount
      nodes { id name }
      edges { cursor node { id } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);
const MyTokensCount = graphql(`query PageMyTokensCount($first: Int) { myTokens(first: $first) { totalCount } }`);
const ProjectTokens = graphql(`
  query PageProjectTokens($id: ID!, $first: Int, $after: String) {
    project(id: $id) { tokens(first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }
  }
`);
const Users = graphql(`query PageUsers($first: Int, $after: String) { users(first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`);
const SearchUsers = graphql(`
  query PageSearchUsers($search: String, $first: Int, $after: String) {
    users(search: $search, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
  }
`);
const Webhooks = graphql(`
  query PageWebhooks($projectId: ID, $first: Int, $after: String) {
    webhooks(projectId: $projectId, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
  }
`);
const EnrollmentTokens = graphql(`
  query PageEnrollmentTokens($projectId: ID!, $first: Int, $after: String) {
    enrollmentTokens(projectId: $projectId, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
  }
`);
const TrustPolicies = graphql(`
  query PageTrustPolicies($projectId: ID, $first: Int, $after: String) {
    trustPolicies(projectId: $projectId, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
  }
`);
const Notifications = graphql(`
  query PageNotifications($first: Int, $after: String, $unreadOnly: Boolean) {
    viewer { notifications(first: $first, after: $after, unreadOnly: $unreadOnly) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }
  }
`);
const AdminLists = graphql(`
  query PageAdminLists($first: Int, $after: String) {
    adminTokens(first: $first, after: $after) { totalCount nodes { id } }
    auditEvents(first: $first, after: $after) { totalCount nodes { id } }
  }
`);
const Deliveries = graphql(`
  query PageDeliveries($id: ID!, $first: Int, $after: String) {
    webhookDeliveries(webhookId: $id, first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } }
  }
`);
const TokenEvents = graphql(`
  query PageTokenEvents($id: ID!, $first: Int, $after: String) {
    token(id: $id) { events(first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }
  }
`);

/** A cursor as Pothos writes one, for an id the caller did not get from the list. */
function cursorFor(id: string): string {
  return Buffer.from(`GPC:S:${id}`).toString('base64');
}

/** `count` CUSTOM tokens of one user, the first two created in the same millisecond (a tie on createdAt). */
async function userWithTokens(count: number) {
  const user = await createUser(prisma);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await createToken(prisma, { createdById: user.id, name: `t${i}`, grants: [grant('PROJECT', 'READ')] })).id);
  await prisma.accessToken.updateMany({ where: { id: { in: ids.slice(0, 2) } }, data: { createdAt: new Date('2026-01-01T00:00:00Z') } });
  const expected = await prisma.accessToken.findMany({ where: { ownerId: user.id }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], select: { id: true } });
  return { user, ids: expected.map((t) => t.id) };
}

describe('myTokens pages', () => {
  it("pages through only the caller's tokens, in order, with correct pageInfo and totalCount", async () => {
    const { user, ids } = await userWithTokens(5);
    await userWithTokens(3);
    const seen: string[] = [];
    let after: string | null = null;
    const pages: boolean[] = [];
    for (;;) {
      const page: PageMyTokensQuery['myTokens'] = (await execute(gateway, MyTokens, { first: 2, after }, { session: user.session })).expectData().myTokens;
      expect(page.totalCount).toBe(5);
      expect(page.edges.map((e) => e.node.id)).toEqual(page.nodes.map((n) => n.id));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.nodes.map((n) => n.id));
      pages.push(page.pageInfo.hasNextPage);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toEqual([true, true, false]);
    expect(seen).toEqual(ids);
  });

  it('answers 20 by default and up to 100 on request', async () => {
    const { user } = await userWithTokens(21);
    const page = (await execute(gateway, MyTokens, {}, { session: user.session })).expectData().myTokens;
    expect(page.nodes).toHaveLength(20);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const all = (await execute(gateway, MyTokens, { first: 100 }, { session: user.session })).expectData().myTokens;
    expect(all.nodes).toHaveLength(21);
    expect(all.pageInfo.hasNextPage).toBe(false);
  });

  it('pages backwards with last/before', async () => {
    const { user, ids } = await userWithTokens(5);
    const last = (await execute(gateway, MyTokens, { last: 2 }, { session: user.session })).expectData().myTokens;
    expect(last.nodes.map((n) => n.id)).toEqual(ids.slice(3));
    expect(last.pageInfo.hasPreviousPage).toBe(true);
    const before = (await execute(gateway, MyTokens, { last: 2, before: last.pageInfo.startCursor }, { session: user.session })).expectData().myTokens;
    expect(before.nodes.map((n) => n.id)).toEqual(ids.slice(1, 3));
  });

  it('keeps every row when the cursor row has left the filtered list since', async () => {
    const { user, ids } = await userWithTokens(4);
    const first = (await execute(gateway, MyTokens, { first: 2, status: 'ACTIVE' }, { session: user.session })).expectData().myTokens;
    await prisma.accessToken.update({ where: { id: ids[1]! }, data: { revokedAt: new Date() } });
    const next = (await execute(gateway, MyTokens, { first: 2, status: 'ACTIVE', after: first.pageInfo.endCursor }, { session: user.session })).expectData().myTokens;
    expect(next.nodes.map((n) => n.id)).toEqual(ids.slice(2));
  });

  it("refuses a cursor of another user's token and reveals nothing", async () => {
    const { user } = await userWithTokens(3);
    const other = await userWithTokens(3);
    const theirs = (await execute(gateway, MyTokens, { first: 1 }, { session: other.user.session })).expectData().myTokens.pageInfo.endCursor;
    const response = await execute(gateway, MyTokens, { first: 2, after: theirs }, { session: user.session });
    const error = response.expectError('BAD_USER_INPUT');
    expect(error.message).toBe("`after` is not a cursor of this list: pass a cursor this list returned (pageInfo.endCursor or an edge's cursor).");
    expect(response.body.data).toBeNull();
    // The same answer as for a token that does not exist: nothing tells the two apart.
    const missing = (await execute(gateway, MyTokens, { first: 2, after: cursorFor(randomUUID()) }, { session: user.session })).expectError('BAD_USER_INPUT');
    expect(missing.message).toBe(error.message);
    // A PROJECT token the caller created is not theirs to list either.
    const project = await createProject(prisma, user.id);
    const projectToken = await createToken(prisma, { createdById: user.id, kind: 'PROJECT', projectId: project.id, grants: [grant('PROJECT', 'READ', { projectId: project.id })] });
    (await execute(gateway, MyTokens, { after: cursorFor(projectToken.id) }, { session: user.session })).expectError('BAD_USER_INPUT');
  });

  it('refuses first: 101, a negative first, and malformed cursors as BAD_USER_INPUT', async () => {
    const { user } = await userWithTokens(1);
    const session = { session: user.session };
    const tooMany = (await execute(gateway, MyTokens, { first: 101 }, session)).expectError('BAD_USER_INPUT');
    expect(tooMany.message).toBe('Requesting 101 records on the connection exceeds the `first` limit of 100 records.');
    (await execute(gateway, MyTokens, { last: 101 }, session)).expectError('BAD_USER_INPUT');
    // Also when only the count is asked for, which runs no page query.
    (await execute(gateway, MyTokensCount, { first: 101 }, session)).expectError('BAD_USER_INPUT');
    (await execute(gateway, MyTokens, { first: -1 }, session)).expectError('BAD_USER_INPUT');
    for (const after of ['garbage', Buffer.from('GPC:S:not-a-uuid').toString('base64'), Buffer.from('GPC:N:5').toString('base64'), Buffer.from('{"id":1}').toString('base64'), '']) {
      const response = await execute(gateway, MyTokens, { first: 1, after }, session);
      response.expectError('BAD_USER_INPUT');
      expect(response.status).not.toBe(500);
    }
  });

  it('stays session-only: an access token is FORBIDDEN', async () => {
    const { user } = await userWithTokens(1);
    const token = await createToken(prisma, { createdById: user.id, kind: 'USER' });
    (await execute(gateway, MyTokens, { first: 1 }, { token: token.secret })).expectError('FORBIDDEN');
    (await execute(gateway, MyTokensCount, {}, { token: token.secret })).expectError('FORBIDDEN');
  });
});

describe('every other list', () => {
  it('Project.tokens: pages and refuses a cursor from another project', async () => {
    const owner = await createUser(prisma);
    const [a, b] = [await createProject(prisma, owner.id), await createProject(prisma, owner.id)];
    for (let i = 0; i < 3; i++) await createToken(prisma, { createdById: owner.id, kind: 'PROJECT', projectId: a.id, grants: [grant('PROJECT', 'READ', { projectId: a.id })] });
    const inB = await createToken(prisma, { createdById: owner.id, kind: 'PROJECT', projectId: b.id, grants: [grant('PROJECT', 'READ', { projectId: b.id })] });
    const session = { session: owner.session };
    const one = (await execute(gateway, ProjectTokens, { id: a.id, first: 2 }, session)).expectData().project!.tokens;
    expect([one.totalCount, one.nodes.length, one.pageInfo.hasNextPage]).toEqual([3, 2, true]);
    const two = (await execute(gateway, ProjectTokens, { id: a.id, first: 2, after: one.pageInfo.endCursor }, session)).expectData().project!.tokens;
    expect([two.nodes.length, two.pageInfo.hasNextPage]).toEqual([1, false]);
    (await execute(gateway, ProjectTokens, { id: a.id, after: cursorFor(inB.id) }, session)).expectError('BAD_USER_INPUT');
    (await execute(gateway, ProjectTokens, { id: a.id, first: 101 }, session)).expectError('BAD_USER_INPUT');
  });

  it('users: oldest first, pages without gaps, refuses a deleted user as cursor', async () => {
    // Users before the admin, so that "oldest first" has others to put first on a database of its own.
    for (let i = 0; i < 2; i++) await createUser(own.prisma);
    const admin = await createUser(own.prisma, { role: 'ADMIN' });
    const session = { session: admin.session };
    const everyone = await own.prisma.user.findMany({ where: { deletedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true } });
    const first = (await execute(own.gateway, Users, { first: 1 }, session)).expectData().users;
    expect(first.nodes.map((u) => u.id)).toEqual([everyone[0]!.id]);
    const gone = await createUser(own.prisma);
    await own.prisma.user.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
    (await execute(own.gateway, Users, { after: cursorFor(gone.id) }, session)).expectError('BAD_USER_INPUT');
  });

  it('users(search): e-mail or name in any case, wildcards as text, counted and paged within the match', async () => {
    const admin = await createUser(own.prisma, { role: 'ADMIN' });
    const session = { session: admin.session };
    const tag = randomBytes(4).toString('hex');
    const pia = await createUser(own.prisma, { email: `pia.${tag}@example.test`, name: 'Pia Sommer' });
    const kai = await createUser(own.prisma, { email: `kai.${tag}@example.test`, name: `Kai ${tag.toUpperCase()}_x` });
    const percent = await createUser(own.prisma, { email: `100pct.${tag}@example.test`, name: `100% ${tag}` });
    const gone = await createUser(own.prisma, { email: `gone.${tag}@example.test` });
    await own.prisma.user.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
    const search = async (text: string, first = 20, after?: string) => (await execute(own.gateway, SearchUsers, { search: text, first, after }, session)).expectData().users;

    // Oldest first, ties (users made in the same millisecond) by id: the order the list promises.
    const ordered = (
      await own.prisma.user.findMany({ where: { id: { in: [pia.id, kai.id, percent.id] } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true } })
    ).map((u) => u.id);
    const all = await search(tag);
    expect([all.totalCount, all.nodes.map((u) => u.id)]).toEqual([3, ordered]);
    expect((await search('PIA SOMMER')).nodes.map((u) => u.id)).toContain(pia.id);
    expect((await search(`${tag}_x`)).nodes.map((u) => u.id)).toEqual([kai.id]);
    // `_` and `%` are text: "_" would otherwise match any character, "%" anything.
    expect((await search(`${tag.slice(0, 7)}_`)).nodes.map((u) => u.id)).toEqual([]);
    expect((await search(`100% ${tag}`)).nodes.map((u) => u.id)).toEqual([percent.id]);
    expect((await search(`1%${tag}`)).totalCount).toBe(0);

    const page1 = await search(tag, 2);
    expect([page1.nodes.map((u) => u.id), page1.pageInfo.hasNextPage]).toEqual([ordered.slice(0, 2), true]);
    const page2 = await search(tag, 2, page1.pageInfo.endCursor!);
    expect([page2.nodes.map((u) => u.id), page2.pageInfo.hasNextPage]).toEqual([ordered.slice(2), false]);
    // A cursor outside the match was not returned by this list.
    (await execute(own.gateway, SearchUsers, { search: tag, after: cursorFor(admin.id) }, session)).expectError('BAD_USER_INPUT');
    expect((await search('')).totalCount).toBe(await own.prisma.user.count({ where: { deletedAt: null } }));
    (await execute(own.gateway, SearchUsers, { search: 'x'.repeat(201) }, session)).expectError('BAD_USER_INPUT');
  });

  it("webhooks, enrollmentTokens and trustPolicies: one project's cursor does not page another's", async () => {
    const owner = await createUser(prisma);
    const [a, b] = [await createProject(prisma, owner.id), await createProject(prisma, owner.id)];
    const hook = (projectId: string) => prisma.webhook.create({ data: { url: 'https://hooks.example.test/x', events: ['TOKEN_CREATED'], projectId, sealedSecret: 'sealed' } });
    const enrollment = (projectId: string) =>
      prisma.enrollmentToken.create({ data: { projectId, name: 'e', digest: randomBytes(16).toString('hex'), displayPrefix: 'x', maxUses: 1, expiresAt: new Date(Date.now() + 3_600_000) } });
    const policy = async (projectId: string) => {
      const token = await createToken(prisma, { createdById: owner.id, kind: 'PROJECT', projectId, grants: [grant('PROJECT', 'READ', { projectId })] });
      return prisma.trustPolicy.create({
        data: { name: 'p', issuer: 'https://issuer.example.test', jwksUri: 'https://issuer.example.test/jwks', audience: 'a', claims: {}, projectId, tokenId: token.id, maxLifetimeSeconds: 600 },
      });
    };
    for (let i = 0; i < 2; i++) await Promise.all([hook(a.id), enrollment(a.id), policy(a.id)]);
    const [hookB, enrollmentB, policyB] = await Promise.all([hook(b.id), enrollment(b.id), policy(b.id)]);
    const session = { session: owner.session };

    const hooks = (await execute(gateway, Webhooks, { projectId: a.id, first: 1 }, session)).expectData().webhooks;
    expect([hooks.totalCount, hooks.pageInfo.hasNextPage]).toEqual([2, true]);
    const hooks2 = (await execute(gateway, Webhooks, { projectId: a.id, first: 1, after: hooks.pageInfo.endCursor }, session)).expectData().webhooks;
    expect([hooks2.nodes.length, hooks2.pageInfo.hasNextPage]).toEqual([1, false]);
    (await execute(gateway, Webhooks, { projectId: a.id, after: cursorFor(hookB.id) }, session)).expectError('BAD_USER_INPUT');
    expect((await execute(gateway, Webhooks, { first: 100 }, session)).expectData().webhooks.totalCount).toBe(3);

    const enrollments = (await execute(gateway, EnrollmentTokens, { projectId: a.id, first: 1 }, session)).expectData().enrollmentTokens;
    expect([enrollments.totalCount, enrollments.pageInfo.hasNextPage]).toEqual([2, true]);
    (await execute(gateway, EnrollmentTokens, { projectId: a.id, after: cursorFor(enrollmentB.id) }, session)).expectError('BAD_USER_INPUT');

    const policies = (await execute(gateway, TrustPolicies, { projectId: a.id, first: 1 }, session)).expectData().trustPolicies;
    expect([policies.totalCount, policies.pageInfo.hasNextPage]).toEqual([2, true]);
    (await execute(gateway, TrustPolicies, { projectId: a.id, after: cursorFor(policyB.id) }, session)).expectError('BAD_USER_INPUT');
    // Without projectId every policy the caller manages pages, b's included.
    const all = (await execute(gateway, TrustPolicies, { first: 2, after: cursorFor(policyB.id) }, session)).expectData().trustPolicies;
    expect(all.totalCount).toBe(3);

    // A VIEWER of a sees none of it, whatever the cursor.
    const viewer = await createUser(prisma);
    await addMember(prisma, a.id, viewer.id, 'VIEWER');
    expect((await execute(gateway, Webhooks, { after: hooks.pageInfo.endCursor }, { session: viewer.session })).expectError('BAD_USER_INPUT').extensions?.field).toBe('after');
  });

  it("viewer.notifications: only the caller's, a read notice still pages unreadOnly", async () => {
    const user = await createUser(prisma);
    const other = await createUser(prisma);
    const notices = [];
    // A second apart: notices made in the same millisecond would tie on createdAt and page by id.
    for (let i = 0; i < 3; i++) {
      notices.push(await prisma.notification.create({ data: { userId: user.id, kind: 'TOKEN_EXPIRING', message: `n${i}`, createdAt: new Date(Date.UTC(2030, 0, 1, 0, 0, i)) } }));
    }
    const theirs = await prisma.notification.create({ data: { userId: other.id, kind: 'TOKEN_EXPIRING', message: 'x' } });
    const session = { session: user.session };
    const one = (await execute(gateway, Notifications, { first: 1, unreadOnly: true }, session)).expectData().viewer.notifications!;
    expect([one.totalCount, one.nodes[0]!.id]).toEqual([3, notices[2]!.id]);
    await prisma.notification.update({ where: { id: notices[2]!.id }, data: { readAt: new Date() } });
    const two = (await execute(gateway, Notifications, { first: 5, unreadOnly: true, after: one.pageInfo.endCursor }, session)).expectData().viewer.notifications!;
    expect(two.nodes.map((n) => n.id)).toEqual([notices[1]!.id, notices[0]!.id]);
    (await execute(gateway, Notifications, { after: cursorFor(theirs.id) }, session)).expectError('BAD_USER_INPUT');
  });

  it("AccessToken.events: a cursor of another token's event is refused", async () => {
    const user = await createUser(prisma);
    const [t1, t2] = [await createToken(prisma, { createdById: user.id }), await createToken(prisma, { createdById: user.id })];
    for (let i = 0; i < 3; i++) await prisma.tokenEvent.create({ data: { tokenId: t1.id, kind: 'NEW_IP', ip: `10.0.0.${i}` } });
    const foreign = await prisma.tokenEvent.create({ data: { tokenId: t2.id, kind: 'NEW_IP' } });
    const session = { session: user.session };
    const page = (await execute(gateway, TokenEvents, { id: t1.id, first: 2 }, session)).expectData().token!.events;
    expect([page.nodes.length, page.pageInfo.hasNextPage]).toEqual([2, true]);
    expect(page.totalCount).toBe(await prisma.tokenEvent.count({ where: { tokenId: t1.id } }));
    (await execute(gateway, TokenEvents, { id: t1.id, after: cursorFor(foreign.id) }, session)).expectError('BAD_USER_INPUT');
  });
});

describe('the connections that were already connections', () => {
  it('adminTokens and auditEvents refuse first: 101 instead of clamping, and a cursor of no row', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const session = { session: admin.session };
    const refused = await execute(gateway, AdminLists, { first: 101 }, session);
    expect(refused.expectError('BAD_USER_INPUT').message).toBe('Requesting 101 records on the connection exceeds the `first` limit of 100 records.');
    expect(refused.body.data).toBeNull();
    (await execute(gateway, AdminLists, { first: 1, after: cursorFor(randomUUID()) }, session)).expectError('BAD_USER_INPUT');
    const page = (await execute(gateway, AdminLists, {}, session)).expectData();
    expect(page.adminTokens.nodes.length).toBeLessThanOrEqual(20);
  });

  it("webhookDeliveries refuses a cursor of another hook's delivery", async () => {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const hook = () => prisma.webhook.create({ data: { url: 'https://hooks.example.test/x', events: ['TOKEN_CREATED'], projectId: project.id, sealedSecret: 'sealed' } });
    const [a, b] = [await hook(), await hook()];
    const delivery = (webhookId: string) =>
      prisma.webhookDelivery.create({ data: { webhookId, messageId: randomUUID(), event: 'TOKEN_CREATED', payload: {}, status: 'DELIVERED' } });
    for (let i = 0; i < 3; i++) await delivery(a.id);
    const other = await delivery(b.id);
    const session = { session: owner.session };
    const one = (await execute(gateway, Deliveries, { id: a.id, first: 2 }, session)).expectData().webhookDeliveries;
    expect([one.nodes.length, one.pageInfo.hasNextPage]).toEqual([2, true]);
    const two = (await execute(gateway, Deliveries, { id: a.id, first: 2, after: one.pageInfo.endCursor }, session)).expectData().webhookDeliveries;
    expect([two.nodes.length, two.pageInfo.hasNextPage]).toEqual([1, false]);
    (await execute(gateway, Deliveries, { id: a.id, after: cursorFor(other.id) }, session)).expectError('BAD_USER_INPUT');
    (await execute(gateway, Deliveries, { id: a.id, first: 101 }, session)).expectError('BAD_USER_INPUT');
  });
});
