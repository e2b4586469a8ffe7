import { describe, expect, it } from 'vitest';
import { digestSecret } from '../../src/auth/token-format.js';
import { graphql } from '../gql/index.js';
import { execute } from '../helpers/execute.js';
import { addMember, createDevice, createProject, createToken, createUser, grant, PASSWORD } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

// A database of its own: another file's revocation empties the credential cache (its 'auth'
// notification), and the query counts below assume a warmed cache stays warm.
const { gateway, prisma, queries } = await setupGateway({ countQueries: true, isolated: true });

const CreateToken = graphql(`
  mutation TokCreate($input: CreateTokenInput!, $password: String!) {
    createToken(input: $input, password: $password) {
      secret
      token { id kind name description displayPrefix status apiMethodSet apiMethods expiresAt
        owner { id } project { id } createdBy { id }
        grants { entity action projectId deviceId project { name } } }
    }
  }
`);
const MyTokens = graphql(`query TokMine($status: TokenStatus) { myTokens(status: $status) { nodes { id name status revokedAt revokedBy { id } revokeReason } } }`);
const Revoke = graphql(`mutation TokRevoke($id: ID!, $reason: String) { revokeToken(id: $id, reason: $reason) { id status revokeReason revokedBy { id } } }`);
const Devices = graphql(`query TokDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id name } } }`);
const Device = graphql(`query TokDevice($id: ID!) { device(id: $id) { id } }`);
const UpdateDevice = graphql(`mutation TokUpdateDevice($id: ID!, $name: String) { updateDevice(id: $id, name: $name) { id name } }`);
const CreateDevice = graphql(`mutation TokCreateDevice($projectId: ID!) { createDevice(projectId: $projectId, name: "x") { id } }`);
const Projects = graphql(`query TokProjects { projects { nodes { id } } }`);
const AddMember = graphql(
  `mutation TokAddMember($projectId: ID!, $userId: ID!, $role: ProjectRole!) { addProjectMember(projectId: $projectId, userId: $userId, role: $role) { role } }`,
);
const RemoveMember = graphql(`mutation TokRemoveMember($projectId: ID!, $userId: ID!) { removeProjectMember(projectId: $projectId, userId: $userId) }`);
const ProjectTokens = graphql(`query TokProjectTokens($id: ID!) { project(id: $id) { tokens { nodes { id kind status } } } }`);
const DeleteProject = graphql(`mutation TokDeleteProject($id: ID!) { deleteProject(id: $id) }`);

async function ownerWithDevice() {
  const owner = await createUser(prisma);
  const project = await createProject(prisma, owner.id);
  const device = await createDevice(prisma, project.id, 'sensor-1');
  return { owner, project, device };
}

