/**
 * Each class of escalation found by a live attack (issue 16), written as the attacker sent it.
 * Every test checks the answer and what the database holds afterwards.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- operations written inline, as an attacker sends them */
import { describe, expect, it } from 'vitest';
import { execute } from '../helpers/execute.js';
import { addMember, createDevice, createProject, createToken, createUser, grant, PASSWORD } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';
import { exchangedJwt, exchangeForm } from '../helpers/token-endpoint.js';

const { gateway, prisma } = await setupGateway();
// Behind one trusted proxy, so that sign-ins have a client address and its limit.
const proxied = await setupGateway({ env: { TRUST_PROXY: '1', SCOPEGATE_LOGIN_LIMIT_PER_IP: '3' } });
const narrowing = (secret: string, scope: string) => exchangeForm(gateway, secret, scope);

async function ownerWith() {
  const owner = await createUser(prisma);
  const p1 = await createProject(prisma, owner.id, 'P1');
  const p2 = await createProject(prisma, owner.id, 'P2');
  const d1 = await createDevice(prisma, p1.id, 'd1');
  const d3 = await createDevice(prisma, p1.id, 'd3');
  const d2 = await createDevice(prisma, p2.id, 'd2');
  return { owner, p1, p2, d1, d2, d3 };
}

describe('1. a refused write is never committed', () => {
  it('a grant on one device cannot create devices in its project', async () => {
    const w = await ownerWith();
    const token = await createToken(prisma, { createdById: w.owner.id, grants: [grant('DEVICE', 'WRITE', { projectId: w.p1.id, deviceId: w.d1.id })] });
    const before = await prisma.device.count({ where: { projectId: w.p1.id } });
    const refused = await execute<any, any>(gateway, 'mutation($p: ID!) { createDevice(projectId: $p, name: "planted") { id } }', { p: w.p1.id }, { token: token.secret });
    expect(refused.expectError('FORBIDDEN').extensions).toMatchObject({ reason: 'MISSING_GRANT', requirement: { entity: 'DEVICE', action: 'WRITE', projectId: w.p1.id } });
    expect(await prisma.device.count({ where: { projectId: w.p1.id } })).toBe(before);
  });

  it('a write allowed at the root but refused below it is rolled back, and the answer says so', async () => {
    const w = await ownerWith();
    const token = await createToken(prisma, { createdById: w.owner.id, grants: [grant('DEVICE', 'WRITE', { projectId: w.p1.id })] });
    const refused = await execute<any, any>(gateway, 'mutation($id: ID!) { updateDevice(id: $id, name: "renamed") { name project { name } } }', { id: w.d1.id }, { token: token.secret });
    expect(refused.expectError('FORBIDDEN').path).toEqual(['updateDevice', 'project']);
    expect(refused.body.data).toBeNull();
    expect(await prisma.device.findUniqueOrThrow({ where: { id: w.d1.id } })).toMatchObject({ name: 'd1' });
  });

  it('a mutation operation is all or nothing: a later refused root field undoes an earlier write', async () => {
    const w = await ownerWith();
    const token = await createToken(prisma, { createdById: w.owner.id, grants: [grant('DEVICE', 'WRITE', { projectId: w.p1.id })] });
    const refused = await execute(
      gateway,
      'mutation($a: ID!, $b: ID!) { first: updateDevice(id: $a, name: "one") { id } second: updateDevice(id: $b, name: "two") { id } }',
      { a: w.d1.id, b: w.d2.id },
      { token: token.secret },
    );
    expect(refused.expectError('FORBIDDEN').path).toEqual(['second']);
    expect(refused.body.data).toBeNull();
    expect((await prisma.device.findUniqueOrThrow({ where: { id: w.d1.id } })).name).toBe('d1');
  });
});

