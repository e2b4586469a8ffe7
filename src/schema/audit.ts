import type { Prisma } from '../generated/prisma/client.js';
import { builder } from './builder.js';
import { adminSessionOnly, sessionOnly } from './access.js';
import { anchorSelect, countedConnection, keysetPage } from './pagination.js';
import * as valid from './validation.js';

export const TokenEventKindEnum = builder.enumType('TokenEventKind', {
  values: ['CREATED', 'UPDATED', 'REGENERATED', 'COPIED', 'REVOKED', 'EXPIRED', 'NEW_IP', 'DENIED_IP', 'ROTATED', 'ROTATED_SECRET_REUSED', 'EXPOSED', 'EXPIRING'] as const,
});

// Reached through AccessToken.events (session-only) and auditEvents (admins), both below.
const TokenEventType = builder.prismaObject('TokenEvent', {
  description: 'One entry of a token audit trail. Never contains a secret.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: TokenEventKindEnum }),
    token: t.relation('token'),
    actor: t.relation('actor', { nullable: true, description: 'Who did it; null for the gateway itself (expiry) and for uses.' }),
    ip: t.exposeString('ip', { nullable: true }),
    details: t.expose('details', { type: 'JSON', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const AuditEventFilter = builder.inputType('AuditEventFilter', {
  fields: (t) => ({
    tokenId: t.id({ required: false }),
    actorId: t.id({ required: false }),
    kinds: t.field({ type: [TokenEventKindEnum], required: false }),
    since: t.field({ type: 'DateTime', required: false }),
    until: t.field({ type: 'DateTime', required: false }),
  }),
});

type Filter = {
  tokenId?: string | number | null;
  actorId?: string | number | null;
  kinds?: readonly Prisma.TokenEventWhereInput['kind'][] | null;
  since?: Date | null;
  until?: Date | null;
};

function auditWhere(filter: Filter | null | undefined): Prisma.TokenEventWhereInput {
  if (!filter) return {};
  const where: Prisma.TokenEventWhereInput = {};
  if (filter.tokenId != null) where.tokenId = valid.uuid(String(filter.tokenId), 'filter.tokenId');
  if (filter.actorId != null) where.actorId = valid.uuid(String(filter.actorId), 'filter.actorId');
  if (filter.kinds != null) where.kind = { in: filter.kinds as never };
  if (filter.since != null || filter.until != null) {
    where.createdAt = { ...(filter.since ? { gte: filter.since } : {}), ...(filter.until ? { lt: filter.until } : {}) };
  }
  return where;
}

/** auditEvents and AccessToken.events. */
const AuditEventConnection = countedConnection(builder, TokenEventType, { connection: 'AuditEventConnection', edge: 'AuditEventEdge' });

builder.queryField('auditEvents', (t) =>
  t.prismaConnection(
    {
      type: 'TokenEvent',
      cursor: 'id',
      description: 'Every token event, newest first. Admin sessions only.',
      args: { filter: t.arg({ type: AuditEventFilter, required: false }) },
      authScopes: adminSessionOnly,
      totalCount: (_parent, args, ctx) => ctx.prisma.tokenEvent.count({ where: auditWhere(args.filter) }),
      resolve: async (query, _root, args, ctx) => {
        const page = await keysetPage(query, auditWhere(args.filter), {
          direction: 'desc',
          locate: (id) => ctx.prisma.tokenEvent.findUnique({ where: { id }, select: anchorSelect }),
        });
        return ctx.prisma.tokenEvent.findMany({ ...page.query, where: page.where, orderBy: page.orderBy });
      },
    },
    AuditEventConnection,
  ),
);

builder.prismaObjectField('AccessToken', 'events', (t) =>
  t.prismaConnection(
    {
      type: 'TokenEvent',
      cursor: 'id',
      description: "The token's audit trail, newest first. Sessions only.",
      authScopes: sessionOnly,
      totalCount: (token, _args, ctx) => ctx.prisma.tokenEvent.count({ where: { tokenId: token.id } }),
      resolve: async (query, token, _args, ctx) => {
        const page = await keysetPage(query, { tokenId: token.id }, {
          direction: 'desc',
          locate: (id) => ctx.prisma.tokenEvent.findFirst({ where: { id, tokenId: token.id }, select: anchorSelect }),
        });
        return ctx.prisma.tokenEvent.findMany({ ...page.query, where: page.where, orderBy: page.orderBy });
      },
    },
    AuditEventConnection,
  ),
);