describe('createToken', () => {
  it('creates a CUSTOM token from a permission list and shows the secret once', async () => {
    const { owner, project, device } = await ownerWithDevice();
    const { createToken } = (
      await execute(
        gateway,
        CreateToken,
        {
          password: PASSWORD,
          input: {
            kind: 'CUSTOM',
            name: '  CI deploy  ',
            description: 'reads devices',
            grants: [
              { entity: 'DEVICE', action: 'READ', projectId: project.id },
              { entity: 'DEVICE', action: 'WRITE', deviceId: device.id },
            ],
            apiMethodSet: 'DEVICE_OPERATOR',
          },
        },
        { session: owner.session },
      )
    ).expectData();
    expect(createToken.secret).toMatch(/^scopegate_tok_[0-9A-Za-z]{38}$/);
    expect(createToken.token).toMatchObject({
      kind: 'CUSTOM',
      name: 'CI deploy',
      status: 'ACTIVE',
      apiMethodSet: 'DEVICE_OPERATOR',
      apiMethods: null,
      displayPrefix: createToken.secret.slice(0, 18),
      owner: { id: owner.id },
      createdBy: { id: owner.id },
      project: null,
      grants: [
        { entity: 'DEVICE', action: 'READ', projectId: project.id, deviceId: null, project: { name: 'Test project' } },
        // A device grant is pinned to the device's project.
        { entity: 'DEVICE', action: 'WRITE', projectId: project.id, deviceId: device.id, project: { name: 'Test project' } },
      ],
    });
    // Only the digest is stored: no column holds the secret.
    const row = await prisma.accessToken.findUniqueOrThrow({ where: { id: createToken.token.id } });
    expect(row.digest).toBe(digestSecret(createToken.secret));
    expect(JSON.stringify(row)).not.toContain(createToken.secret.slice(8));
    // And no query can ever return it again: AccessToken has no secret field.
    const again = await execute(gateway, `query($s: TokenStatus) { myTokens(status: $s) { nodes { secret } } }`, { s: 'ACTIVE' }, { session: owner.session });
    again.expectError('GRAPHQL_VALIDATION_FAILED');
    // The token works with exactly its grants.
    const devices = (await execute(gateway, Devices, { projectId: project.id }, { token: createToken.secret })).expectData();
    expect(devices.devices.nodes.map((d) => d.id)).toEqual([device.id]);
  });

  it.each([
    ['USER tokens take no grants', { kind: 'USER', grants: [{ entity: 'DEVICE', action: 'READ' }] }, /USER tokens take no grants/],
    ['CUSTOM tokens need a grant', { kind: 'CUSTOM', grants: [] }, /at least one grant/],
    ['unknown API method', { kind: 'USER', apiMethods: ['Query.devices', 'Mutation.createToken'] }, /Unknown API methods.*Mutation\.createToken/],
    ['unknown API method set', { kind: 'USER', apiMethodSet: 'EVERYTHING' }, /Unknown apiMethodSet/],
    ['both a set and a list', { kind: 'USER', apiMethodSet: 'READ_ONLY', apiMethods: ['Query.devices'] }, /not both/],
    ['empty method list', { kind: 'USER', apiMethods: [] }, /at least one method/],
    ['expiry in the past', { kind: 'USER', expiresAt: '2020-01-01T00:00:00Z' }, /in the future/],
    ['name too long', { kind: 'USER', name: 'x'.repeat(201) }, /at most 200/],
    ['empty name', { kind: 'USER', name: '   ' }, /must not be empty/],
    ['project on a CUSTOM token', { kind: 'CUSTOM', projectId: '00000000-0000-4000-8000-000000000000', grants: [{ entity: 'DEVICE', action: 'READ' }] }, /PROJECT tokens/],
    ['PROJECT token without a project', { kind: 'PROJECT', grants: [{ entity: 'DEVICE', action: 'READ' }] }, /needs projectId/],
    ['a grant id that is not a UUID', { kind: 'CUSTOM', grants: [{ entity: 'DEVICE', action: 'READ', projectId: 'nope' }] }, /must be a UUID/],
    ['a device on a PROJECT grant', { kind: 'CUSTOM', grants: [{ entity: 'PROJECT', action: 'READ', deviceId: '00000000-0000-4000-8000-000000000000' }] }, /only DEVICE grants/],
  ])('refuses %s with BAD_USER_INPUT', async (_name, input, message) => {
    const user = await createUser(prisma);
    const response = await execute(gateway, CreateToken, { password: PASSWORD, input: { name: 't', ...input } as never }, { session: user.session });
    expect(response.expectError('BAD_USER_INPUT').message).toMatch(message);
  });

  it('refuses a wrong password confirmation', async () => {
    const user = await createUser(prisma);
    const response = await execute(gateway, CreateToken, { password: 'not my password', input: { kind: 'USER', name: 't' } }, { session: user.session });
    expect(response.expectError('BAD_USER_INPUT').extensions?.field).toBe('password');
    expect(await prisma.accessToken.count({ where: { ownerId: user.id } })).toBe(0);
  });

  it('never creates a token with more than its creator holds', async () => {
    const { owner, project } = await ownerWithDevice();
    const viewer = await createUser(prisma);
    await addMember(prisma, project.id, viewer.id, 'VIEWER');
    const input = { kind: 'CUSTOM' as const, name: 't', grants: [{ entity: 'DEVICE' as const, action: 'WRITE' as const, projectId: project.id }] };
    const refused = await execute(gateway, CreateToken, { password: PASSWORD, input }, { session: viewer.session });
    expect(refused.expectError('FORBIDDEN').extensions?.reason).toBe('ROLE');
    // A project the creator cannot see is indistinguishable from one that does not exist.
    const outsider = await createUser(prisma);
    const hidden = await execute(gateway, CreateToken, { password: PASSWORD, input }, { session: outsider.session });
    expect(hidden.expectError('BAD_USER_INPUT').message).toMatch(/No project with id .* is visible to you/);
    (await execute(gateway, CreateToken, { password: PASSWORD, input }, { session: owner.session })).expectData();
  });

  it('PROJECT tokens are made by OWNERs inside their project only', async () => {
    const { owner, project } = await ownerWithDevice();
    const editor = await createUser(prisma);
    await addMember(prisma, project.id, editor.id, 'EDITOR');
    const input = { kind: 'PROJECT' as const, name: 'ci', projectId: project.id, grants: [{ entity: 'DEVICE' as const, action: 'READ' as const }] };
    expect((await execute(gateway, CreateToken, { password: PASSWORD, input }, { session: editor.session })).expectError('FORBIDDEN').extensions?.reason).toBe('ROLE');
    const other = await createProject(prisma, owner.id);
    const outside = { ...input, grants: [{ entity: 'DEVICE' as const, action: 'READ' as const, projectId: other.id }] };
    expect((await execute(gateway, CreateToken, { password: PASSWORD, input: outside }, { session: owner.session })).expectError('BAD_USER_INPUT').message).toMatch(
      /inside its project/,
    );
    const made = (await execute(gateway, CreateToken, { password: PASSWORD, input }, { session: owner.session })).expectData().createToken;
    expect(made.token).toMatchObject({ kind: 'PROJECT', owner: null, project: { id: project.id }, grants: [{ projectId: project.id }] });
    const listed = (await execute(gateway, ProjectTokens, { id: project.id }, { session: owner.session })).expectData();
    expect(listed.project!.tokens.nodes).toEqual([{ id: made.token.id, kind: 'PROJECT', status: 'ACTIVE' }]);
    // PROJECT tokens are not personal tokens.
    expect((await execute(gateway, MyTokens, {}, { session: owner.session })).expectData().myTokens.nodes).toEqual([]);
  });
});

