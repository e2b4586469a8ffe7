/**
 * Account recovery through the API, as a person and an admin use it: changePassword and the
 * admin's resetPassword, with the sessions, tokens and sign-in limits they touch.
 */
import { describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { execute } from '../helpers/execute.js';
import { addMember, createProject, createSession, createToken, createUser, PASSWORD } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';
import { exchangedJwt } from '../helpers/token-endpoint.js';

// A low per-account limit, so that guessing through changePassword reaches it within a test.
const LIMIT = 3;
const { gateway, prisma } = await setupGateway({ env: { SCOPEGATE_LOGIN_LIMIT_PER_ACCOUNT: String(LIMIT) } });

const ChangePassword = graphql(
  `mutation AccChangePassword($current: String!, $new: String!) { changePassword(currentPassword: $current, newPassword: $new) }`,
);
const ResetPassword = graphql(
  `mutation AccResetPassword($userId: ID!) { resetPassword(userId: $userId) { temporaryPassword user { id email mustChangePassword } } }`,
);
const Login = graphql(`mutation AccLogin($email: String!, $password: String!) { login(email: $email, password: $password) { sessionToken } }`);
const Me = graphql(`query AccMe { viewer { authMethod user { id mustChangePassword } } }`);
const Members = graphql(`query AccMembers($id: ID!) { project(id: $id) { members { nodes { user { id mustChangePassword } } } } }`);
const Users = graphql(`query AccUsers($search: String) { users(search: $search) { nodes { id mustChangePassword } } }`);

const NEW_PASSWORD = 'a completely new passphrase';

async function login(email: string, password: string) {
  return execute(gateway, Login, { email, password });
}

/** The answer a session gets for a plain query: 200 while it works, 401 once it has ended. */
async function sessionStatus(session: string): Promise<number> {
  return (await execute(gateway, Me, {}, { session })).status;
}

const exchange = (secret: string) => exchangedJwt(gateway, secret);

describe('changePassword', () => {
  it('sets the new password, ends every other session of the user, and keeps this one', async () => {
    const user = await createUser(prisma);
    const other = await createSession(prisma, user.id);
    const bystander = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id });
    // Both sessions are in the gateway's credential cache before the change.
    expect(await sessionStatus(user.session)).toBe(200);
    expect(await sessionStatus(other)).toBe(200);

    const changed = await execute(gateway, ChangePassword, { current: PASSWORD, new: NEW_PASSWORD }, { session: user.session });
    expect(changed.expectData().changePassword).toBe(true);

    expect(await sessionStatus(user.session)).toBe(200);
    expect(await sessionStatus(other)).toBe(401);
    expect(await sessionStatus(bystander.session)).toBe(200);
    // An access token is a credential of its own, revoked on its own.
    expect((await execute(gateway, Me, {}, { token: token.secret })).expectData().viewer.authMethod).toBe('ACCESS_TOKEN');
    (await login(user.email, PASSWORD)).expectError('UNAUTHENTICATED');
    expect((await login(user.email, NEW_PASSWORD)).expectData().login.sessionToken).toBeTruthy();
  });

  it('refuses a wrong current password with BAD_USER_INPUT and counts it as a failed sign-in', async () => {
    const user = await createUser(prisma);
    for (let i = 0; i < LIMIT; i++) {
      const wrong = await execute(gateway, ChangePassword, { current: 'not my password at all', new: NEW_PASSWORD }, { session: user.session });
      expect(wrong.expectError('BAD_USER_INPUT').extensions?.field).toBe('currentPassword');
    }
    // The account's sign-in limit is used up: even the right password is refused for now, here
    // and at login, so a stolen session cannot keep guessing.
    const limited = await execute(gateway, ChangePassword, { current: PASSWORD, new: NEW_PASSWORD }, { session: user.session });
    expect(limited.status).toBe(429);
    limited.expectError('RATE_LIMITED');
    (await login(user.email, PASSWORD)).expectError('RATE_LIMITED');
    // Nothing changed: the session still works.
    expect(await sessionStatus(user.session)).toBe(200);
  });

  it('gives a right current password its attempt back', async () => {
    const user = await createUser(prisma);
    for (let i = 0; i < LIMIT - 1; i++) {
      (await execute(gateway, ChangePassword, { current: 'not my password at all', new: NEW_PASSWORD }, { session: user.session })).expectError('BAD_USER_INPUT');
    }
    (await execute(gateway, ChangePassword, { current: PASSWORD, new: NEW_PASSWORD }, { session: user.session })).expectData();
    expect((await login(user.email, NEW_PASSWORD)).expectData().login.sessionToken).toBeTruthy();
  });

  it('checks the new password before the current one, without counting an attempt', async () => {
    const user = await createUser(prisma);
    for (let i = 0; i < LIMIT + 1; i++) {
      const short = await execute(gateway, ChangePassword, { current: 'wrong, but never checked', new: 'short' }, { session: user.session });
      expect(short.expectError('BAD_USER_INPUT')).toMatchObject({ message: 'newPassword must be at least 12 characters.', extensions: { field: 'newPassword' } });
    }
    (await execute(gateway, ChangePassword, { current: PASSWORD, new: PASSWORD }, { session: user.session })).expectError('BAD_USER_INPUT');
    expect((await login(user.email, PASSWORD)).expectData().login.sessionToken).toBeTruthy();
  });

  it('is refused to an access token and to its JWT with TOKEN_MANAGEMENT, before the password is looked at', async () => {
    const user = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id });
    const jwt = await exchange(token.secret);
    for (const credential of [{ token: token.secret }, { token: jwt }]) {
      const refused = await execute(gateway, ChangePassword, { current: PASSWORD, new: NEW_PASSWORD }, credential);
      expect(refused.expectError('FORBIDDEN').extensions?.reason).toBe('TOKEN_MANAGEMENT');
    }
    (await execute(gateway, ChangePassword, { current: PASSWORD, new: NEW_PASSWORD }, undefined)).expectError('UNAUTHENTICATED');
    expect((await login(user.email, PASSWORD)).expectData().login.sessionToken).toBeTruthy();
  });
});

