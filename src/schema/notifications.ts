import { builder } from './builder.js';
import { sessionOnly } from './access.js';
import { tokenWhereFor } from './token-input.js';
import { ViewerType } from './viewer.js';
import * as valid from './validation.js';
import { anchorSelect, keysetPage } from './pagination.js';

builder.prismaObject('Notification', {
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind', { description: 'TOKEN_EXPIRING, TOKEN_EXPIRED, TOKEN_UNUSED (revocation in 7 days), WEBHOOK_DELIVERY_FAILED, WEBHOOK_DISABLED, ENROLLMENT_TOKEN_EXPOSED or ENROLLMENT_TOKEN_REVOKED.' }),
    message: t.exposeString('message'),
    // Only a token the reader may see today: a former OWNER keeps the notice, not the token.
    token: t.prismaField({
      type: 'AccessToken',
      nullable: true,
      resolve: (query, notification, _args, ctx) =>
        notification.tokenId
          ? ctx.prisma.accessToken.findFirst({ ...query, where: { AND: [{ id: notification.tokenId }, tokenWhereFor(ctx, 'revoke')] } })
          : null,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    readAt: t.expose('readAt', { type: 'DateTime', nullable: true }),
  }),
});

builder.objectField(ViewerType, 'notifications', (t) =>
  t.prismaConnection(
    {
      type: 'Notification',
      cursor: 'id',
      description: "The signed-in user's notifications, newest first. Sessions only.",
      args: { unreadOnly: t.arg.boolean({ required: false, defaultValue: false }) },
      authScopes: sessionOnly,
      totalCount: (principal, args, ctx) =>
        ctx.prisma.notification.count({ where: { userId: principal.user!.id, ...(args.unreadOnly ? { readAt: null } : {}) } }),
      resolve: async (query, principal, args, ctx) => {
        const userId = principal.user!.id;
        // A cursor may name a notice read since: the page still starts after it.
        const page = await keysetPage(query, { userId, ...(args.unreadOnly ? { readAt: null } : {}) }, {
          direction: 'desc',
          locate: (id) => ctx.prisma.notification.findFirst({ where: { id, userId }, select: anchorSelect }),
        });
        return ctx.prisma.notification.findMany({ ...page.query, where: page.where, orderBy: page.orderBy });
      },
    },
    { name: 'NotificationConnection' },
    { name: 'NotificationEdge' },
  ),
);

builder.mutationField('markNotificationsRead', (t) =>
  t.int({
    description: 'Marks your notifications read (the given ones, or all); returns how many changed. Sessions only.',
    args: { ids: t.arg.idList({ required: false }) },
    authScopes: sessionOnly,
    resolve: async (_root, args, ctx) => {
      const ids = args.ids?.map((id, i) => valid.uuid(String(id), `ids[${i}]`));
      const { count } = await ctx.prisma.notification.updateMany({
        where: { userId: ctx.principal.user!.id, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
        data: { readAt: new Date() },
      });
      return count;
    },
  }),
);
