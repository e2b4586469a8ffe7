/**
 * Issue 17, no unbounded lists: devices, Project.devices, Project.members and projects are
 * connections paged by a cursor, with a default and a maximum page size, and the cursor never
 * reaches past what the caller may see.
 */
import { describe, expect, it } from 'vitest';
import { execute, type Credential } from '../helpers/execute.js';
import { addMember, createProject, createToken, createUser, grant } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

const { gateway, prisma } = await setupGateway();

const Devices = `query($p: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  devices(projectId: $p, first: $first, after: $after, last: $last, before: $before) {
    nodes { id name }
    edges { cursor node { id } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    totalCount
  }
}`;

interface Page {
  nodes: { id: string; name: string }[];
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

async function devicesPage(credential: Credential, p: string, args: { first?: number; after?: string; last?: number; before?: string } = {}) {
  return execute<{ devices: Page }, Record<string, unknown>>(gateway, Devices, { p, ...args }, credential);
}

/** Every page, `first` at a time, checking each page's pageInfo against the next. */
async function pageThrough(credential: Credential, p: string, first: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 50; pages++) {
    const page = (await devicesPage(credential, p, { first, after })).expectData().devices;
    expect(page.edges.map((e) => e.node.id)).toEqual(page.nodes.map((n) => n.id));
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    expect(page.pageInfo.hasPreviousPage).toBe(after !== undefined);
    seen.push(...page.nodes.map((n) => n.id));
    if (!page.pageInfo.hasNextPage) {
      expect(page.nodes.length).toBeLessThanOrEqual(first);
      return seen;
    }
    expect(page.nodes).toHaveLength(first);
    after = page.pageInfo.endCursor!;
  }
  throw new Error('more than 50 pages');
}

