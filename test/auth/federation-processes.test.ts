/**
 * Trust policies across gateway processes: deleting a policy through one gateway ends the JWTs
 * exchanged under it on another within a second.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrisma } from '../../src/db/client.js';
import { execute } from '../helpers/execute.js';
import { createProject, createUser } from '../helpers/factories.js';
import { isolatedDatabase, TEST_KEY_SECRET } from '../helpers/gateway.js';
import { startIssuer } from '../helpers/oidc-issuer.js';
import { startProcess, stopProcess } from '../helpers/servers.js';

const children: ChildProcess[] = [];
const dirs: string[] = [];

async function startGateway(databaseUrl: string): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-federation-'));
  dirs.push(dataDir);
  const gateway = startProcess(['--import', 'tsx', 'src/server.ts'], {
    DATABASE_URL: databaseUrl,
    SCOPEGATE_DATA_DIR: dataDir,
    SCOPEGATE_KEY_SECRET: TEST_KEY_SECRET,
    SCOPEGATE_ADMIN_EMAIL: 'admin@federation.test',
    SCOPEGATE_ADMIN_PASSWORD: 'admin password for two gateways',
    SCOPEGATE_FEDERATION_ALLOW_INSECURE: '1',
    NODE_ENV: 'production',
  });
  children.push(gateway.child);
  return gateway.base;
}

afterAll(async () => {
  await Promise.all(children.map((child) => stopProcess(child)));
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad-hoc operations of every shape
const gql = (base: string, query: string, credential: string, variables: Record<string, unknown> = {}) => execute<any, unknown>(`${base}/graphql`, query, variables, { token: credential });

describe('trust policies on several gateways', () => {
  it('deleting a policy through one gateway ends its JWTs on another within 1 second', async () => {
    const databaseUrl = await isolatedDatabase();
    const issuer = await startIssuer();
    const [a, b] = await Promise.all([startGateway(databaseUrl), startGateway(databaseUrl)]);
    const prisma = createPrisma(databaseUrl);
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    await prisma.$disconnect();
    const created = await gql(a!, 'mutation($input: CreateTrustPolicyInput!) { createTrustPolicy(input: $input) { id } }', owner.session, {
      input: {
        name: 'CI',
        issuer: issuer.issuer,
        jwksUri: issuer.jwksUri,
        audience: 'scopegate',
        claims: { repository: 'acme/app' },
        projectId: project.id,
        grants: [{ entity: 'PROJECT', action: 'READ' }],
        maxLifetimeSeconds: 600,
      },
    });
    const policyId = created.expectData().createTrustPolicy.id as string;
    const exchanged = await fetch(`${b}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        subject_token: await issuer.sign({ repository: 'acme/app', aud: 'scopegate' }),
      }),
    });
    expect(exchanged.status).toBe(200);
    const jwt = ((await exchanged.json()) as { access_token: string }).access_token;
    const Project = 'query($id: ID!) { project(id: $id) { id } }';
    // Warm b's caches: from here on only an invalidation can make it refuse.
    expect((await gql(b!, Project, jwt, { id: project.id })).expectData().project.id).toBe(project.id);
    expect((await gql(b!, Project, jwt, { id: project.id })).expectData().project.id).toBe(project.id);

    const deleted = await gql(a!, 'mutation($id: ID!) { deleteTrustPolicy(id: $id) }', owner.session, { id: policyId });
    expect(deleted.expectData().deleteTrustPolicy).toBe(true);
    const acknowledged = performance.now();
    let delay = Infinity;
    while (performance.now() - acknowledged < 5_000) {
      if ((await gql(b!, Project, jwt, { id: project.id })).status === 401) {
        delay = performance.now() - acknowledged;
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    console.log(`trust policy deletion reached the other gateway in ${delay.toFixed(1)} ms`);
    expect(delay).toBeLessThan(1_000);
  });
});