describe('revokeToken', () => {
  it('revokes with a reason; the token stays listed as REVOKED and the first revocation stands', async () => {
    const user = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id });
    const first = (await execute(gateway, Revoke, { id: token.id, reason: 'leaked in a log' }, { session: user.session })).expectData();
    expect(first.revokeToken).toEqual({ id: token.id, status: 'REVOKED', revokeReason: 'leaked in a log', revokedBy: { id: user.id } });
    const second = (await execute(gateway, Revoke, { id: token.id, reason: 'again' }, { session: user.session })).expectData();
    expect(second.revokeToken.revokeReason).toBe('leaked in a log');
    const revoked = (await execute(gateway, MyTokens, { status: 'REVOKED' }, { session: user.session })).expectData().myTokens.nodes;
    expect(revoked.map((t) => t.id)).toEqual([token.id]);
    expect((await execute(gateway, MyTokens, { status: 'ACTIVE' }, { session: user.session })).expectData().myTokens.nodes).toEqual([]);
  });

  it("cannot revoke someone else's token, and cannot tell it exists", async () => {
    const user = await createUser(prisma);
    const other = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id });
    const response = await execute(gateway, Revoke, { id: token.id }, { session: other.session });
    expect(response.expectError('BAD_USER_INPUT').message).toMatch(/No token with id/);
  });

  it('admins revoke any token', async () => {
    const user = await createUser(prisma);
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id });
    expect((await execute(gateway, Revoke, { id: token.id }, { session: admin.session })).expectData().revokeToken.status).toBe('REVOKED');
  });
});

