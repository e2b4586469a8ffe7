import { randomBytes } from 'node:crypto';
import { allowed } from '../auth/permissions.js';
import type { Prisma } from '../generated/prisma/client.js';
import { rateLimited, type Limit } from '../security/rate-limits.js';
import { checkWebhookHost, parseWebhookUrl, WebhookAddressError } from '../webhooks/addresses.js';
import { builder } from './builder.js';
import { sessionOnly } from './access.js';
import type { Context } from './context.js';
import { badInput, denial, forbidden, notFound } from './errors.js';
import * as valid from './validation.js';
import { anchorSelect, keysetPage } from './pagination.js';

/**
 * Webhooks: session only, like all token management. An instance-wide hook (no project) hears
 * every token and is the admins'; a project's hook hears that project's own PROJECT tokens and
 * is its OWNERs' (admins' too). A token that merely holds a grant on a project is not the
 * project's: its owner may not be one of the project's OWNERs. A hook the caller may not manage,
 * like a project they cannot see, answers as if it did not exist.
 */

const MAX_URL_LENGTH = 2_000;
/**
 * Redelivery is a person re-sending what a receiver missed, a handful at a time: more than this
 * per hour per hook is a loop or a flood aimed at the outbox.
 */
export const REDELIVERIES_PER_HOOK: Limit = { max: 60, windowMs: 3_600_000 };
/** A hook with this many deliveries waiting takes no redelivery until its receiver catches up. */
export const MAX_PENDING_PER_HOOK = 100;

export const WebhookEventEnum = builder.enumType('WebhookEvent', {
  values: [
    'TOKEN_CREATED',
    'TOKEN_UPDATED',
    'TOKEN_REGENERATED',
    'TOKEN_REVOKED',
    'TOKEN_EXPIRING',
    'TOKEN_EXPIRED',
    'TOKEN_EXPOSED',
    'TOKEN_IP_DENIED',
    'TOKEN_ROTATED_SECRET_REUSED',
  ] as const,
  description: 'The payload `type` is the dotted lower-case form: TOKEN_IP_DENIED is token.ip_denied. TOKEN_REGENERATED covers rotation too.',
});
const WebhookDeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', { values: ['PENDING', 'DELIVERED', 'FAILED'] as const });

