import { loginAccountKey, setTemporaryPassword } from '../auth/accounts.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { reachedOverTls } from '../auth/client-address.js';
import { clearedSessionCookies, sessionSetCookie } from '../auth/session-cookie.js';
import { digestSecret, generateSessionToken } from '../auth/token-format.js';
import { builder } from './builder.js';
import { adminSessionOnly, sessionOnly } from './access.js';
import { badInput, notFound, unauthenticated } from './errors.js';
import { rateLimited } from '../security/rate-limits.js';
import { confirmPassword } from './token-input.js';
import * as valid from './validation.js';
import { anchorSelect, keysetPage } from './pagination.js';
import type { Context } from './context.js';
import type { Prisma } from '../generated/prisma/client.js';

export const UserRoleEnum = builder.enumType('UserRole', { values: ['ADMIN', 'MEMBER'] as const });

// Users are only reachable through fields that already checked the caller (viewer, members,
// token owners, the admin list), so the type itself adds no scope.
export const UserType = builder.prismaObject('User', {
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    name: t.exposeString('name', { nullable: true }),
    role: t.expose('role', { type: UserRoleEnum }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    mustChangePassword: t.boolean({
      nullable: true,
      description:
        'True after an admin or an operator reset the password, until its owner chooses a new one with changePassword. Shown to the user themself and to admin sessions; null for anyone else.',
      // Whether someone holds a fresh one-time password is nobody else's business.
      resolve: (user, _args, ctx) => {
        const { principal } = ctx;
        const admin = principal.authMethod === 'SESSION' && principal.user?.role === 'ADMIN';
        return principal.user?.id === user.id || admin ? user.mustChangePassword : null;
      },
    }),
  }),
});

interface SessionShape {
  sessionToken: string;
  expiresAt: Date;
  userId: string;
}

const SessionType = builder.objectRef<SessionShape>('Session').implement({
  fields: (t) => ({
    sessionToken: t.exposeString('sessionToken'),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    user: t.prismaField({
      type: 'User',
      resolve: (query, session, _args, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: session.userId } }),
    }),
  }),
});

interface PasswordResetShape {
  temporaryPassword: string;
  userId: string;
}

const PasswordResetType = builder.objectRef<PasswordResetShape>('PasswordReset').implement({
  description: 'A one-time password, shown in this answer only.',
  fields: (t) => ({
    temporaryPassword: t.exposeString('temporaryPassword', {
      description: 'Signs in once; its owner then chooses their own password with changePassword.',
    }),
    user: t.prismaField({
      type: 'User',
      resolve: (query, reset, _args, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: reset.userId } }),
    }),
  }),
});

const ONE_TIME_PASSWORD_USED = 'This one-time password has already been used to sign in; ask an admin for a new one.';

/** Secure, under the `__Host-` name, whenever the request reached us (or our proxy) over TLS. */
function overTls(ctx: Context): boolean {
  return reachedOverTls(ctx.request.url, ctx.request.headers.get('x-forwarded-proto'), ctx.config.trustProxyHops);
}

const LIVE_USERS = { deletedAt: null };

function usersMatching(search: string | null | undefined): Prisma.UserWhereInput {
  const contains = valid.searchFilter(search);
  return contains ? { ...LIVE_USERS, OR: [{ email: contains }, { name: contains }] } : LIVE_USERS;
}

builder.queryField('users', (t) =>
  t.prismaConnection(
    {
      type: 'User',
      cursor: 'id',
      description: 'Every user, oldest first; with `search`, those whose e-mail or name contains it. Admin sessions only.',
      authScopes: adminSessionOnly,
      args: { search: t.arg.string({ required: false, description: 'Part of an e-mail address or a name, in any case.' }) },
      totalCount: (_root, args, ctx) => ctx.prisma.user.count({ where: usersMatching(args.search) }),
      resolve: async (query, _root, args, ctx) => {
        const where = usersMatching(args.search);
        const page = await keysetPage(query, where, {
          locate: (id) => ctx.prisma.user.findFirst({ where: { AND: [{ id }, where] }, select: anchorSelect }),
        });
        return ctx.prisma.user.findMany({ ...page.query, where: page.where, orderBy: page.orderBy });
      },
    },
    { name: 'UserConnection' },
    { name: 'UserEdge' },
  ),
);