describe('resetPassword', () => {
  it('returns a one-time password that signs in once and asks for a new password', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const user = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id });
    expect(await sessionStatus(user.session)).toBe(200);

    const reset = (await execute(gateway, ResetPassword, { userId: user.id }, { session: admin.session })).expectData().resetPassword;
    expect(reset.user).toEqual({ id: user.id, email: user.email, mustChangePassword: true });
    expect(reset.temporaryPassword).toMatch(/^[\w-]{32}$/);

    // Every session of the user ended at once; their tokens did not.
    expect(await sessionStatus(user.session)).toBe(401);
    expect((await execute(gateway, Me, {}, { token: token.secret })).status).toBe(200);
    (await login(user.email, PASSWORD)).expectError('UNAUTHENTICATED');

    const first = (await login(user.email, reset.temporaryPassword)).expectData().login.sessionToken;
    expect((await execute(gateway, Me, {}, { session: first })).expectData().viewer.user).toEqual({ id: user.id, mustChangePassword: true });
    const again = (await login(user.email, reset.temporaryPassword)).expectError('UNAUTHENTICATED');
    expect(again.message).toMatch(/already been used/);

    // The session it opened chooses the new password with the one-time password as the current one.
    (await execute(gateway, ChangePassword, { current: reset.temporaryPassword, new: NEW_PASSWORD }, { session: first })).expectData();
    expect((await execute(gateway, Me, {}, { session: first })).expectData().viewer.user?.mustChangePassword).toBe(false);
    for (let i = 0; i < 2; i++) expect((await login(user.email, NEW_PASSWORD)).expectData().login.sessionToken).toBeTruthy();
  });

  it('lets exactly one of two simultaneous sign-ins use the one-time password', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const user = await createUser(prisma);
    const { temporaryPassword } = (await execute(gateway, ResetPassword, { userId: user.id }, { session: admin.session })).expectData().resetPassword;
    const answers = await Promise.all([login(user.email, temporaryPassword), login(user.email, temporaryPassword)]);
    expect(answers.map((a) => (a.body.errors ? a.body.errors[0]!.extensions?.code : 'ok')).sort()).toEqual(['UNAUTHENTICATED', 'ok']);
  });

  it('clears the sign-in limit the account had run into', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const user = await createUser(prisma);
    for (let i = 0; i < LIMIT; i++) (await login(user.email, 'a forgotten password')).expectError('UNAUTHENTICATED');
    (await login(user.email, PASSWORD)).expectError('RATE_LIMITED');
    const { temporaryPassword } = (await execute(gateway, ResetPassword, { userId: user.id }, { session: admin.session })).expectData().resetPassword;
    expect((await login(user.email, temporaryPassword)).expectData().login.sessionToken).toBeTruthy();
  });

  it('is for admin sessions only: FORBIDDEN ROLE for a member, TOKEN_MANAGEMENT for an admin token', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const member = await createUser(prisma);
    const user = await createUser(prisma);
    const adminToken = await createToken(prisma, { kind: 'USER', createdById: admin.id });
    const asMember = await execute(gateway, ResetPassword, { userId: user.id }, { session: member.session });
    expect(asMember.expectError('FORBIDDEN').extensions?.reason).toBe('ROLE');
    for (const credential of [{ token: adminToken.secret }, { token: await exchange(adminToken.secret) }]) {
      const refused = await execute(gateway, ResetPassword, { userId: user.id }, credential);
      expect(refused.expectError('FORBIDDEN').extensions?.reason).toBe('TOKEN_MANAGEMENT');
    }
    // Nothing happened to the user.
    expect(await sessionStatus(user.session)).toBe(200);
    expect((await login(user.email, PASSWORD)).expectData().login.sessionToken).toBeTruthy();
  });

  it('refuses an admin their own account, and answers unknown and deleted users alike', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const own = await execute(gateway, ResetPassword, { userId: admin.id }, { session: admin.session });
    expect(own.expectError('BAD_USER_INPUT').message).toMatch(/changePassword/);
    expect(await sessionStatus(admin.session)).toBe(200);

    const deleted = await createUser(prisma);
    await prisma.user.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    for (const id of [crypto.randomUUID(), deleted.id]) {
      const missing = await execute(gateway, ResetPassword, { userId: id }, { session: admin.session });
      expect(missing.expectError('BAD_USER_INPUT').message).toBe(`No user with id ${id} is visible to you.`);
    }
    expect((await execute(gateway, ResetPassword, { userId: 'not-a-uuid' }, { session: admin.session })).expectError('BAD_USER_INPUT').extensions?.field).toBe('userId');
  });

  it('shows mustChangePassword to the user and to admins only', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const user = await createUser(prisma);
    const colleague = await createUser(prisma);
    const project = await createProject(prisma, colleague.id);
    await addMember(prisma, project.id, user.id, 'VIEWER');
    await execute(gateway, ResetPassword, { userId: user.id }, { session: admin.session });

    const members = (await execute(gateway, Members, { id: project.id }, { session: colleague.session })).expectData().project!.members.nodes;
    expect(members.find((m) => m.user.id === user.id)?.user.mustChangePassword).toBeNull();
    expect(members.find((m) => m.user.id === colleague.id)?.user.mustChangePassword).toBe(false);
    // Found by its unique e-mail: paging through every user of the shared database would meet
    // other files' users, and a page's cursor user deleted by one of them is refused.
    const users = (await execute(gateway, Users, { search: user.email }, { session: admin.session })).expectData().users.nodes;
    expect(users).toEqual([{ id: user.id, mustChangePassword: true }]);
  });
});