describe('2. grants keep their pairing of project and device', () => {
  it('a narrowing exchange refuses a device under a project it is not in', async () => {
    const w = await ownerWith();
    const token = await createToken(prisma, {
      createdById: w.owner.id,
      grants: [grant('DEVICE', 'WRITE', { projectId: w.p2.id }), grant('DEVICE', 'WRITE', { projectId: w.p1.id, deviceId: w.d3.id })],
    });
    const mismatched = await narrowing(token.secret, `device:write:${w.p2.id}:${w.d1.id}`);
    expect(mismatched).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    const missing = await narrowing(token.secret, `device:write:*:00000000-0000-4000-8000-000000000000`);
    expect(missing).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
  });

  it('a grant on P2 and a grant on one P1 device reach exactly P2 and that device', async () => {
    const w = await ownerWith();
    const token = await createToken(prisma, {
      createdById: w.owner.id,
      grants: [grant('DEVICE', 'WRITE', { projectId: w.p2.id }), grant('DEVICE', 'WRITE', { projectId: w.p1.id, deviceId: w.d3.id })],
    });
    const listed = (await execute<any, any>(gateway, 'query($p: ID!) { devices(projectId: $p) { nodes { id } } }', { p: w.p1.id }, { token: token.secret })).expectData();
    expect(listed.devices.nodes).toEqual([{ id: w.d3.id }]);
    const refused = await execute<any, any>(gateway, 'mutation($id: ID!) { deleteDevice(id: $id) }', { id: w.d1.id }, { token: token.secret });
    expect(refused.expectError('FORBIDDEN').extensions?.reason).toBe('MISSING_GRANT');
    expect(await prisma.device.findUnique({ where: { id: w.d1.id } })).not.toBeNull();
  });

  it('a grant whose device lies outside its project reaches nothing', async () => {
    const w = await ownerWith();
    // The API refuses to make such a grant; written directly, it still reaches nothing.
    const token = await createToken(prisma, { createdById: w.owner.id, grants: [grant('DEVICE', 'WRITE', { projectId: w.p2.id, deviceId: w.d1.id })] });
    const refused = await execute<any, any>(gateway, 'mutation($id: ID!) { updateDevice(id: $id, name: "x") { id } }', { id: w.d1.id }, { token: token.secret });
    expect(refused.expectError('FORBIDDEN').extensions?.reason).toBe('MISSING_GRANT');
    const listed = (await execute<any, any>(gateway, 'query($p: ID!) { devices(projectId: $p) { nodes { id } } }', { p: w.p2.id }, { token: token.secret })).expectData();
    expect(listed.devices.nodes).toEqual([]);
  });
});

describe('3. derived credentials never widen', () => {
  const Apply = 'mutation($id: ID!, $pw: String!) { applySuggestedGrants(id: $id, password: $pw) { grants { entity action projectId deviceId } } }';

  it('a suggestion after merely trying another project adds no grant there', async () => {
    const w = await ownerWith();
    const token = await createToken(prisma, { createdById: w.owner.id, grants: [grant('DEVICE', 'WRITE', { projectId: w.p1.id })] });
    (await execute<any, any>(gateway, 'mutation($id: ID!) { updateDevice(id: $id, status: ONLINE) { id } }', { id: w.d1.id }, { token: token.secret })).expectData();
    (await execute<any, any>(gateway, 'query($id: ID!) { device(id: $id) { id } }', { id: w.d2.id }, { token: token.secret })).expectError('FORBIDDEN');
    await gateway.usage.flush();
    const applied = (await execute<any, any>(gateway, Apply, { id: token.id, pw: PASSWORD }, { session: w.owner.session })).expectData();
    const grants = applied.applySuggestedGrants.grants as { projectId: string | null }[];
    expect(grants).toContainEqual({ entity: 'DEVICE', action: 'WRITE', projectId: w.p1.id, deviceId: w.d1.id });
    expect(grants.every((g) => g.projectId === w.p1.id)).toBe(true);
  });

  it('a single-device READ grant stays on that device', async () => {
    const w = await ownerWith();
    const token = await createToken(prisma, { createdById: w.owner.id, grants: [grant('DEVICE', 'READ', { projectId: w.p1.id, deviceId: w.d1.id })] });
    (await execute<any, any>(gateway, 'query($p: ID!) { devices(projectId: $p) { nodes { id } } }', { p: w.p1.id }, { token: token.secret })).expectData();
    await gateway.usage.flush();
    const applied = (await execute<any, any>(gateway, Apply, { id: token.id, pw: PASSWORD }, { session: w.owner.session })).expectData();
    expect(applied.applySuggestedGrants.grants).toEqual([{ entity: 'DEVICE', action: 'READ', projectId: w.p1.id, deviceId: w.d1.id }]);
  });
});

