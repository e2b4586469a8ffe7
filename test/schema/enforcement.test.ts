/**
 * The enforcement table: every root field of the schema x every kind of caller. A field added to
 * the schema without a row here fails the first test.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { describe, expect, it } from 'vitest';
import type { Grant } from '../../src/auth/permissions.js';
import { digestCode, formatUserCode, generateDeviceCode, generateUserCode } from '../../src/auth/device-codes.js';
import { recordEvent } from '../../src/lifecycle/audit.js';
import { getNamedType, isObjectType, print, type GraphQLObjectType } from 'graphql';
import { schema } from '../../src/schema/index.js';
import { graphql } from '../gql/index.js';
import { execute, type Credential, type Response } from '../helpers/execute.js';
import { addMember, createDevice, createProject, createToken, createUser, grant, PASSWORD } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

// A database of its own: an admin's project list is read as its newest page, which other files' projects would crowd.
const { gateway, prisma } = await setupGateway({ isolated: true });

const CALLERS = ['anonymous', 'nonMember', 'member', 'admin', 'tokenWithout', 'tokenWith', 'adminToken'] as const;
type Caller = (typeof CALLERS)[number];

/** Everything one case needs, made fresh for it so that mutations cannot disturb other cases. */
async function makeWorld(need: Grant | 'none', without: Grant | 'method') {
  const owner = await createUser(prisma);
  const outsider = await createUser(prisma);
  const admin = await createUser(prisma, { role: 'ADMIN' });
  const victim = await createUser(prisma);
  const project = await createProject(prisma, owner.id);
  await addMember(prisma, project.id, victim.id, 'EDITOR');
  const device = await createDevice(prisma, project.id);
  const resolve = (g: Grant): Grant => ({
    ...g,
    projectId: g.projectId === 'P' ? project.id : g.projectId,
    deviceId: g.deviceId === 'D' ? device.id : g.deviceId,
  });
  const withGrant = await createToken(prisma, {
    createdById: owner.id,
    grants: [need === 'none' ? grant('DEVICE', 'READ') : resolve(need)],
  });
  const withoutGrant =
    without === 'method'
      ? await createToken(prisma, { createdById: owner.id, grants: [grant('PROJECT', 'WRITE')], apiMethods: ['Query.devices'] })
      : await createToken(prisma, { createdById: owner.id, grants: [resolve(without)] });
  const adminToken = await createToken(prisma, { kind: 'USER', createdById: admin.id });
  await recordEvent(prisma, { tokenId: withGrant.id, kind: 'CREATED', actorId: owner.id, ip: null });
  // A hook of the owner's project, with one delivery. Nothing sends on this database.
  const webhook = await prisma.webhook.create({ data: { url: 'https://1.1.1.1/hook', events: ['TOKEN_REVOKED'], projectId: project.id, sealedSecret: 'not used here' } });
  const delivery = await prisma.webhookDelivery.create({ data: { webhookId: webhook.id, messageId: 'msg_table', event: 'TOKEN_REVOKED', payload: {} } });
  const credentials: Record<Caller, Credential> = {
    anonymous: undefined,
    nonMember: { session: outsider.session },
    member: { session: owner.session },
    admin: { session: admin.session },
    tokenWithout: { token: withoutGrant.secret },
    tokenWith: { token: withGrant.secret },
    adminToken: { token: adminToken.secret },
  };
  const tokenIds = { tokenWithout: withoutGrant.id, tokenWith: withGrant.id, adminToken: adminToken.id };
  const policyToken = await createToken(prisma, { kind: 'PROJECT', projectId: project.id, createdById: owner.id, grants: [grant('DEVICE', 'READ', { projectId: project.id })] });
  const trustPolicy = await prisma.trustPolicy.create({
    data: { name: 'CI', issuer: 'https://ci.example.com', jwksUri: 'https://ci.example.com/jwks', audience: 'scopegate', claims: { repository: 'a/b' }, projectId: project.id, tokenId: policyToken.id, maxLifetimeSeconds: 600 },
  });
  const enrollmentToken = await prisma.enrollmentToken.create({
    data: { projectId: project.id, name: 'fleet', digest: `digest-${crypto.randomUUID()}`, displayPrefix: 'scopegate_enr_xxxx', maxUses: 1, expiresAt: new Date(Date.now() + 3_600_000), createdById: owner.id },
  });
  const userCode = generateUserCode();
  await prisma.deviceCode.create({
    data: { deviceCodeDigest: digestCode(generateDeviceCode()), userCodeDigest: digestCode(userCode), projectId: project.id, intervalSeconds: 5, expiresAt: new Date(Date.now() + 600_000) },
  });
  return { owner, outsider, admin, victim, project, device, withGrant, credentials, tokenIds, webhook, delivery, trustPolicy, enrollmentToken, userCode: formatUserCode(userCode) };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'TOKEN_MANAGEMENT' | 'METHOD_NOT_ALLOWED' | 'MISSING_GRANT' | 'BAD_USER_INPUT' | 'ROLE';

interface Row {
  field: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows mix operations of every shape
  op: (w: World) => { document: TypedDocumentNode<any, any>; variables?: Record<string, unknown> };
  /** The grant that makes the field work for a CUSTOM token ('none': no grant needed). */
  need: Grant | 'none';
  /** What "the token without the grant" holds: a grant that does not cover, or a method list without the field. */
  without: Grant | 'method';
  expect: Record<Caller, Outcome>;
  /** Proves an 'ok' answer is real data, not an empty success. */
  check: (data: any, w: World, caller: Caller) => void;
}

const P = 'P';
const D = 'D';
const tokenField = (extra: Partial<Record<Caller, Outcome>> = {}): Record<Caller, Outcome> => ({
  anonymous: 'UNAUTHENTICATED',
  nonMember: 'ROLE',
  member: 'ok',
  admin: 'ok',
  tokenWithout: 'MISSING_GRANT',
  tokenWith: 'ok',
  adminToken: 'ok',
  ...extra,
});
const sessionField = (extra: Partial<Record<Caller, Outcome>> = {}): Record<Caller, Outcome> => ({
  anonymous: 'UNAUTHENTICATED',
  nonMember: 'ok',
  member: 'ok',
  admin: 'ok',
  tokenWithout: 'TOKEN_MANAGEMENT',
  tokenWith: 'TOKEN_MANAGEMENT',
  adminToken: 'TOKEN_MANAGEMENT',
  ...extra,
});
/** For an object the caller's owner cannot see: "not visible", exactly as if it did not exist. */
const hidden = tokenField({ nonMember: 'BAD_USER_INPUT' });
const adminField = sessionField({ nonMember: 'ROLE', member: 'ROLE' });
const openToTokens = tokenField({ nonMember: 'ok', tokenWithout: 'METHOD_NOT_ALLOWED' });

const ViewerQ = graphql(`query EnfViewer { viewer { authMethod } }`);
const ProjectsQ = graphql(`query EnfProjects { projects(last: 100) { nodes { id } } }`);
const ProjectQ = graphql(`query EnfProject($id: ID!) { project(id: $id) { id name } }`);
const DevicesQ = graphql(`query EnfDevices($projectId: ID!) { devices(projectId: $projectId) { nodes { id } } }`);
const DeviceQ = graphql(`query EnfDevice($id: ID!) { device(id: $id) { id } }`);
const MyTokensQ = graphql(`query EnfMyTokens { myTokens { nodes { id } } }`);
const TokenQ = graphql(`query EnfToken($id: ID!) { token(id: $id) { id } }`);
const AdminTokensQ = graphql(`query EnfAdminTokens { adminTokens(first: 5) { totalCount edges { node { id } } } }`);
const UsersQ = graphql(`query EnfUsers { users(first: 1) { totalCount nodes { id } } }`);
const TokenPolicyQ = graphql(`query EnfTokenPolicy { tokenPolicy { requireExpiry } }`);
const ApiMethodSetsQ = graphql(`query EnfApiMethodSets { apiMethodSets { key methods } }`);
const ApiMethodsQ = graphql(`query EnfApiMethods { apiMethods }`);
const LoginM = graphql(`mutation EnfLogin($email: String!, $password: String!) { login(email: $email, password: $password) { user { id } } }`);
const LogoutM = graphql(`mutation EnfLogout { logout }`);
const CreateUserM = graphql(`mutation EnfCreateUser($email: String!) { createUser(email: $email, password: "a long enough password") { id } }`);
const DeleteUserM = graphql(`mutation EnfDeleteUser($id: ID!) { deleteUser(id: $id) }`);
const ChangePasswordM = graphql(
  `mutation EnfChangePassword($current: String!) { changePassword(currentPassword: $current, newPassword: "a brand new password") }`,
);
const ResetPasswordM = graphql(`mutation EnfResetPassword($userId: ID!) { resetPassword(userId: $userId) { temporaryPassword user { id } } }`);
const CreateProjectM = graphql(`mutation EnfCreateProject { createProject(name: "new") { id name } }`);
const UpdateProjectM = graphql(`mutation EnfUpdateProject($id: ID!) { updateProject(id: $id, name: "renamed") { name } }`);
const DeleteProjectM = graphql(`mutation EnfDeleteProject($id: ID!) { deleteProject(id: $id) }`);
const AddMemberM = graphql(
  `mutation EnfAddMember($projectId: ID!, $userId: ID!) { addProjectMember(projectId: $projectId, userId: $userId, role: VIEWER) { role } }`,
);
const RemoveMemberM = graphql(`mutation EnfRemoveMember($projectId: ID!, $userId: ID!) { removeProjectMember(projectId: $projectId, userId: $userId) }`);
const CreateDeviceM = graphql(`mutation EnfCreateDevice($projectId: ID!) { createDevice(projectId: $projectId, name: "new") { id name } }`);
const UpdateDeviceM = graphql(`mutation EnfUpdateDevice($id: ID!) { updateDevice(id: $id, status: ONLINE) { status lastSeenAt } }`);
const DeleteDeviceM = graphql(`mutation EnfDeleteDevice($id: ID!) { deleteDevice(id: $id) }`);
const CreateTokenM = graphql(
  `mutation EnfCreateToken($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { secret } }`,
);
const RevokeTokenM = graphql(`mutation EnfRevokeToken($id: ID!) { revokeToken(id: $id, reason: "table") { status } }`);
const AuditEventsQ = graphql(`query EnfAuditEvents($tokenId: ID!) { auditEvents(filter: { tokenId: $tokenId }) { totalCount edges { node { kind } } } }`);
const UpdateTokenM = graphql(`mutation EnfUpdateToken($id: ID!, $password: String!) { updateToken(id: $id, input: { name: "edited" }, password: $password) { name } }`);
const RegenerateTokenM = graphql(`mutation EnfRegenerateToken($id: ID!, $password: String!) { regenerateToken(id: $id, password: $password) { secret token { id } } }`);
const CopyTokenM = graphql(`mutation EnfCopyToken($id: ID!, $password: String!) { copyToken(id: $id, name: "copy", password: $password) { secret token { name } } }`);
const ExplainQ = graphql(`query EnfExplain($id: ID!) { explainToken(id: $id, query: "{ viewer { authMethod } }") { path allowed } }`);
const ApplySuggestedM = graphql(`mutation EnfApplySuggested($id: ID!, $password: String!) { applySuggestedGrants(id: $id, password: $password) { id } }`);
const MarkReadM = graphql(`mutation EnfMarkRead { markNotificationsRead }`);
const WebhooksQ = graphql(`query EnfWebhooks($projectId: ID) { webhooks(projectId: $projectId) { nodes { id } } }`);
const WebhookDeliveriesQ = graphql(`query EnfWebhookDeliveries($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id } } } }`);
const CreateWebhookM = graphql(
  `mutation EnfCreateWebhook($projectId: ID) { createWebhook(input: { url: "https://1.1.1.1/new", events: [TOKEN_CREATED], projectId: $projectId }) { secret webhook { id } } }`,
);
const UpdateWebhookM = graphql(`mutation EnfUpdateWebhook($id: ID!) { updateWebhook(id: $id, input: { events: [TOKEN_EXPIRING] }) { events } }`);
const DeleteWebhookM = graphql(`mutation EnfDeleteWebhook($id: ID!) { deleteWebhook(id: $id) }`);
const RedeliverWebhookM = graphql(`mutation EnfRedeliverWebhook($id: ID!) { redeliverWebhook(deliveryId: $id) { messageId status } }`);
const SetPolicyM = graphql(`mutation EnfSetPolicy { setTokenPolicy(input: { customTokensAdminOnly: false }) { customTokensAdminOnly } }`);
const TrustPoliciesQ = graphql(`query EnfTrustPolicies($projectId: ID) { trustPolicies(projectId: $projectId) { nodes { id } } }`);
const CreateTrustPolicyM = graphql(`mutation EnfCreateTrustPolicy($input: CreateTrustPolicyInput!) { createTrustPolicy(input: $input) { id name } }`);
const UpdateTrustPolicyM = graphql(`mutation EnfUpdateTrustPolicy($id: ID!) { updateTrustPolicy(id: $id, input: { name: "renamed" }) { name } }`);
const DeleteTrustPolicyM = graphql(`mutation EnfDeleteTrustPolicy($id: ID!) { deleteTrustPolicy(id: $id) }`);
const EnrollmentTokensQ = graphql(`query EnfEnrollmentTokens($projectId: ID!) { enrollmentTokens(projectId: $projectId) { nodes { id remainingUses } } }`);
const CreateEnrollmentTokenM = graphql(
  `mutation EnfCreateEnrollmentToken($projectId: ID!, $expiresAt: DateTime!) { createEnrollmentToken(input: { projectId: $projectId, name: "fleet", maxUses: 2, expiresAt: $expiresAt }) { secret } }`,
);
const RevokeEnrollmentTokenM = graphql(`mutation EnfRevokeEnrollmentToken($id: ID!) { revokeEnrollmentToken(id: $id) { status } }`);
const EnrollDeviceM = graphql(`mutation EnfEnrollDevice { enrollDevice(name: "enrolled") { deviceId } }`);
const DeviceCodeQ = graphql(`query EnfDeviceCode($userCode: String!) { deviceCode(userCode: $userCode) { projectId status } }`);
const ApproveDeviceCodeM = graphql(`mutation EnfApproveDeviceCode($userCode: String!) { approveDeviceCode(userCode: $userCode) { status } }`);
const DenyDeviceCodeM = graphql(`mutation EnfDenyDeviceCode($userCode: String!) { denyDeviceCode(userCode: $userCode) { status } }`);

/** A project's webhooks: its OWNERs and admins; a project one cannot see answers like a missing one. */
const webhookField = sessionField({ nonMember: 'BAD_USER_INPUT' });

const rows: Row[] = [
  {
    field: 'Query.webhooks',
    op: (w) => ({ document: WebhooksQ, variables: { projectId: w.project.id } }),
    need: 'none',
    without: 'method',
    expect: webhookField,
    check: (d, w) => expect(d.webhooks.nodes.map((h: { id: string }) => h.id)).toEqual([w.webhook.id]),
  },
  {
    field: 'Query.webhookDeliveries',
    op: (w) => ({ document: WebhookDeliveriesQ, variables: { id: w.webhook.id } }),
    need: 'none',
    without: 'method',
    expect: webhookField,
    check: (d, w) => expect(d.webhookDeliveries.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([w.delivery.id]),
  },
  {
    field: 'Mutation.createWebhook',
    op: (w) => ({ document: CreateWebhookM, variables: { projectId: w.project.id } }),
    need: 'none',
    without: 'method',
    expect: webhookField,
    check: (d) => expect(d.createWebhook.secret).toMatch(/^whsec_/),
  },
  {
    field: 'Mutation.updateWebhook',
    op: (w) => ({ document: UpdateWebhookM, variables: { id: w.webhook.id } }),
    need: 'none',
    without: 'method',
    expect: webhookField,
    check: (d) => expect(d.updateWebhook.events).toEqual(['TOKEN_EXPIRING']),
  },
  {
    field: 'Mutation.deleteWebhook',
    op: (w) => ({ document: DeleteWebhookM, variables: { id: w.webhook.id } }),
    need: 'none',
    without: 'method',
    expect: webhookField,
    check: (d) => expect(d.deleteWebhook).toBe(true),
  },
  {
    field: 'Mutation.redeliverWebhook',
    op: (w) => ({ document: RedeliverWebhookM, variables: { id: w.delivery.id } }),
    need: 'none',
    without: 'method',
    expect: webhookField,
    check: (d) => expect(d.redeliverWebhook).toEqual({ messageId: 'msg_table', status: 'PENDING' }),
  },
  {
    field: 'Query.viewer',
    op: () => ({ document: ViewerQ }),
    need: 'none',
    without: 'method',
    expect: { ...openToTokens, anonymous: 'ok' },
    check: (d, _w, c) => expect(d.viewer.authMethod).toBe(c === 'anonymous' ? 'ANONYMOUS' : c.startsWith('token') || c === 'adminToken' ? 'ACCESS_TOKEN' : 'SESSION'),
  },
  {
    field: 'Query.projects',
    op: () => ({ document: ProjectsQ }),
    need: grant('PROJECT', 'READ', { projectId: P }),
    without: grant('DEVICE', 'WRITE', { projectId: P }),
    expect: tokenField({ nonMember: 'ok' }),
    check: (d, w, c) => expect(d.projects.nodes.some((p: { id: string }) => p.id === w.project.id)).toBe(c !== 'nonMember'),
  },
  {
    field: 'Query.project',
    op: (w) => ({ document: ProjectQ, variables: { id: w.project.id } }),
    need: grant('PROJECT', 'READ', { projectId: P }),
    without: grant('DEVICE', 'WRITE', { projectId: P }),
    // What the caller's owner cannot see answers like what does not exist.
    expect: tokenField({ nonMember: 'ok' }),
    check: (d, w, c) => expect(d.project?.id ?? null).toBe(c === 'nonMember' ? null : w.project.id),
  },
  {
    field: 'Query.devices',
    op: (w) => ({ document: DevicesQ, variables: { projectId: w.project.id } }),
    need: grant('DEVICE', 'READ', { projectId: P }),
    without: grant('PROJECT', 'WRITE', { projectId: P }),
    expect: hidden,
    check: (d, w) => expect(d.devices.nodes.map((x: { id: string }) => x.id)).toEqual([w.device.id]),
  },
  {
    field: 'Query.device',
    op: (w) => ({ document: DeviceQ, variables: { id: w.device.id } }),
    need: grant('DEVICE', 'READ', { deviceId: D, projectId: P }),
    without: grant('PROJECT', 'WRITE', { projectId: P }),
    expect: tokenField({ nonMember: 'ok' }),
    check: (d, w, c) => expect(d.device?.id ?? null).toBe(c === 'nonMember' ? null : w.device.id),
  },
  {
    field: 'Query.myTokens',
    op: () => ({ document: MyTokensQ }),
    need: 'none',
    without: 'method',
    expect: sessionField(),
    check: (d, w, c) => expect(d.myTokens.nodes.some((t: { id: string }) => t.id === w.withGrant.id)).toBe(c === 'member'),
  },
  {
    field: 'Query.token',
    op: (w) => ({ document: TokenQ, variables: { id: w.withGrant.id } }),
    need: 'none',
    without: 'method',
    expect: sessionField(),
    // Its owner and admins see it; anyone else gets null, as for a token that does not exist.
    check: (d, w, c) => expect(d.token?.id ?? null).toBe(c === 'member' || c === 'admin' ? w.withGrant.id : null),
  },
  {
    field: 'Query.adminTokens',
    op: () => ({ document: AdminTokensQ }),
    need: 'none',
    without: 'method',
    expect: adminField,
    check: (d) => expect(d.adminTokens.totalCount).toBeGreaterThanOrEqual(3),
  },
  {
    field: 'Query.users',
    op: () => ({ document: UsersQ }),
    need: 'none',
    without: 'method',
    expect: adminField,
    check: (d) => expect([d.users.nodes.length, d.users.totalCount > 0]).toEqual([1, true]),
  },
  {
    field: 'Query.tokenPolicy',
    op: () => ({ document: TokenPolicyQ }),
    need: 'none',
    without: 'method',
    expect: openToTokens,
    check: (d) => expect(typeof d.tokenPolicy.requireExpiry).toBe('boolean'),
  },
  {
    field: 'Query.apiMethodSets',
    op: () => ({ document: ApiMethodSetsQ }),
    need: 'none',
    without: 'method',
    expect: openToTokens,
    check: (d) => expect(d.apiMethodSets.map((s: { key: string }) => s.key)).toEqual(['READ_ONLY', 'DEVICE_OPERATOR', 'PROJECT_ADMIN']),
  },
  {
    field: 'Query.apiMethods',
    op: () => ({ document: ApiMethodsQ }),
    need: 'none',
    without: 'method',
    expect: openToTokens,
    check: (d) => expect(d.apiMethods).toContain('Mutation.updateDevice'),
  },
  {
    field: 'Mutation.login',
    op: (w) => ({ document: LoginM, variables: { email: w.owner.email, password: PASSWORD } }),
    need: 'none',
    without: 'method',
    expect: { ...sessionField(), anonymous: 'ok' },
    check: (d, w) => expect(d.login.user.id).toBe(w.owner.id),
  },
  {
    field: 'Mutation.logout',
    op: () => ({ document: LogoutM }),
    need: 'none',
    without: 'method',
    expect: sessionField(),
    check: (d) => expect(d.logout).toBe(true),
  },
  {
    field: 'Mutation.createUser',
    op: () => ({ document: CreateUserM, variables: { email: `new-${crypto.randomUUID()}@example.test` } }),
    need: 'none',
    without: 'method',
    expect: adminField,
    check: (d) => expect(d.createUser.id).toMatch(/^[0-9a-f-]{36}$/),
  },
  {
    field: 'Mutation.deleteUser',
    op: (w) => ({ document: DeleteUserM, variables: { id: w.victim.id } }),
    need: 'none',
    without: 'method',
    expect: adminField,
    check: (d) => expect(d.deleteUser).toBe(true),
  },
  {
    field: 'Mutation.changePassword',
    op: () => ({ document: ChangePasswordM, variables: { current: PASSWORD } }),
    need: 'none',
    without: 'method',
    expect: sessionField(),
    check: (d) => expect(d.changePassword).toBe(true),
  },
  {
    field: 'Mutation.resetPassword',
    op: (w) => ({ document: ResetPasswordM, variables: { userId: w.victim.id } }),
    need: 'none',
    without: 'method',
    expect: adminField,
    check: (d, w) => expect(d.resetPassword).toEqual({ temporaryPassword: expect.stringMatching(/^[\w-]{32}$/), user: { id: w.victim.id } }),
  },
  {
    field: 'Mutation.createProject',
    op: () => ({ document: CreateProjectM }),
    need: grant('PROJECT', 'WRITE'),
    without: grant('PROJECT', 'WRITE', { projectId: P }),
    expect: tokenField({ nonMember: 'ok' }),
    check: (d) => expect(d.createProject.name).toBe('new'),
  },
  {
    field: 'Mutation.updateProject',
    op: (w) => ({ document: UpdateProjectM, variables: { id: w.project.id } }),
    need: grant('PROJECT', 'WRITE', { projectId: P }),
    without: grant('PROJECT', 'READ', { projectId: P }),
    expect: hidden,
    check: (d) => expect(d.updateProject.name).toBe('renamed'),
  },
  {
    field: 'Mutation.deleteProject',
    op: (w) => ({ document: DeleteProjectM, variables: { id: w.project.id } }),
    need: grant('PROJECT', 'WRITE', { projectId: P }),
    without: grant('DEVICE', 'WRITE', { projectId: P }),
    expect: hidden,
    check: (d) => expect(d.deleteProject).toBe(true),
  },
  {
    field: 'Mutation.addProjectMember',
    op: (w) => ({ document: AddMemberM, variables: { projectId: w.project.id, userId: w.victim.id } }),
    need: grant('PROJECT', 'WRITE', { projectId: P }),
    without: grant('PROJECT', 'READ', { projectId: P }),
    expect: hidden,
    check: (d) => expect(d.addProjectMember.role).toBe('VIEWER'),
  },
  {
    field: 'Mutation.removeProjectMember',
    op: (w) => ({ document: RemoveMemberM, variables: { projectId: w.project.id, userId: w.victim.id } }),
    need: grant('PROJECT', 'WRITE', { projectId: P }),
    without: grant('DEVICE', 'WRITE'),
    expect: hidden,
    check: (d) => expect(d.removeProjectMember).toBe(true),
  },
  {
    field: 'Mutation.createDevice',
    op: (w) => ({ document: CreateDeviceM, variables: { projectId: w.project.id } }),
    need: grant('DEVICE', 'WRITE', { projectId: P }),
    without: grant('DEVICE', 'READ', { projectId: P }),
    expect: hidden,
    check: (d) => expect(d.createDevice.name).toBe('new'),
  },
  {
    field: 'Mutation.updateDevice',
    op: (w) => ({ document: UpdateDeviceM, variables: { id: w.device.id } }),
    need: grant('DEVICE', 'WRITE', { projectId: P, deviceId: D }),
    without: grant('DEVICE', 'READ'),
    expect: hidden,
    check: (d) => expect(d.updateDevice).toMatchObject({ status: 'ONLINE', lastSeenAt: expect.any(String) }),
  },
  {
    field: 'Mutation.deleteDevice',
    op: (w) => ({ document: DeleteDeviceM, variables: { id: w.device.id } }),
    need: grant('DEVICE', 'WRITE', { projectId: P }),
    without: grant('PROJECT', 'WRITE'),
    expect: hidden,
    check: (d) => expect(d.deleteDevice).toBe(true),
  },
  {
    field: 'Mutation.createToken',
    op: (w) => ({
      document: CreateTokenM,
      variables: {
        password: PASSWORD,
        input: { kind: 'CUSTOM', name: 'made by the table', grants: [{ entity: 'DEVICE', action: 'READ', projectId: w.project.id }] },
      },
    }),
    need: 'none',
    without: 'method',
    // An outsider cannot even see the project the grant names.
    expect: sessionField({ nonMember: 'BAD_USER_INPUT' }),
    check: (d) => expect(d.createToken.secret).toMatch(/^scopegate_tok_/),
  },
  {
    field: 'Mutation.revokeToken',
    op: (w) => ({ document: RevokeTokenM, variables: { id: w.withGrant.id } }),
    need: 'none',
    without: 'method',
    expect: sessionField({ nonMember: 'BAD_USER_INPUT' }),
    check: (d) => expect(d.revokeToken.status).toBe('REVOKED'),
  },
  {
    field: 'Query.auditEvents',
    op: (w) => ({ document: AuditEventsQ, variables: { tokenId: w.withGrant.id } }),
    need: 'none',
    without: 'method',
    expect: adminField,
    check: (d) => expect(d.auditEvents).toEqual({ totalCount: 1, edges: [{ node: { kind: 'CREATED' } }] }),
  },
  {
    field: 'Query.explainToken',
    op: (w) => ({ document: ExplainQ, variables: { id: w.withGrant.id } }),
    need: 'none',
    without: 'method',
    // Only whoever manages the token may dry-run it.
    expect: sessionField({ nonMember: 'BAD_USER_INPUT', admin: 'BAD_USER_INPUT' }),
    check: (d) => expect(d.explainToken).toEqual([{ path: 'viewer', allowed: true }, { path: 'viewer.authMethod', allowed: true }]),
  },
  {
    field: 'Mutation.applySuggestedGrants',
    op: (w) => ({ document: ApplySuggestedM, variables: { id: w.withGrant.id, password: PASSWORD } }),
    need: 'none',
    without: 'method',
    // The owner passes every check and learns there is no recorded use to narrow to yet.
    expect: sessionField({ nonMember: 'BAD_USER_INPUT', member: 'BAD_USER_INPUT', admin: 'BAD_USER_INPUT' }),
    check: () => {},
  },
  {
    field: 'Mutation.updateToken',
    op: (w) => ({ document: UpdateTokenM, variables: { id: w.withGrant.id, password: PASSWORD } }),
    need: 'none',
    without: 'method',
    // A personal token is its owner's alone: not even an admin may edit it.
    expect: sessionField({ nonMember: 'BAD_USER_INPUT', admin: 'BAD_USER_INPUT' }),
    check: (d) => expect(d.updateToken.name).toBe('edited'),
  },
  {
    field: 'Mutation.regenerateToken',
    op: (w) => ({ document: RegenerateTokenM, variables: { id: w.withGrant.id, password: PASSWORD } }),
    need: 'none',
    without: 'method',
    expect: sessionField({ nonMember: 'BAD_USER_INPUT', admin: 'BAD_USER_INPUT' }),
    check: (d, w) => expect(d.regenerateToken).toMatchObject({ secret: expect.stringMatching(/^scopegate_tok_/), token: { id: w.withGrant.id } }),
  },
  {
    field: 'Mutation.copyToken',
    op: (w) => ({ document: CopyTokenM, variables: { id: w.withGrant.id, password: PASSWORD } }),
    need: 'none',
    without: 'method',
    expect: sessionField({ nonMember: 'BAD_USER_INPUT', admin: 'BAD_USER_INPUT' }),
    check: (d) => expect(d.copyToken).toMatchObject({ secret: expect.stringMatching(/^scopegate_tok_/), token: { name: 'copy' } }),
  },
  {
    field: 'Mutation.markNotificationsRead',
    op: () => ({ document: MarkReadM }),
    need: 'none',
    without: 'method',
    expect: sessionField(),
    check: (d) => expect(d.markNotificationsRead).toBe(0),
  },
  {
    field: 'Mutation.setTokenPolicy',
    op: () => ({ document: SetPolicyM }),
    need: 'none',
    without: 'method',
    expect: adminField,
    check: (d) => expect(d.setTokenPolicy.customTokensAdminOnly).toBe(false),
  },
  {
    field: 'Query.trustPolicies',
    op: (w) => ({ document: TrustPoliciesQ, variables: { projectId: w.project.id } }),
    need: 'none',
    without: 'method',
    expect: sessionField({ nonMember: 'BAD_USER_INPUT' }),
    check: (d, w) => expect(d.trustPolicies.nodes).toEqual([{ id: w.trustPolicy.id }]),
  },
  {
    field: 'Mutation.createTrustPolicy',
    op: (w) => ({
      document: CreateTrustPolicyM,
      variables: {
        input: {
          name: 'made by the table',
          issuer: 'https://ci.example.com',
          jwksUri: 'https://ci.example.com/jwks',
          audience: 'scopegate',
          claims: { repository: 'a/b' },
          projectId: w.project.id,
          grants: [{ entity: 'DEVICE', action: 'READ' }],
          maxLifetimeSeconds: 600,
        },
      },
    }),
    need: 'none',
    without: 'method',
    expect: sessionField({ nonMember: 'BAD_USER_INPUT' }),
    check: (d) => expect(d.createTrustPolicy.name).toBe('made by the table'),
  },
  {
    field: 'Mutation.updateTrustPolicy',
    op: (w) => ({ document: UpdateTrustPolicyM, variables: { id: w.trustPolicy.id } }),
    need: 'none',
    without: 'method',
    expect: sessionField({ nonMember: 'BAD_USER_INPUT' }),
    check: (d) => expect(d.updateTrustPolicy.name).toBe('renamed'),
  },
  {
    field: 'Mutation.deleteTrustPolicy',
    op: (w) => ({ document: DeleteTrustPolicyM, variables: { id: w.trustPolicy.id } }),
    need: 'none',
    without: 'method',
    expect: sessionField({ nonMember: 'BAD_USER_INPUT' }),
    check: (d) => expect(d.deleteTrustPolicy).toBe(true),
  },
  {
    field: 'Query.enrollmentTokens',
    op: (w) => ({ document: EnrollmentTokensQ, variables: { projectId: w.project.id } }),
    need: 'none',
    without: 'method',
    expect: sessionField({ nonMember: 'BAD_USER_INPUT' }),
    check: (d, w) => expect(d.enrollmentTokens.nodes).toEqual([{ id: w.enrollmentToken.id, remainingUses: 1 }]),
  },
  {
    field: 'Mutation.createEnrollmentToken',
    op: (w) => ({ document: CreateEnrollmentTokenM, variables: { projectId: w.project.id, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } }),
    need: 'none',
    without: 'method',
    expect: sessionField({ nonMember: 'BAD_USER_INPUT' }),
    check: (d) => expect(d.createEnrollmentToken.secret).toMatch(/^scopegate_enr_/),
  },
  {
    field: 'Mutation.revokeEnrollmentToken',
    op: (w) => ({ document: RevokeEnrollmentTokenM, variables: { id: w.enrollmentToken.id } }),
    need: 'none',
    without: 'method',
    expect: sessionField({ nonMember: 'BAD_USER_INPUT' }),
    check: (d) => expect(d.revokeEnrollmentToken.status).toBe('REVOKED'),
  },
  {
    field: 'Mutation.enrollDevice',
    op: () => ({ document: EnrollDeviceM }),
    need: 'none',
    without: 'method',
    // Only an enrollment token may enroll (test/auth/enrollment.test.ts); every caller here is refused.
    expect: { anonymous: 'UNAUTHENTICATED', nonMember: 'ROLE', member: 'ROLE', admin: 'ROLE', tokenWithout: 'ROLE', tokenWith: 'ROLE', adminToken: 'ROLE' },
    check: () => {},
  },
  {
    field: 'Query.deviceCode',
    op: (w) => ({ document: DeviceCodeQ, variables: { userCode: w.userCode } }),
    need: 'none',
    without: 'method',
    // A code in a project the caller cannot see answers null, like a wrong code.
    expect: sessionField(),
    check: (d, w, c) => expect(d.deviceCode).toEqual(c === 'nonMember' ? null : { projectId: w.project.id, status: 'PENDING' }),
  },
  {
    field: 'Mutation.approveDeviceCode',
    op: (w) => ({ document: ApproveDeviceCodeM, variables: { userCode: w.userCode } }),
    need: 'none',
    without: 'method',
    expect: sessionField({ nonMember: 'BAD_USER_INPUT' }),
    check: (d) => expect(d.approveDeviceCode.status).toBe('APPROVED'),
  },
  {
    field: 'Mutation.denyDeviceCode',
    op: (w) => ({ document: DenyDeviceCodeM, variables: { userCode: w.userCode } }),
    need: 'none',
    without: 'method',
    expect: sessionField({ nonMember: 'BAD_USER_INPUT' }),
    check: (d) => expect(d.denyDeviceCode.status).toBe('DENIED'),
  },
];

function assertOutcome(response: Response<any>, outcome: Outcome, row: Row, world: World, caller: Caller) {
  const errors = JSON.stringify(response.body.errors);
  if (outcome === 'ok') {
    row.check(response.expectData(), world, caller);
    return;
  }
  const code = outcome === 'UNAUTHENTICATED' || outcome === 'BAD_USER_INPUT' ? outcome : 'FORBIDDEN';
  const error = response.expectError(code);
  if (code === 'FORBIDDEN') expect(error.extensions?.reason, errors).toBe(outcome);
  if (outcome === 'TOKEN_MANAGEMENT') expect(error.message).toMatch(/access tokens cannot manage tokens/i);
  // A refused root field yields no data for it.
  expect((response.body.data as Record<string, unknown> | null)?.[row.field.split('.')[1]!] ?? null).toBeNull();
}

function isConnection(type: GraphQLObjectType): boolean {
  return 'pageInfo' in type.getFields() && 'nodes' in type.getFields();
}

describe('enforcement table', () => {
  it('has a row for every root field of the schema', () => {
    const fields = [
      ...Object.keys(schema.getQueryType()!.getFields()).map((f) => `Query.${f}`),
      ...Object.keys(schema.getMutationType()!.getFields()).map((f) => `Mutation.${f}`),
    ].sort();
    expect(rows.map((r) => r.field).sort()).toEqual(fields);
  });

  it('every field below the root that returns projects, members or devices needs a method that reads them', () => {
    const guarded: Record<string, string> = { Project: 'Project', ProjectMember: 'Project', Device: 'Device' };
    const seen: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type === schema.getQueryType() || type === schema.getMutationType()) continue;
      // A connection and its edges are reached only through the connection field, judged as a list of its nodes.
      if (isConnection(type) || (type.name.endsWith('Edge') && 'cursor' in type.getFields())) continue;
      for (const field of Object.values(type.getFields())) {
        const named = getNamedType(field.type);
        const returns = isObjectType(named) && isConnection(named) ? getNamedType(named.getFields().nodes!.type).name : named.name;
        if (!(returns in guarded)) continue;
        const scopes = (field.extensions as { pothosOptions?: { authScopes?: unknown } }).pothosOptions?.authScopes;
        const map = (typeof scopes === 'function' ? scopes({ id: 'x', projectId: 'x' }, {}, {}, undefined) : scopes) as { reads?: string } | undefined;
        expect(map?.reads, `${type.name}.${field.name}`).toBe(guarded[returns]);
        seen.push(`${type.name}.${field.name}`);
      }
    }
    expect(seen.sort()).toEqual(['AccessToken.project', 'Device.project', 'Project.devices', 'Project.members', 'ScopeGrant.device', 'ScopeGrant.project', 'Webhook.project']);
  });

  describe.each(rows)('$field', (row) => {
    it.concurrent.each(CALLERS)(`%s`, async (caller) => {
      const world = await makeWorld(row.need, row.without);
      const { document, variables } = row.op(world);
      const response = await execute(gateway, document, variables, world.credentials[caller]);
      assertOutcome(response, row.expect[caller], row, world, caller);
    });
  });

  // explainToken runs the operation through the same path as the request: they must agree.
  const TOKEN_CALLERS = ['tokenWithout', 'tokenWith', 'adminToken'] as const;
  const Explain = graphql(`query EnfExplainRow($id: ID!, $query: String!, $variables: JSON) { explainToken(id: $id, query: $query, variables: $variables) { path allowed code reason } }`);
  describe.each(rows)('explainToken agrees with $field', (row) => {
    it.concurrent.each(TOKEN_CALLERS)(`%s`, async (caller) => {
      const world = await makeWorld(row.need, row.without);
      const { document, variables } = row.op(world);
      const manager = caller === 'adminToken' ? world.admin : world.owner;
      const explained = await execute(gateway, Explain, { id: world.tokenIds[caller], query: print(document), variables: variables ?? {} }, { session: manager.session });
      const root = explained.expectData().explainToken.find((e) => e.path === row.field.split('.')[1]);
      const outcome = row.expect[caller];
      const real = await execute(gateway, document, variables, world.credentials[caller]);
      assertOutcome(real, outcome, row, world, caller);
      if (outcome === 'ok') expect(root, JSON.stringify(explained.body)).toMatchObject({ allowed: true });
      else expect(root, JSON.stringify(explained.body)).toMatchObject({ allowed: false, reason: outcome });
    });
  });
});
