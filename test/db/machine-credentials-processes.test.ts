/**
 * Machine credentials across three gateway processes on one database: deleting a trust policy
 * through one gateway ends its JWTs on another within a second, and an enrollment token's uses are
 * counted together, however the attempts are spread.
 */
import { describe, expect, it } from 'vitest';
import { createPrisma } from '../../src/db/client.js';
import { execute } from '../helpers/execute.js';
import { createProject, createUser } from '../helpers/factories.js';
import { startIssuer } from '../helpers/oidc-issuer.js';
import { gatewayProcesses } from '../helpers/servers.js';
import { federatedExchange } from '../helpers/token-endpoint.js';

const processes = gatewayProcesses({ SCOPEGATE_FEDERATION_ALLOW_INSECURE: '1' });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad-hoc operations of every shape
const gql = (base: string, query: string, credential: string, variables: Record<string, unknown> = {}) => execute<any, unknown>(`${base}/graphql`, query, variables, { token: credential });

describe('trust policies on several gateways', () => {
  it('deleting a policy through one gateway ends its JWTs on another within 1 second', async () => {
    const { databaseUrl, bases } = await processes.threeOnOneDatabase();
    const [a, b] = bases;
    const issuer = await startIssuer();
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
    const exchanged = await federatedExchange(b!, await issuer.sign({ repository: 'acme/app', aud: 'scopegate' }), project.id);
    expect(exchanged.status).toBe(200);
    const jwt = exchanged.body.access_token as string;
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

describe('enrollment tokens on several gateways', () => {
  it('maxUses 1 enrolls exactly one device under 50 concurrent attempts on three processes', async () => {
    const { databaseUrl, bases } = await processes.threeOnOneDatabase();
    const prisma = createPrisma(databaseUrl);
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    await prisma.$disconnect();
    const created = await gql(bases[0]!, 'mutation($input: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $input) { secret } }', owner.session, {
      input: { projectId: project.id, name: 'one device', maxUses: 1, expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
    });
    const secret = created.expectData().createEnrollmentToken.secret as string;
    const attempts = await Promise.all(
      Array.from({ length: 50 }, (_, i) => gql(bases[i % 3]!, 'mutation($name: String!) { enrollDevice(name: $name) { deviceId token } }', secret, { name: `device-${i}` })),
    );
    const enrolled = attempts.filter((a) => a.body.data?.enrollDevice);
    const refused = attempts.filter((a) => a.body.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED');
    expect(enrolled).toHaveLength(1);
    expect(refused).toHaveLength(49);
    const check = createPrisma(databaseUrl);
    expect(await check.device.count({ where: { projectId: project.id } })).toBe(1);
    expect((await check.enrollmentToken.findFirstOrThrow({ where: { projectId: project.id } })).uses).toBe(1);
    expect(await check.accessToken.count({ where: { projectId: project.id } })).toBe(1);
    await check.$disconnect();
  });
});
