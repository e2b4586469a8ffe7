/**
 * The OAuth device authorization grant (RFC 8628): a device asks at /auth/device, a person approves
 * or denies its code through GraphQL (the console's "Connect a device" page calls the same
 * mutations), and the device polls /auth/token until it gets its token.
 *
 * Time between polls is never waited for: a test moves the code's last poll back instead.
 */
import { describe, expect, it } from 'vitest';
import { digestCode, normalizeUserCode } from '../../src/auth/device-codes.js';
import { execute } from '../helpers/execute.js';
import { addMember, createDevice, createProject, createUser } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';
import { postForm } from '../helpers/token-endpoint.js';

const { gateway, prisma } = await setupGateway();

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad-hoc operations of every shape
const gql = (query: string, variables: Record<string, unknown>, credential?: { session: string } | { token: string }) => execute<any, unknown>(gateway, query, variables, credential);

const post = (path: string, params: Record<string, string>) => postForm(gateway, path, params);

const poll = (deviceCode: string) => post('/auth/token', { grant_type: DEVICE_GRANT, device_code: deviceCode });

/** As if the device's last poll were long enough ago for the next one to be on time. */
async function letIntervalPass(deviceCode: string) {
  await prisma.deviceCode.update({ where: { deviceCodeDigest: digestCode(deviceCode) }, data: { lastPolledAt: new Date(Date.now() - 60_000) } });
}

async function world() {
  const owner = await createUser(prisma);
  const editor = await createUser(prisma);
  const viewer = await createUser(prisma);
  const project = await createProject(prisma, owner.id, 'Greenhouse');
  await addMember(prisma, project.id, editor.id, 'EDITOR');
  await addMember(prisma, project.id, viewer.id, 'VIEWER');
  const started = await post('/auth/device', { project_id: project.id, device_name: 'thermostat' });
  expect(started.status).toBe(200);
  return { owner, editor, viewer, project, deviceCode: started.body.device_code as string, userCode: started.body.user_code as string, started };
}

const Lookup = 'query($c: String!) { deviceCode(userCode: $c) { userCode projectId projectName deviceName status } }';
const Approve = 'mutation($c: String!) { approveDeviceCode(userCode: $c) { status } }';
const Deny = 'mutation($c: String!) { denyDeviceCode(userCode: $c) { status } }';

