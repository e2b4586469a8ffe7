/**
 * Enrollment tokens: a key that can only enroll devices, a limited number of times, and the device
 * tokens it hands out.
 */
import { describe, expect, it } from 'vitest';
import { digestSecret, generateEnrollmentToken, kindByPrefix, parseSecret } from '../../src/auth/token-format.js';
import { execute } from '../helpers/execute.js';
import { addMember, createDevice, createProject, createToken, createUser, grant, withTypo } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

const { gateway, prisma } = await setupGateway();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad-hoc operations of every shape
const gql = (query: string, variables: Record<string, unknown> = {}, credential?: { session: string } | { token: string }) => execute<any, unknown>(gateway, query, variables, credential);

const CreateEnrollment = `mutation($input: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $input) { secret enrollmentToken { id displayPrefix remainingUses status } } }`;
const Enroll = `mutation($name: String!, $metadata: JSON) { enrollDevice(name: $name, metadata: $metadata) { deviceId projectId name token tokenId } }`;
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

async function world(maxUses = 3, role: 'OWNER' | 'EDITOR' = 'EDITOR') {
  const owner = await createUser(prisma);
  const project = await createProject(prisma, owner.id);
  const maker = role === 'OWNER' ? owner : await createUser(prisma);
  if (role === 'EDITOR') await addMember(prisma, project.id, maker.id, 'EDITOR');
  const created = await gql(
    CreateEnrollment,
    { input: { projectId: project.id, name: 'line 3', maxUses, expiresAt: inAnHour(), deviceMetadata: { site: 'berlin' } } },
    { session: maker.session },
  );
  const { secret, enrollmentToken } = created.expectData().createEnrollmentToken;
  return { owner, maker, project, secret: secret as string, enrollmentId: enrollmentToken.id as string };
}

describe('enrollment token format', () => {
  it('has its own prefix and a checksum, so a typo is refused without a lookup', () => {
    const secret = generateEnrollmentToken();
    expect(secret).toMatch(/^scopegate_enr_[0-9A-Za-z]{38}$/);
    expect(kindByPrefix(secret)).toBe('enrollment');
    expect(parseSecret(secret)).toEqual({ ok: true, kind: 'enrollment', secret });
    expect(parseSecret(withTypo(secret))).toEqual({ ok: false, reason: 'enrollment token checksum does not match' });
    expect(parseSecret(secret.slice(0, -1))).toEqual({ ok: false, reason: 'malformed enrollment token' });
  });
});