describe('4. API method sets hold at every depth', () => {
  it('a USER token limited to Query.viewer reads no project, member or device through its grants', async () => {
    const w = await ownerWith();
    const token = await createToken(prisma, { kind: 'USER', createdById: w.owner.id, apiMethods: ['Query.viewer'] });
    const response = await execute<any, any>(gateway, '{ viewer { grants { project { name members { nodes { user { email } } } devices { nodes { id } } } } } }', {}, { token: token.secret });
    const refusals = response.body.errors ?? [];
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.every((e) => e.extensions?.reason === 'METHOD_NOT_ALLOWED' && e.path?.at(-1) === 'project')).toBe(true);
    expect(JSON.stringify(response.body.data)).not.toMatch(/@|"P1"|"members"/);
  });

  it('a DEVICE_OPERATOR token cannot reach project members through a device', async () => {
    const w = await ownerWith();
    const token = await createToken(prisma, { kind: 'USER', createdById: w.owner.id, apiMethodSet: 'DEVICE_OPERATOR' });
    const response = await execute<any, any>(gateway, 'query($id: ID!) { device(id: $id) { name project { members { nodes { user { email } } } } } }', { id: w.d1.id }, { token: token.secret });
    expect(response.expectError('FORBIDDEN')).toMatchObject({ path: ['device', 'project'], extensions: { reason: 'METHOD_NOT_ALLOWED' } });
    expect(JSON.stringify(response.body)).not.toContain(w.owner.email);
  });

  it('the object a root field returns is covered by that field', async () => {
    const w = await ownerWith();
    const token = await createToken(prisma, { kind: 'USER', createdById: w.owner.id, apiMethods: ['Mutation.updateDevice'] });
    const updated = (await execute<any, any>(gateway, 'mutation($id: ID!) { updateDevice(id: $id, name: "ok") { name } }', { id: w.d1.id }, { token: token.secret })).expectData();
    expect(updated.updateDevice.name).toBe('ok');
  });
});

describe('5. no side door to tokens', () => {
  it("a former OWNER keeps a PROJECT token's notice but not the token", async () => {
    const w = await ownerWith();
    const former = await createUser(prisma);
    await addMember(prisma, w.p1.id, former.id, 'OWNER');
    const token = await createToken(prisma, { kind: 'PROJECT', createdById: former.id, projectId: w.p1.id, grants: [grant('DEVICE', 'READ', { projectId: w.p1.id })] });
    await prisma.notification.create({ data: { userId: former.id, tokenId: token.id, kind: 'TOKEN_EXPIRING', message: 'expires soon' } });
    const Notices = '{ viewer { notifications { nodes { message token { id displayPrefix } } } } }';
    expect((await execute<any, any>(gateway, Notices, {}, { session: former.session })).expectData().viewer.notifications.nodes[0].token.id).toBe(token.id);
    (await execute<any, any>(gateway, 'mutation($p: ID!, $u: ID!) { removeProjectMember(projectId: $p, userId: $u) }', { p: w.p1.id, u: former.id }, { session: w.owner.session })).expectData();
    expect((await execute<any, any>(gateway, Notices, {}, { session: former.session })).expectData().viewer.notifications.nodes).toEqual([{ message: 'expires soon', token: null }]);
  });

  it('a token reading itself does not learn who made it', async () => {
    const w = await ownerWith();
    const token = await createToken(prisma, { kind: 'USER', createdById: w.owner.id });
    const response = await execute<any, any>(gateway, '{ viewer { token { name createdBy { email } } } }', {}, { token: token.secret });
    expect(response.expectError('FORBIDDEN').extensions?.reason).toBe('TOKEN_MANAGEMENT');
  });
});

describe('6. explainToken runs under the operation limits', () => {
  const Explain = 'query($id: ID!, $q: String!) { explainToken(id: $id, query: $q) { path allowed reason } }';

  it('refuses a document too deep or with too many aliases, and explains `mutation { __typename }`', async () => {
    const w = await ownerWith();
    const token = await createToken(prisma, { kind: 'USER', createdById: w.owner.id });
    const deep = `{ ${'viewer { token { project { devices { nodes { project { devices { nodes { '.repeat(2)}id${' } } } } } } } }'.repeat(2)} }`;
    expect((await execute<any, any>(gateway, Explain, { id: token.id, q: deep }, { session: w.owner.session })).expectError('BAD_USER_INPUT').message).toMatch(/depth/i);
    const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: viewer { authMethod }`).join(' ')} }`;
    expect((await execute<any, any>(gateway, Explain, { id: token.id, q: aliases }, { session: w.owner.session })).expectError('BAD_USER_INPUT').message).toMatch(/alias/i);
    const typename = (await execute<any, any>(gateway, Explain, { id: token.id, q: 'mutation { __typename }' }, { session: w.owner.session })).expectData();
    expect(typename.explainToken).toEqual([{ path: '__typename', allowed: true, reason: null }]);
  });
});

