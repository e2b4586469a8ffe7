/**
 * The device list's raw read against Prisma's: the same rows, fields and types, page by page, so
 * the two can never drift apart.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPrisma } from '../../src/db/client.js';
import { readDevicePage, type DeviceCursor } from '../../src/db/device-reads.js';
import { createProject, createUser } from '../helpers/factories.js';

const prisma = createPrisma(inject('databaseUrl'));
afterAll(() => prisma.$disconnect());

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