builder.mutationFields((t) => ({
  login: t.field({
    type: SessionType,
    description: 'Opens a password session; also sets the HttpOnly `scopegate_session` cookie.',
    // An access token cannot open a browser session.
    authScopes: { notAccessToken: true },
    // Its attempt counters must outlive a refusal, so it runs outside the mutation transaction.
    extensions: { atomic: false },
    args: { email: t.arg.string(), password: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      const email = args.email.normalize('NFC').trim().toLowerCase().slice(0, 320);
      const { loginPerAccount, loginPerIp } = ctx.config.limits;
      const limits = [
        { key: loginAccountKey(email), limit: loginPerAccount },
        ...(ctx.clientIp ? [{ key: `login-ip:${ctx.clientIp}`, limit: loginPerIp }] : []),
      ];
      // A key already known to be over its limit refuses from memory, before anything is
      // written: a blocked address must not turn each new e-mail it tries into a row.
      const known = limits.map(({ key }) => ctx.limiter.isBlocked(key)).find((state) => state !== undefined);
      if (known) throw rateLimited('Too many failed sign-in attempts; try again later.', known.retryAfterSeconds);
      // Counted before the password is checked, so concurrent guesses cannot all slip under the
      // limit; every key is counted, then any one over its limit refuses without running argon2.
      const states = await Promise.all(limits.map(({ key, limit }) => ctx.limiter.attempt(key, limit)));
      const limited = states.find((state) => state.limited);
      if (limited) throw rateLimited('Too many failed sign-in attempts; try again later.', limited.retryAfterSeconds);
      const user = await ctx.prisma.user.findFirst({ where: { email, deletedAt: null } });
      // Unknown e-mail and wrong password take the same path and the same argon2 time.
      const ok = await verifyPassword(user?.passwordHash, args.password);
      if (!user || !ok) throw unauthenticated('Wrong e-mail or password.');
      if (user.mustChangePassword) {
        // A one-time password opens one session. Claimed with a conditional write, so two
        // sign-ins racing with it cannot both win; the attempt stays counted when refused.
        if (user.temporaryPasswordUsedAt) throw unauthenticated(ONE_TIME_PASSWORD_USED);
        const claimed = await ctx.prisma.user.updateMany({
          where: { id: user.id, passwordHash: user.passwordHash, temporaryPasswordUsedAt: null },
          data: { temporaryPasswordUsedAt: new Date() },
        });
        if (claimed.count === 0) throw unauthenticated(ONE_TIME_PASSWORD_USED);
      }
      // The address limit counts failures: a successful sign-in gives its attempt back.
      await Promise.all([ctx.limiter.reset(limits[0]!.key), ...limits.slice(1).map(({ key }) => ctx.limiter.refund(key))]);
      const sessionToken = generateSessionToken();
      const expiresAt = new Date(Date.now() + ctx.config.sessionTtlMs);
      await ctx.prisma.session.create({ data: { userId: user.id, digest: digestSecret(sessionToken), expiresAt } });
      ctx.responseHeaders.push(['Set-Cookie', sessionSetCookie(sessionToken, Math.floor(ctx.config.sessionTtlMs / 1000), overTls(ctx))]);
      return { sessionToken, expiresAt, userId: user.id };
    },
  }),
  logout: t.boolean({
    description: 'Ends the current session server-side and clears the cookie.',
    authScopes: sessionOnly,
    resolve: async (_root, _args, ctx) => {
      await ctx.prisma.session.update({ where: { id: ctx.principal.sessionId! }, data: { endedAt: new Date() } });
      await ctx.invalidate();
      for (const cookie of clearedSessionCookies(overTls(ctx))) ctx.responseHeaders.push(['Set-Cookie', cookie]);
      return true;
    },
  }),
  changePassword: t.boolean({
    description:
      'Sets a new password for the signed-in person. Password sessions only. Every other session of theirs ends; this one stays, and access tokens keep working. A wrong currentPassword counts as a failed sign-in of the account.',
    authScopes: sessionOnly,
    args: { currentPassword: t.arg.string(), newPassword: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      const newPassword = valid.newPassword(args.newPassword, 'newPassword');
      const userId = ctx.principal.user!.id;
      // Counted as a sign-in attempt of the account, like every password check.
      await confirmPassword(ctx, args.currentPassword, 'currentPassword');
      if (newPassword === args.currentPassword) throw badInput('newPassword must differ from currentPassword.', 'newPassword');
      const passwordHash = await hashPassword(newPassword);
      await ctx.prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: false, temporaryPasswordUsedAt: null } });
        await tx.session.updateMany({ where: { userId, endedAt: null, id: { not: ctx.principal.sessionId! } }, data: { endedAt: new Date() } });
      });
      await ctx.invalidate();
      return true;
    },
  }),
  resetPassword: t.field({
    type: PasswordResetType,
    description:
      "Admin sessions only. Replaces a user's password with a one-time password, returned in this answer only, and ends every session of theirs; their access tokens keep working. The password signs in once, and `mustChangePassword` is true until they choose their own. For your own password use changePassword.",
    authScopes: adminSessionOnly,
    args: { userId: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      const userId = valid.uuid(String(args.userId), 'userId');
      // An admin who knows their password has changePassword; this path would skip that check.
      if (userId === ctx.principal.user!.id) throw badInput('Use changePassword to change your own password.', 'userId');
      const reset = await setTemporaryPassword(ctx.prisma, userId);
      if (!reset) throw notFound('user', userId);
      // A rolled-back reset must not lift a lock-out: only a committed one does.
      await ctx.afterCommit(() => ctx.limiter.reset(loginAccountKey(reset.email)));
      await ctx.invalidate();
      return { temporaryPassword: reset.password, userId };
    },
  }),
  createUser: t.prismaField({
    type: 'User',
    description: 'Admin sessions only.',
    authScopes: adminSessionOnly,
    args: {
      email: t.arg.string(),
      password: t.arg.string(),
      name: t.arg.string({ required: false }),
      role: t.arg({ type: UserRoleEnum, required: false, defaultValue: 'MEMBER' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const email = valid.email(args.email);
      const password = valid.newPassword(args.password);
      const name = args.name == null ? null : valid.name(args.name);
      if (await ctx.prisma.user.findUnique({ where: { email }, select: { id: true } })) {
        throw badInput(`A user with e-mail ${email} already exists.`, 'email');
      }
      const passwordHash = await hashPassword(password);
      return ctx.prisma.user
        .create({ ...query, data: { email, name, role: args.role ?? 'MEMBER', passwordHash } })
        .catch((error: { code?: string }) => {
          if (error.code === 'P2002') throw badInput(`A user with e-mail ${email} already exists.`, 'email');
          throw error;
        });
    },
  }),
  deleteUser: t.boolean({
    description:
      'Admin sessions only. Revokes every token the user owns, ends their sessions and memberships, and frees the e-mail address; a later user with the same address never sees those tokens.',
    authScopes: adminSessionOnly,
    args: { id: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      const id = valid.uuid(String(args.id), 'id');
      if (id === ctx.principal.user?.id) throw badInput('You cannot delete yourself.', 'id');
      const now = new Date();
      const deleted = await ctx.prisma.$transaction(async (tx) => {
        const user = await tx.user.findFirst({ where: { id, deletedAt: null } });
        if (!user) return false;
        await tx.accessToken.updateMany({
          where: { ownerId: id, revokedAt: null },
          data: { revokedAt: now, revokedById: ctx.principal.user!.id, revokeReason: 'owner deleted' },
        });
        await tx.session.updateMany({ where: { userId: id, endedAt: null }, data: { endedAt: now } });
        await tx.projectMember.deleteMany({ where: { userId: id } });
        await tx.user.update({
          where: { id },
          data: { deletedAt: now, deletedEmail: user.email, email: `deleted+${id}@users.invalid` },
        });
        return true;
      });
      if (!deleted) throw notFound('user', id);
      await ctx.invalidate();
      return true;
    },
  }),
}));