/** Devices in the order the API pages them: by creation, then id; `createMany` gives several one createdAt. */
async function world() {
  const owner = await createUser(prisma);
  const project = await createProject(prisma, owner.id, 'paged');
  const other = await createProject(prisma, owner.id, 'other');
  await prisma.device.createMany({ data: Array.from({ length: 5 }, (_, i) => ({ projectId: project.id, name: `tied-${i}` })) });
  for (let i = 0; i < 4; i++) await prisma.device.create({ data: { projectId: project.id, name: `later-${i}` } });
  const otherDevice = await prisma.device.create({ data: { projectId: other.id, name: 'elsewhere' } });
  const ordered = await prisma.device.findMany({ where: { projectId: project.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return { owner, project, other, otherDevice, ordered };
}

/** A cursor of the same form for another id: what a client could forge. */
function forged(cursor: string, id: string): string {
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  const forgedText = decoded.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, id);
  expect(forgedText).not.toBe(decoded);
  return Buffer.from(forgedText, 'utf8').toString('base64');
}

describe('devices(projectId) as a connection', () => {
  it('pages through every device in (createdAt, id) order, ties included, with correct pageInfo', async () => {
    const w = await world();
    const session = { session: w.owner.session };
    for (const size of [1, 2, 4, 9, 20]) expect(await pageThrough(session, w.project.id, size)).toEqual(w.ordered.map((d) => d.id));
    const all = (await devicesPage(session, w.project.id)).expectData().devices;
    expect(all.totalCount).toBe(9);
    expect(all.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('a token with grants on some devices pages through exactly those, and counts only those', async () => {
    const w = await world();
    const granted = [w.ordered[0]!, w.ordered[2]!, w.ordered[3]!, w.ordered[7]!];
    const token = await createToken(prisma, { createdById: w.owner.id, grants: granted.map((d) => grant('DEVICE', 'READ', { projectId: w.project.id, deviceId: d.id })) });
    const credential = { token: token.secret };
    for (const size of [1, 3, 4]) expect(await pageThrough(credential, w.project.id, size)).toEqual(granted.map((d) => d.id));
    expect((await devicesPage(credential, w.project.id, { first: 1 })).expectData().devices.totalCount).toBe(4);
  });

  it('answers 20 by default and at most 100; more, or fewer than none, is refused and nothing listed', async () => {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    await prisma.device.createMany({ data: Array.from({ length: 101 }, (_, i) => ({ projectId: project.id, name: `d-${i}` })) });
    const session = { session: owner.session };
    const byDefault = (await devicesPage(session, project.id)).expectData().devices;
    expect(byDefault.nodes).toHaveLength(20);
    expect(byDefault.pageInfo.hasNextPage).toBe(true);
    expect(byDefault.totalCount).toBe(101);
    expect((await devicesPage(session, project.id, { first: 100 })).expectData().devices.nodes).toHaveLength(100);
    const tooMany = await devicesPage(session, project.id, { first: 101 });
    expect(tooMany.expectError('BAD_USER_INPUT').message).toBe('Requesting 101 records on the connection exceeds the `first` limit of 100 records.');
    expect(tooMany.body.data ?? null).toBeNull();
    // A literal page size is priced before anything runs: the cost limit scales with it.
    const literal = await execute<any, any>(gateway, 'query($p: ID!) { devices(projectId: $p, first: 1000) { nodes { id name } } }', { p: project.id }, session);
    expect(literal.expectError('GRAPHQL_VALIDATION_FAILED').message).toMatch(/Cost limit of 5000 exceeded/);
    expect((await devicesPage(session, project.id, { first: -1 })).expectError('BAD_USER_INPUT').message).toBe('`first` on the connection cannot be less than zero.');
    expect((await devicesPage(session, project.id, { last: 101 })).expectError('BAD_USER_INPUT').message).toMatch(/exceeds the `last` limit of 100/);
    expect((await devicesPage(session, project.id, { first: 1, last: 1 })).expectError('BAD_USER_INPUT').message).toMatch(/both `first` and `last`/);
    expect((await devicesPage(session, project.id, { first: 0 })).expectData().devices.nodes).toEqual([]);
  });

  it('refuses alike a garbage cursor, a forged one, and one of a device the caller cannot see, revealing nothing', async () => {
    const w = await world();
    const session = { session: w.owner.session };
    // The owner's own cursors: one in the other project, one on a device the token below may not read.
    const otherCursor = (await devicesPage(session, w.other.id)).expectData().devices.edges[0]!.cursor;
    const ownerPage = (await devicesPage(session, w.project.id)).expectData().devices;
    const hiddenCursor = ownerPage.edges.find((e) => e.node.id === w.ordered[4]!.id)!.cursor;
    const token = await createToken(prisma, {
      createdById: w.owner.id,
      grants: [w.ordered[1]!, w.ordered[6]!].map((d) => grant('DEVICE', 'READ', { projectId: w.project.id, deviceId: d.id })),
    });
    const refusals = new Set<string>();
    const cases: [Credential, string][] = [
      [session, 'not-a-cursor'],
      [session, Buffer.from('GPC:J:[1,2]').toString('base64')],
      [session, Buffer.from('GPC:S:not-a-uuid').toString('base64')],
      [session, forged(otherCursor, '00000000-0000-4000-8000-000000000000')],
      [session, otherCursor],
      [{ token: token.secret }, hiddenCursor],
      [{ token: token.secret }, otherCursor],
    ];
    for (const [credential, after] of cases) {
      const response = await devicesPage(credential, w.project.id, { first: 5, after });
      const error = response.expectError('BAD_USER_INPUT');
      expect(response.body.data ?? null).toBeNull();
      expect(JSON.stringify(response.body)).not.toMatch(/tied-|later-|elsewhere/);
      refusals.add(`${error.message} ${JSON.stringify(error.extensions)}`);
    }
    expect([...refusals]).toEqual(['`after` is not a cursor of this list: pass a cursor this list returned (pageInfo.endCursor or an edge\'s cursor). {"code":"BAD_USER_INPUT","field":"after"}']);
    // A cursor of a device that is gone is refused the same way: the client starts again.
    const gone = ownerPage.edges[8]!.cursor;
    await prisma.device.delete({ where: { id: w.ordered[8]!.id } });
    expect((await devicesPage(session, w.project.id, { after: gone })).expectError('BAD_USER_INPUT').message).toMatch(/not a cursor of this list/);
  });

  it('pages backwards with last/before as well', async () => {
    const w = await world();
    const session = { session: w.owner.session };
    const tail = (await devicesPage(session, w.project.id, { last: 3 })).expectData().devices;
    expect(tail.nodes.map((n) => n.id)).toEqual(w.ordered.slice(6).map((d) => d.id));
    expect(tail.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = (await devicesPage(session, w.project.id, { last: 4, before: tail.pageInfo.startCursor! })).expectData().devices;
    expect(before.nodes.map((n) => n.id)).toEqual(w.ordered.slice(2, 6).map((d) => d.id));
    expect((await devicesPage(session, w.project.id, { first: 2, before: tail.pageInfo.startCursor! })).expectError('BAD_USER_INPUT').message).toMatch(/`before` goes with `last`/);
  });
});

describe('Project.devices, Project.members and projects as connections', () => {
  it('Project.devices pages like devices(projectId), and a device cursor of another project is refused', async () => {
    const w = await world();
    const session = { session: w.owner.session };
    const query = 'query($id: ID!, $after: String) { project(id: $id) { devices(first: 4, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } totalCount } } }';
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await execute<any, any>(gateway, query, { id: w.project.id, after }, session)).expectData().project.devices;
      expect(page.totalCount).toBe(9);
      seen.push(...page.nodes.map((n: { id: string }) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(w.ordered.map((d) => d.id));
    const otherCursor = (await devicesPage(session, w.other.id)).expectData().devices.edges[0]!.cursor;
    const refused = await execute<any, any>(gateway, query, { id: w.project.id, after: otherCursor }, session);
    expect(refused.expectError('BAD_USER_INPUT').path).toEqual(['project', 'devices']);
  });

  it('Project.members pages by joining order; a member cursor of another project is refused', async () => {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const other = await createProject(prisma, owner.id);
    const people = [];
    for (let i = 0; i < 3; i++) {
      const user = await createUser(prisma);
      await addMember(prisma, project.id, user.id, 'VIEWER');
      people.push(user.id);
    }
    const query = 'query($id: ID!, $after: String) { project(id: $id) { members(first: 2, after: $after) { nodes { role user { id } } edges { cursor } pageInfo { hasNextPage endCursor } totalCount } } }';
    const session = { session: owner.session };
    const first: any = (await execute<any, any>(gateway, query, { id: project.id }, session)).expectData().project.members;
    expect(first.totalCount).toBe(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second: any = (await execute<any, any>(gateway, query, { id: project.id, after: first.pageInfo.endCursor }, session)).expectData().project.members;
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([...first.nodes, ...second.nodes].map((m: { user: { id: string } }) => m.user.id)).toEqual([owner.id, ...people]);
    // The owner's membership of the other project: the same user, another list.
    const foreign: any = (await execute<any, any>(gateway, query, { id: other.id }, session)).expectData().project.members;
    const refused = await execute<any, any>(gateway, query, { id: project.id, after: foreign.edges[0].cursor }, session);
    expect(refused.expectError('BAD_USER_INPUT').message).toMatch(/not a cursor of this list/);
  });

  it('projects pages through the projects the caller may read, and counts those', async () => {
    const owner = await createUser(prisma);
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await createProject(prisma, owner.id, `mine-${i}`)).id);
    const stranger = await createUser(prisma);
    const theirs = await createProject(prisma, stranger.id, 'theirs');
    const query = 'query($after: String) { projects(first: 2, after: $after) { nodes { id } edges { cursor } pageInfo { hasNextPage endCursor } totalCount } }';
    const session = { session: owner.session };
    const first: any = (await execute<any, any>(gateway, query, {}, session)).expectData().projects;
    const second: any = (await execute<any, any>(gateway, query, { after: first.pageInfo.endCursor }, session)).expectData().projects;
    expect(first.totalCount).toBe(3);
    expect([first.pageInfo.hasNextPage, second.pageInfo.hasNextPage]).toEqual([true, false]);
    expect([...first.nodes, ...second.nodes].map((p: { id: string }) => p.id)).toEqual(made);
    const strangerCursor = (await execute<any, any>(gateway, query, {}, { session: stranger.session })).expectData().projects.edges[0].cursor;
    expect(theirs.id).toBeTruthy();
    expect((await execute<any, any>(gateway, query, { after: strangerCursor }, session)).expectError('BAD_USER_INPUT').message).toMatch(/not a cursor of this list/);
  });

  it('Project.viewerRole is the role the caller acts with, without reading members', async () => {
    const owner = await createUser(prisma);
    const viewer = await createUser(prisma);
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const project = await createProject(prisma, owner.id);
    await addMember(prisma, project.id, viewer.id, 'VIEWER');
    const query = 'query($id: ID!) { project(id: $id) { viewerRole } }';
    const role = async (session: string) => (await execute<any, any>(gateway, query, { id: project.id }, { session })).expectData().project.viewerRole;
    expect([await role(owner.session), await role(viewer.session), await role(admin.session)]).toEqual(['OWNER', 'VIEWER', null]);
  });
});
