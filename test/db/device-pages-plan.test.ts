/**
 * A page of a 100,000-device project reads about one page of rows: PostgreSQL's plan for the
 * prepared statements the device list reads with (db/device-reads.ts) is an index range scan under
 * a LIMIT, first page and page after a cursor alike, with no sort of the project's devices and no
 * OFFSET.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { devicePageStatement, type DevicePageQuery } from '../../src/db/device-reads.js';
import { execute } from '../helpers/execute.js';
import { createProject, createToken, createUser, grant } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

const t = await setupGateway({ isolated: true });

const DEVICES = 100_000;
const Page = 'query($p: ID!, $after: String) { devices(projectId: $p, first: 20, after: $after) { nodes { id name } pageInfo { endCursor } } }';

/** The plan of the statement that reads this page, run with the values the gateway sends. */
async function planOf(client: pg.Client, query: DevicePageQuery): Promise<string> {
  const { text, values } = devicePageStatement(query);
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

describe('the plan of a device page', () => {
  it('is an index scan with a LIMIT, first page and after a cursor, for a session and for device grants', { timeout: 120_000 }, async () => {
    const owner = await createUser(t.prisma);
    const big = await createProject(t.prisma, owner.id, 'big');
    const small = await createProject(t.prisma, owner.id, 'small');
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      // createdAt repeats (1,000 devices a second), so the id decides order within a second.
      await client.query(
        `INSERT INTO "Device" ("id", "projectId", "name", "createdAt")
         SELECT gen_random_uuid(), $1::uuid, 'd-' || n, timestamp '2026-01-01' + (n / 1000) * interval '1 second' FROM generate_series(1, $2::int) AS n`,
        [big.id, DEVICES],
      );
      await client.query(`INSERT INTO "Device" ("id", "projectId", "name") SELECT gen_random_uuid(), $1::uuid, 'x-' || n FROM generate_series(1, 1000) AS n`, [small.id]);
      await client.query('ANALYZE "Device"');
      const session = { session: owner.session };

      const first = (await execute<any, any>(t.gateway, Page, { p: big.id }, session)).expectData();
      expect(first.devices.nodes).toHaveLength(20);
      const firstPlan = await planOf(client, { projectId: big.id, deviceIds: 'ALL', limit: 21 });
      const middle = await client.query<{ id: string; createdAt: Date }>(
        `SELECT "id", "createdAt" AT TIME ZONE 'UTC' AS "createdAt" FROM "Device" WHERE "projectId" = $1 ORDER BY "createdAt", "id" OFFSET 60000 LIMIT 1`,
        [big.id],
      );
      const cursor = Buffer.from(first.devices.pageInfo.endCursor, 'base64').toString('utf8').replace(/[0-9a-f-]{36}/, middle.rows[0]!.id);
      const after = (await execute<any, any>(t.gateway, Page, { p: big.id, after: Buffer.from(cursor).toString('base64') }, session)).expectData();
      expect(after.devices.nodes).toHaveLength(20);
      const afterPlan = await planOf(client, { projectId: big.id, deviceIds: 'ALL', limit: 21, after: middle.rows[0]! });

      // A token with grants on two devices: the page is filtered, still read through the index.
      const granted = await client.query<{ id: string }>(`SELECT "id" FROM "Device" WHERE "projectId" = $1 ORDER BY "createdAt" DESC LIMIT 2`, [big.id]);
      const token = await createToken(t.prisma, { createdById: owner.id, grants: granted.rows.map((r) => grant('DEVICE', 'READ', { projectId: big.id, deviceId: r.id })) });
      const few = (await execute<any, any>(t.gateway, Page, { p: big.id }, { token: token.secret })).expectData();
      expect(few.devices.nodes).toHaveLength(2);
      const grantsPlan = await planOf(client, { projectId: big.id, deviceIds: granted.rows.map((r) => r.id), limit: 21 });

      for (const plan of [firstPlan, afterPlan]) {
        expect(plan).toMatch(/^Limit/);
        expect(plan).toMatch(/Index (Only )?Scan using "Device_projectId_createdAt_id_idx"/);
        expect(plan).not.toMatch(/Sort/);
        // About one page of rows read, not the project's 100,000.
        const read = Number(/Index (?:Only )?Scan .*actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/.exec(plan)![1]);
        expect(read).toBeLessThanOrEqual(21);
      }
      expect(afterPlan).toMatch(/Index Cond: .*ROW\("createdAt", id\) >/);
      // Grants on single devices: those rows by primary key, however many devices the project has.
      expect(grantsPlan).not.toMatch(/Seq Scan on "Device"/);
    } finally {
      await client.end();
    }
  });
});