describe('effective permission follows the owner', () => {
  it('an owner who loses a right loses it in the token too, at once', async () => {
    const { owner, project, device } = await ownerWithDevice();
    const editor = await createUser(prisma);
    await addMember(prisma, project.id, editor.id, 'EDITOR');
    const token = await createToken(prisma, { createdById: editor.id, grants: [grant('DEVICE', 'WRITE', { projectId: project.id })] });
    (await execute(gateway, UpdateDevice, { id: device.id, name: 'renamed' }, { token: token.secret })).expectData();
    (await execute(gateway, AddMember, { projectId: project.id, userId: editor.id, role: 'VIEWER' }, { session: owner.session })).expectData();
    const refused = await execute(gateway, UpdateDevice, { id: device.id, name: 'again' }, { token: token.secret });
    expect(refused.expectError('FORBIDDEN').extensions).toMatchObject({ reason: 'OWNER_LACKS_RIGHT' });
    // What the owner still holds still works.
    expect((await execute(gateway, Devices, { projectId: project.id }, { token: token.secret })).expectData().devices.nodes).toHaveLength(1);
    (await execute(gateway, RemoveMember, { projectId: project.id, userId: editor.id }, { session: owner.session })).expectData();
    // Outside the project, the owner no longer sees it at all: like a project that does not exist.
    expect((await execute(gateway, Devices, { projectId: project.id }, { token: token.secret })).expectError('BAD_USER_INPUT').message).toMatch(/visible/);
  });

  it('a PROJECT token survives its creator leaving the project, and dies with the project', async () => {
    const { owner: creator, project, device } = await ownerWithDevice();
    const coOwner = await createUser(prisma);
    await addMember(prisma, project.id, coOwner.id, 'OWNER');
    const made = (
      await execute(
        gateway,
        CreateToken,
        { password: PASSWORD, input: { kind: 'PROJECT', name: 'pipeline', projectId: project.id, grants: [{ entity: 'DEVICE', action: 'WRITE' }] } },
        { session: creator.session },
      )
    ).expectData().createToken;
    (await execute(gateway, RemoveMember, { projectId: project.id, userId: creator.id }, { session: coOwner.session })).expectData();
    const after = (await execute(gateway, UpdateDevice, { id: device.id, name: 'still works' }, { token: made.secret })).expectData();
    expect(after.updateDevice.name).toBe('still works');
    // It reaches nothing outside its project.
    const elsewhere = await createProject(prisma, coOwner.id);
    expect((await execute(gateway, Devices, { projectId: elsewhere.id }, { token: made.secret })).expectError('BAD_USER_INPUT').message).toMatch(/visible/);
    (await execute(gateway, DeleteProject, { id: project.id }, { session: coOwner.session })).expectData();
    const dead = await execute(gateway, Projects, {}, { token: made.secret });
    expect(dead.status).toBe(401);
    const row = await prisma.accessToken.findUniqueOrThrow({ where: { id: made.token.id } });
    expect(row).toMatchObject({ revokeReason: 'project deleted', projectId: null });
  });

  it("deleting a user revokes their tokens; a new user with the same e-mail never sees them", async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const user = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id });
    (await execute(gateway, `mutation($id: ID!) { deleteUser(id: $id) }`, { id: user.id }, { session: admin.session })).expectData();
    expect(await prisma.accessToken.findUniqueOrThrow({ where: { id: token.id } })).toMatchObject({ revokeReason: 'owner deleted' });
    const created = await execute(
      gateway,
      `mutation($email: String!) { createUser(email: $email, password: "another long password") { id } }`,
      { email: user.email },
      { session: admin.session },
    );
    const newId = (created.expectData() as { createUser: { id: string } }).createUser.id;
    expect(newId).not.toBe(user.id);
    const again = await createUser(prisma, { email: `again-${user.email}` });
    expect((await execute(gateway, MyTokens, {}, { session: again.session })).expectData().myTokens.nodes).toEqual([]);
    expect(await prisma.accessToken.count({ where: { ownerId: newId } })).toBe(0);
  });
});