describe('enrollment tokens', () => {
  it('an EDITOR creates one; the secret is shown once and stored as its digest', async () => {
    const w = await world();
    expect(w.secret).toMatch(/^scopegate_enr_/);
    const row = await prisma.enrollmentToken.findUniqueOrThrow({ where: { id: w.enrollmentId } });
    expect(row.digest).toBe(digestSecret(w.secret));
    expect(JSON.stringify(row)).not.toContain(w.secret);
    const listed = await gql('query($p: ID!) { enrollmentTokens(projectId: $p) { nodes { id remainingUses status displayPrefix } } }', { p: w.project.id }, { session: w.owner.session });
    expect(listed.expectData().enrollmentTokens.nodes).toEqual([{ id: w.enrollmentId, remainingUses: 3, status: 'ACTIVE', displayPrefix: w.secret.slice(0, 18) }]);
  });

  it('a VIEWER may neither create nor list them', async () => {
    const w = await world();
    const viewer = await createUser(prisma);
    await addMember(prisma, w.project.id, viewer.id, 'VIEWER');
    const create = await gql(CreateEnrollment, { input: { projectId: w.project.id, name: 'x', maxUses: 1, expiresAt: inAnHour() } }, { session: viewer.session });
    expect(create.expectError('FORBIDDEN').extensions?.reason).toBe('ROLE');
    const list = await gql('query($p: ID!) { enrollmentTokens(projectId: $p) { nodes { id } } }', { p: w.project.id }, { session: viewer.session });
    expect(list.expectError('FORBIDDEN').extensions?.reason).toBe('ROLE');
  });

  it('enrolls a device and returns its token: DEVICE WRITE on that device only, three methods', async () => {
    const w = await world();
    const enrolled = (await gql(Enroll, { name: 'sensor-1', metadata: { firmware: '1.2', site: 'spoofed' } }, { token: w.secret })).expectData().enrollDevice;
    expect(enrolled).toMatchObject({ projectId: w.project.id, name: 'sensor-1', token: expect.stringMatching(/^scopegate_tok_/) });
    const device = await prisma.device.findUniqueOrThrow({ where: { id: enrolled.deviceId } });
    // The creator's labels win over what the device says.
    expect(device).toMatchObject({ projectId: w.project.id, metadata: { firmware: '1.2', site: 'berlin' } });
    const token = await prisma.accessToken.findUniqueOrThrow({ where: { id: enrolled.tokenId }, include: { grants: true, events: true } });
    expect(token).toMatchObject({ kind: 'PROJECT', projectId: w.project.id, apiMethodSet: null, createdById: w.maker.id, digest: digestSecret(enrolled.token) });
    expect([...token.apiMethods].sort()).toEqual(['Mutation.updateDevice', 'Query.device', 'Query.viewer']);
    expect(token.grants.map(({ entity, action, projectId, deviceId }) => ({ entity, action, projectId, deviceId }))).toEqual([
      { entity: 'DEVICE', action: 'WRITE', projectId: w.project.id, deviceId: enrolled.deviceId },
    ]);
    expect(token.events).toMatchObject([{ kind: 'CREATED', details: { enrollmentToken: w.enrollmentId, device: enrolled.deviceId } }]);
    // The device token reads and updates its device.
    const self = await gql('query($id: ID!) { device(id: $id) { id name } }', { id: enrolled.deviceId }, { token: enrolled.token });
    expect(self.expectData().device).toEqual({ id: enrolled.deviceId, name: 'sensor-1' });
    const updated = await gql('mutation($id: ID!) { updateDevice(id: $id, status: ONLINE) { status } }', { id: enrolled.deviceId }, { token: enrolled.token });
    expect(updated.expectData().updateDevice.status).toBe('ONLINE');
    const listed = await gql('query($p: ID!) { enrollmentTokens(projectId: $p) { nodes { remainingUses uses } } }', { p: w.project.id }, { session: w.owner.session });
    expect(listed.expectData().enrollmentTokens.nodes).toEqual([{ remainingUses: 2, uses: 1 }]);
  });

  it('a device token cannot read or change another device, nor list or delete devices', async () => {
    const w = await world();
    const neighbour = await createDevice(prisma, w.project.id, 'neighbour');
    const enrolled = (await gql(Enroll, { name: 'sensor-2' }, { token: w.secret })).expectData().enrollDevice;
    const read = await gql('query($id: ID!) { device(id: $id) { id metadata } }', { id: neighbour.id }, { token: enrolled.token });
    expect(read.expectError('FORBIDDEN').extensions?.reason).toBe('MISSING_GRANT');
    const write = await gql('mutation($id: ID!) { updateDevice(id: $id, name: "pwned") { id } }', { id: neighbour.id }, { token: enrolled.token });
    expect(write.expectError('FORBIDDEN').extensions?.reason).toBe('MISSING_GRANT');
    const list = await gql('query($p: ID!) { devices(projectId: $p) { nodes { id } } }', { p: w.project.id }, { token: enrolled.token });
    expect(list.expectError('FORBIDDEN').extensions?.reason).toBe('METHOD_NOT_ALLOWED');
    const remove = await gql('mutation($id: ID!) { deleteDevice(id: $id) }', { id: enrolled.deviceId }, { token: enrolled.token });
    expect(remove.expectError('FORBIDDEN').extensions?.reason).toBe('METHOD_NOT_ALLOWED');
    expect((await prisma.device.findUniqueOrThrow({ where: { id: neighbour.id } })).name).toBe('neighbour');
  });

  it('stops at maxUses, then is refused at the door', async () => {
    const w = await world(2);
    expect((await gql(Enroll, { name: 'a' }, { token: w.secret })).status).toBe(200);
    expect((await gql(Enroll, { name: 'b' }, { token: w.secret })).expectData().enrollDevice.name).toBe('b');
    const third = await gql(Enroll, { name: 'c' }, { token: w.secret });
    expect(third.expectError('UNAUTHENTICATED').message).toMatch(/used up/);
    expect(await prisma.device.count({ where: { projectId: w.project.id } })).toBe(2);
    const listed = await gql('query($p: ID!) { enrollmentTokens(projectId: $p) { nodes { remainingUses status } } }', { p: w.project.id }, { session: w.owner.session });
    expect(listed.expectData().enrollmentTokens.nodes).toEqual([{ remainingUses: 0, status: 'USED_UP' }]);
  });

  it('a refused enrollment uses nothing up', async () => {
    const w = await world(1);
    const tooBig = { blob: 'x'.repeat(17 * 1024) };
    expect((await gql(Enroll, { name: 'big', metadata: tooBig }, { token: w.secret })).expectError('BAD_USER_INPUT')).toBeTruthy();
    expect((await gql(Enroll, { name: '' }, { token: w.secret })).expectError('BAD_USER_INPUT')).toBeTruthy();
    expect((await prisma.enrollmentToken.findUniqueOrThrow({ where: { id: w.enrollmentId } })).uses).toBe(0);
    expect((await gql(Enroll, { name: 'fine' }, { token: w.secret })).expectData().enrollDevice.name).toBe('fine');
  });

  it('a refusal after the use was counted rolls the count back with it', async () => {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const created = await gql(
      CreateEnrollment,
      { input: { projectId: project.id, name: 'labels', maxUses: 1, expiresAt: inAnHour(), deviceMetadata: { labels: 'x'.repeat(10_000) } } },
      { session: owner.session },
    );
    const { secret, enrollmentToken } = created.expectData().createEnrollmentToken;
    // Each half is within the 16 KB limit; together they are not, which is known only after counting.
    const refused = await gql(Enroll, { name: 'big', metadata: { notes: 'y'.repeat(10_000) } }, { token: secret });
    expect(refused.expectError('BAD_USER_INPUT').extensions?.field).toBe('metadata');
    expect((await prisma.enrollmentToken.findUniqueOrThrow({ where: { id: enrollmentToken.id } })).uses).toBe(0);
    expect(await prisma.device.count({ where: { projectId: project.id } })).toBe(0);
  });

  it('revoking it stops new enrollments and leaves enrolled devices working', async () => {
    const w = await world();
    const enrolled = (await gql(Enroll, { name: 'kept' }, { token: w.secret })).expectData().enrollDevice;
    const revoked = await gql('mutation($id: ID!) { revokeEnrollmentToken(id: $id) { status remainingUses } }', { id: w.enrollmentId }, { session: w.maker.session });
    expect(revoked.expectData().revokeEnrollmentToken).toEqual({ status: 'REVOKED', remainingUses: 0 });
    const after = await gql(Enroll, { name: 'late' }, { token: w.secret });
    expect(after.status).toBe(401);
    expect(after.expectError('UNAUTHENTICATED').message).toMatch(/enrollment token revoked/);
    const device = await gql('query($id: ID!) { device(id: $id) { id } }', { id: enrolled.deviceId }, { token: enrolled.token });
    expect(device.expectData().device.id).toBe(enrolled.deviceId);
  });

  it('an expired one is refused', async () => {
    const w = await world();
    await prisma.enrollmentToken.update({ where: { id: w.enrollmentId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const answer = await gql(Enroll, { name: 'late' }, { token: w.secret });
    expect(answer.status).toBe(401);
  });

  it('deleting a device revokes its token, with the reason', async () => {
    const w = await world();
    const enrolled = (await gql(Enroll, { name: 'doomed' }, { token: w.secret })).expectData().enrollDevice;
    expect((await gql('{ viewer { authMethod } }', {}, { token: enrolled.token })).status).toBe(200);
    const deleted = await gql('mutation($id: ID!) { deleteDevice(id: $id) }', { id: enrolled.deviceId }, { session: w.owner.session });
    expect(deleted.expectData().deleteDevice).toBe(true);
    const token = await prisma.accessToken.findUniqueOrThrow({ where: { id: enrolled.tokenId }, include: { events: { orderBy: { createdAt: 'asc' } } } });
    expect(token).toMatchObject({ revokeReason: 'device deleted', revokedById: w.owner.id });
    expect(token.events.map((e) => e.kind)).toEqual(['CREATED', 'REVOKED']);
    expect((await gql('{ viewer { authMethod } }', {}, { token: enrolled.token })).status).toBe(401);
  });

  it('deleting a device leaves tokens that hold other grants alone', async () => {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const device = await createDevice(prisma, project.id);
    const other = await createDevice(prisma, project.id);
    const wide = await createToken(prisma, { createdById: owner.id, grants: [grant('PROJECT', 'READ'), grant('DEVICE', 'WRITE', { projectId: project.id, deviceId: device.id })] });
    const mixed = await createToken(prisma, { createdById: owner.id, grants: [grant('DEVICE', 'READ', { projectId: project.id, deviceId: device.id }), grant('DEVICE', 'READ', { projectId: project.id, deviceId: other.id })] });
    const elsewhere = await createToken(prisma, { createdById: owner.id, grants: [grant('DEVICE', 'READ', { projectId: project.id, deviceId: other.id })] });
    const only = await createToken(prisma, { createdById: owner.id, grants: [grant('DEVICE', 'WRITE', { projectId: project.id, deviceId: device.id })] });
    (await gql('mutation($id: ID!) { deleteDevice(id: $id) }', { id: device.id }, { session: owner.session })).expectData();
    const revoked = await prisma.accessToken.findMany({ where: { id: { in: [wide.id, mixed.id, elsewhere.id, only.id] }, revokedAt: { not: null } }, select: { id: true } });
    expect(revoked).toEqual([{ id: only.id }]);
  });

  it('refuses bad input and writes nothing', async () => {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const bad: [Record<string, unknown>, string][] = [
      [{ maxUses: 0 }, 'maxUses'],
      [{ expiresAt: new Date(Date.now() - 1000).toISOString() }, 'expiresAt'],
      [{ expiresAt: new Date(Date.now() + 100 * 86_400_000).toISOString() }, 'expiresAt'],
      [{ deviceMetadata: [1, 2] }, 'metadata'],
      [{ name: '' }, 'name'],
    ];
    for (const [change, field] of bad) {
      const answer = await gql(CreateEnrollment, { input: { projectId: project.id, name: 'x', maxUses: 1, expiresAt: inAnHour(), ...change } }, { session: owner.session });
      expect({ field, got: answer.expectError('BAD_USER_INPUT').extensions?.field }).toEqual({ field, got: field });
    }
    expect(await prisma.enrollmentToken.count({ where: { projectId: project.id } })).toBe(0);
  });
});