describe('7. a token cannot decide who is OWNER', () => {
  it('a PROJECT token can add a VIEWER but not make anyone OWNER, demote or remove one', async () => {
    const w = await ownerWith();
    const other = await createUser(prisma);
    const coOwner = await createUser(prisma);
    await addMember(prisma, w.p1.id, coOwner.id, 'OWNER');
    const token = await createToken(prisma, { kind: 'PROJECT', createdById: w.owner.id, projectId: w.p1.id, grants: [grant('PROJECT', 'WRITE', { projectId: w.p1.id })] });
    const Add = 'mutation($p: ID!, $u: ID!, $r: ProjectRole!) { addProjectMember(projectId: $p, userId: $u, role: $r) { role } }';
    const Remove = 'mutation($p: ID!, $u: ID!) { removeProjectMember(projectId: $p, userId: $u) }';
    for (const attempt of [
      execute<any, any>(gateway, Add, { p: w.p1.id, u: other.id, r: 'OWNER' }, { token: token.secret }),
      execute<any, any>(gateway, Add, { p: w.p1.id, u: coOwner.id, r: 'VIEWER' }, { token: token.secret }),
      execute<any, any>(gateway, Remove, { p: w.p1.id, u: coOwner.id }, { token: token.secret }),
    ]) {
      expect((await attempt).expectError('FORBIDDEN').extensions?.reason).toBe('TOKEN_MANAGEMENT');
    }
    expect(await prisma.projectMember.findUnique({ where: { projectId_userId: { projectId: w.p1.id, userId: other.id } } })).toBeNull();
    expect((await prisma.projectMember.findUniqueOrThrow({ where: { projectId_userId: { projectId: w.p1.id, userId: coOwner.id } } })).role).toBe('OWNER');
    (await execute<any, any>(gateway, Add, { p: w.p1.id, u: other.id, r: 'VIEWER' }, { token: token.secret })).expectData();
  });
});