describe('API method sets', () => {
  it('DEVICE_OPERATOR reads devices and updates them, nothing else', async () => {
    const { owner, project, device } = await ownerWithDevice();
    const token = await createToken(prisma, { createdById: owner.id, grants: [grant('DEVICE', 'WRITE'), grant('PROJECT', 'WRITE')], apiMethodSet: 'DEVICE_OPERATOR' });
    (await execute(gateway, Devices, { projectId: project.id }, { token: token.secret })).expectData();
    (await execute(gateway, UpdateDevice, { id: device.id, name: 'op' }, { token: token.secret })).expectData();
    const refusals = [
      await execute(gateway, CreateDevice, { projectId: project.id }, { token: token.secret }),
      await execute(gateway, Projects, {}, { token: token.secret }),
    ];
    for (const refused of refusals) expect(refused.expectError('FORBIDDEN').extensions?.reason).toBe('METHOD_NOT_ALLOWED');
  });

  it('READ_ONLY refuses every mutation; a custom list allows exactly its methods', async () => {
    const { owner, project, device } = await ownerWithDevice();
    const readOnly = await createToken(prisma, { kind: 'USER', createdById: owner.id, apiMethodSet: 'READ_ONLY' });
    (await execute(gateway, Projects, {}, { token: readOnly.secret })).expectData();
    expect((await execute(gateway, CreateDevice, { projectId: project.id }, { token: readOnly.secret })).expectError('FORBIDDEN').extensions?.reason).toBe(
      'METHOD_NOT_ALLOWED',
    );
    const custom = await createToken(prisma, { kind: 'USER', createdById: owner.id, apiMethods: ['Query.device'] });
    expect((await execute(gateway, Device, { id: device.id }, { token: custom.secret })).expectData().device?.id).toBe(device.id);
    expect((await execute(gateway, Devices, { projectId: project.id }, { token: custom.secret })).expectError('FORBIDDEN').extensions?.reason).toBe(
      'METHOD_NOT_ALLOWED',
    );
  });

  it('no preset contains a token-management method', async () => {
    const user = await createUser(prisma);
    const data = (await execute(gateway, `{ apiMethodSets { key methods } apiMethods }`, {}, { session: user.session })).expectData() as {
      apiMethodSets: { key: string; methods: string[] }[];
      apiMethods: string[];
    };
    const management = /createToken|updateToken|regenerateToken|copyToken|revokeToken|myTokens|adminTokens|setTokenPolicy|createUser|deleteUser|logout|login|users/;
    for (const set of data.apiMethodSets) {
      expect(set.methods.filter((m) => management.test(m))).toEqual([]);
      expect(set.methods.every((m) => data.apiMethods.includes(m))).toBe(true);
    }
    expect(data.apiMethods.filter((m) => management.test(m))).toEqual([]);
  });
});

describe('device-level grants', () => {
  it('reach their device only: a device list is filtered, another device is refused before any lookup', async () => {
    const { owner, project, device } = await ownerWithDevice();
    const other = await createDevice(prisma, project.id, 'sensor-2');
    const token = await createToken(prisma, { createdById: owner.id, grants: [grant('DEVICE', 'WRITE', { projectId: project.id, deviceId: device.id })] });
    expect((await execute(gateway, Devices, { projectId: project.id }, { token: token.secret })).expectData().devices.nodes.map((d) => d.id)).toEqual([device.id]);
    expect((await execute(gateway, Device, { id: other.id }, { token: token.secret })).expectError('FORBIDDEN').extensions?.reason).toBe('MISSING_GRANT');
    expect((await execute(gateway, UpdateDevice, { id: other.id, name: 'x' }, { token: token.secret })).expectError('FORBIDDEN').extensions?.reason).toBe(
      'MISSING_GRANT',
    );
    expect((await execute(gateway, CreateDevice, { projectId: project.id }, { token: token.secret })).expectError('FORBIDDEN').extensions?.reason).toBe(
      'MISSING_GRANT',
    );
  });

  it("a device the owner cannot see is invisible, exactly like one that does not exist", async () => {
    const { owner } = await ownerWithDevice();
    const stranger = await createUser(prisma);
    const theirs = await createDevice(prisma, (await createProject(prisma, stranger.id)).id);
    const token = await createToken(prisma, { createdById: owner.id, grants: [grant('DEVICE', 'WRITE')] });
    expect((await execute(gateway, Device, { id: theirs.id }, { token: token.secret })).expectData().device).toBeNull();
    const missing = '00000000-0000-4000-8000-000000000000';
    const answers = await Promise.all(
      [theirs.id, missing].map(async (id) => (await execute(gateway, UpdateDevice, { id, name: 'x' }, { token: token.secret })).expectError('BAD_USER_INPUT').message),
    );
    expect(answers[0]!.replace(theirs.id, 'ID')).toBe(answers[1]!.replace(missing, 'ID'));
  });

  it("a device the owner can see but the grants do not reach is refused with the grant it needs", async () => {
    const { owner, project } = await ownerWithDevice();
    const elsewhere = await createProject(prisma, owner.id);
    const other = await createDevice(prisma, elsewhere.id);
    const token = await createToken(prisma, { createdById: owner.id, grants: [grant('DEVICE', 'WRITE', { projectId: project.id })] });
    const refused = await execute(gateway, Device, { id: other.id }, { token: token.secret });
    expect(refused.expectError('FORBIDDEN').extensions).toMatchObject({
      reason: 'MISSING_GRANT',
      requirement: { entity: 'DEVICE', action: 'READ', projectId: elsewhere.id, deviceId: other.id },
    });
  });

  it('a member who can read a device but not change it is told why', async () => {
    const { project, device } = await ownerWithDevice();
    const viewer = await createUser(prisma);
    await addMember(prisma, project.id, viewer.id, 'VIEWER');
    const editorElsewhere = await createProject(prisma, viewer.id);
    void editorElsewhere; // the viewer owns another project, so DEVICE WRITE is held somewhere
    const refused = await execute(gateway, UpdateDevice, { id: device.id, name: 'x' }, { session: viewer.session });
    expect(refused.expectError('FORBIDDEN').extensions).toMatchObject({ reason: 'ROLE', requirement: { projectId: project.id, deviceId: device.id } });
  });
});