builder.prismaObject('Webhook', {
  fields: (t) => ({
    id: t.exposeID('id'),
    url: t.exposeString('url'),
    events: t.field({ type: [WebhookEventEnum], resolve: (hook) => hook.events }),
    project: t.prismaField({
      type: 'Project',
      nullable: true,
      description: 'Null for an instance-wide hook.',
      authScopes: { reads: 'Project' },
      resolve: (query, hook, _args, ctx) => (hook.projectId ? ctx.prisma.project.findUnique({ ...query, where: { id: hook.projectId } }) : null),
    }),
    enabled: t.exposeBoolean('enabled'),
    failingSince: t.expose('failingSince', { type: 'DateTime', nullable: true, description: 'Since when every attempt has failed; 3 days of it disables the hook.' }),
    disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true }),
    disabledReason: t.exposeString('disabledReason', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.prismaObject('WebhookDelivery', {
  fields: (t) => ({
    id: t.exposeID('id'),
    messageId: t.exposeString('messageId', { description: 'The webhook-id header: the same on every attempt and on a redelivery.' }),
    event: t.field({ type: WebhookEventEnum, resolve: (d) => d.event }),
    status: t.field({ type: WebhookDeliveryStatusEnum, resolve: (d) => d.status }),
    attempts: t.exposeInt('attempts'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    nextAttemptAt: t.field({ type: 'DateTime', nullable: true, description: 'When it is tried next; null once delivered or failed.', resolve: (d) => (d.status === 'PENDING' ? d.nextAttemptAt : null) }),
    lastAttemptAt: t.expose('lastAttemptAt', { type: 'DateTime', nullable: true }),
    lastResponseStatus: t.exposeInt('lastResponseStatus', { nullable: true }),
    lastError: t.exposeString('lastError', { nullable: true }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
    payload: t.expose('payload', { type: 'JSON', description: 'The body as sent: it never holds a secret.' }),
  }),
});

interface CreatedWebhookShape {
  secret: string;
  webhookId: string;
}

const CreatedWebhookType = builder.objectRef<CreatedWebhookShape>('CreatedWebhook').implement({
  description: 'The only place a webhook signing secret ever appears. Store it now: it cannot be shown again.',
  fields: (t) => ({
    secret: t.exposeString('secret', { description: '`whsec_` and base64: give it as is to a Standard Webhooks library.' }),
    webhook: t.prismaField({
      type: 'Webhook',
      resolve: (query, parent, _args, ctx) => ctx.prisma.webhook.findUniqueOrThrow({ ...query, where: { id: parent.webhookId } }),
    }),
  }),
});

const CreateWebhookInput = builder.inputType('CreateWebhookInput', {
  fields: (t) => ({
    url: t.string({ required: true, description: 'http:// or https://; it must not resolve to a private, loopback or link-local address.' }),
    events: t.field({ type: [WebhookEventEnum], required: true }),
    projectId: t.id({ required: false, description: "The project whose tokens it hears (its OWNERs'); left out: every token (admins)." }),
  }),
});

const UpdateWebhookInput = builder.inputType('UpdateWebhookInput', {
  description: 'Fields left out stay as they are. Enabling a disabled hook starts its count of failures again, and makes you the one it is judged by: a hook whose maker is no longer an OWNER of its project (an admin, for an instance-wide hook) is disabled at its next event.',
  fields: (t) => ({
    url: t.string({ required: false }),
    events: t.field({ type: [WebhookEventEnum], required: false }),
    enabled: t.boolean({ required: false }),
  }),
});

/** Hooks the caller manages: every hook for admins, the hooks of the projects they own otherwise. */
function manageableWhere(ctx: Context): Prisma.WebhookWhereInput {
  const rights = ctx.principal.authority!.rights;
  if (rights.admin) return {};
  const owned = [...rights.roles].filter(([, role]) => role === 'OWNER').map(([id]) => id);
  return { projectId: { in: owned } };
}

/** May the caller manage hooks of this project (null: instance-wide)? Refuses with the reason. */
function requireManage(ctx: Context, projectId: string | null): void {
  const authority = ctx.principal.authority!;
  if (projectId === null) {
    if (!authority.rights.admin) throw forbidden('Instance-wide webhooks are for admins only; give projectId for a project you own.', 'ROLE');
    return;
  }
  // OWNERs hold PROJECT WRITE: the permission module's rule, not a second one.
  const requirement = { entity: 'PROJECT' as const, action: 'WRITE' as const, projectId };
  if (!allowed(authority, requirement)) throw denial(ctx.principal, requirement);
}

/** A project the caller can see, or "not visible" as for one that does not exist. */
async function visibleProjectId(ctx: Context, raw: string | number): Promise<string> {
  const id = valid.uuid(String(raw), 'projectId');
  const project = await ctx.prisma.project.findUnique({ where: { id }, select: { id: true } });
  if (!project || !allowed(ctx.principal.authority!, { entity: 'PROJECT', action: 'READ', projectId: id })) throw notFound('project', id);
  return id;
}

/** The hooks `webhooks` lists: those the caller manages, in one project when projectId is given. */
async function webhooksWhere(ctx: Context, projectId: string | number | null | undefined): Promise<Prisma.WebhookWhereInput> {
  if (projectId == null) return manageableWhere(ctx);
  const id = await visibleProjectId(ctx, projectId);
  requireManage(ctx, id);
  return { AND: [manageableWhere(ctx), { projectId: id }] };
}

async function hookFor(ctx: Context, raw: string | number, field = 'id') {
  const id = valid.uuid(String(raw), field);
  const hook = await ctx.prisma.webhook.findFirst({ where: { AND: [{ id }, manageableWhere(ctx)] } });
  if (!hook) throw notFound('webhook', id);
  return hook;
}

async function checkedUrl(ctx: Context, raw: string): Promise<string> {
  const text = valid.text(raw, 'url', MAX_URL_LENGTH, { singleLine: true });
  try {
    const url = parseWebhookUrl(text);
    await checkWebhookHost(url, ctx.config.webhooks.allowPrivate, (message) => ctx.log(`request ${ctx.requestId}: ${message}`));
    return url.toString();
  } catch (error) {
    if (error instanceof WebhookAddressError) throw badInput(error.message.startsWith('url') ? error.message : `url refused: ${error.message}`, 'url');
    throw error;
  }
}

function checkedEvents(events: readonly string[]) {
  if (events.length === 0) throw badInput('events must name at least one WebhookEvent.', 'events');
  return [...new Set(events)] as (typeof WebhookEventEnum.$inferType)[];
}

builder.queryFields((t) => ({
  webhooks: t.prismaConnection(
    {
      type: 'Webhook',
      cursor: 'id',
      description: "Hooks you manage, newest first: one project's with projectId, else every one (admins: all, OWNERs: their projects'). Sessions only.",
      args: { projectId: t.arg.id({ required: false }) },
      authScopes: sessionOnly,
      totalCount: async (_root, args, ctx) => ctx.prisma.webhook.count({ where: await webhooksWhere(ctx, args.projectId) }),
      resolve: async (query, _root, args, ctx) => {
        const where = await webhooksWhere(ctx, args.projectId);
        const page = await keysetPage(query, where, {
          direction: 'desc',
          locate: (id) => ctx.prisma.webhook.findFirst({ where: { AND: [{ id }, where] }, select: anchorSelect }),
        });
        return ctx.prisma.webhook.findMany({ ...page.query, where: page.where, orderBy: page.orderBy });
      },
    },
    { name: 'WebhookConnection' },
    { name: 'WebhookEdge' },
  ),
  webhookDeliveries: t.prismaConnection(
    {
      type: 'WebhookDelivery',
      cursor: 'id',
      description: "One hook's deliveries, newest first. Sessions of those who manage the hook only.",
      args: { webhookId: t.arg.id({ required: true }) },
      authScopes: sessionOnly,
      resolve: async (query, _root, args, ctx) => {
        const hook = await hookFor(ctx, args.webhookId, 'webhookId');
        const page = await keysetPage(query, { webhookId: hook.id }, {
          direction: 'desc',
          locate: (id) => ctx.prisma.webhookDelivery.findFirst({ where: { id, webhookId: hook.id }, select: anchorSelect }),
        });
        return ctx.prisma.webhookDelivery.findMany({ ...page.query, where: page.where, orderBy: page.orderBy });
      },
    },
    { name: 'WebhookDeliveryConnection' },
    { name: 'WebhookDeliveryEdge' },
  ),
}));

builder.mutationFields((t) => ({
  createWebhook: t.field({
    type: CreatedWebhookType,
    description: 'A hook for one project (its OWNERs) or, without projectId, for every token (admins). Returns its signing secret, once. Sessions only.',
    args: { input: t.arg({ type: CreateWebhookInput }) },
    authScopes: sessionOnly,
    resolve: async (_root, { input }, ctx) => {
      const projectId = input.projectId == null ? null : await visibleProjectId(ctx, input.projectId);
      requireManage(ctx, projectId);
      const events = checkedEvents(input.events);
      const url = await checkedUrl(ctx, input.url);
      const secret = `whsec_${randomBytes(32).toString('base64')}`;
      const hook = await ctx.prisma.webhook.create({
        data: { url, events, projectId, createdById: ctx.principal.user!.id, sealedSecret: ctx.sealWebhookSecret(secret) },
        select: { id: true },
      });
      return { secret, webhookId: hook.id };
    },
  }),
  updateWebhook: t.prismaField({
    type: 'Webhook',
    description: 'Sessions of those who manage the hook only.',
    args: { id: t.arg.id(), input: t.arg({ type: UpdateWebhookInput }) },
    authScopes: sessionOnly,
    resolve: async (query, _root, { id, input }, ctx) => {
      const hook = await hookFor(ctx, id);
      const data: Prisma.WebhookUpdateInput = {};
      if (input.url != null) data.url = await checkedUrl(ctx, input.url);
      if (input.events != null) data.events = checkedEvents(input.events);
      if (input.enabled === null) throw badInput('enabled cannot be null.', 'enabled');
      if (input.enabled === true) Object.assign(data, { enabled: true, failingSince: null, disabledAt: null, disabledReason: null });
      // Whoever turns a disabled hook back on answers for it from now on: a hook disabled because
      // its creator left is then judged by the one who enabled it (webhooks/outbox.ts).
      if (input.enabled === true && !hook.enabled) data.createdBy = { connect: { id: ctx.principal.user!.id } };
      if (input.enabled === false && hook.enabled) Object.assign(data, { enabled: false, disabledAt: new Date(), disabledReason: 'disabled by hand' });
      if (Object.keys(data).length === 0 && input.enabled === undefined) throw badInput('Nothing to change: give at least one field of input.', 'input');
      return ctx.prisma.webhook.update({ ...query, where: { id: hook.id }, data });
    },
  }),
  deleteWebhook: t.boolean({
    description: 'Deletes the hook and its deliveries. Sessions of those who manage the hook only.',
    args: { id: t.arg.id() },
    authScopes: sessionOnly,
    resolve: async (_root, { id }, ctx) => {
      const hook = await hookFor(ctx, id);
      await ctx.prisma.webhook.delete({ where: { id: hook.id } });
      return true;
    },
  }),
  redeliverWebhook: t.prismaField({
    type: 'WebhookDelivery',
    description: 'Sends a delivery again, as a new delivery with the same webhook-id and payload. Sessions of those who manage the hook only.',
    args: { deliveryId: t.arg.id() },
    authScopes: sessionOnly,
    resolve: async (query, _root, { deliveryId }, ctx) => {
      const id = valid.uuid(String(deliveryId), 'deliveryId');
      const original = await ctx.prisma.webhookDelivery.findFirst({ where: { id, webhook: manageableWhere(ctx) }, include: { webhook: { select: { enabled: true } } } });
      if (!original) throw notFound('webhook delivery', id);
      if (!original.webhook.enabled) throw badInput('This webhook is disabled: enable it with updateWebhook before redelivering.', 'deliveryId');
      // Counted per hook, whoever asks: several OWNERs (or sessions) of one project share it.
      const limit = await ctx.limiter.attempt(`redeliver:${original.webhookId}`, REDELIVERIES_PER_HOOK);
      if (limit.limited) throw rateLimited(`This webhook has been redelivered ${REDELIVERIES_PER_HOOK.max} times this hour; try again later.`, limit.retryAfterSeconds);
      const pending = await ctx.prisma.webhookDelivery.count({ where: { webhookId: original.webhookId, status: 'PENDING' } });
      if (pending >= MAX_PENDING_PER_HOOK) {
        throw badInput(`This webhook already has ${pending} deliveries waiting; redeliver once its receiver has caught up.`, 'deliveryId');
      }
      return ctx.prisma.webhookDelivery.create({
        ...query,
        data: {
          webhookId: original.webhookId,
          messageId: original.messageId,
          event: original.event,
          tokenEventId: original.tokenEventId,
          payload: original.payload as Prisma.InputJsonValue,
        },
      });
    },
  }),
}));