describe('POST /auth/device', () => {
  it('answers the codes, the console page to go to, 10 minutes and a 5-second interval; stores only digests', async () => {
    const w = await world();
    expect(w.started.body).toEqual({
      device_code: expect.stringMatching(/^[\w-]{43}$/),
      user_code: expect.stringMatching(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/),
      verification_uri: 'http://scopegate.test/console/devices/connect',
      verification_uri_complete: `http://scopegate.test/console/devices/connect?user_code=${w.userCode}`,
      expires_in: 600,
      interval: 5,
    });
    const row = await prisma.deviceCode.findUniqueOrThrow({ where: { deviceCodeDigest: digestCode(w.deviceCode) } });
    expect(row.userCodeDigest).toBe(digestCode(normalizeUserCode(w.userCode)!));
    expect(JSON.stringify(row)).not.toContain(w.deviceCode);
    expect(JSON.stringify(row)).not.toContain(w.userCode.replace('-', ''));
  });

  it('refuses what is not a request for a project', async () => {
    expect(await post('/auth/device', { project_id: 'nope' })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(await post('/auth/device', { project_id: crypto.randomUUID() })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    const get = await gateway.fetch('http://scopegate.test/auth/device');
    expect(get.status).toBe(405);
  });
});

describe('polling /auth/token with the device code', () => {
  it('walks through pending, slow_down, approval and a token that is handed out once', async () => {
    const w = await world();
    expect(await poll(w.deviceCode)).toEqual({ status: 400, body: { error: 'authorization_pending' } });
    // Too soon: slow down, and the interval grows by 5 seconds.
    expect(await poll(w.deviceCode)).toEqual({ status: 400, body: { error: 'slow_down' } });
    expect((await prisma.deviceCode.findUniqueOrThrow({ where: { deviceCodeDigest: digestCode(w.deviceCode) } })).intervalSeconds).toBe(10);
    await letIntervalPass(w.deviceCode);
    expect(await poll(w.deviceCode)).toEqual({ status: 400, body: { error: 'authorization_pending' } });

    const shown = await gql(Lookup, { c: w.userCode.toLowerCase() }, { session: w.editor.session });
    expect(shown.expectData().deviceCode).toEqual({ userCode: w.userCode, projectId: w.project.id, projectName: 'Greenhouse', deviceName: 'thermostat', status: 'PENDING' });
    expect((await gql(Approve, { c: w.userCode }, { session: w.editor.session })).expectData().approveDeviceCode.status).toBe('APPROVED');

    await letIntervalPass(w.deviceCode);
    const issued = await poll(w.deviceCode);
    expect(issued.status).toBe(200);
    expect(issued.body).toEqual({ access_token: expect.stringMatching(/^scopegate_tok_/), token_type: 'Bearer', device_id: expect.any(String), project_id: w.project.id });
    const device = await prisma.device.findUniqueOrThrow({ where: { id: issued.body.device_id } });
    expect(device).toMatchObject({ projectId: w.project.id, name: 'thermostat' });
    const token = await prisma.accessToken.findFirstOrThrow({ where: { grants: { some: { deviceId: device.id } } }, include: { grants: true } });
    expect(token).toMatchObject({ kind: 'PROJECT', createdById: w.editor.id });
    expect([...token.apiMethods].sort()).toEqual(['Mutation.updateDevice', 'Query.device', 'Query.viewer']);
    const self = await gql('query($id: ID!) { device(id: $id) { name } }', { id: device.id }, { token: issued.body.access_token });
    expect(self.expectData().device.name).toBe('thermostat');

    // Single use: the next poll, however patient, gets nothing.
    await letIntervalPass(w.deviceCode);
    expect(await poll(w.deviceCode)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    expect(await prisma.device.count({ where: { projectId: w.project.id } })).toBe(1);
  });

  it('a device token from the grant cannot read another device', async () => {
    const w = await world();
    const other = await createDevice(prisma, w.project.id, 'other');
    (await gql(Approve, { c: w.userCode }, { session: w.owner.session })).expectData();
    await letIntervalPass(w.deviceCode);
    const { access_token: token } = (await poll(w.deviceCode)).body;
    const read = await gql('query($id: ID!) { device(id: $id) { name } }', { id: other.id }, { token });
    expect(read.expectError('FORBIDDEN').extensions?.reason).toBe('MISSING_GRANT');
  });

  it('a denied code answers access_denied', async () => {
    const w = await world();
    expect((await gql(Deny, { c: w.userCode }, { session: w.owner.session })).expectData().denyDeviceCode.status).toBe('DENIED');
    expect(await poll(w.deviceCode)).toEqual({ status: 400, body: { error: 'access_denied' } });
    const late = await gql(Approve, { c: w.userCode }, { session: w.owner.session });
    expect(late.expectError('BAD_USER_INPUT').message).toMatch(/already denied/);
  });

  it('an expired code answers expired_token and can no longer be approved', async () => {
    const w = await world();
    await prisma.deviceCode.update({ where: { deviceCodeDigest: digestCode(w.deviceCode) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await poll(w.deviceCode)).toEqual({ status: 400, body: { error: 'expired_token' } });
    expect((await gql(Approve, { c: w.userCode }, { session: w.owner.session })).expectError('BAD_USER_INPUT')).toBeTruthy();
  });

  it('an unknown device code is invalid_grant', async () => {
    expect(await poll('x'.repeat(43))).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    expect(await post('/auth/token', { grant_type: DEVICE_GRANT })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });
});

describe('approving and denying codes', () => {
  it('takes an EDITOR or OWNER of the code project', async () => {
    const w = await world();
    const refused = await gql(Approve, { c: w.userCode }, { session: w.viewer.session });
    expect(refused.expectError('FORBIDDEN').extensions?.reason).toBe('ROLE');
    const outsider = await createUser(prisma);
    expect((await gql(Lookup, { c: w.userCode }, { session: outsider.session })).expectData().deviceCode).toBeNull();
    expect((await gql(Approve, { c: w.userCode }, { session: outsider.session })).expectError('BAD_USER_INPUT')).toBeTruthy();
    expect((await prisma.deviceCode.findUniqueOrThrow({ where: { deviceCodeDigest: digestCode(w.deviceCode) } })).status).toBe('PENDING');
  });

  it('counts wrong codes per person, and refuses after ten', async () => {
    const guesser = await createUser(prisma);
    for (let i = 0; i < 9; i++) {
      expect((await gql(Lookup, { c: 'BBBB-BBBB' }, { session: guesser.session })).expectData().deviceCode).toBeNull();
    }
    expect((await gql(Lookup, { c: 'BBBB-BBBB' }, { session: guesser.session })).expectError('RATE_LIMITED')).toBeTruthy();
    // Even a right code is refused now, before it is looked up.
    const w = await world();
    await addMember(prisma, w.project.id, guesser.id, 'OWNER');
    const again = await gql(Approve, { c: w.userCode }, { session: guesser.session });
    expect(again.expectError('RATE_LIMITED')).toBeTruthy();
    expect(await prisma.deviceCode.count({ where: { deviceCodeDigest: digestCode(w.deviceCode), status: 'PENDING' } })).toBe(1);
    // A code that cannot be one is refused without counting.
    const malformed = await gql(Lookup, { c: 'AAAA-0000' }, { session: (await createUser(prisma)).session });
    expect(malformed.expectError('BAD_USER_INPUT').extensions?.field).toBe('userCode');
  });
});