describe('found by the review of the fix', () => {
  it('login inside a fragment still stands alone, and a burst of them starves no one', async () => {
    const w = await ownerWith();
    const LoginInFragment = 'mutation($e: String!, $p: String!) { ... on Mutation { login(email: $e, password: $p) { sessionToken } } }';
    const mixed = await execute<any, any>(gateway, 'mutation($e: String!, $p: String!) { ...L createProject(name: "x") { id } } fragment L on Mutation { login(email: $e, password: $p) { sessionToken } }', { e: w.owner.email, p: PASSWORD });
    expect(mixed.expectError('BAD_USER_INPUT').message).toMatch(/login must be the only field/);
    const burst = Array.from({ length: 12 }, (_, i) => execute<any, any>(gateway, LoginInFragment, { e: `nobody-${i}-${w.owner.id}@example.test`, p: 'wrong password' }));
    const probe = execute<any, any>(gateway, 'mutation($p: ID!) { updateProject(id: $p, name: "probe") { name } }', { p: w.p1.id }, { session: w.owner.session });
    for (const answer of await Promise.all(burst)) answer.expectError('UNAUTHENTICATED');
    expect((await probe).expectData().updateProject.name).toBe('probe');
  });

  it('a rolled-back mutation sets no cookie and counts no use', async () => {
    const w = await ownerWith();
    const loggedOut = await execute<any, any>(gateway, 'mutation { logout x: createProject(name: "") { id } }', {}, { session: w.owner.session });
    expect(loggedOut.body.data).toBeNull();
    expect(loggedOut.headers.getSetCookie()).toEqual([]);
    expect((await execute<any, any>(gateway, '{ viewer { authMethod } }', {}, { session: w.owner.session })).expectData().viewer.authMethod).toBe('SESSION');

    const token = await createToken(prisma, { createdById: w.owner.id, grants: [grant('DEVICE', 'WRITE', { projectId: w.p1.id })] });
    await execute<any, any>(gateway, 'mutation($d: ID!) { a: updateDevice(id: $d, name: "x") { id } b: updateDevice(id: $d, name: "") { id } }', { d: w.d1.id }, { token: token.secret });
    await gateway.usage.flush();
    expect(await prisma.tokenUsage.findMany({ where: { tokenId: token.id, key: { startsWith: 'PERM:' } } })).toEqual([]);
  });

  it('the narrowing exchange answers a hidden device exactly like a missing one', async () => {
    const w = await ownerWith();
    const stranger = await createUser(prisma);
    const hidden = await createDevice(prisma, (await createProject(prisma, stranger.id)).id);
    const missing = '00000000-0000-4000-8000-000000000000';
    const user = await createToken(prisma, { kind: 'USER', createdById: w.owner.id });
    const custom = await createToken(prisma, { createdById: w.owner.id, grants: [grant('DEVICE', 'READ')] });
    for (const token of [user, custom]) {
      for (const pattern of ['device:read:*:ID', `device:read:${w.p1.id}:ID`]) {
        const [a, b] = await Promise.all([hidden.id, missing].map((id) => narrowing(token.secret, pattern.replace('ID', id))));
        expect(a).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
        expect(JSON.stringify(a!.body).replace(hidden.id, "ID")).toBe(JSON.stringify(b!.body).replace(missing, "ID"));
      }
    }
  });

  it('explainToken runs once per request', async () => {
    const w = await ownerWith();
    const token = await createToken(prisma, { kind: 'USER', createdById: w.owner.id });
    const twice = await execute<any, any>(gateway, 'query($id: ID!) { a: explainToken(id: $id, query: "{ viewer { authMethod } }") { path } b: explainToken(id: $id, query: "{ viewer { authMethod } }") { path } }', { id: token.id }, { session: w.owner.session });
    expect(twice.expectError('BAD_USER_INPUT').message).toMatch(/one explainToken per request/);
  });

  it('a list nested inside itself is refused before it runs', async () => {
    const w = await ownerWith();
    const cycle = await execute<any, any>(gateway, 'query($p: ID!) { project(id: $p) { devices { nodes { project { devices { nodes { id } } } } } } }', { p: w.p1.id }, { session: w.owner.session });
    expect(cycle.status).toBe(400);
    expect(cycle.expectError('GRAPHQL_VALIDATION_FAILED').message).toMatch(/Project.devices is asked for inside itself/);
    const viaFragment = await execute<any, any>(gateway, 'query($p: ID!) { project(id: $p) { ...D } } fragment D on Project { devices { nodes { project { ...D } } } }', { p: w.p1.id }, { session: w.owner.session });
    expect(viaFragment.status).toBe(400);
  });

  it('two OWNERs removing each other at once leave one OWNER', async () => {
    const w = await ownerWith();
    const other = await createUser(prisma);
    await addMember(prisma, w.p1.id, other.id, 'OWNER');
    const Remove = 'mutation($p: ID!, $u: ID!) { removeProjectMember(projectId: $p, userId: $u) }';
    const answers = await Promise.all([
      execute<any, any>(gateway, Remove, { p: w.p1.id, u: other.id }, { session: w.owner.session }),
      execute<any, any>(gateway, Remove, { p: w.p1.id, u: w.owner.id }, { session: other.session }),
    ]);
    expect(answers.filter((a) => a.body.data?.removeProjectMember === true)).toHaveLength(1);
    expect(await prisma.projectMember.count({ where: { projectId: w.p1.id, role: 'OWNER' } })).toBe(1);
  });

  it("a password confirmation counts as a sign-in attempt of the account", async () => {
    const w = await ownerWith();
    const token = await createToken(prisma, { kind: 'USER', createdById: w.owner.id });
    const Update = 'mutation($id: ID!, $pw: String!) { updateToken(id: $id, input: { name: "n" }, password: $pw) { name } }';
    for (let i = 0; i < 10; i++) (await execute<any, any>(gateway, Update, { id: token.id, pw: `wrong-${i}` }, { session: w.owner.session })).expectError('BAD_USER_INPUT');
    const blocked = await execute<any, any>(gateway, Update, { id: token.id, pw: PASSWORD }, { session: w.owner.session });
    expect(blocked.status).toBe(429);
    expect(blocked.expectError('RATE_LIMITED')).toBeTruthy();
    const login = await execute<any, any>(gateway, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { sessionToken } }', { e: w.owner.email, p: PASSWORD });
    expect(login.status).toBe(429);
  });

  it("a JWT of a token whose grants all went with their project still answers what needs none", async () => {
    const w = await ownerWith();
    const token = await createToken(prisma, { createdById: w.owner.id, grants: [grant('DEVICE', 'READ', { projectId: w.p2.id })] });
    (await execute<any, any>(gateway, 'mutation($p: ID!) { deleteProject(id: $p) }', { p: w.p2.id }, { session: w.owner.session })).expectData();
    const jwt = await exchangedJwt(gateway, token.secret);
    expect((await execute<any, any>(gateway, '{ viewer { authMethod } }', {}, { token: jwt })).expectData().viewer.authMethod).toBe('EXCHANGED_JWT');
  });
});

