/**
 * The device list's raw read against Prisma's: the same rows, fields and types, page by page, so
 * the two can never drift apart.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPrisma } from '../../src/db/client.js';
import { devicePageStatement, readDevicePage, type DeviceCursor } from '../../src/db/device-reads.js';
import { execute } from '../helpers/execute.js';
import { createProject, createToken, createUser, grant } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

const prisma = createPrisma(inject('databaseUrl'));
afterAll(() => prisma.$disconnect());
const gatewayCountingQueries = setupGateway({ countQueries: true });

async function projectWithDevices() {
  const owner = await createUser(prisma);
  const project = await createProject(prisma, owner.id);
  const other = await createProject(prisma, owner.id, 'Other');
  // Three share one creation time: the order and the cursor must fall back on the id.
  const tie = new Date('2026-03-01T10:00:00.123Z');
  const devices = [];
  for (let i = 0; i < 7; i++) {
    devices.push(
      await prisma.device.create({
        data: {
          projectId: project.id,
          name: `device ${i}`,
          status: i % 2 ? 'ONLINE' : 'OFFLINE',
          metadata: i === 3 ? { rack: 'B', slots: [1, 2], nested: { on: true } } : undefined,
          lastSeenAt: i % 3 === 0 ? new Date(Date.UTC(2026, 0, 1, 0, 0, i, 7)) : undefined,
          createdAt: i < 3 ? tie : new Date(Date.UTC(2026, 2, 2 + i)),
        },
      }),
    );
  }
  const elsewhere = await prisma.device.create({ data: { projectId: other.id, name: 'elsewhere', createdAt: tie } });
  return { project, devices, elsewhere };
}

const select = { id: true, projectId: true, name: true, status: true, metadata: true, lastSeenAt: true, createdAt: true } as const;
const orderBy = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

describe('readDevicePage', () => {
  it('reads what Prisma reads, page after page, for a whole project', async () => {
    const { project, devices } = await projectWithDevices();
    const expected = await prisma.device.findMany({ where: { projectId: project.id }, select, orderBy });
    expect(expected).toHaveLength(devices.length);
    const pages = [];
    let after: DeviceCursor | undefined;
    for (;;) {
      const page = await readDevicePage(prisma, { projectId: project.id, deviceIds: 'ALL', limit: 2, after });
      pages.push(...page);
      if (page.length < 2) break;
      after = { createdAt: page.at(-1)!.createdAt, id: page.at(-1)!.id };
    }
    expect(pages).toEqual(expected);
    expect(pages[3]!.metadata).toEqual({ rack: 'B', slots: [1, 2], nested: { on: true } });
    expect(pages.every((d) => d.createdAt instanceof Date)).toBe(true);
    expect(pages.map((d) => d.createdAt.toISOString())).toContain('2026-03-01T10:00:00.123Z');
  });

  it('reads only the given devices of the project, never another project’s', async () => {
    const { project, devices, elsewhere } = await projectWithDevices();
    const chosen = [devices[1]!.id, devices[5]!.id, devices[2]!.id, elsewhere.id];
    const expected = await prisma.device.findMany({ where: { projectId: project.id, id: { in: chosen } }, select, orderBy });
    expect(expected.map((d) => d.id)).not.toContain(elsewhere.id);
    const first = await readDevicePage(prisma, { projectId: project.id, deviceIds: chosen, limit: 2 });
    const rest = await readDevicePage(prisma, { projectId: project.id, deviceIds: chosen, limit: 2, after: { createdAt: first[1]!.createdAt, id: first[1]!.id } });
    expect([...first, ...rest]).toEqual(expected);
    expect(await readDevicePage(prisma, { projectId: project.id, deviceIds: [], limit: 5 })).toEqual([]);
  });
});

describe('devices(projectId) reads its pages with the prepared statement', () => {
  it('answers a first page and the page after it without a Prisma read of Device, filtered per grant', async () => {
    const { gateway, queries } = await gatewayCountingQueries;
    const { project, devices } = await projectWithDevices();
    const owner = await prisma.projectMember.findFirstOrThrow({ where: { projectId: project.id }, select: { userId: true } });
    const wanted = [devices[6]!.id, devices[1]!.id, devices[4]!.id];
    const deviceToken = await createToken(prisma, { createdById: owner.userId, kind: 'CUSTOM', grants: wanted.map((deviceId) => grant('DEVICE', 'READ', { projectId: project.id, deviceId })) });
    const wholeProject = await createToken(prisma, { createdById: owner.userId, kind: 'CUSTOM', grants: [grant('DEVICE', 'READ', { projectId: project.id })] });
    const page = (token: string, after?: string) =>
      execute<{ devices: { nodes: { id: string; createdAt: string; metadata: unknown }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } }, Record<string, unknown>>(
        gateway,
        'query($p: ID!, $after: String) { devices(projectId: $p, first: 2, after: $after) { nodes { id createdAt metadata } pageInfo { endCursor hasNextPage } } }',
        { p: project.id, after },
        { token },
      );
    queries.length = 0;
    const first = (await page(wholeProject.secret)).expectData().devices;
    expect(first.nodes.map((d) => d.id)).toEqual([devices[0]!.id, devices[1]!.id, devices[2]!.id].sort().slice(0, 2));
    expect(first.nodes[0]!.createdAt).toBe('2026-03-01T10:00:00.123Z');
    expect(queries.filter((q) => /FROM "public"\."Device"/.test(q))).toEqual([]);
    const mine = [];
    let after: string | undefined;
    for (;;) {
      const { nodes, pageInfo } = (await page(deviceToken.secret, after)).expectData().devices;
      mine.push(...nodes.map((d) => d.id));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    const expected = await prisma.device.findMany({ where: { id: { in: wanted } }, select: { id: true }, orderBy });
    expect(mine).toEqual(expected.map((d) => d.id));
  });
});

describe('devicePageStatement', () => {
  it('writes the page size into the statement and its name, and takes nothing else there', () => {
    const projectId = '00000000-0000-4000-8000-000000000001';
    const statement = devicePageStatement({ projectId, deviceIds: 'ALL', limit: 21 });
    expect(statement.text).toMatch(/LIMIT 21$/);
    expect(statement.name).toBe('device-page-all-21');
    expect(statement.values).toEqual([projectId]);
    for (const limit of [0, -1, 1.5, Number.NaN, 1_001]) expect(() => devicePageStatement({ projectId, deviceIds: 'ALL', limit })).toThrow(/not a page size/);
  });
});

describe("a mutation's answer", () => {
  it("reads the project's devices inside the mutation's transaction, with Prisma", async () => {
    const { gateway } = await gatewayCountingQueries;
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const existing = await prisma.device.create({ data: { projectId: project.id, name: 'existing' } });
    type Created = { createDevice: { id: string; project: { devices: { nodes: { id: string }[] } } } };
    const created = (
      await execute<Created, Record<string, unknown>>(
        gateway,
        'mutation($p: ID!) { createDevice(projectId: $p, name: "new") { id project { devices { nodes { id } } } } }',
        { p: project.id },
        { session: owner.session },
      )
    ).expectData().createDevice;
    // The new device is not committed yet when the answer is read: only the transaction sees it.
    expect(created.project.devices.nodes.map((d) => d.id)).toEqual([existing.id, created.id]);
    type Fresh = { createProject: { devices: { nodes: { id: string }[] } } };
    const fresh = (await execute<Fresh, Record<string, unknown>>(gateway, 'mutation { createProject(name: "fresh") { devices { nodes { id } } } }', {}, { session: owner.session })).expectData();
    expect(fresh.createProject.devices.nodes).toEqual([]);
  });
});