describe('a denied field runs no resolver and no query', () => {
  it('a refused root field touches no table', async () => {
    const { owner, project } = await ownerWithDevice();
    const token = await createToken(prisma, { createdById: owner.id, grants: [grant('PROJECT', 'READ', { projectId: project.id })] });
    await execute(gateway, `{ viewer { authMethod } }`, {}, { token: token.secret }); // warm the credential cache
    queries.length = 0;
    const refused = await execute(gateway, Devices, { projectId: project.id }, { token: token.secret });
    expect(refused.expectError('FORBIDDEN').extensions?.reason).toBe('MISSING_GRANT');
    expect(queries).toEqual([]);
  });

  it('a refused nested field adds no query, while its allowed parent still resolves', async () => {
    const { owner, project } = await ownerWithDevice();
    const token = await createToken(prisma, { createdById: owner.id, grants: [grant('PROJECT', 'READ', { projectId: project.id })] });
    await execute(gateway, `{ viewer { authMethod } }`, {}, { token: token.secret });
    queries.length = 0;
    const response = await execute(gateway, `query($id: ID!) { project(id: $id) { name devices { nodes { id } } } }`, { id: project.id }, { token: token.secret });
    expect(response.body.data).toEqual({ project: null });
    expect(response.expectError('FORBIDDEN').path).toEqual(['project', 'devices']);
    // The project is read to decide on it, then read for the answer; the devices never.
    expect(queries.length).toBe(2);
    expect(queries.every((q) => /"Project"/.test(q))).toBe(true);
    expect(queries.some((q) => /"Device"/.test(q))).toBe(false);
  });
});

describe('nested fields are checked wherever they are reached', () => {
  it("a device token cannot read the device's project, nor project data through a grant", async () => {
    const { owner, project, device } = await ownerWithDevice();
    const token = await createToken(prisma, { createdById: owner.id, grants: [grant('DEVICE', 'READ', { projectId: project.id })] });
    const viaDevice = await execute(gateway, `query($id: ID!) { device(id: $id) { name project { name } } }`, { id: device.id }, { token: token.secret });
    // Checked once per object: the error names the object, not each of its fields.
    expect(viaDevice.expectError('FORBIDDEN')).toMatchObject({ path: ['device', 'project'], extensions: { reason: 'MISSING_GRANT' } });
    expect(viaDevice.body.errors).toHaveLength(1);
    const viaGrant = await execute(gateway, `{ viewer { grants { projectId project { name } } } }`, {}, { token: token.secret });
    expect(viaGrant.expectError('FORBIDDEN').path).toEqual(['viewer', 'grants', 0, 'project']);
  });
});