describe('found by the second review', () => {
  it('fragments spread twice at every level are validated in linear time, not doubled per level', async () => {
    const levels = 30;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ');
    const document = `{ ...F0 } ${fragments} fragment F${levels} on Query { viewer { authMethod } }`;
    // Refused by the operation limits; walked per occurrence, the nesting check alone would
    // first have walked 2^30 spreads (2^24 took 75 s, blocking every other request).
    const answer = await execute<any, any>(gateway, document, {});
    expect(answer.status).toBe(400);
    answer.expectError('GRAPHQL_VALIDATION_FAILED');
  });

  it("reading a token's usage inside a rolled-back mutation writes nothing and counts nothing twice", async () => {
    const w = await ownerWith();
    const token = await createToken(prisma, { createdById: w.owner.id, grants: [grant('DEVICE', 'READ', { projectId: w.p1.id })] });
    for (let i = 0; i < 3; i++) (await execute<any, any>(gateway, 'query($d: ID!) { device(id: $d) { id } }', { d: w.d1.id }, { token: token.secret })).expectData();
    const refused = await execute<any, any>(gateway, 'mutation($t: ID!) { revokeToken(id: $t) { usage { key count } } x: createProject(name: "") { id } }', { t: token.id }, { session: w.owner.session });
    expect(refused.body.data).toBeNull();
    expect(await prisma.tokenUsage.count({ where: { tokenId: token.id } })).toBe(0);
    expect((await prisma.accessToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();
    await gateway.usage.flush();
    const written = await prisma.tokenUsage.findMany({ where: { tokenId: token.id, key: 'Query.device' } });
    expect(written.map((u) => u.count)).toEqual([3]);
  });

  it('members count against the same 10,000, under pages whose sizes come from variables', async () => {
    const w = await ownerWith();
    await prisma.device.createMany({ data: Array.from({ length: 98 }, (_, i) => ({ projectId: w.p1.id, name: `bulk-${i}` })) });
    const users = await prisma.user.createManyAndReturn({ data: Array.from({ length: 100 }, (_, i) => ({ email: `crowd-${i}-${w.p1.id}@example.test`, passwordHash: 'unused' })), select: { id: true } });
    await prisma.projectMember.createMany({ data: users.map((u) => ({ projectId: w.p1.id, userId: u.id, role: 'VIEWER' as const })) });
    // A size in a variable is priced once by the cost limit: 100 devices x 101 members pass it.
    const query = 'query($p: ID!, $n: Int) { project(id: $p) { devices(first: $n) { nodes { project { members(first: $n) { nodes { role } } } } } } }';
    const answer = await execute<any, any>(gateway, query, { p: w.p1.id, n: 100 }, { session: w.owner.session });
    expect(answer.expectError('RESULT_TOO_LARGE').message).toMatch(/more than 10000 projects, devices and members/);
    const fewer = await execute<any, any>(gateway, query, { p: w.p1.id, n: 50 }, { session: w.owner.session });
    expect(fewer.expectData().project.devices.nodes).toHaveLength(50);
  });

  it('a request reads at most 10,000 projects and devices in lists, however its lists multiply', async () => {
    const w = await ownerWith();
    const devices = await prisma.device.createManyAndReturn({ data: Array.from({ length: 100 }, (_, i) => ({ projectId: w.p1.id, name: `bulk-${i}` })), select: { id: true } });
    const grants = [grant('PROJECT', 'READ', { projectId: w.p1.id }), ...devices.map((d) => grant('DEVICE', 'READ', { projectId: w.p1.id, deviceId: d.id }))];
    const token = await createToken(prisma, { kind: 'CUSTOM', createdById: w.owner.id, grants });
    const answer = await execute<any, any>(gateway, '{ viewer { token { grants { project { devices(first: 100) { nodes { id } } } } } } }', {}, { token: token.secret });
    expect(answer.expectError('RESULT_TOO_LARGE').message).toMatch(/more than 10000 projects, devices and members/);
    const small = await execute<any, any>(gateway, 'query($p: ID!) { devices(projectId: $p, first: 100) { nodes { id } } }', { p: w.p1.id }, { token: token.secret });
    expect(small.expectData().devices.nodes).toHaveLength(100);
  });

  it('createToken keeps one of each repeated grant', async () => {
    const w = await ownerWith();
    const repeated = Array.from({ length: 50 }, () => ({ entity: 'DEVICE', action: 'READ', projectId: w.p1.id }));
    const made = await execute<any, any>(gateway, 'mutation($g: [ScopeGrantInput!], $pw: String!) { createToken(password: $pw, input: { kind: CUSTOM, name: "r", grants: $g }) { token { grants { projectId } } } }', { g: repeated, pw: PASSWORD }, { session: w.owner.session });
    expect(made.expectData().createToken.token.grants).toEqual([{ projectId: w.p1.id }]);
  });

  it("a rolled-back resetPassword leaves the account's lock-out in place", async () => {
    const w = await ownerWith();
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const Login = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { sessionToken } }';
    for (let i = 0; i < 10; i++) await execute<any, any>(gateway, Login, { e: w.owner.email, p: `wrong-${i}` });
    expect((await execute<any, any>(gateway, Login, { e: w.owner.email, p: 'wrong again' })).status).toBe(429);
    const rolledBack = await execute<any, any>(gateway, 'mutation($u: ID!) { resetPassword(userId: $u) { temporaryPassword } x: createProject(name: "") { id } }', { u: w.owner.id }, { session: admin.session });
    expect(rolledBack.body.data).toBeNull();
    expect((await execute<any, any>(gateway, Login, { e: w.owner.email, p: 'and again' })).status).toBe(429);
  });

  it("a grant's project or device beyond the owner's projects answers null, like project(id)", async () => {
    const w = await ownerWith();
    const token = await createToken(prisma, { createdById: w.owner.id, grants: [grant('DEVICE', 'READ', { projectId: w.p2.id, deviceId: w.d2.id })] });
    await prisma.projectMember.deleteMany({ where: { projectId: w.p2.id, userId: w.owner.id } });
    const listed = await execute<any, any>(gateway, '{ myTokens { nodes { id grants { project { id } device { id } } } } }', {}, { session: w.owner.session });
    const mine = listed.expectData().myTokens.nodes.find((t: { id: string }) => t.id === token.id);
    expect(mine.grants).toEqual([{ project: null, device: null }]);
  });

  it('a change that changes nothing leaves every credential cache as it was', async () => {
    // A database of its own: a revocation by another file on the shared one would empty this
    // gateway's cache (its 'auth' notification) between the two requests.
    const own = await setupGateway({ isolated: true });
    const owner = await createUser(own.prisma);
    const p1 = await createProject(own.prisma, owner.id, 'P1');
    const viewer = await createUser(own.prisma);
    await addMember(own.prisma, p1.id, viewer.id, 'VIEWER');
    const token = await createToken(own.prisma, { kind: 'PROJECT', createdById: owner.id, projectId: p1.id, grants: [grant('PROJECT', 'WRITE', { projectId: p1.id })] });
    const Add = 'mutation($p: ID!, $u: ID!) { addProjectMember(projectId: $p, userId: $u, role: VIEWER) { role } }';
    (await execute<any, any>(own.gateway, Add, { p: p1.id, u: viewer.id }, { token: token.secret })).expectData();
    const cached = own.gateway.authenticator.cache.size;
    expect(cached).toBeGreaterThan(0);
    (await execute<any, any>(own.gateway, Add, { p: p1.id, u: viewer.id }, { token: token.secret })).expectData();
    expect(own.gateway.authenticator.cache.size).toBeGreaterThanOrEqual(cached);
  });
});

describe('a blocked address', () => {
  it('is refused from memory: new e-mails it tries write no rows', async () => {
    const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;
    const login = (email: string) =>
      proxied.gateway.fetch('http://scopegate.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ query: 'mutation($e: String!) { login(email: $e, password: "wrong password") { sessionToken } }', variables: { e: email } }),
      });
    for (let i = 0; i < 4; i++) await login(`first-${i}-${ip}@example.test`);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login(`later-${i}-${ip}@example.test`)));
    expect(answers.every((a) => a.status === 429)).toBe(true);
    expect(await prisma.rateLimit.count({ where: { key: { contains: `later-` } } })).toBe(0);
  });
});
